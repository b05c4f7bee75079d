import { createRoute, z } from "@hono/zod-openapi";
import { type AuditLogEntry, auditLogEntries, auditLogPage, logAuditLogExport } from "../db/audit-log";
import { actionGroups, csvHeader } from "../domain/audit-labels";
import { requireAuth } from "../lib/auth";
import { csvFile } from "../lib/csv";
import { organiserOfNetwork } from "../lib/guards";
import { localeOf } from "../lib/problem";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";
import { formatBerlinDateTime } from "../lib/time";
import { NetworkRefParam } from "./networks";

const EntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    actorEmail: z.string().nullable().openapi({
      description: "The acting account's address, for organisers and operators, or for anyone without a display name",
    }),
    actorRole: z
      .string()
      .openapi({ description: "The actor's role in the network today, in words", example: "Organisation" }),
    action: z.string(),
    actionLabel: z.string().openapi({ example: "Unterschriftenliste erstellt (PDF)" }),
    actionGroup: z.enum(actionGroups).nullable(),
    actionGroupLabel: z.string().nullable(),
    entityType: z.string(),
    entityTypeLabel: z.string().openapi({ example: "Termin" }),
    entityId: z.string().nullable(),
    entityName: z
      .string()
      .nullable()
      .openapi({
        description:
          "The record's name, joined when the log is read (never stored in it): a registration's person until erased, " +
          "contact persons and institution contacts by their institution",
      }),
    entityState: z.enum(["named", "erased", "missing", "none"]),
    fields: z.array(z.string()),
    fieldLabels: z.array(z.string()).openapi({ example: ["Veranstaltungsort"] }),
  })
  .openapi("AuditEntry");

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ description: "A calendar day in Berlin, YYYY-MM-DD", example: "2026-11-23" });

const FilterQuery = z.object({
  action: z.string().trim().min(1).max(100).optional().openapi({ example: "registrations.view" }),
  actionGroup: z
    .enum(actionGroups)
    .optional()
    .openapi({ description: "All actions of one area", example: "attendance" }),
  entityType: z.string().trim().min(1).max(100).optional().openapi({ example: "event" }),
  entityId: z.string().trim().min(1).max(100).optional(),
  person: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Part of the acting account's name or e-mail address" }),
  from: day.optional().openapi({ description: "From this Berlin day (inclusive)" }),
  to: day.optional().openapi({ description: "Up to this Berlin day (inclusive)" }),
});

const PageQuery = FilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const CsvQuery = FilterQuery.extend({
  columns: z.enum(["codes", "labels"]).optional().openapi({
    description:
      "`labels`: the page's words (person, role, action, record and field names); by default the codes, as before",
  }),
});

/** At most this many rows in one export; a longer period is exported in parts by date. */
const EXPORT_LIMIT = 20_000;

const labelledCsv = (rows: AuditLogEntry[], lang: "de" | "en") =>
  csvFile(
    csvHeader(lang),
    rows.map((r) => [
      formatBerlinDateTime(new Date(r.at), lang),
      r.at,
      r.actor?.displayName ?? "",
      r.actorEmail,
      r.actorRole,
      r.actionGroupLabel,
      r.actionLabel,
      r.entityTypeLabel,
      r.entityName,
      r.entityId,
      r.fieldLabels.join(", "),
      r.actor?.id,
      r.action,
    ]),
  );

/** The first export's columns, kept for whoever reads them by position. */
const codedCsv = (rows: AuditLogEntry[], lang: "de" | "en") =>
  csvFile(
    lang === "de"
      ? ["Zeitpunkt (Berlin)", "Zeitpunkt (UTC)", "Konto", "Konto-ID", "Aktion", "Objektart", "Objekt-ID", "Felder"]
      : ["Time (Berlin)", "Time (UTC)", "Account", "Account id", "Action", "Entity type", "Entity id", "Fields"],
    rows.map((r) => [
      formatBerlinDateTime(new Date(r.at), lang),
      r.at,
      r.actor?.displayName ?? "",
      r.actor?.id ?? "",
      r.action,
      r.entityType,
      r.entityId,
      r.fields.join(", "),
    ]),
  );

export const auditLog = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/audit-log",
      tags: ["Directory"],
      summary: "Who did what with which record, when: newest first, filterable, in pages (organisers)",
      description:
        "Entries hold the acting account, the action, the entity type and id and, for edits, the names of the " +
        "fields changed: never values of personal data. Beside the codes, each entry carries their words in the " +
        "caller's language and the record's name, joined at read time. `actions` lists the actions present, for a filter.",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam, query: PageQuery },
      responses: {
        200: jsonContent(
          z.object({
            items: z.array(EntrySchema),
            total: z.number().int().openapi({ description: "Entries matching the filter" }),
            actions: z.array(z.string()),
            actionOptions: z.array(
              z.object({
                action: z.string(),
                label: z.string(),
                group: z.enum(actionGroups).nullable(),
                groupLabel: z.string().nullable(),
              }),
            ),
            actionGroupOptions: z.array(z.object({ group: z.enum(actionGroups), label: z.string() })),
            entityTypeOptions: z.array(z.object({ entityType: z.string(), label: z.string() })),
          }),
          "Newest first",
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { limit, offset, ...filter } = q;
      const page = await auditLogPage(c.var.db, c.var.network.id, filter, limit, offset, {
        lang: localeOf(c),
        operatorEmails: c.env.OPERATOR_EMAILS,
      });
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
      request: { params: NetworkRefParam, query: CsvQuery },
      responses: {
        200: { description: "The CSV file", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { columns, ...filter } = c.req.valid("query");
      const network = c.var.network;
      const lang = localeOf(c);
      const rows = await auditLogEntries(c.var.db, network.id, filter, EXPORT_LIMIT, {
        lang,
        operatorEmails: c.env.OPERATOR_EMAILS,
      });
      const body = columns === "labels" ? labelledCsv(rows, lang) : codedCsv(rows, lang);
      await logAuditLogExport(c.var.db, network.id, auth.accountId, filter);
      return c.body(body, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="protokoll-${network.slug}.csv"`,
        "cache-control": "no-store",
      });
    },
  );
