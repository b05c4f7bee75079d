import { createRoute, z } from "@hono/zod-openapi";
import { settleEvent } from "../db/allocation";
import type { Db } from "../db/client";
import { createEvent, publishEvent, updateEvent } from "../db/event-writes";
import { eventStatuses, eventTypes, invitationModes, listEvents, loadEventDetail, promotionModes } from "../db/events";
import { phases } from "../domain/allocation";
import { DEFAULT_CHECK_IN_MINUTES_BEFORE, MAX_CHECK_IN_MINUTES_BEFORE } from "../domain/check-in-window";
import { type RuleError, ruleMessages } from "../domain/event-plan";
import type { Locale } from "../env";
import { isOrganiserOf, requireAuth } from "../lib/auth";
import { activeNetwork, eventAccess, organiserOfNetwork } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { ApiError, localeOf } from "../lib/problem";
import { ReminderSettingsSchema, reminderDefaults, reminderFields } from "../lib/reminder-settings";
import { createRouter } from "../lib/router";
import { runContextOf } from "../lib/run-context";
import { idParam, jsonContent, problemResponses, safeText } from "../lib/schemas";
import { SESSION_OPTIONAL } from "../lib/security";
import { NetworkRefParam } from "./networks";

// ---------------------------------------------------------------------------
// Output

const iso = z.string().openapi({ format: "date-time" });

const SessionSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    title: z.string(),
    topic: z.string(),
    startsAt: iso,
    endsAt: iso,
  })
  .openapi("Session");

const TrackSchema = z
  .object({
    id: z.string(),
    sessionId: z
      .string()
      .nullable()
      .openapi({ description: "The session the track belongs to; null: the whole event" }),
    title: z.string(),
    description: z.string(),
    capacity: z.number().int(),
  })
  .openapi("Track");

const EventSummarySchema = z
  .object({
    id: z.string(),
    type: z.enum(eventTypes),
    status: z.enum(eventStatuses),
    title: z.string(),
    description: z.string(),
    venueName: z.string(),
    venueAddress: z.string(),
    venueAccessibility: z.string(),
    capacity: z.number().int(),
    defaultQuota: z
      .number()
      .int()
      .openapi({ description: "Places reserved per invited institution unless overridden" }),
    registrationOpensAt: iso,
    quotaDeadline: iso,
    registrationClosesAt: iso,
    phase: z.enum(phases).openapi({ description: "Where the event's registration stands now" }),
    redistributedAt: iso.nullable().openapi({
      description: "When the redistribution ran (at or before the quota deadline); from then on no quota applies",
    }),
    invitationMode: z.enum(invitationModes),
    promotionMode: z.enum(promotionModes),
    offerHours: z.number().int(),
    sessions: z.array(SessionSchema),
    tracks: z.array(TrackSchema),
  })
  .openapi("EventSummary");

const QuotaOverrideSchema = z
  .object({
    institutionId: z.string().trim().min(1).max(100),
    places: z.number().int().min(0).max(1000),
  })
  .openapi("QuotaOverride");

export const EventDetailSchema = EventSummarySchema.extend({
  networkId: z.string(),
  legalBasis: z.string(),
  retentionMonths: z
    .number()
    .int()
    .nullable()
    .openapi({ description: "Overrides the network's retention period; null: the network's applies" }),
  checkInMinutesBefore: z.number().int().openapi({
    description:
      "Check-in opens this many minutes before a session starts and closes at the end of its day (Berlin time)",
  }),
  invitation: z
    .object({
      mode: z.enum(invitationModes),
      sectorKeys: z.array(z.string()).openapi({ description: "Only for mode `sectors`, else empty" }),
      institutionIds: z.array(z.string()).openapi({ description: "Only for mode `picked`, else empty" }),
    })
    .openapi("Invitation"),
  quotaOverrides: z.array(QuotaOverrideSchema),
  ...ReminderSettingsSchema.shape,
  invitedInstitutionCount: z.number().int(),
  overbookedBy: z.number().int().openapi({
    description: "Places held beyond the capacity after an organiser chose to overbook (allowOverbooking); 0 otherwise",
  }),
}).openapi("EventDetail");

export type EventDetail = z.infer<typeof EventDetailSchema>;

const PublishedEventSchema = EventDetailSchema.extend({
  invitations: z
    .object({
      mailed: z.number().int().openapi({ description: "Invitation mails written, one per contact person" }),
      institutionsReached: z
        .number()
        .int()
        .openapi({ description: "Invited institutions with at least one contact person, who got the mail" }),
      institutionsWithoutContact: z
        .array(z.object({ id: z.string(), name: z.string() }))
        .openapi({ description: "Invited institutions nobody could be mailed at: they have no contact person yet" }),
    })
    .openapi("InvitationsSent"),
}).openapi("PublishedEvent");

