import { createRoute, z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
import { accounts, auditLog as auditLogTable } from "../db/schema";
import { organiserOfNetwork } from "../lib/guards";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";
import { NetworkRefParam } from "./networks";

const EntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    fields: z.array(z.string()),
  })
  .openapi("AuditEntry");

export const auditLog = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/networks/{networkId}/audit-log",
    tags: ["Directory"],
    summary: "Who changed what, when: the newest 200 entries (organisers)",
    middleware: [organiserOfNetwork] as const,
    request: { params: NetworkRefParam },
    responses: {
      200: jsonContent(z.object({ items: z.array(EntrySchema) }), "Newest first"),
      ...problemResponses(401, 403, 404),
    },
  }),
  async (c) => {
    const rows = await c.var.db
      .select({ entry: auditLogTable, actorName: accounts.displayName })
      .from(auditLogTable)
      .leftJoin(accounts, eq(accounts.id, auditLogTable.actorAccountId))
      .where(eq(auditLogTable.networkId, c.var.network.id))
      .orderBy(desc(auditLogTable.at))
      .limit(200);
    const items = rows.map(({ entry: e, actorName }) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actorAccountId ? { id: e.actorAccountId, displayName: actorName ?? "" } : null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      fields: ((e.details as { fields?: string[] } | null)?.fields ?? []).filter((f) => typeof f === "string"),
    }));
    return c.json({ items }, 200);
  },
);
