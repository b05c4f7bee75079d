import { createRoute, z } from "@hono/zod-openapi";
import {
  addMunicipality,
  inviteOrganiser,
  listOrganisers,
  loadNetworkDetail,
  logoFile,
  putLogo,
  removeLogo,
  removeMunicipality,
  removeOrganiser,
  setupStatus,
  updateMunicipality,
  updateNetwork,
} from "../db/network-settings";
import { checkLogo, MAX_LOGO_BYTES } from "../domain/logo";
import { normaliseEmail, requireAuth } from "../lib/auth";
import { organiserOfNetwork, requireNetwork } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { requirePublicOrigin } from "../lib/origin";
import { ApiError, localeOf } from "../lib/problem";
import { createRouter } from "../lib/router";
import { idParam, jsonContent, problemResponses } from "../lib/schemas";
import { MunicipalitySchema, NetworkRefParam, NetworkSchema } from "./networks";

const text = (max: number) => z.string().trim().max(max);

const NetworkPatchSchema = z
  .object({
    name: text(200).min(1).optional(),
    description: text(2000).optional(),
    senderName: text(100)
      .optional()
      .openapi({ description: "Shown as the sender of the network's mails; empty: the network's name." }),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change" })
  .openapi("NetworkPatch");

const municipalityRole = z.enum(["model", "partner"]);
const MunicipalityInputSchema = z
  .object({ name: text(120).min(1), role: municipalityRole.default("partner") })
  .strict()
  .openapi("MunicipalityInput");
const MunicipalityPatchSchema = z
  .object({ name: text(120).min(1).optional(), role: municipalityRole.optional() })
  .strict()
  .openapi("MunicipalityPatch");

const LogoSchema = z
  .object({
    url: z.string(),
    contentType: z.enum(["image/png", "image/svg+xml"]),
    byteSize: z.number().int(),
  })
  .openapi("NetworkLogo");

const OrganiserSchema = z
  .object({
    accountId: z.string(),
    email: z.string(),
    displayName: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .openapi("Organiser");

const OrganiserInviteSchema = z
  .object({
    email: z.email().max(254),
    displayName: z.string().trim().max(200).default(""),
    locale: z.enum(["de", "en"]).optional(),
  })
  .openapi("OrganiserInvitation");

const SetupSchema = z
  .object({
    directory: z.boolean().openapi({ description: "At least one partner institution in the directory" }),
    privacyNotice: z.boolean().openapi({ description: "A privacy notice for registrations" }),
    firstEvent: z.boolean().openapi({ description: "At least one event, drafts included" }),
    complete: z.boolean(),
  })
  .openapi("NetworkSetup");

const MunicipalityParams = NetworkRefParam.extend(idParam("municipalityId").shape);
const OrganiserParams = NetworkRefParam.extend(idParam("accountId").shape);
const removed = jsonContent(z.object({ status: z.literal("removed") }), "Removed");
const logoBody = {
  content: {
    "image/png": { schema: z.string().openapi({ format: "binary" }) },
    "image/svg+xml": { schema: z.string().openapi({ format: "binary" }) },
  },
  required: true,
  description: `A PNG or SVG file of at most ${MAX_LOGO_BYTES / 1024} KB. The bytes decide the type, not the header.`,
};

// An SVG logo is served so that, even opened on its own, nothing in it can run in our origin.
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

const logoProblem = {
  empty: "logo_unsupported_type",
  unsupported_type: "logo_unsupported_type",
  too_large: "logo_too_large",
  unsafe_svg: "logo_unsafe",
} as const;

export const networkSettings = createRouter()
  .openapi(
    createRoute({
      method: "patch",
      path: "/networks/{networkId}",
      tags: ["Directory"],
      summary: "Change the network's name, description or sender name (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: NetworkPatchSchema } }, required: true },
      },
      responses: { 200: jsonContent(NetworkSchema, "The network"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      await updateNetwork(c.var.db, c.var.network, c.req.valid("json"), requireAuth(c));
      const network = await requireNetwork(c.var.db, c.var.network.id);
      return c.json(await loadNetworkDetail(c.var.db, network), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/networks/{networkId}/municipalities",
      tags: ["Directory"],
      summary: "Add a municipality; a new model municipality makes the previous one a partner (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: MunicipalityInputSchema } }, required: true },
      },
      responses: {
        201: jsonContent(MunicipalitySchema, "Added"),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const outcome = await addMunicipality(c.var.db, c.var.network, input, requireAuth(c));
      if (!outcome.ok) throw new ApiError("municipality_name_taken");
      return c.json({ id: outcome.id, name: input.name, role: input.role }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/networks/{networkId}/municipalities/{municipalityId}",
      tags: ["Directory"],
      summary: "Rename a municipality or make it the model municipality (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: MunicipalityParams,
        body: { content: { "application/json": { schema: MunicipalityPatchSchema } }, required: true },
      },
      responses: {
        200: jsonContent(z.object({ items: z.array(MunicipalitySchema) }), "All municipalities of the network"),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { municipalityId } = c.req.valid("param");
      const outcome = await updateMunicipality(
        c.var.db,
        c.var.network,
        municipalityId,
        c.req.valid("json"),
        requireAuth(c),
      );
      if (!outcome.ok)
        throw new ApiError(outcome.reason === "not_found" ? "municipality_not_found" : "municipality_name_taken");
      return c.json({ items: (await loadNetworkDetail(c.var.db, c.var.network)).municipalities }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/networks/{networkId}/municipalities/{municipalityId}",
      tags: ["Directory"],
      summary: "Remove a municipality no institution belongs to (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: { params: MunicipalityParams },
      responses: { 200: removed, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { municipalityId } = c.req.valid("param");
      const outcome = await removeMunicipality(c.var.db, c.var.network, municipalityId, requireAuth(c));
      if (!outcome.ok)
        throw new ApiError(outcome.reason === "in_use" ? "municipality_in_use" : "municipality_not_found");
      return c.json({ status: "removed" as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/logo",
      tags: ["Directory"],
      summary: "The network's logo (public: the header, mails and documents show it)",
      description:
        "PNG or SVG. An SVG is answered with a Content-Security-Policy that forbids scripts and loading anything. " +
        "Send If-None-Match with the ETag to get 304.",
      request: { params: NetworkRefParam },
      responses: {
        200: {
          description: "The logo",
          content: {
            "image/png": { schema: z.string().openapi({ format: "binary" }) },
            "image/svg+xml": { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        304: { description: "Not modified" },
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const network = await requireNetwork(c.var.db, c.req.valid("param").networkId);
      const logo = await logoFile(c.var.db, network.id);
      if (!logo) throw new ApiError("logo_not_found");
      const etag = `"${logo.etag}"`;
      const headers: Record<string, string> = {
        etag,
        // Its URL carries the version (?v=etag), but the plain address must notice a change soon.
        "cache-control": c.req.query("v") === logo.etag ? "public, max-age=31536000, immutable" : "public, max-age=300",
        "x-content-type-options": "nosniff",
        "content-security-policy": SVG_POLICY,
        "cross-origin-resource-policy": "cross-origin",
      };
      if (
        c.req
          .header("if-none-match")
          ?.split(/\s*,\s*/)
          .includes(etag)
      )
        return c.body(null, 304, headers);
      return c.body(logo.data, 200, { ...headers, "content-type": logo.contentType });
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/networks/{networkId}/logo",
      tags: ["Directory"],
      summary: "Upload the network's logo (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam, body: logoBody },
      responses: {
        200: jsonContent(LogoSchema, "The stored logo"),
        ...problemResponses(400, 401, 403, 404, 413, 415, 422),
      },
    }),
    async (c) => {
      // Refuse an announced oversized body before reading it.
      if (Number(c.req.header("content-length") ?? 0) > MAX_LOGO_BYTES) throw new ApiError("logo_too_large");
      const data = new Uint8Array(await c.req.arrayBuffer());
      const check = checkLogo(data);
      if (!check.ok) throw new ApiError(logoProblem[check.reason]);
      const meta = await putLogo(c.var.db, c.var.network, { contentType: check.contentType, data }, requireAuth(c));
      const { logo } = await loadNetworkDetail(c.var.db, c.var.network);
      return c.json({ url: logo?.url ?? "", contentType: meta.contentType, byteSize: meta.byteSize }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/networks/{networkId}/logo",
      tags: ["Directory"],
      summary: "Remove the network's logo (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam },
      responses: { 200: removed, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      if (!(await removeLogo(c.var.db, c.var.network, requireAuth(c)))) throw new ApiError("logo_not_found");
      return c.json({ status: "removed" as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/organisers",
      tags: ["Directory"],
      summary: "The network's organisers (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(OrganiserSchema) }), "Organisers"),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json({ items: await listOrganisers(c.var.db, c.var.network.id) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/networks/{networkId}/organisers",
      tags: ["Directory"],
      summary: "Invite a co-organiser by e-mail: account if new, organiser role, sign-in link (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: OrganiserInviteSchema } }, required: true },
      },
      responses: { 201: jsonContent(OrganiserSchema, "Invited"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const email = normaliseEmail(input.email);
      const outcome = await inviteOrganiser(
        c.var.db,
        c.var.network,
        {
          email,
          displayName: input.displayName,
          locale: input.locale ?? localeOf(c),
          origin: requirePublicOrigin(c.env, c.req.url),
        },
        requireAuth(c),
      );
      if (!outcome.ok) throw new ApiError("already_organiser");
      deliverAfterResponse(c);
      // Never reveal what another network knows about an existing account.
      return c.json({ accountId: outcome.accountId, email, displayName: input.displayName, lastSignInAt: null }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/networks/{networkId}/organisers/{accountId}",
      tags: ["Directory"],
      summary: "Withdraw an organiser role; never the network's last one (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: { params: OrganiserParams },
      responses: { 200: removed, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { accountId } = c.req.valid("param");
      const outcome = await removeOrganiser(c.var.db, c.var.network, accountId, requireAuth(c));
      if (!outcome.ok)
        throw new ApiError(outcome.reason === "last_organiser" ? "last_organiser" : "organiser_not_found");
      return c.json({ status: "removed" as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/setup",
      tags: ["Directory"],
      summary: "The first steps a new network still has to take (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam },
      responses: { 200: jsonContent(SetupSchema, "Steps done"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await setupStatus(c.var.db, c.var.network), 200),
  );
