import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  archiveInstitution,
  createInstitution,
  directoryOf,
  type InstitutionRow,
  institutionProfile,
  recordLeitbildSignature,
  referencesExist,
  updateInstitution,
} from "../db/institutions";
import { sectorExists } from "../db/sectors";
import { byGermanName, matchesQuery } from "../domain/directory";
import type { AppEnv } from "../env";
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

const toSummary = ({ institution: i, municipality }: InstitutionRow) => ({
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
const toProfile = (row: InstitutionRow) => ({
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

async function checkReferences(
  c: Context<AppEnv>,
  networkId: string,
  input: { sectorKey?: string; municipalityId?: string },
) {
  if (!(await referencesExist(c.var.db, networkId, input))) throw new ApiError("reference_not_found");
}

async function profileOf(c: Context<AppEnv>, id: string) {
  const row = await institutionProfile(c.var.db, id);
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
      const { q, sector, municipality } = c.req.valid("query");
      const network = await activeNetwork(c, c.req.valid("param").networkId);
      if (sector) {
        if (!(await sectorExists(c.var.db, sector)))
          throw new ApiError("validation_failed", [
            {
              path: "sector",
              code: "unknown_sector",
              message: c.get("language") === "en" ? "Unknown sector" : "Unbekannter Bereich",
            },
          ]);
      }
      const rows = await directoryOf(c.var.db, network.id, { sector, municipality });
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
      const network = c.var.network;
      const input = c.req.valid("json");
      await checkReferences(c, network.id, input);
      const created = await createInstitution(c.var.db, network.id, input, requireAuth(c).accountId);
      if (!created.ok) throw new ApiError("institution_name_taken");
      const { id } = created;
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
      await checkReferences(c, institution.networkId, input);
      const updated = await updateInstitution(c.var.db, institution, input, auth.accountId);
      if (!updated.ok) throw new ApiError("institution_name_taken");
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
      const institution = c.var.institution;
      await archiveInstitution(c.var.db, institution, requireAuth(c).accountId);
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
      const institution = c.var.institution;
      if (institution.archivedAt) throw new ApiError("institution_archived");
      await recordLeitbildSignature(c.var.db, institution, c.req.valid("json"), requireAuth(c).accountId);
      return c.json(await profileOf(c, institution.id), 200);
    },
  );
