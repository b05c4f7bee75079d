import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import {
  cancelEvent,
  cancelRegistration,
  fillFreePlaces,
  moveRegistration,
  overrideConfirm,
  type RunContext,
  register,
  runRedistribution,
  swapRegistration,
} from "../db/allocation";
import type { Db } from "../db/client";
import { isInstitutionOf } from "../db/queries";
import {
  attendanceKinds,
  attendances,
  events,
  institutions,
  quotas,
  registrationHistory,
  registrationStatuses,
  registrations,
  tracks,
} from "../db/schema";
import { boardSummary, phaseOf, quotaOf } from "../domain/allocation";
import { auditInsert } from "../lib/audit";
import { isContactOf, isOrganiserOf, normaliseEmail, requireAuth } from "../lib/auth";
import { eventAccess, institutionAccess, registrationAccess, signedIn } from "../lib/guards";
import { deliverAfterResponse, deliverClaimedAfterResponse } from "../lib/mail";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { runContextOf } from "../lib/run-context";
import { InstitutionIdParam, idParam, jsonContent, problemResponses, safeText } from "../lib/schemas";

const iso = z.string().openapi({ format: "date-time" });
const EventIdParam = idParam("eventId");
const RegistrationIdParam = idParam("registrationId");

const phases = ["draft", "cancelled", "not_open", "reserved", "awaiting_redistribution", "open", "closed"] as const;

const PersonSchema = z.object({
  name: safeText(200).min(1),
  email: z.email().max(254).transform(normaliseEmail),
  function: safeText(200).default(""),
  accessibilityNeeds: safeText(1000).default(""),
  /** The privacy notice of the network was shown and acknowledged. */
  privacyAcknowledged: z.literal(true),
});

const RegistrationInput = PersonSchema.extend({
  institutionId: z.string().min(1).max(100),
  trackId: z.string().min(1).max(100).nullable().default(null),
}).openapi("RegistrationInput");

const RegistrationSchema = z
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

type RegistrationRow = typeof registrations.$inferSelect;

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

async function loadRegistration(db: Db, id: string) {
  const [row] = await db
    .select({ registration: registrations, institutionName: institutions.name })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(eq(registrations.id, id));
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
    const [same] = await db
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), eq(registrations.idempotencyKey, key)));
    if (same) {
      if (same.email !== input.email || same.institutionId !== input.institutionId)
        throw new ApiError("idempotency_key_reused");
      return same.id;
    }
  }
  const [live] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.email, input.email),
        ne(registrations.status, "cancelled"),
        isNull(registrations.anonymisedAt),
      ),
    );
  if (live) throw new ApiError("already_registered");
  const [[event], [quota], [institution]] = await Promise.all([
    db.select().from(events).where(eq(events.id, eventId)),
    db
      .select()
      .from(quotas)
      .where(and(eq(quotas.eventId, eventId), eq(quotas.institutionId, input.institutionId))),
    db.select().from(institutions).where(eq(institutions.id, input.institutionId)),
  ]);
  if (!event) throw new ApiError("event_not_found");
  if (event.status === "cancelled") throw new ApiError("event_cancelled");
  if (event.status === "draft") throw new ApiError("event_not_found");
  if (!institution || institution.networkId !== event.networkId) throw new ApiError("institution_not_found");
  if (institution.archivedAt) throw new ApiError("institution_archived");
  if (!quota) throw new ApiError("institution_not_invited");
  const now = ctx.now.getTime();
  if (now < event.registrationOpensAt.getTime()) throw new ApiError("registration_not_open");
  if (now >= event.registrationClosesAt.getTime()) throw new ApiError("registration_closed");
  if (input.trackId) throw new ApiError("track_not_found");
  throw new ApiError("registration_state_conflict");
}

