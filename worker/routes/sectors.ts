import { createRoute, z } from "@hono/zod-openapi";
import { listSectors } from "../db/sectors";
import { createRouter } from "../lib/router";
import { jsonContent } from "../lib/schemas";

export const SectorSchema = z
  .object({
    key: z.string().openapi({ example: "midwifery" }),
    name: z.object({ de: z.string(), en: z.string() }).openapi({ example: { de: "Hebammen", en: "Midwives" } }),
  })
  .openapi("Sector");

export const sectors = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/sectors",
    tags: ["Directory"],
    summary: "The professions an institution can belong to",
    responses: { 200: jsonContent(z.object({ items: z.array(SectorSchema) }), "All sectors in display order") },
  }),
  async (c) => {
    const rows = await listSectors(c.var.db);
    return c.json({ items: rows.map((s) => ({ key: s.key, name: { de: s.nameDe, en: s.nameEn } })) }, 200);
  },
);
