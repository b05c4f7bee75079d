// Where the app is, as links in mails must say it, and whether a request reached a
// local development server. Neither ever follows a Host header in production.
import type { Bindings } from "../env";
import { ApiError } from "./problem";

type OriginEnv = Pick<Bindings, "DEV_MODE" | "PUBLIC_ORIGIN">;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Development helpers (dev mailbox, D1 meter) answer only when the worker runs with
 * DEV_MODE (wrangler.toml [env.dev], never the deployed top level) and the request
 * reached it on a loopback address: a deployed worker is never reached as localhost.
 */
export const isLocalDevelopment = (env: OriginEnv, requestUrl: string) =>
  env.DEV_MODE === "true" && LOOPBACK.has(new URL(requestUrl).hostname);

/** The default port of `npm start`, for links the jobs write locally without a request. */
const LOCAL_ORIGIN = "http://localhost:8787";

/**
 * The origin every link in a mail is built from: the configured PUBLIC_ORIGIN; in local
 * development without one, the loopback address and port this request was served on (so a
 * second local server links to itself); otherwise none, and no mail with a link is written.
 */
export function publicOrigin(env: OriginEnv, requestUrl?: string): string | undefined {
  if (env.PUBLIC_ORIGIN) return new URL(env.PUBLIC_ORIGIN).origin;
  if (env.DEV_MODE !== "true") return undefined;
  if (!requestUrl) return LOCAL_ORIGIN;
  return isLocalDevelopment(env, requestUrl) ? new URL(requestUrl).origin : undefined;
}

/** The origin for links in the mails this request writes; a clear 503 when the installation has none. */
export function requirePublicOrigin(env: OriginEnv, requestUrl: string): string {
  const origin = publicOrigin(env, requestUrl);
  if (!origin) throw new ApiError("public_origin_missing");
  return origin;
}
