// Loads the demo network into the local D1 that `wrangler dev` uses.
import { getPlatformProxy } from "wrangler";
import { createDb } from "../worker/db/client";
import { seedDemoNetwork } from "../worker/db/seed";

const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: "wrangler.toml", persist: true });
try {
  const result = await seedDemoNetwork(createDb(proxy.env.DB));
  console.log(`Demo network ready: ${result.institutions} institutions, ${result.events} events.`);
} finally {
  await proxy.dispose();
}
