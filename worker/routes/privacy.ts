// Data protection for organisers: the network's privacy notice and retention
// period, what the retention job will erase and when, and a person's rights
// (access and erasure) answered on their behalf.

import { createRoute, z } from "@hono/zod-openapi";
import { documentHeaderOf } from "../db/documents";
import { personalDataOf, registrationIdsOf } from "../db/personal-data";
import { logPersonRequest, updatePrivacySettings, withdrawAndErase } from "../db/privacy";
import { retentionOverview } from "../db/retention";
import { MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS } from "../domain/retention";
import { normaliseEmail, requireAuth } from "../lib/auth";
import { organiserOfNetwork } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { accessLetterPdf } from "../lib/pdf-letter";
import { createRouter } from "../lib/router";
import { runContextOf } from "../lib/run-context";
import { jsonContent, problemResponses, safeText } from "../lib/schemas";
import { download } from "./documents";
import { NetworkRefParam } from "./networks";

const iso = z.string().openapi({ format: "date-time" });

export const PersonalDataSchema = z
  .object({
    about: z.object({ de: z.string(), en: z.string() }),
    generatedAt: iso,
    controller: z.object({ network: z.string(), privacyNotice: z.string() }),
    email: z.string(),
    registrations: z.array(
      z.object({
        id: z.string(),
        event: z.object({
          id: z.string(),
          title: z.string(),
          legalBasis: z.string(),
          retentionMonths: z.number().int(),
          erasureDueAt: iso.nullable(),
          sessions: z.array(z.object({ id: z.string(), title: z.string(), startsAt: iso, endsAt: iso })),
        }),
        institution: z.object({ id: z.string(), name: z.string() }),
        track: z.object({ id: z.string(), title: z.string() }).nullable(),
        name: z.string(),
        email: z.string(),
        function: z.string(),
        accessibilityNeeds: z.string(),
        status: z.enum(["confirmed", "waitlisted", "cancelled"]),
        reasonCode: z.string().nullable(),
        isWalkIn: z.boolean(),
        isOverride: z.boolean(),
        requestedAt: iso,
        confirmedAt: iso.nullable(),
        cancelledAt: iso.nullable(),
        offeredUntil: iso.nullable(),
        privacyAcknowledgedAt: iso.nullable(),
        registeredByAccount: z.boolean(),
        history: z.array(
          z.object({
            at: iso,
            action: z.string(),
            reasonCode: z.string().nullable(),
            reasonParams: z.record(z.string(), z.unknown()).nullable(),
            byAccount: z.boolean(),
          }),
        ),
        attendance: z.array(
          z.object({
            sessionId: z.string(),
            sessionTitle: z.string(),
            kind: z.enum(["present", "excused"]),
            method: z.enum(["qr", "list", "walk_in"]).nullable(),
            at: iso,
          }),
        ),
        feedback: z
          .object({
            answered: z.array(z.object({ formId: z.string(), title: z.string() })),
            linkSent: z.array(z.object({ formId: z.string(), title: z.string() })),
          })
          .nullable()
          .openapi({
            description:
              "Which forms the person answered and was sent a link to (never what they answered); null in the document an organiser gets",
          }),
      }),
    ),
    mails: z.array(
      z.object({
        id: z.string(),
        createdAt: iso,
        sentAt: iso.nullable(),
        status: z.string(),
        subject: z.string(),
        text: z.string(),
      }),
    ),
    feedback: z.object({ de: z.string(), en: z.string() }),
  })
  .openapi("PersonalData", {
    description: "Everything held about one e-mail address in one network (Art. 15 DSGVO); feedback is anonymous",
  });

export const ErasureSchema = z
  .object({
    erased: z.array(z.string()).openapi({ description: "Ids of the registrations whose personal data was erased" }),
  })
  .openapi("Erasure");

const PersonRequestSchema = z
  .object({
    email: z.email().max(254).transform(normaliseEmail).openapi({ example: "fachkraft@kita-regenbogen.example" }),
  })
  .openapi("PersonRequest");

const PrivacySettingsSchema = z
  .object({
    privacyNotice: safeText(20000)
      .min(1)
      .openapi({ description: "Art. 13 DSGVO: controller, purpose, legal basis, retention, rights, DPO contact" }),
    retentionMonths: z
      .number()
      .int()
      .min(MIN_RETENTION_MONTHS)
      .max(MAX_RETENTION_MONTHS)
      .openapi({ description: "Months after an event's last session until its participants' data is erased" }),
  })
  .openapi("PrivacySettings");

const RetentionItemSchema = z.object({
  eventId: z.string(),
  title: z.string(),
  status: z.string(),
  lastSessionEndsAt: iso.nullable(),
  months: z.number().int(),
  monthsFromEvent: z.boolean().openapi({ description: "The event sets its own period (else the network's applies)" }),
  dueAt: iso.nullable(),
  due: z.boolean().openapi({ description: "The period has passed; the next cron run erases what is pending" }),
  pending: z.number().int().openapi({ description: "Registrations whose personal data is still held" }),
  erased: z.number().int().openapi({ description: "Registrations already anonymised" }),
  erasedAt: iso.nullable(),
});

