import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { requireNetwork } from "../db/queries";
import { institutions as institutionsTable, municipalities, sectors } from "../db/schema";
import { byGermanName, matchesQuery } from "../domain/directory";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";
import { NetworkRefParam } from "./networks";

const key = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9_-]+$/);

const DirectoryQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: "Words to find in name, offers, target groups or city", example: "Hebamme" }),
  sector: key.optional().openapi({ description: "Sector key", example: "midwifery" }),
  municipality: z.string().trim().max(100).optional().openapi({ description: "Municipality id" }),
});

const InstitutionSummarySchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: "Hebammenzentrum Nahe" }),
    sectorKey: z.string(),
    municipality: z.object({ id: z.string(), name: z.string() }),
    city: z.string(),
    offers: z.string(),
    leitbildSigned: z.boolean(),
  })
  .openapi("InstitutionSummary");

const InstitutionSchema = InstitutionSummarySchema.extend({
  networkId: z.string(),
  street: z.string(),
  postalCode: z.string(),
  email: z.string().openapi({ description: "Functional mailbox of the institution, never a person's" }),
  phone: z.string(),
  website: z.string(),
  reachability: z.string(),
  targetGroups: z.string(),
  leitbildSignedAt: z.string().nullable().openapi({ format: "date-time" }),
  updatedAt: z.string().nullable().openapi({ format: "date-time" }),
}).openapi("Institution");

type Row = {
  institution: typeof institutionsTable.$inferSelect;
  municipality: { id: string; name: string };
};

const toSummary = ({ institution: i, municipality }: Row) => ({
  id: i.id,
  name: i.name,
  sectorKey: i.sectorKey,
  municipality,
  city: i.city,
  offers: i.offers,
  leitbildSigned: i.leitbildSignedAt !== null,
});

// Contact persons are personal data and are left out on purpose: the public
// directory shows an institution's functional addresses only.
const toProfile = (row: Row) => ({
  ...toSummary(row),
  networkId: row.institution.networkId,
  street: row.institution.street,
  postalCode: row.institution.postalCode,
  email: row.institution.email,
  phone: row.institution.phone,
  website: row.institution.website,
  reachability: row.institution.reachability,
  targetGroups: row.institution.targetGroups,
  leitbildSignedAt: row.institution.leitbildSignedAt?.toISOString() ?? null,
  updatedAt: row.institution.updatedAt?.toISOString() ?? null,
});

const columns = {
  institution: institutionsTable,
  municipality: { id: municipalities.id, name: municipalities.name },
};

export const institutions = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/institutions",
      tags: ["Directory"],
      summary: "Search the network's directory of partner institutions",
      request: { params: NetworkRefParam, query: DirectoryQuery },
      responses: {
        200: jsonContent(
          z.object({ items: z.array(InstitutionSummarySchema), total: z.number().int() }),
          "Matching institutions, sorted by name",
        ),
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const db = c.var.db;
      const { q, sector, municipality } = c.req.valid("query");
      const network = await requireNetwork(db, c.req.valid("param").networkId);
      if (sector) {
        const [known] = await db.select().from(sectors).where(eq(sectors.key, sector)).limit(1);
        if (!known)
          throw new ApiError("validation_failed", [
            {
              path: "sector",
              code: "unknown_sector",
              message: c.get("language") === "en" ? "Unknown sector" : "Unbekannter Bereich",
            },
          ]);
      }
      const rows = await db
        .select(columns)
        .from(institutionsTable)
        .innerJoin(municipalities, eq(municipalities.id, institutionsTable.municipalityId))
        .where(
          and(
            eq(institutionsTable.networkId, network.id),
            isNull(institutionsTable.archivedAt),
            sector ? eq(institutionsTable.sectorKey, sector) : undefined,
            municipality ? eq(institutionsTable.municipalityId, municipality) : undefined,
          ),
        );
      const items = rows
        .filter(({ institution: i }) => matchesQuery([i.name, i.offers, i.targetGroups, i.city], q ?? ""))
        .map(toSummary)
        .sort(byGermanName);
      return c.json({ items, total: items.length }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/institutions/{institutionId}",
      tags: ["Directory"],
      summary: "An institution's public profile",
      request: {
        params: z.object({
          institutionId: z
            .string()
            .min(1)
            .max(100)
            .openapi({ param: { name: "institutionId", in: "path" } }),
        }),
      },
      responses: { 200: jsonContent(InstitutionSchema, "The institution"), ...problemResponses(400, 404) },
    }),
    async (c) => {
      const [row] = await c.var.db
        .select(columns)
        .from(institutionsTable)
        .innerJoin(municipalities, eq(municipalities.id, institutionsTable.municipalityId))
        .where(eq(institutionsTable.id, c.req.valid("param").institutionId))
        .limit(1);
      if (!row) throw new ApiError("institution_not_found");
      return c.json(toProfile(row), 200);
    },
  );
