import { createRoute, z } from "@hono/zod-openapi";
import { pingDatabase } from "../db/health";
import { createRouter } from "../lib/router";
import { jsonContent } from "../lib/schemas";

const HealthSchema = z.object({ status: z.literal("ok"), database: z.literal("ok") }).openapi("Health");

export const health = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["System"],
    summary: "Liveness and database check",
    responses: { 200: jsonContent(HealthSchema, "The worker and its database answer") },
  }),
  async (c) => {
    await pingDatabase(c.var.db);
    return c.json({ status: "ok" as const, database: "ok" as const }, 200);
  },
);
