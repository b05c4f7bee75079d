import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { institutions as institutionsTable, municipalities, networks, sectors } from "../db/schema";
import { byGermanName, matchesQuery } from "../domain/directory";
import type { AppEnv } from "../env";
import { auditInsert } from "../lib/audit";
import { isOrganiserOf, requireAuth } from "../lib/auth";
import { activeNetwork, institutionAccess, organiserOfNetwork, refuseIfSuspended } from "../lib/guards";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { InstitutionIdParam, jsonContent, problemResponses, safeText } from "../lib/schemas";
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

const text = safeText;

/** What a contact may edit on its own institution. */
const ProfileFields = {
  street: text(200),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/),
  city: text(100),
  email: z.union([z.email().max(254), z.literal("")]),
  phone: text(50),
  website: z.union([z.url({ protocol: /^https?$/ }).max(300), z.literal("")]),
  reachability: text(2000),
  offers: text(4000),
  targetGroups: text(1000),
};
/** What only the network's organisers may set. */
const OrganiserFields = {
  name: text(200).min(2),
  sectorKey: key,
  municipalityId: z.string().trim().min(1).max(100),
};
const ORGANISER_ONLY = Object.keys(OrganiserFields);

const InstitutionCreateSchema = z
  .object({
    ...OrganiserFields,
    ...Object.fromEntries(Object.entries(ProfileFields).map(([k, v]) => [k, v.optional()])),
  })
  .openapi("InstitutionCreate") as unknown as z.ZodObject<
  typeof OrganiserFields & { [K in keyof typeof ProfileFields]: z.ZodOptional<(typeof ProfileFields)[K]> }
>;
const InstitutionPatchSchema = z
  .object({ ...OrganiserFields, ...ProfileFields })
  .partial()
  .strict()
  .openapi("InstitutionPatch");

const LeitbildSchema = z
  .object({
    signedAt: z.iso.date().openapi({ example: "2026-03-12" }),
    signedBy: text(200).min(2).openapi({ example: "Leitung" }),
  })
  .openapi("LeitbildSignature");

/** Sector must exist and the municipality must belong to the institution's network. */
async function checkReferences(db: Db, networkId: string, input: { sectorKey?: string; municipalityId?: string }) {
  const [sector, municipality] = await Promise.all([
    input.sectorKey ? db.select().from(sectors).where(eq(sectors.key, input.sectorKey)).limit(1) : [true],
    input.municipalityId
      ? db
          .select()
          .from(municipalities)
          .where(and(eq(municipalities.id, input.municipalityId), eq(municipalities.networkId, networkId)))
          .limit(1)
      : [true],
  ]);
  if (sector.length === 0 || municipality.length === 0) throw new ApiError("reference_not_found");
}

const isUniqueViolation = (error: unknown) => /UNIQUE constraint failed/.test(String((error as Error)?.cause ?? error));

