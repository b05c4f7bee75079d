import { createRoute, z } from "@hono/zod-openapi";
import { auditLogEntries, auditLogPage, logAuditLogExport } from "../db/audit-log";
import { requireAuth } from "../lib/auth";
import { csvFile } from "../lib/csv";
import { organiserOfNetwork } from "../lib/guards";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";
import { formatBerlinDateTime } from "../lib/time";
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

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ description: "A calendar day in Berlin, YYYY-MM-DD", example: "2026-11-23" });

const FilterQuery = z.object({
  action: z.string().trim().min(1).max(100).optional().openapi({ example: "registrations.view" }),
  entityType: z.string().trim().min(1).max(100).optional().openapi({ example: "event" }),
  entityId: z.string().trim().min(1).max(100).optional(),
  from: day.optional().openapi({ description: "From this Berlin day (inclusive)" }),
  to: day.optional().openapi({ description: "Up to this Berlin day (inclusive)" }),
});

const PageQuery = FilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** At most this many rows in one export; a longer period is exported in parts by date. */
const EXPORT_LIMIT = 20_000;

export const auditLog = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/audit-log",
      tags: ["Directory"],
      summary: "Who did what with which record, when: newest first, filterable, in pages (organisers)",
      description:
        "Entries hold the acting account, the action, the entity type and id and, for edits, the names of the " +
        "fields changed: never values of personal data. `actions` lists the actions present, for a filter.",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam, query: PageQuery },
      responses: {
        200: jsonContent(
          z.object({
            items: z.array(EntrySchema),
            total: z.number().int().openapi({ description: "Entries matching the filter" }),
            actions: z.array(z.string()),
          }),
          "Newest first",
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { limit, offset, ...filter } = q;
      const page = await auditLogPage(c.var.db, c.var.network.id, filter, limit, offset);
      return c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/audit-log.csv",
      tags: ["Directory"],
      summary: "The audit log as CSV for German Excel, with the same filters (organisers)",
      description: `UTF-8 with BOM, \`;\`-separated, newest first, at most ${EXPORT_LIMIT} rows. The export itself is logged.`,
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam, query: FilterQuery },
      responses: {
        200: { description: "The CSV file", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const q = c.req.valid("query");
      const network = c.var.network;
      const rows = await auditLogEntries(c.var.db, network.id, q, EXPORT_LIMIT);
      const de = c.get("language") !== "en";
      const header = de
        ? ["Zeitpunkt (Berlin)", "Zeitpunkt (UTC)", "Konto", "Konto-ID", "Aktion", "Objektart", "Objekt-ID", "Felder"]
        : ["Time (Berlin)", "Time (UTC)", "Account", "Account id", "Action", "Entity type", "Entity id", "Fields"];
      const body = csvFile(
        header,
        rows.map((r) => [
          formatBerlinDateTime(new Date(r.at), de ? "de" : "en"),
          r.at,
          r.actor?.displayName ?? "",
          r.actor?.id ?? "",
          r.action,
          r.entityType,
          r.entityId,
          r.fields.join(", "),
        ]),
      );
      await logAuditLogExport(c.var.db, network.id, auth.accountId, q);
      return c.body(body, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="protokoll-${network.slug}.csv"`,
        "cache-control": "no-store",
      });
    },
  );
