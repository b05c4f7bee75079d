import { env, exports } from "cloudflare:workers";
import { createDb } from "../worker/db/client";
import { seedDemoNetwork } from "../worker/db/seed";

export const db = () => createDb(env.DB);
export const seed = (now = new Date("2026-11-23T09:00:00Z")) => seedDemoNetwork(db(), now);

/** A request through the worker's own fetch handler, as a browser would send it. */
export const api = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(new Request(`http://localhost${path}`, init));

export const json = async <T = any>(response: Response): Promise<T> => (await response.json()) as T;