async function profileOf(c: Context<AppEnv>, id: string) {
  const [row] = await c.var.db
    .select({ ...columns, networkStatus: networks.status })
    .from(institutionsTable)
    .innerJoin(municipalities, eq(municipalities.id, institutionsTable.municipalityId))
    .innerJoin(networks, eq(networks.id, institutionsTable.networkId))
    .where(eq(institutionsTable.id, id))
    .limit(1);
  if (!row) throw new ApiError("institution_not_found");
  refuseIfSuspended(c, { status: row.networkStatus });
  return toProfile(row);
}

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
        ...problemResponses(400, 403, 404),
      },
    }),
    async (c) => {
      const db = c.var.db;
      const { q, sector, municipality } = c.req.valid("query");
      const network = await activeNetwork(c, c.req.valid("param").networkId);
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
      request: { params: InstitutionIdParam },
      responses: { 200: jsonContent(InstitutionSchema, "The institution"), ...problemResponses(400, 403, 404) },
    }),
    async (c) => c.json(await profileOf(c, c.req.valid("param").institutionId), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/networks/{networkId}/institutions",
      tags: ["Directory"],
      summary: "Add an institution to the directory (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: InstitutionCreateSchema } }, required: true },
      },
      responses: { 201: jsonContent(InstitutionSchema, "Created"), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const db = c.var.db;
      const network = c.var.network;
      const input = c.req.valid("json");
      await checkReferences(db, network.id, input);
      const id = crypto.randomUUID();
      const now = new Date();
      try {
        await db.batch([
          db.insert(institutionsTable).values({ ...input, id, networkId: network.id, createdAt: now, updatedAt: now }),
          auditInsert(db, {
            networkId: network.id,
            actorAccountId: requireAuth(c).accountId,
            action: "institution.created",
            entityType: "institution",
            entityId: id,
            fields: Object.keys(input),
          }),
        ]);
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError("institution_name_taken");
        throw error;
      }
      return c.json(await profileOf(c, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/institutions/{institutionId}",
      tags: ["Directory"],
      summary: "Edit an institution (organisers: everything; its contacts: the profile)",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: {
        params: InstitutionIdParam,
        body: { content: { "application/json": { schema: InstitutionPatchSchema } }, required: true },
      },
      responses: { 200: jsonContent(InstitutionSchema, "Updated"), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const db = c.var.db;
      const auth = requireAuth(c);
      const institution = c.var.institution;
      const input = c.req.valid("json");
      const isOrganiser = isOrganiserOf(auth, institution.networkId);
      const forbidden = Object.keys(input).filter((k) => ORGANISER_ONLY.includes(k));
      if (!isOrganiser && forbidden.length > 0)
        throw new ApiError(
          "forbidden_field",
          forbidden.map((path) => ({ path, code: "organiser_only", message: path })),
        );
      if (institution.archivedAt) throw new ApiError("institution_archived");
      await checkReferences(db, institution.networkId, input);
      const fields = Object.keys(input);
      if (fields.length > 0) {
        try {
          await db.batch([
            db
              .update(institutionsTable)
              .set({ ...input, updatedAt: new Date() })
              .where(eq(institutionsTable.id, institution.id)),
            auditInsert(db, {
              networkId: institution.networkId,
              actorAccountId: auth.accountId,
              action: "institution.updated",
              entityType: "institution",
              entityId: institution.id,
              fields,
            }),
          ]);
        } catch (error) {
          if (isUniqueViolation(error)) throw new ApiError("institution_name_taken");
          throw error;
        }
      }
      return c.json(await profileOf(c, institution.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/institutions/{institutionId}/archive",
      tags: ["Directory"],
      summary: "Archive an institution: it leaves the directory, its history stays (organisers)",
      middleware: [institutionAccess("organiser")] as const,
      request: { params: InstitutionIdParam },
      responses: { 200: jsonContent(InstitutionSchema, "Archived"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const db = c.var.db;
      const institution = c.var.institution;
      if (!institution.archivedAt) {
        await db.batch([
          db.update(institutionsTable).set({ archivedAt: new Date() }).where(eq(institutionsTable.id, institution.id)),
          auditInsert(db, {
            networkId: institution.networkId,
            actorAccountId: requireAuth(c).accountId,
            action: "institution.archived",
            entityType: "institution",
            entityId: institution.id,
          }),
        ]);
      }
      return c.json(await profileOf(c, institution.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/institutions/{institutionId}/leitbild",
      tags: ["Directory"],
      summary: "Record the signature of the network's Leitbild (mission statement)",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: {
        params: InstitutionIdParam,
        body: { content: { "application/json": { schema: LeitbildSchema } }, required: true },
      },
      responses: { 200: jsonContent(InstitutionSchema, "Recorded"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const db = c.var.db;
      const institution = c.var.institution;
      if (institution.archivedAt) throw new ApiError("institution_archived");
      const { signedAt, signedBy } = c.req.valid("json");
      await db.batch([
        db
          .update(institutionsTable)
          .set({
            leitbildSignedAt: new Date(`${signedAt}T12:00:00Z`),
            leitbildSignedBy: signedBy,
            updatedAt: new Date(),
          })
          .where(eq(institutionsTable.id, institution.id)),
        auditInsert(db, {
          networkId: institution.networkId,
          actorAccountId: requireAuth(c).accountId,
          action: "institution.leitbild_signed",
          entityType: "institution",
          entityId: institution.id,
          fields: ["leitbildSignedAt", "leitbildSignedBy"],
        }),
      ]);
      return c.json(await profileOf(c, institution.id), 200);
    },
  );
