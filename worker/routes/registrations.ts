import { createRoute, z } from "@hono/zod-openapi";
import { fillFreePlaces, type RunContext, register } from "../db/allocation";
import type { Db } from "../db/client";
import { isInstitutionOf } from "../db/queries";
import {
  attendanceKinds,
  historyOf,
  isRegisteredLive,
  type RegistrationRow,
  registrationByIdempotencyKey,
  registrationSetting,
  registrationStatuses,
  registrationsOfEvent,
  registrationWithInstitution,
} from "../db/registrations";
import { isSameRequest, refusalReason } from "../domain/registration-refusal";
import { auditInsert } from "../lib/audit";
import { isContactOf, isOrganiserOf, normaliseEmail, requireAuth } from "../lib/auth";
import { eventAccess, registrationAccess, signedIn } from "../lib/guards";
import { deliverAfterResponse, deliverClaimedAfterResponse } from "../lib/mail";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { runContextOf } from "../lib/run-context";
import { idParam, jsonContent, problemResponses, safeText } from "../lib/schemas";

export const iso = z.string().openapi({ format: "date-time" });
export const EventIdParam = idParam("eventId");
export const RegistrationIdParam = idParam("registrationId");

export const PersonSchema = z.object({
  name: safeText(200).min(1),
  email: z.email().max(254).transform(normaliseEmail),
  function: safeText(200).default(""),
  accessibilityNeeds: safeText(1000).default(""),
  locale: z.enum(["de", "en"]).optional().openapi({
    description:
      "The language of the person's mails (confirmation, reminders, messages); default: this request's language.",
  }),
  /** The privacy notice of the network was shown and acknowledged. */
  privacyAcknowledged: z.literal(true),
});

const RegistrationInput = PersonSchema.extend({
  institutionId: z.string().min(1).max(100),
  trackId: z.string().min(1).max(100).nullable().default(null),
}).openapi("RegistrationInput");

export const RegistrationSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    institutionId: z.string(),
    institutionName: z.string(),
    trackId: z.string().nullable(),
    name: z.string(),
    email: z.string(),
    function: z.string(),
    accessibilityNeeds: z.string(),
    status: z.enum(registrationStatuses),
    /** Set while a freed place is offered and not yet accepted. */
    offeredUntil: iso.nullable(),
    /** The rule behind the current status, e.g. `within_quota`, `quota_exhausted`, `sector_unrepresented`. */
    reasonCode: z.string().nullable(),
    isOverride: z.boolean(),
    requestedAt: iso,
    confirmedAt: iso.nullable(),
    cancelledAt: iso.nullable(),
  })
  .openapi("Registration");

const HistorySchema = z
  .object({
    at: iso,
    action: z.string(),
    reasonCode: z.string().nullable(),
    reasonParams: z.record(z.string(), z.unknown()).nullable(),
    /** Whether a person did it (organiser or contact) rather than the system's rules. */
    byAccount: z.boolean(),
  })
  .openapi("RegistrationHistoryEntry");

const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(8)
    .max(200)
    .optional()
    .openapi({ description: "Repeat the same key to retry safely: the same registration is answered." }),
});

const toRegistration = (r: RegistrationRow, institutionName: string) => ({
  id: r.id,
  eventId: r.eventId,
  institutionId: r.institutionId,
  institutionName,
  trackId: r.trackId,
  name: r.name,
  email: r.email,
  function: r.function,
  accessibilityNeeds: r.accessibilityNeeds,
  status: r.status,
  offeredUntil: r.offeredUntil?.toISOString() ?? null,
  reasonCode: r.reasonCode,
  isOverride: r.isOverride,
  requestedAt: r.requestedAt.toISOString(),
  confirmedAt: r.confirmedAt?.toISOString() ?? null,
  cancelledAt: r.cancelledAt?.toISOString() ?? null,
});

export async function loadRegistration(db: Db, id: string) {
  const row = await registrationWithInstitution(db, id);
  if (!row) throw new ApiError("registration_not_found");
  return toRegistration(row.registration, row.institutionName);
}

/** Why nothing was inserted: read only after the write was refused, to explain it. */
async function diagnoseRefusal(
  ctx: RunContext,
  eventId: string,
  input: z.infer<typeof RegistrationInput>,
  key?: string,
) {
  const { db } = ctx;
  if (key) {
    const same = await registrationByIdempotencyKey(db, eventId, key);
    if (same) {
      if (!isSameRequest(same, input)) throw new ApiError("idempotency_key_reused");
      return same.id;
    }
  }
  if (await isRegisteredLive(db, eventId, input.email)) throw new ApiError("already_registered");
  const { event, quota, institution } = await registrationSetting(db, eventId, input.institutionId);
  throw new ApiError(
    refusalReason({ event, institution, invited: quota !== undefined, trackId: input.trackId }, ctx.now.getTime()),
  );
}

