// The directory in and out of the lists organisers keep: the web parses the CSV or
// XLSX file and sends the mapped rows; the export writes the same columns back.
import { createRoute, z } from "@hono/zod-openapi";
import { commitImport, directoryForExport, loadImportContext, logDirectoryExport } from "../db/directory-import";
import { exportTable, IMPORT_ERRORS, IMPORT_FIELDS, planImport } from "../domain/directory-import";
import { requireAuth } from "../lib/auth";
import { csvFile } from "../lib/csv";
import { organiserOfNetwork } from "../lib/guards";
import { ApiError, localeOf } from "../lib/problem";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";
import { XLSX_TYPE, xlsxFile } from "../lib/xlsx";
import { csvResponse, download, xlsxResponse } from "./documents";
import { NetworkRefParam } from "./networks";

/** Rows per request: a network's whole list at once (D1's limits allow about 3,000). */
export const MAX_IMPORT_ROWS = 1000;

const FieldEnum = z.enum(IMPORT_FIELDS);

const ImportRequestSchema = z
  .object({
    rows: z
      .array(
        z.object({
          line: z.number().int().min(1).openapi({ description: "Row number in the sheet, for the preview" }),
          values: z.partialRecord(FieldEnum, z.string().max(10_000)).openapi({
            description: "Cell values by field; a field that is absent (column not mapped) is left as it is",
            example: { name: "Hebammenzentrum Nahe", sector: "Hebammen", municipality: "Bad Kreuznach" },
          }),
        }),
      )
      .min(1)
      .max(MAX_IMPORT_ROWS),
    dryRun: z.boolean().default(true).openapi({ description: "Only say what would happen; write nothing" }),
    skipInvalid: z
      .boolean()
      .default(false)
      .openapi({ description: "Commit the valid rows and leave out those with errors (otherwise 422)" }),
  })
  .openapi("DirectoryImportRequest");

const OutcomeEnum = z.enum(["new", "update", "unchanged", "error"]);
const ImportResultSchema = z
  .object({
    committed: z.boolean(),
    summary: z.object({
      new: z.number().int(),
      update: z.number().int(),
      unchanged: z.number().int(),
      error: z.number().int(),
    }),
    rows: z.array(
      z.object({
        line: z.number().int(),
        name: z.string(),
        outcome: OutcomeEnum,
        changed: z.array(FieldEnum),
        errors: z.array(
          z.object({
            code: z.enum(Object.keys(IMPORT_ERRORS) as [keyof typeof IMPORT_ERRORS]),
            field: FieldEnum,
            message: z.string(),
            suggestion: z
              .string()
              .optional()
              .openapi({ description: "The closest known value", example: "Hebammen / Familienhebammen" }),
          }),
        ),
      }),
    ),
  })
  .openapi("DirectoryImportResult");

async function exportRows(c: Parameters<typeof download>[0], networkId: string) {
  const rows = await directoryForExport(c.var.db, networkId);
  return exportTable(
    rows
      .sort((a, b) => a.institution.name.localeCompare(b.institution.name, "de"))
      .map(({ institution: i, sector, municipality, contact }) => ({
        name: i.name,
        sector,
        municipality,
        street: i.street,
        postalCode: i.postalCode,
        phone: i.phone,
        email: i.email,
        website: i.website,
        offers: i.offers,
        reachability: i.reachability,
        contactName: contact?.name ?? "",
        contactEmail: contact?.email ?? "",
        contactFunction: contact?.function ?? "",
      })),
  );
}

const exportAudit = (c: Parameters<typeof download>[0], networkId: string, action: string) =>
  logDirectoryExport(c.var.db, networkId, requireAuth(c).accountId, action);

export const directoryImport = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/networks/{networkId}/directory/import",
      tags: ["Directory"],
      summary: "Import the directory from mapped spreadsheet rows (organisers)",
      description:
        "Classifies every row as new, update, unchanged or error (with reasons and, for an unknown sector or " +
        "municipality, the closest match). An institution is found again by its name (case, spacing and umlaut " +
        "spelling ignored); a contact person by e-mail. With `dryRun` nothing is written. A commit is all or " +
        "nothing: with errors it is refused (422) unless `skipInvalid` leaves those rows out. Imported contact " +
        "persons get no mail; they get an account only when an organiser invites them.",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: ImportRequestSchema } }, required: true },
      },
      responses: {
        200: jsonContent(ImportResultSchema, "What happened (or would happen) to every row"),
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const db = c.var.db;
      const network = c.var.network;
      const { rows, dryRun, skipInvalid } = c.req.valid("json");
      const plans = planImport(rows, await loadImportContext(db, network.id));
      const summary = { new: 0, update: 0, unchanged: 0, error: 0 };
      for (const p of plans) summary[p.outcome]++;
      if (!dryRun && summary.error > 0 && !skipInvalid) throw new ApiError("import_has_errors");
      const committed = !dryRun && summary.new + summary.update > 0;
      if (committed) await commitImport(db, network.id, plans, requireAuth(c).accountId, new Date());
      const locale = localeOf(c);
      return c.json(
        {
          committed,
          summary,
          rows: plans.map((p) => ({
            line: p.line,
            name: p.name,
            outcome: p.outcome,
            changed: p.changed,
            errors: p.errors.map((e) => ({ ...e, message: IMPORT_ERRORS[e.code][locale] })),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/directory.csv",
      tags: ["Directory"],
      summary: "The directory as CSV for German Excel, in the columns the import reads (organisers)",
      description:
        "UTF-8 with BOM, semicolons, CRLF; one row per institution with its primary contact person. Importing the " +
        "file unchanged changes nothing. Written to the audit log.",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam },
      responses: { 200: csvResponse("The directory"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const network = c.var.network;
      const table = await exportRows(c, network.id);
      await exportAudit(c, network.id, "directory.export_csv");
      return download(
        c,
        csvFile(table.header, table.rows),
        "text/csv; charset=utf-8",
        `verzeichnis-${network.slug}.csv`,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/directory.xlsx",
      tags: ["Directory"],
      summary: "The directory as XLSX, the same columns as directory.csv (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam },
      responses: { 200: xlsxResponse("The directory"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const network = c.var.network;
      const table = await exportRows(c, network.id);
      await exportAudit(c, network.id, "directory.export_xlsx");
      return download(
        c,
        xlsxFile("Verzeichnis", table.header, table.rows),
        XLSX_TYPE,
        `verzeichnis-${network.slug}.xlsx`,
      );
    },
  );
