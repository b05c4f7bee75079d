import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// End-to-end tests: plain Node vitest (not the workers pool) driving a real `wrangler dev` and Chromium.
const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
