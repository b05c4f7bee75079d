// Loads the demo network into the local D1 that `wrangler dev` uses.
// NW_PERSIST_TO takes the same directory as `wrangler dev --persist-to`; wrangler keeps its
// state in a `v3` subfolder of that directory, while getPlatformProxy expects the subfolder itself.
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { createDb } from "../worker/db/client";
import { seedDemoNetwork } from "../worker/db/seed";

const persistTo = process.env.NW_PERSIST_TO;
const proxy = await getPlatformProxy<{ DB: D1Database }>({
  configPath: "wrangler.toml",
  environment: "dev",
  persist: persistTo ? { path: join(persistTo, "v3") } : true,
});
try {
  const result = await seedDemoNetwork(createDb(proxy.env.DB));
  console.log(
    `Demo networks ready: ${result.networks} networks, ${result.institutions} institutions, ${result.events} events.`,
  );
} finally {
  await proxy.dispose();
}
