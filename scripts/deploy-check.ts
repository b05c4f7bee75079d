// What `npm run deploy` checks before it publishes: the configuration `wrangler deploy`
// would use (the top level of wrangler.toml, no --env) must be safe for production.
import { unstable_readConfig } from "wrangler";

export type DeployConfig = { vars: Record<string, unknown>; d1_databases: { database_id?: string }[] };

/** Everything that makes a configuration unsafe or unusable in production, in plain words; empty when fine. */
export function deployProblems(config: DeployConfig): string[] {
  const problems: string[] = [];
  if ("DEV_MODE" in config.vars)
    problems.push("DEV_MODE is set for production: remove it from the top-level [vars] (it belongs in [env.dev]).");
  const origin = String(config.vars.PUBLIC_ORIGIN ?? "");
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {}
  if (url?.protocol !== "https:" || url.origin !== origin.replace(/\/$/, ""))
    problems.push(
      `PUBLIC_ORIGIN must be the https origin people reach the app at, e.g. "https://netzwerkstatt.example" (is "${origin}").`,
    );
  if (config.d1_databases.some((d) => !d.database_id || /^0{8}-/.test(d.database_id)))
    problems.push("The D1 database_id is the placeholder: put the id from `wrangler d1 create` into wrangler.toml.");
  return problems;
}

/** The configuration `wrangler deploy` (without --env) reads. */
export const productionConfig = (configPath = "wrangler.toml") =>
  unstable_readConfig({ config: configPath }) as unknown as DeployConfig;

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = deployProblems(productionConfig());
  if (problems.length > 0) {
    console.error(`Not deploying:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
  console.log("Production configuration checked: no DEV_MODE, PUBLIC_ORIGIN set.");
}
