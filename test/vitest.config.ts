import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
// The pool refuses to start without the assets directory; API tests do not need the built web app.
mkdirSync(`${root}web/dist`, { recursive: true });

export default defineConfig(async () => ({
  root,
  test: {
    projects: [
      {
        // API and domain tests in workerd, with the local environment's bindings (wrangler.toml [env.dev]).
        plugins: [
          cloudflareTest({
            wrangler: { configPath: `${root}wrangler.toml`, environment: "dev" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(`${root}migrations`),
                // The operators of the test installation (test/api/operator.test.ts).
                OPERATOR_EMAILS: "betrieb@netzwerkstatt.example, Zweitbetrieb@netzwerkstatt.example",
              },
            },
          }),
        ],
        test: {
          name: "workers",
          root,
          include: ["test/api/**/*.test.ts", "worker/**/*.test.ts"],
          setupFiles: ["test/apply-migrations.ts"],
        },
      },
      {
        // What runs outside the worker: configuration and scripts, in Node.
        test: { name: "node", root, include: ["test/node/**/*.test.ts"], environment: "node" },
      },
    ],
  },
}));
