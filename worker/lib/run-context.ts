import type { Context } from "hono";
import type { RunContext } from "../db/allocation";
import type { AppEnv } from "../env";
import { requirePublicOrigin } from "./origin";

/** What an allocation step needs from the request that runs it; links in its mails use the public origin only. */
export const runContextOf = (c: Context<AppEnv>): RunContext => ({
  db: c.var.db,
  now: new Date(),
  origin: requirePublicOrigin(c.env, c.req.url),
  locale: c.get("language") === "en" ? "en" : "de",
});