// The participant's own requests (routes/participation.ts) log and erase the same way.
export { logPersonRequest, withdrawAndErase };

export const privacy = createRouter()
  .openapi(
    createRoute({
      method: "put",
      path: "/networks/{networkId}/privacy",
      tags: ["Data protection"],
      summary: "Set the network's privacy notice (Art. 13 DSGVO) and retention period (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: PrivacySettingsSchema } }, required: true },
      },
      responses: { 200: jsonContent(PrivacySettingsSchema, "Saved"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const input = c.req.valid("json");
      const network = c.var.network;
      await updatePrivacySettings(c.var.db, network, input, auth.accountId);
      return c.json(input, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/retention",
      tags: ["Data protection"],
      summary: "When each event's participant data is erased, and how many people that concerns (organisers)",
      description:
        "Due date: the event's last session plus its retention period (the event's own, else the network's), in " +
        "Berlin calendar months. The cron trigger erases pending data of due events within five minutes. Counts only.",
      middleware: [organiserOfNetwork] as const,
      request: { params: NetworkRefParam },
      responses: {
        200: jsonContent(
          z.object({ retentionMonths: z.number().int(), items: z.array(RetentionItemSchema) }),
          "Events, the next due first; erased ones last",
        ),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const now = new Date();
      const items = (await retentionOverview(c.var.db, c.var.network.id, now))
        .map((i) => ({
          ...i,
          lastSessionEndsAt: i.lastSessionEndsAt?.toISOString() ?? null,
          dueAt: i.dueAt?.toISOString() ?? null,
          erasedAt: i.erasedAt?.toISOString() ?? null,
        }))
        .sort(
          (a, b) =>
            Number(a.pending === 0) - Number(b.pending === 0) ||
            (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999") ||
            a.title.localeCompare(b.title, "de"),
        );
      return c.json({ retentionMonths: c.var.network.retentionMonths, items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/networks/{networkId}/personal-data/access",
      tags: ["Data protection"],
      summary: "All data held about a named person (by e-mail), to answer an access request (organisers)",
      description:
        "The address travels in the body, not the URL, so it stays out of logs. Written to the audit log with the ids of the registrations found, never the address.",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: PersonRequestSchema } }, required: true },
      },
      responses: { 200: jsonContent(PersonalDataSchema, "The document"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const now = new Date();
      const network = c.var.network;
      const data = await personalDataOf(c.var.db, network.id, c.req.valid("json").email, now, "organiser");
      const ids = data.registrations.map((r) => r.id);
      await logPersonRequest(c.var.db, network.id, auth.accountId, "personal_data.access", ids, now);
      return c.json(data, 200, { "cache-control": "no-store" });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/networks/{networkId}/personal-data/access.pdf",
      tags: ["Data protection"],
      summary: "The same answer to an access request as a letter to the person (PDF, organisers)",
      description:
        "The content of the JSON document, in plain German, on the network's letterhead; a letter saying nothing is " +
        "stored when nothing is. Written to the audit log like the JSON one, with the ids of the registrations found.",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: PersonRequestSchema } }, required: true },
      },
      responses: {
        200: {
          description: "The letter",
          content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const now = new Date();
      const network = c.var.network;
      const { email } = c.req.valid("json");
      const [data, header] = await Promise.all([
        personalDataOf(c.var.db, network.id, email, now, "organiser"),
        documentHeaderOf(c.var.db, network.id),
      ]);
      const pdf = await accessLetterPdf({ data, logoPng: header.logoPng, signerName: header.signerName });
      const ids = data.registrations.map((r) => r.id);
      await logPersonRequest(c.var.db, network.id, auth.accountId, "personal_data.access_letter", ids, now);
      return download(c, pdf, "application/pdf", `auskunft-${email.replace(/[^a-z0-9]+/g, "-")}.pdf`);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/networks/{networkId}/personal-data/erasure",
      tags: ["Data protection"],
      summary: "Withdraw and erase a named person's registrations (by e-mail) on their request (organisers)",
      description:
        "Live registrations are cancelled first (a waiting person moves up as usual), then name, e-mail, function, " +
        "accessibility needs, the personal link and the mails about those events are erased. Institution, status, " +
        "attendance and counts stay. Written to the audit log with registration ids only.",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: PersonRequestSchema } }, required: true },
      },
      responses: { 200: jsonContent(ErasureSchema, "Erased"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const ctx = runContextOf(c);
      const network = c.var.network;
      const ids = (await registrationIdsOf(c.var.db, network.id, c.req.valid("json").email)).map((r) => r.id);
      const erased = await withdrawAndErase(ctx, network.id, ids, auth.accountId, "erasure_requested");
      deliverAfterResponse(c);
      return c.json({ erased }, 200);
    },
  );