// ---------------------------------------------------------------------------
// Input

const text = safeText;
const idText = z.string().trim().min(1).max(100);
const instant = z.iso.datetime({ offset: true }).openapi({ format: "date-time", example: "2026-12-03T08:00:00Z" });
const sectorKey = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9_-]+$/);

const SessionInputSchema = z
  .object({
    id: idText.optional().openapi({ description: "Id of an existing session to keep (PATCH); absent: a new session" }),
    title: text(200).default(""),
    topic: text(2000).default(""),
    startsAt: instant,
    endsAt: instant,
  })
  .openapi("SessionInput");

const TrackInputSchema = z
  .object({
    id: idText.optional().openapi({ description: "Id of an existing track to keep (PATCH); absent: a new track" }),
    title: text(200).min(1),
    description: text(2000).default(""),
    capacity: z.number().int().min(0).max(10000),
    sessionPosition: z.number().int().min(1).max(50).nullable().optional().openapi({
      description:
        "1-based position in `sessions` of the session the track belongs to; null or absent: the whole event",
    }),
  })
  .openapi("TrackInput");

const InvitationInputSchema = z
  .object({
    mode: z.enum(invitationModes),
    sectorKeys: z
      .array(sectorKey)
      .max(50)
      .default([])
      .openapi({ description: "Invited sectors; required for mode `sectors`" }),
    institutionIds: z
      .array(idText)
      .max(1000)
      .default([])
      .openapi({ description: "Invited institutions of the network; required for mode `picked`" }),
  })
  .openapi("InvitationInput");

/** Every field of an event, none with a default: PATCH must not fill in what it was not sent. */
const eventFields = {
  type: z.enum(eventTypes),
  title: text(200).min(1),
  description: text(5000),
  venueName: text(200),
  venueAddress: text(500),
  venueAccessibility: text(2000),
  capacity: z.number().int().min(0).max(10000),
  defaultQuota: z.number().int().min(0).max(1000),
  registrationOpensAt: instant,
  quotaDeadline: instant.openapi({ description: "Between registrationOpensAt and registrationClosesAt" }),
  registrationClosesAt: instant,
  promotionMode: z.enum(promotionModes),
  offerHours: z.number().int().min(1).max(336),
  checkInMinutesBefore: z.number().int().min(0).max(MAX_CHECK_IN_MINUTES_BEFORE),
  legalBasis: text(1000),
  retentionMonths: z.number().int().min(1).max(120).nullable(),
  sessions: z.array(SessionInputSchema).min(1).max(50).openapi({
    description: "The event's sessions in order. PATCH: replaces the set (listed ids are kept, others deleted)",
  }),
  tracks: z.array(TrackInputSchema).max(30).openapi({
    description: "Parallel tracks. PATCH: replaces the set (listed ids are kept, others deleted)",
  }),
  invitation: InvitationInputSchema,
  quotaOverrides: z.array(QuotaOverrideSchema).max(1000).openapi({
    description: "Places per invited institution where the default quota does not apply. PATCH: replaces the set",
  }),
  ...reminderFields,
};

export const EventInputSchema = z
  .object({
    ...eventFields,
    description: eventFields.description.default(""),
    venueName: eventFields.venueName.default(""),
    venueAddress: eventFields.venueAddress.default(""),
    venueAccessibility: eventFields.venueAccessibility.default(""),
    promotionMode: eventFields.promotionMode.default("offer"),
    offerHours: eventFields.offerHours.default(48),
    checkInMinutesBefore: eventFields.checkInMinutesBefore.default(DEFAULT_CHECK_IN_MINUTES_BEFORE),
    legalBasis: eventFields.legalBasis.default(""),
    retentionMonths: eventFields.retentionMonths.optional(),
    tracks: eventFields.tracks.default([]),
    invitation: eventFields.invitation.default({ mode: "all", sectorKeys: [], institutionIds: [] }),
    quotaOverrides: eventFields.quotaOverrides.default([]),
    ...reminderDefaults,
  })
  .openapi("EventInput");

const EventPatchSchema = z
  .object({
    ...eventFields,
    allowOverbooking: z.boolean().openapi({
      description:
        "Lower the capacity, a track's capacity or a quota below the places already held; recorded in the audit log. Without it such a change is refused with 409 `places_below_held`",
    }),
  })
  .partial()
  .strict()
  .openapi("EventPatch");
const EventIdParam = idParam("eventId");
const EventListQuery = z.object({
  scope: z
    .enum(["manage"])
    .optional()
    .openapi({ description: "`manage`: every event of the network in any status (its organisers only)" }),
});

// ---------------------------------------------------------------------------
// Routes

