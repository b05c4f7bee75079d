import { createRoute, z } from "@hono/zod-openapi";
import { contactsOf, inviteContact, withdrawContactRole } from "../db/contacts";
import { isActiveSince } from "../domain/contacts";
import { normaliseEmail, requireAuth } from "../lib/auth";
import { institutionAccess } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { requirePublicOrigin } from "../lib/origin";
import { ApiError, localeOf } from "../lib/problem";
import { createRouter } from "../lib/router";
import { InstitutionIdParam, idParam, jsonContent, problemResponses, safeText } from "../lib/schemas";

// Institution contacts are accounts holding the institution_contact role for one institution.
const ContactSchema = z
  .object({
    accountId: z.string(),
    email: z.string(),
    displayName: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .openapi("InstitutionContact");

const InviteSchema = z
  .object({
    email: z.email().max(254),
    displayName: safeText(200).default(""),
    locale: z.enum(["de", "en"]).optional(),
  })
  .openapi("ContactInvitation");

export const contacts = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/institutions/{institutionId}/contacts",
      tags: ["Directory"],
      summary: "Accounts that act for the institution",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: { params: InstitutionIdParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(ContactSchema) }), "Contacts"),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const rows = await contactsOf(c.var.db, c.var.institution.id);
      return c.json(
        {
          items: rows.map(({ account: a, roleCreatedAt }) => {
            const active = isActiveSince(a.lastSignInAt, roleCreatedAt);
            return {
              accountId: a.id,
              email: a.email,
              displayName: active ? a.displayName : "",
              lastSignInAt: active ? (a.lastSignInAt?.toISOString() ?? null) : null,
            };
          }),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/institutions/{institutionId}/contacts",
      tags: ["Directory"],
      summary: "Invite a contact for the institution by e-mail (organisers)",
      middleware: [institutionAccess("organiser")] as const,
      request: {
        params: InstitutionIdParam,
        body: { content: { "application/json": { schema: InviteSchema } }, required: true },
      },
      responses: { 201: jsonContent(ContactSchema, "Invited"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const institution = c.var.institution;
      if (institution.archivedAt) throw new ApiError("institution_archived");
      const input = c.req.valid("json");
      // Before anything is written: without a public origin the invitation could not be sent.
      const origin = requirePublicOrigin(c.env, c.req.url);
      const account = await inviteContact(c.var.db, {
        institution,
        email: normaliseEmail(input.email),
        displayName: input.displayName,
        locale: input.locale ?? localeOf(c),
        actorAccountId: auth.accountId,
        origin,
      });
      deliverAfterResponse(c);
      // Never reveal what another network knows about an existing account.
      return c.json(
        { accountId: account.id, email: account.email, displayName: input.displayName, lastSignInAt: null },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/institutions/{institutionId}/contacts/{accountId}",
      tags: ["Directory"],
      summary: "Withdraw an account's contact role for the institution (organisers)",
      middleware: [institutionAccess("organiser")] as const,
      request: {
        params: InstitutionIdParam.extend(idParam("accountId").shape),
      },
      responses: {
        200: jsonContent(z.object({ status: z.literal("removed") }), "Role withdrawn"),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const institution = c.var.institution;
      const removed = await withdrawContactRole(c.var.db, {
        institutionId: institution.id,
        networkId: institution.networkId,
        accountId: c.req.valid("param").accountId,
        actorAccountId: requireAuth(c).accountId,
      });
      if (!removed) throw new ApiError("contact_role_not_found");
      return c.json({ status: "removed" as const }, 200);
    },
  );
