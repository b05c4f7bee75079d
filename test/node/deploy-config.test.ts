// The configuration a plain deploy publishes: nothing meant for development can be on.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { deployProblems, productionConfig } from "../../scripts/deploy-check";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the deployed configuration", () => {
  it("has no DEV_MODE in what `wrangler deploy --dry-run` would upload", () => {
    const result = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--env=", "--outdir", ".wrangler/dry-run"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    });
    expect(result.status, result.stderr).toBe(0);
    // wrangler lists every binding it would upload, vars with their values.
    expect(result.stdout).toContain("env.PUBLIC_ORIGIN");
    expect(result.stdout).not.toMatch(/DEV_MODE/);
  }, 60_000);

  it("reads DEV_MODE only in the local environment", () => {
    expect(productionConfig(`${root}wrangler.toml`).vars).not.toHaveProperty("DEV_MODE");
    const dev = unstable_readConfig({ config: `${root}wrangler.toml`, env: "dev" });
    expect(dev.vars).toMatchObject({ DEV_MODE: "true" });
  });

  it("refuses to deploy the repository's configuration until a deployer sets the origin and database", () => {
    const problems = deployProblems(productionConfig(`${root}wrangler.toml`));
    expect(problems.join("\n")).toMatch(/PUBLIC_ORIGIN/);
    expect(problems.join("\n")).toMatch(/database_id/);
  });

  it("accepts a production configuration and names each unsafe setting", () => {
    const db = [{ database_id: "3f1c2a9e-1111-4222-8333-444455556666" }];
    expect(deployProblems({ vars: { PUBLIC_ORIGIN: "https://netzwerkstatt.example" }, d1_databases: db })).toEqual([]);
    expect(
      deployProblems({ vars: { PUBLIC_ORIGIN: "https://netzwerkstatt.example", DEV_MODE: "false" }, d1_databases: db }),
    ).toHaveLength(1);
    for (const PUBLIC_ORIGIN of ["", "http://netzwerkstatt.example", "https://netzwerkstatt.example/app", "localhost"])
      expect(deployProblems({ vars: { PUBLIC_ORIGIN }, d1_databases: db })).toHaveLength(1);
  });
});
