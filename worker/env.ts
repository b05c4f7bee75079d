import type { Db } from "./db/client";

export type Bindings = {
  DB: D1Database;
  ASSETS: Fetcher;
  /** "true" only in local development (wrangler.toml [vars]). */
  DEV_MODE?: string;
};

export type Locale = "de" | "en";

export type Variables = {
  db: Db;
  requestId: string;
  language: string;
};

export type AppEnv = { Bindings: Bindings; Variables: Variables };
