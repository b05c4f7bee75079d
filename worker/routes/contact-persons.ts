import { createRoute, z } from "@hono/zod-openapi";
import {
  type ContactPerson,
  contactPersonsOf,
  createContactPerson,
  deleteContactPerson,
  updateContactPerson,
} from "../db/contact-persons";
import { requireAuth } from "../lib/auth";
import { institutionAccess } from "../lib/guards";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { InstitutionIdParam, idParam, jsonContent, problemResponses, safeText } from "../lib/schemas";

// Contact persons are personal data: only the network's organisers and the
// institution's own contacts see or change them, and every change is logged.
const ContactPersonSchema = z
  .object({
    id: z.string(),
    institutionId: z.string(),
    name: z.string(),
    function: z.string(),
    email: z.string(),
    phone: z.string(),
    isPrimary: z.boolean(),
  })
  .openapi("ContactPerson");

const ContactPersonFields = z.object({
  name: safeText(200).min(2),
  function: safeText(200),
  email: z.email().max(254),
  phone: safeText(50),
  isPrimary: z.boolean(),
});
const ContactPersonInput = ContactPersonFields.extend({
  function: ContactPersonFields.shape.function.default(""),
  phone: ContactPersonFields.shape.phone.default(""),
  isPrimary: ContactPersonFields.shape.isPrimary.default(false),
}).openapi("ContactPersonInput");
// No defaults here: a change touches only the fields that were sent.
const ContactPersonPatch = ContactPersonFields.partial().strict().openapi("ContactPersonPatch");

const ContactPersonIdParam = idParam("contactPersonId");

const toDto = (p: ContactPerson) => ({
  id: p.id,
  institutionId: p.institutionId,
  name: p.name,
  function: p.function,
  email: p.email,
  phone: p.phone,
  isPrimary: p.isPrimary,
});

export const contactPersons = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/institutions/{institutionId}/contact-persons",
      tags: ["Directory"],
      summary: "An institution's contact persons (organisers and the institution's contacts)",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: { params: InstitutionIdParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(ContactPersonSchema) }), "Contact persons"),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const rows = await contactPersonsOf(c.var.db, c.var.institution.id);
      return c.json({ items: rows.map(toDto) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/institutions/{institutionId}/contact-persons",
      tags: ["Directory"],
      summary: "Add a contact person",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: {
        params: InstitutionIdParam,
        body: { content: { "application/json": { schema: ContactPersonInput } }, required: true },
      },
      responses: { 201: jsonContent(ContactPersonSchema, "Added"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const institution = c.var.institution;
      if (institution.archivedAt) throw new ApiError("institution_archived");
      const input = c.req.valid("json");
      const created = await createContactPerson(
        c.var.db,
        institution.id,
        { ...input, email: input.email.toLowerCase() },
        { networkId: institution.networkId, actorAccountId: requireAuth(c).accountId },
      );
      return c.json(toDto(created), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/contact-persons/{contactPersonId}",
      tags: ["Directory"],
      summary: "Change a contact person",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: {
        params: ContactPersonIdParam,
        body: {
          content: { "application/json": { schema: ContactPersonPatch } },
          required: true,
        },
      },
      responses: { 200: jsonContent(ContactPersonSchema, "Changed"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const institution = c.var.institution;
      if (institution.archivedAt) throw new ApiError("institution_archived");
      const { contactPersonId } = c.req.valid("param");
      const input = c.req.valid("json");
      if (input.email) input.email = input.email.toLowerCase();
      const row = await updateContactPerson(c.var.db, contactPersonId, input, {
        networkId: institution.networkId,
        actorAccountId: requireAuth(c).accountId,
      });
      // The guard found the contact person; only a removal in the meantime leaves nothing to answer.
      if (!row) throw new ApiError("contact_person_not_found");
      return c.json(toDto(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/contact-persons/{contactPersonId}",
      tags: ["Directory"],
      summary: "Remove a contact person (the data is deleted, the log keeps who removed it)",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: { params: ContactPersonIdParam },
      responses: {
        200: jsonContent(z.object({ status: z.literal("deleted") }), "Removed"),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const institution = c.var.institution;
      const { contactPersonId } = c.req.valid("param");
      await deleteContactPerson(c.var.db, contactPersonId, {
        networkId: institution.networkId,
        actorAccountId: requireAuth(c).accountId,
      });
      return c.json({ status: "deleted" as const }, 200);
    },
  );