export const registrationsRouter = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/registrations",
      tags: ["Registrations"],
      summary: "Register a delegate of an institution (confirmed within quota and capacity, else waitlisted)",
      description:
        "The status is decided by the database in the inserting statement, so concurrent requests never exceed " +
        "capacity or quota. Send an `Idempotency-Key` to retry safely.",
      middleware: [signedIn, eventAccess("visible")] as const,
      request: {
        params: EventIdParam,
        headers: IdempotencyHeader,
        body: { content: { "application/json": { schema: RegistrationInput } }, required: true },
      },
      responses: {
        200: jsonContent(RegistrationSchema, "A retry with a known Idempotency-Key: the registration made first"),
        201: jsonContent(RegistrationSchema, "Registered (status confirmed or waitlisted)"),
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const input = c.req.valid("json");
      const key = c.req.valid("header")["idempotency-key"];
      const event = c.var.event;
      // Whether the institution belongs to the network and is invited, the INSERT decides;
      // a refusal is explained afterwards (diagnoseRefusal).
      if (!isOrganiserOf(auth, event.networkId) && !isContactOf(auth, input.institutionId)) {
        // Someone else's institution of this network is forbidden; one of no network here is not found.
        if (!(await isInstitutionOf(c.var.db, input.institutionId, event.networkId)))
          throw new ApiError("institution_not_found");
        throw new ApiError("forbidden");
      }
      const ctx = runContextOf(c);
      const made = await register(
        ctx,
        {
          eventId: event.id,
          institutionId: input.institutionId,
          trackId: input.trackId,
          email: input.email,
          name: input.name,
          function: input.function,
          accessibilityNeeds: input.accessibilityNeeds,
          locale: input.locale ?? null,
          idempotencyKey: key ?? null,
          actorAccountId: auth.accountId,
        },
        c.var.eventMail,
      );
      if (!made) {
        const existing = await diagnoseRefusal(ctx, event.id, input, key);
        return c.json(await loadRegistration(c.var.db, existing), 200);
      }
      // A place freed a moment ago whose promotion has not run yet goes by the fairness rule,
      // among the waiting and this newcomer, not to whoever asked last.
      const promoted = made.reasonCode === "others_waiting" ? await fillFreePlaces(ctx, event.id) : 0;
      if (made.mail) deliverClaimedAfterResponse(c, made.mail);
      if (promoted) deliverAfterResponse(c);
      if (promoted) return c.json(await loadRegistration(c.var.db, made.id), 201);
      // What the INSERT returned is the whole truth about the new row: no need to read it again.
      return c.json(
        {
          id: made.id,
          eventId: event.id,
          institutionId: input.institutionId,
          institutionName: made.institutionName,
          trackId: input.trackId,
          name: input.name,
          email: input.email,
          function: input.function,
          accessibilityNeeds: input.accessibilityNeeds,
          status: made.status,
          offeredUntil: null,
          reasonCode: made.reasonCode,
          isOverride: false,
          requestedAt: made.requestedAt.toISOString(),
          confirmedAt: made.confirmedAt?.toISOString() ?? null,
          cancelledAt: null,
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/registrations",
      tags: ["Registrations"],
      summary: "Registrations of an event: all for organisers, the own institution's for its contacts",
      middleware: [signedIn, eventAccess("visible")] as const,
      request: {
        params: EventIdParam,
        query: z.object({ institutionId: z.string().min(1).max(100).optional() }),
      },
      responses: {
        200: jsonContent(
          z.object({
            items: z.array(
              RegistrationSchema.extend({
                /** Per session: checked in (`present`) or `excused`; sessions without an entry have none. */
                attendance: z.array(z.object({ sessionId: z.string(), kind: z.enum(attendanceKinds) })),
              }),
            ),
          }),
          "Registrations, earliest request first, with what was recorded at each session",
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { institutionId } = c.req.valid("query");
      const event = c.var.event;
      const organiser = isOrganiserOf(auth, event.networkId);
      // Before the role check: a contact of another network's institution is a contact, just not of this network.
      if (institutionId && !(await isInstitutionOf(c.var.db, institutionId, event.networkId)))
        throw new ApiError("institution_not_found");
      if (!organiser && !(institutionId && isContactOf(auth, institutionId))) throw new ApiError("forbidden");
      const rows = await registrationsOfEvent(c.var.db, event.id, institutionId);
      // Contacts' views of their own institution's list are logged like organisers': both see names.
      await auditInsert(c.var.db, {
        networkId: event.networkId,
        actorAccountId: auth.accountId,
        action: "registrations.view",
        entityType: "event",
        entityId: event.id,
        fields: institutionId ? ["institutionId"] : [],
      });
      return c.json(
        {
          items: rows.map((r) => ({
            ...toRegistration(r.registration, r.institutionName),
            attendance: r.attendance,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/registrations/{registrationId}",
      tags: ["Registrations"],
      summary: "One registration with its history: who did what, when, and by which rule",
      middleware: [registrationAccess("organiser_or_contact")] as const,
      request: { params: RegistrationIdParam },
      responses: {
        200: jsonContent(
          z.object({ registration: RegistrationSchema, history: z.array(HistorySchema) }),
          "The registration",
        ),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const id = c.var.registration.id;
      const [registration, history] = await Promise.all([loadRegistration(c.var.db, id), historyOf(c.var.db, id)]);
      await auditInsert(c.var.db, {
        networkId: c.var.event.networkId,
        actorAccountId: requireAuth(c).accountId,
        action: "registration.view",
        entityType: "registration",
        entityId: id,
      });
      return c.json(
        {
          registration,
          history: history.map((h) => ({
            at: h.at.toISOString(),
            action: h.action,
            reasonCode: h.reasonCode,
            reasonParams: (h.reasonParams as Record<string, unknown> | null) ?? null,
            byAccount: h.actorAccountId !== null,
          })),
        },
        200,
      );
    },
  );