async function boardOf(db: Db, event: typeof events.$inferSelect, now: Date) {
  const [lines, trackRows, decisions] = await Promise.all([
    db.all<{
      institution_id: string;
      name: string;
      sector_key: string;
      places: number | null;
      confirmed: number;
      offered: number;
      waiting: number;
    }>(sql`select q.institution_id, i.name, i.sector_key, q.places,
        count(case when r.status = 'confirmed' then 1 end) as confirmed,
        count(case when r.status = 'waitlisted' and r.offered_until is not null then 1 end) as offered,
        count(case when r.status = 'waitlisted' and r.offered_until is null then 1 end) as waiting
      from quotas q
      join institutions i on i.id = q.institution_id
      left join registrations r on r.event_id = q.event_id and r.institution_id = q.institution_id
      where q.event_id = ${event.id}
      group by q.institution_id
      order by i.name`),
    db.all<{ id: string; title: string; capacity: number; confirmed: number; waiting: number }>(
      sql`select t.id, t.title, t.capacity,
          count(case when r.status = 'confirmed' or (r.status = 'waitlisted' and r.offered_until is not null) then 1 end) as confirmed,
          count(case when r.status = 'waitlisted' and r.offered_until is null then 1 end) as waiting
        from tracks t left join registrations r on r.track_id = t.id
        where t.event_id = ${event.id} group by t.id order by t.title`,
    ),
    db
      .select({
        at: registrationHistory.at,
        action: registrationHistory.action,
        reasonCode: registrationHistory.reasonCode,
        reasonParams: registrationHistory.reasonParams,
        registrationId: registrationHistory.registrationId,
        institutionId: registrations.institutionId,
        institutionName: institutions.name,
      })
      .from(registrationHistory)
      .innerJoin(registrations, eq(registrations.id, registrationHistory.registrationId))
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .where(eq(registrations.eventId, event.id))
      .orderBy(desc(registrationHistory.at), desc(sql`${registrationHistory}.rowid`))
      .limit(200),
  ]);
  const names = Object.fromEntries(lines.map((l) => [l.institution_id, l.name]));
  const summary = boardSummary(
    event.capacity,
    lines.map((l) => ({
      institutionId: l.institution_id,
      sectorKey: l.sector_key,
      quota: quotaOf(l.places, event.defaultQuota),
      confirmed: l.confirmed,
      offered: l.offered,
      waiting: l.waiting,
    })),
  );
  return {
    eventId: event.id,
    phase: phaseOf(
      {
        status: event.status,
        registrationOpensAt: event.registrationOpensAt.getTime(),
        quotaDeadline: event.quotaDeadline.getTime(),
        registrationClosesAt: event.registrationClosesAt.getTime(),
        redistributedAt: event.redistributedAt?.getTime() ?? null,
      },
      now.getTime(),
    ),
    redistributedAt: event.redistributedAt?.toISOString() ?? null,
    ...summary,
    institutions: summary.institutions.map((l) => ({ ...l, institutionName: names[l.institutionId] ?? "" })),
    tracks: trackRows,
    decisions: decisions.map((d) => ({
      at: d.at.toISOString(),
      action: d.action,
      reasonCode: d.reasonCode,
      reasonParams: (d.reasonParams as Record<string, unknown> | null) ?? null,
      registrationId: d.registrationId,
      institutionId: d.institutionId,
      institutionName: d.institutionName,
    })),
  };
}

const BoardSchema = z
  .object({
    eventId: z.string(),
    phase: z.enum(phases),
    redistributedAt: iso.nullable(),
    capacity: z.number().int(),
    quotaSum: z.number().int(),
    overCommitted: z.boolean(),
    overCommitment: z.number().int(),
    confirmed: z.number().int(),
    offered: z.number().int(),
    waiting: z.number().int(),
    free: z.number().int(),
    institutions: z.array(
      z.object({
        institutionId: z.string(),
        institutionName: z.string(),
        sectorKey: z.string(),
        quota: z.number().int(),
        confirmed: z.number().int(),
        offered: z.number().int(),
        waiting: z.number().int(),
        unclaimed: z.number().int(),
      }),
    ),
    sectors: z.array(
      z.object({
        sectorKey: z.string(),
        institutions: z.number().int(),
        quota: z.number().int(),
        confirmed: z.number().int(),
        waiting: z.number().int(),
      }),
    ),
    sectorsWithoutConfirmed: z.array(z.string()),
    tracks: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        capacity: z.number().int(),
        confirmed: z.number().int(),
        waiting: z.number().int(),
      }),
    ),
    decisions: z.array(
      z.object({
        at: iso,
        action: z.string(),
        reasonCode: z.string().nullable(),
        reasonParams: z.record(z.string(), z.unknown()).nullable(),
        registrationId: z.string(),
        institutionId: z.string(),
        institutionName: z.string(),
      }),
    ),
  })
  .openapi("AllocationBoard");

const InvitedEventSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.string(),
    phase: z.enum(phases),
    firstSessionAt: iso.nullable(),
    registrationOpensAt: iso,
    quotaDeadline: iso,
    registrationClosesAt: iso,
    quota: z.number().int(),
    confirmed: z.number().int(),
    offered: z.number().int(),
    waiting: z.number().int(),
    /** Places of the quota not yet taken: max(0, quota − confirmed − offered). */
    remaining: z.number().int(),
  })
  .openapi("InvitedEvent");

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
      const ofEvent = and(
        eq(registrations.eventId, event.id),
        institutionId ? eq(registrations.institutionId, institutionId) : undefined,
        isNull(registrations.anonymisedAt),
      );
      const [rows, marks] = await Promise.all([
        c.var.db
          .select({ registration: registrations, institutionName: institutions.name })
          .from(registrations)
          .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
          .where(ofEvent)
          .orderBy(asc(registrations.requestedAt), asc(registrations.id)),
        c.var.db
          .select({
            registrationId: attendances.registrationId,
            sessionId: attendances.sessionId,
            kind: attendances.kind,
          })
          .from(attendances)
          .innerJoin(registrations, eq(registrations.id, attendances.registrationId))
          .where(ofEvent),
      ]);
      const attendanceOf = new Map<string, { sessionId: string; kind: (typeof marks)[number]["kind"] }[]>();
      for (const m of marks)
        attendanceOf.set(m.registrationId, [
          ...(attendanceOf.get(m.registrationId) ?? []),
          { sessionId: m.sessionId, kind: m.kind },
        ]);
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
            attendance: attendanceOf.get(r.registration.id) ?? [],
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
      const [registration, history] = await Promise.all([
        loadRegistration(c.var.db, id),
        c.var.db
          .select()
          .from(registrationHistory)
          .where(eq(registrationHistory.registrationId, id))
          .orderBy(asc(registrationHistory.at), asc(sql`rowid`)),
      ]);
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
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/registrations/{registrationId}/cancel",
      tags: ["Registrations"],
      summary: "Cancel a registration; its place passes to the waiting list",
      middleware: [registrationAccess("organiser_or_contact")] as const,
      request: { params: RegistrationIdParam },
      responses: { 200: jsonContent(RegistrationSchema, "Cancelled"), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const reason = isOrganiserOf(auth, c.var.event.networkId) ? "cancelled_by_organiser" : "cancelled_by_institution";
      const done = await cancelRegistration(runContextOf(c), c.var.registration.id, auth.accountId, reason);
      if (!done) throw new ApiError("registration_state_conflict");
      deliverAfterResponse(c);
      return c.json(await loadRegistration(c.var.db, c.var.registration.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/registrations/{registrationId}/swap",
      tags: ["Registrations"],
      summary: "Give the place to a colleague: same place, same status, another person",
      description:
        "409 `registration_attended` once the person attended a session: the attendance (and whether they answered " +
        "feedback) stays theirs; register the colleague instead.",
      middleware: [registrationAccess("organiser_or_contact")] as const,
      request: {
        params: RegistrationIdParam,
        body: { content: { "application/json": { schema: PersonSchema.openapi("PersonInput") } }, required: true },
      },
      responses: { 200: jsonContent(RegistrationSchema, "Swapped"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const person = c.req.valid("json");
      let done: Awaited<ReturnType<typeof swapRegistration>>;
      try {
        done = await swapRegistration(runContextOf(c), c.var.registration, person, auth.accountId);
      } catch (error) {
        if (String(error).includes("UNIQUE")) throw new ApiError("already_registered");
        throw error;
      }
      if (done === "attended") throw new ApiError("registration_attended");
      if (!done) throw new ApiError("registration_state_conflict");
      deliverAfterResponse(c);
      return c.json(await loadRegistration(c.var.db, c.var.registration.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/registrations/{registrationId}/confirm",
      tags: ["Registrations"],
      summary: "Organiser override: confirm a waiting registration over quota and capacity, on purpose",
      middleware: [registrationAccess("organiser")] as const,
      request: { params: RegistrationIdParam },
      responses: { 200: jsonContent(RegistrationSchema, "Confirmed"), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      if (!(await overrideConfirm(runContextOf(c), c.var.registration.id, auth.accountId)))
        throw new ApiError("registration_state_conflict");
      deliverAfterResponse(c);
      return c.json(await loadRegistration(c.var.db, c.var.registration.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/registrations/{registrationId}/move",
      tags: ["Registrations"],
      summary: "Organiser: move a registration to another track (or to none)",
      middleware: [registrationAccess("organiser")] as const,
      request: {
        params: RegistrationIdParam,
        body: {
          content: {
            "application/json": {
              schema: z.object({ trackId: z.string().min(1).max(100).nullable() }).openapi("MoveInput"),
            },
          },
          required: true,
        },
      },
      responses: { 200: jsonContent(RegistrationSchema, "Moved"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { trackId } = c.req.valid("json");
      if (trackId) {
        const [track] = await c.var.db
          .select()
          .from(tracks)
          .where(and(eq(tracks.id, trackId), eq(tracks.eventId, c.var.event.id)));
        if (!track) throw new ApiError("track_not_found");
      }
      if (!(await moveRegistration(runContextOf(c), c.var.registration, trackId, auth.accountId)))
        throw new ApiError(c.var.registration.status === "cancelled" ? "registration_state_conflict" : "track_full");
      deliverAfterResponse(c);
      return c.json(await loadRegistration(c.var.db, c.var.registration.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/board",
      tags: ["Registrations"],
      summary: "The organiser's allocation board: quotas, confirmed, waiting, unclaimed, sectors, decisions",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: { 200: jsonContent(BoardSchema, "The board"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await boardOf(c.var.db, c.var.event, new Date()), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/redistribution",
      tags: ["Registrations"],
      summary: "Run the redistribution now (otherwise the cron runs it at the quota deadline)",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: jsonContent(BoardSchema, "The board after the redistribution"),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const event = c.var.event;
      if (event.status === "cancelled") throw new ApiError("event_cancelled");
      if (event.status !== "published" || event.redistributedAt) throw new ApiError("registration_state_conflict");
      const ctx = runContextOf(c);
      const done = await runRedistribution(ctx, event.id, auth.accountId);
      if (!done) throw new ApiError("registration_state_conflict");
      await auditInsert(c.var.db, {
        networkId: event.networkId,
        actorAccountId: auth.accountId,
        action: "event.redistribute",
        entityType: "event",
        entityId: event.id,
      });
      deliverAfterResponse(c);
      const [fresh] = await c.var.db.select().from(events).where(eq(events.id, event.id));
      return c.json(await boardOf(c.var.db, fresh, ctx.now), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/cancel",
      tags: ["Events"],
      summary: "Cancel the event: every registration is cancelled and every registrant notified",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: jsonContent(z.object({ status: z.literal("cancelled"), notified: z.number().int() }), "Cancelled"),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const event = c.var.event;
      const notified = await cancelEvent(runContextOf(c), event.id, auth.accountId);
      if (notified === null) throw new ApiError("event_cancelled");
      await auditInsert(c.var.db, {
        networkId: event.networkId,
        actorAccountId: auth.accountId,
        action: "event.cancel",
        entityType: "event",
        entityId: event.id,
      });
      deliverAfterResponse(c);
      return c.json({ status: "cancelled" as const, notified }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/institutions/{institutionId}/events",
      tags: ["Registrations"],
      summary: "Published events the institution is invited to, with its quota, used and remaining places",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: { params: InstitutionIdParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(InvitedEventSchema) }), "Invited events, soonest first"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const institutionId = c.var.institution.id;
      const rows = await c.var.db.all<{
        id: string;
        title: string;
        type: string;
        status: "draft" | "published" | "cancelled";
        opens: number;
        deadline: number;
        closes: number;
        redistributed: number | null;
        first_session: number | null;
        quota: number;
        confirmed: number;
        offered: number;
        waiting: number;
      }>(sql`select e.id, e.title, e.type, e.status, e.registration_opens_at as opens, e.quota_deadline as deadline,
          e.registration_closes_at as closes, e.redistributed_at as redistributed,
          (select min(s.starts_at) from event_sessions s where s.event_id = e.id) as first_session,
          coalesce(q.places, e.default_quota) as quota,
          (select count(*) from registrations r where r.event_id = e.id and r.institution_id = q.institution_id
            and r.status = 'confirmed') as confirmed,
          (select count(*) from registrations r where r.event_id = e.id and r.institution_id = q.institution_id
            and r.status = 'waitlisted' and r.offered_until is not null) as offered,
          (select count(*) from registrations r where r.event_id = e.id and r.institution_id = q.institution_id
            and r.status = 'waitlisted' and r.offered_until is null) as waiting
        from quotas q join events e on e.id = q.event_id
        where q.institution_id = ${institutionId} and e.status <> 'draft'
        order by first_session`);
      const now = Date.now();
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            title: r.title,
            type: r.type,
            phase: phaseOf(
              {
                status: r.status,
                registrationOpensAt: r.opens,
                quotaDeadline: r.deadline,
                registrationClosesAt: r.closes,
                redistributedAt: r.redistributed,
              },
              now,
            ),
            firstSessionAt: r.first_session === null ? null : new Date(r.first_session).toISOString(),
            registrationOpensAt: new Date(r.opens).toISOString(),
            quotaDeadline: new Date(r.deadline).toISOString(),
            registrationClosesAt: new Date(r.closes).toISOString(),
            quota: r.quota,
            confirmed: r.confirmed,
            offered: r.offered,
            waiting: r.waiting,
            remaining: Math.max(0, r.quota - r.confirmed - r.offered),
          })),
        },
        200,
      );
    },
  );