const validationFailed = (errors: RuleError[], locale: Locale) =>
  new ApiError(
    "validation_failed",
    errors.map((e) => ({ ...e, message: ruleMessages[e.code][locale] })),
  );

async function detailOf(db: Db, eventId: string) {
  const detail = await loadEventDetail(db, eventId);
  if (!detail) throw new ApiError("event_not_found");
  return detail;
}

export const events = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}/events",
      tags: ["Events"],
      summary: "The network's published events with their sessions and tracks (all events for its organisers)",
      // Public; `scope=manage` needs an organiser's session.
      security: SESSION_OPTIONAL,
      request: { params: NetworkRefParam, query: EventListQuery },
      responses: {
        200: jsonContent(z.object({ items: z.array(EventSummarySchema) }), "Events, soonest first"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const network = await activeNetwork(c, c.req.valid("param").networkId);
      const manage = c.req.valid("query").scope === "manage";
      if (manage && !isOrganiserOf(requireAuth(c), network.id)) throw new ApiError("forbidden");
      return c.json({ items: await listEvents(c.var.db, network.id, manage) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/networks/{networkId}/events",
      tags: ["Events"],
      summary: "Create an event as a draft, with its sessions, tracks, invitation and quotas (organisers)",
      middleware: [organiserOfNetwork] as const,
      request: {
        params: NetworkRefParam,
        body: { content: { "application/json": { schema: EventInputSchema } }, required: true },
      },
      responses: {
        201: jsonContent(EventDetailSchema, "Created as a draft"),
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const outcome = await createEvent(c.var.db, {
        networkId: c.var.network.id,
        actorAccountId: requireAuth(c).accountId,
        input: c.req.valid("json"),
        now: new Date(),
      });
      if (!outcome.ok)
        throw outcome.reason === "invalid"
          ? validationFailed(outcome.errors, localeOf(c))
          : new ApiError(outcome.reason);
      return c.json(await detailOf(c.var.db, outcome.eventId), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}",
      tags: ["Events"],
      summary: "An event with its sessions, tracks, invitation and quotas (drafts: organisers only)",
      middleware: [eventAccess("visible")] as const,
      request: { params: EventIdParam },
      responses: { 200: jsonContent(EventDetailSchema, "The event"), ...problemResponses(400, 404) },
    }),
    async (c) => c.json(await detailOf(c.var.db, c.var.event.id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/events/{eventId}",
      tags: ["Events"],
      summary: "Change an event; lists given (sessions, tracks, quota overrides) replace the current ones (organisers)",
      description:
        "A capacity, track capacity or (while the quotas apply) quota below the places already held is refused with 409 `places_below_held` unless `allowOverbooking` is true; then the overbooking is recorded in the audit log and the event shows `overbookedBy`.",
      middleware: [eventAccess("organiser")] as const,
      request: {
        params: EventIdParam,
        body: { content: { "application/json": { schema: EventPatchSchema } }, required: true },
      },
      responses: {
        200: jsonContent(EventDetailSchema, "Updated"),
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const input = c.req.valid("json");
      if (event.status === "cancelled") throw new ApiError("event_cancelled");
      if (Object.keys(input).filter((f) => f !== "allowOverbooking").length === 0)
        return c.json(await detailOf(c.var.db, event.id), 200);
      const outcome = await updateEvent(c.var.db, {
        networkId: event.networkId,
        actorAccountId: requireAuth(c).accountId,
        event,
        input,
        now: new Date(),
      });
      if (!outcome.ok)
        throw outcome.reason === "invalid"
          ? validationFailed(outcome.errors, localeOf(c))
          : new ApiError(outcome.reason);
      // More room (an organiser's override, or larger quotas): waiting registrations move up where the rules allow.
      if (outcome.makesRoom) {
        const settled = await settleEvent(runContextOf(c), event.id);
        if (settled.promoted > 0 || settled.lapsed > 0) deliverAfterResponse(c);
      }
      return c.json(await detailOf(c.var.db, event.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/publish",
      tags: ["Events"],
      summary: "Publish a draft and send the invitations to the contacts of the invited institutions (organisers)",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: jsonContent(PublishedEventSchema, "Published, with whom the invitations reached"),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const event = c.var.event;
      if (event.status !== "draft") throw new ApiError("event_not_draft");
      const outcome = await publishEvent(c.var.db, {
        event,
        actorAccountId: requireAuth(c).accountId,
        origin: runContextOf(c).origin,
        now: new Date(),
      });
      if (!outcome.published) throw new ApiError("event_not_draft");
      if (outcome.mails > 0) deliverAfterResponse(c);
      return c.json({ ...(await detailOf(c.var.db, event.id)), invitations: outcome.invitations }, 200);
    },
  );
