import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";

export type Bindings = {
  DB: D1Database;
  ASSETS: Fetcher;
  /** "true" only in local development (wrangler.toml [vars]). */
  DEV_MODE?: string;
};

export type Locale = "de" | "en";

export type Variables = {
  db: DrizzleD1Database<typeof schema>;
  requestId: string;
  language: string;
};

export type AppEnv = { Bindings: Bindings; Variables: Variables };
