import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, expect } from "vitest";
import { heldCounterMismatches } from "./helpers";

// Every test file gets its own isolated D1 with the real migrations applied.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// After every test, concurrent ones included: each held-places counter equals the count it stands for.
afterEach(async () => {
  expect(await heldCounterMismatches()).toEqual([]);
});
