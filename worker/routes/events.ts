import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, getTableColumns, inArray, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Context } from "hono";
import { settleEvent } from "../db/allocation";
import { type Db, runBatch } from "../db/client";
import { mailBrandOf } from "../db/network-settings";
import { requireNetwork } from "../db/queries";
import {
  accounts,
  attendances,
  eventSessions,
  eventStatuses,
  events as eventsTable,
  eventTypes,
  feedbackForms,
  institutions,
  invitationModes,
  networks,
  promotionModes,
  quotas,
  registrations,
  roles,
  sectors,
  tracks,
} from "../db/schema";
import { quotaOf } from "../domain/allocation";
import type { AppEnv } from "../env";
import { auditInsert, auditInsertIf } from "../lib/audit";
import { isOrganiserOf, requireAuth } from "../lib/auth";
import { activeNetwork, eventAccess, organiserOfNetwork } from "../lib/guards";
import { deliverAfterResponse, mailInsertIf, type OutgoingMail } from "../lib/mail";
import { ApiError, type FieldError, localeOf } from "../lib/problem";
import { createRouter } from "../lib/router";
import { runContextOf } from "../lib/run-context";
import { idParam, jsonContent, problemResponses, safeText } from "../lib/schemas";
import { SESSION_OPTIONAL } from "../lib/security";
import { formatEventDates } from "../lib/time";
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
  redistributedAt: iso.nullable(),
  invitation: z
    .object({
      mode: z.enum(invitationModes),
      sectorKeys: z.array(z.string()).openapi({ description: "Only for mode `sectors`, else empty" }),
      institutionIds: z.array(z.string()).openapi({ description: "Only for mode `picked`, else empty" }),
    })
    .openapi("Invitation"),
  quotaOverrides: z.array(QuotaOverrideSchema),
  invitedInstitutionCount: z.number().int(),
}).openapi("EventDetail");

export type EventDetail = z.infer<typeof EventDetailSchema>;

type EventRow = typeof eventsTable.$inferSelect;
type SessionRow = typeof eventSessions.$inferSelect;
type TrackRow = typeof tracks.$inferSelect;
type QuotaRow = typeof quotas.$inferSelect;

const toSummary = (e: EventRow, sessionRows: SessionRow[], trackRows: TrackRow[]) => ({
  id: e.id,
  type: e.type,
  status: e.status,
  title: e.title,
  description: e.description,
  venueName: e.venueName,
  venueAddress: e.venueAddress,
  venueAccessibility: e.venueAccessibility,
  capacity: e.capacity,
  defaultQuota: e.defaultQuota,
  registrationOpensAt: e.registrationOpensAt.toISOString(),
  quotaDeadline: e.quotaDeadline.toISOString(),
  registrationClosesAt: e.registrationClosesAt.toISOString(),
  invitationMode: e.invitationMode,
  promotionMode: e.promotionMode,
  offerHours: e.offerHours,
  sessions: sessionRows
    .filter((s) => s.eventId === e.id)
    .sort((a, b) => a.position - b.position)
    .map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      topic: s.topic,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
    })),
  tracks: trackRows
    .filter((t) => t.eventId === e.id)
    .map((t) => ({
      id: t.id,
      sessionId: t.sessionId,
      title: t.title,
      description: t.description,
      capacity: t.capacity,
    })),
});

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The event as its organisers edit it; the invitation and quotas are no personal data, so anyone who sees the event gets them. */
export async function loadEventDetail(db: Db, eventId: string): Promise<EventDetail> {
  const [event] = await db.select().from(eventsTable).where(eq(eventsTable.id, eventId)).limit(1);
  if (!event) throw new ApiError("event_not_found");
  const [sessionRows, trackRows, quotaRows] = await Promise.all([
    db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.position)),
    db.select().from(tracks).where(eq(tracks.eventId, eventId)).orderBy(asc(tracks.title)),
    db.select().from(quotas).where(eq(quotas.eventId, eventId)),
  ]);
  return {
    ...toSummary(event, sessionRows, trackRows),
    networkId: event.networkId,
    legalBasis: event.legalBasis,
    retentionMonths: event.retentionMonths,
    redistributedAt: event.redistributedAt?.toISOString() ?? null,
    invitation: {
      mode: event.invitationMode,
      sectorKeys: event.invitationMode === "sectors" ? event.invitedSectorKeys : [],
      institutionIds: event.invitationMode === "picked" ? quotaRows.map((q) => q.institutionId).sort(byId) : [],
    },
    quotaOverrides: quotaRows
      .filter((q) => q.places !== null)
      .map((q) => ({ institutionId: q.institutionId, places: q.places as number }))
      .sort((a, b) => byId(a.institutionId, b.institutionId)),
    invitedInstitutionCount: quotaRows.length,
  };
}

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
    legalBasis: eventFields.legalBasis.default(""),
    retentionMonths: eventFields.retentionMonths.optional(),
    tracks: eventFields.tracks.default([]),
    invitation: eventFields.invitation.default({ mode: "all", sectorKeys: [], institutionIds: [] }),
    quotaOverrides: eventFields.quotaOverrides.default([]),
  })
  .openapi("EventInput");

const EventPatchSchema = z.object(eventFields).partial().strict().openapi("EventPatch");

type EventPatch = z.output<typeof EventPatchSchema>;

const EventIdParam = idParam("eventId");

const EventListQuery = z.object({
  scope: z
    .enum(["manage"])
    .optional()
    .openapi({ description: "`manage`: every event of the network in any status (its organisers only)" }),
});

// ---------------------------------------------------------------------------
// Writing

type Stmt = BatchItem<"sqlite">;
const runWrites = (db: Db, statements: Stmt[]) => db.batch(statements as [Stmt, ...Stmt[]]);

/** D1 binds at most 100 parameters per statement; drizzle binds every column of an inserted row. */
const rowsPerInsert = (table: SQLiteTable) => Math.max(1, Math.floor(100 / Object.keys(getTableColumns(table)).length));
const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const ID_CHUNK = 90;

const ruleMessages = {
  window_order: {
    de: "Die Kontingentfrist muss zwischen Anmeldebeginn und Anmeldeschluss liegen.",
    en: "The quota deadline must lie between the opening and the close of registration.",
  },
  session_order: { de: "Das Ende muss nach dem Beginn liegen.", en: "The end must be after the start." },
  unknown_id: {
    de: "Diese Kennung gehört nicht zu der Veranstaltung.",
    en: "This id does not belong to the event.",
  },
  duplicate: { de: "Dieser Eintrag kommt mehrfach vor.", en: "This entry appears more than once." },
  unknown_session: {
    de: "An dieser Position gibt es keinen Termin.",
    en: "There is no session at this position.",
  },
  required: { de: "Bitte mindestens einen Eintrag angeben.", en: "Please give at least one entry." },
  not_invited: {
    de: "Diese Einrichtung ist zu der Veranstaltung nicht eingeladen.",
    en: "This institution is not invited to the event.",
  },
  track_session_removed: {
    de: "Ein Forum gehört zu einem entfernten Termin. Bitte die Foren mit ändern.",
    en: "A track belongs to a removed session. Please send the tracks as well.",
  },
} as const;

type PlannedSession = {
  id: string;
  old?: SessionRow;
  position: number;
  title: string;
  topic: string;
  startsAt: Date;
  endsAt: Date;
};
type PlannedTrack = {
  id: string;
  old?: TrackRow;
  sessionId: string | null;
  title: string;
  description: string;
  capacity: number;
};

/**
 * Checks an event write (a whole new event, or a PATCH of `existing`) and
 * returns the statements for sessions, tracks and quotas, to run in one batch
 * after the event's own insert or update. Throws before anything is written.
 */
async function planEventWrite(
  c: Context<AppEnv>,
  args: { networkId: string; eventId: string; existing: EventRow | null; input: EventPatch },
) {
  const { networkId, eventId, existing, input } = args;
  const db = c.var.db;
  const locale = localeOf(c);
  const errors: FieldError[] = [];
  const fail = (path: string, code: keyof typeof ruleMessages) =>
    errors.push({ path, code, message: ruleMessages[code][locale] });

  const [oldSessions, oldTracks, oldQuotas]: [SessionRow[], TrackRow[], QuotaRow[]] = existing
    ? await Promise.all([
        db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.position)),
        db.select().from(tracks).where(eq(tracks.eventId, eventId)),
        db.select().from(quotas).where(eq(quotas.eventId, eventId)),
      ])
    : [[], [], []];

  // The registration window, as it will be.
  const at = (value: string | undefined, old: Date | undefined) => (value !== undefined ? new Date(value) : old);
  const opens = at(input.registrationOpensAt, existing?.registrationOpensAt);
  const deadline = at(input.quotaDeadline, existing?.quotaDeadline);
  const closes = at(input.registrationClosesAt, existing?.registrationClosesAt);
  if (opens && deadline && closes && !(opens <= deadline && deadline <= closes)) fail("quotaDeadline", "window_order");

  // Sessions: the list replaces the set; positions follow the list.
  const oldSessionById = new Map(oldSessions.map((s) => [s.id, s]));
  let plannedSessions: PlannedSession[] | null = null;
  let removedSessions: SessionRow[] = [];
  if (input.sessions) {
    const seen = new Set<string>();
    plannedSessions = input.sessions.map((s, i) => {
      const startsAt = new Date(s.startsAt);
      const endsAt = new Date(s.endsAt);
      if (!(startsAt < endsAt)) fail(`sessions.${i}.endsAt`, "session_order");
      if (s.id !== undefined) {
        if (!oldSessionById.has(s.id)) fail(`sessions.${i}.id`, "unknown_id");
        else if (seen.has(s.id)) fail(`sessions.${i}.id`, "duplicate");
        seen.add(s.id);
      }
      const old = s.id !== undefined ? oldSessionById.get(s.id) : undefined;
      return {
        id: old?.id ?? crypto.randomUUID(),
        old,
        position: i + 1,
        title: s.title,
        topic: s.topic,
        startsAt,
        endsAt,
      };
    });
    removedSessions = oldSessions.filter((s) => !seen.has(s.id));
  }
  const sessionIdsInOrder = (plannedSessions ?? oldSessions).map((s) => s.id);

  // Tracks: the list replaces the set too.
  const oldTrackById = new Map(oldTracks.map((t) => [t.id, t]));
  let plannedTracks: PlannedTrack[] | null = null;
  let removedTracks: TrackRow[] = [];
  if (input.tracks) {
    const seen = new Set<string>();
    plannedTracks = input.tracks.map((t, i) => {
      if (t.id !== undefined) {
        if (!oldTrackById.has(t.id)) fail(`tracks.${i}.id`, "unknown_id");
        else if (seen.has(t.id)) fail(`tracks.${i}.id`, "duplicate");
        seen.add(t.id);
      }
      const position = t.sessionPosition ?? null;
      if (position !== null && position > sessionIdsInOrder.length)
        fail(`tracks.${i}.sessionPosition`, "unknown_session");
      const old = t.id !== undefined ? oldTrackById.get(t.id) : undefined;
      return {
        id: old?.id ?? crypto.randomUUID(),
        old,
        sessionId: position === null ? null : (sessionIdsInOrder[position - 1] ?? null),
        title: t.title,
        description: t.description,
        capacity: t.capacity,
      };
    });
    removedTracks = oldTracks.filter((t) => !seen.has(t.id));
  } else if (removedSessions.length > 0) {
    const gone = new Set(removedSessions.map((s) => s.id));
    if (oldTracks.some((t) => t.sessionId !== null && gone.has(t.sessionId))) fail("sessions", "track_session_removed");
  }

  if (input.invitation?.mode === "sectors" && input.invitation.sectorKeys.length === 0)
    fail("invitation.sectorKeys", "required");
  if (input.invitation?.mode === "picked" && input.invitation.institutionIds.length === 0)
    fail("invitation.institutionIds", "required");
  const overrideSeen = new Set<string>();
  input.quotaOverrides?.forEach((o, i) => {
    if (overrideSeen.has(o.institutionId)) fail(`quotaOverrides.${i}.institutionId`, "duplicate");
    overrideSeen.add(o.institutionId);
  });
  if (errors.length > 0) throw new ApiError("validation_failed", errors);

  // Invitation: who is invited decides which quota rows exist; `places` null means the default applies.
  const current = new Map(oldQuotas.map((q) => [q.institutionId, q.places]));
  let desired: Map<string, number | null> | null = null;
  let invitedSectorKeys: string[] = [];
  if (input.invitation || input.quotaOverrides) {
    let invited: Set<string>;
    if (input.invitation) {
      const { mode, sectorKeys, institutionIds } = input.invitation;
      const rows = await db
        .select({ id: institutions.id, sectorKey: institutions.sectorKey, archivedAt: institutions.archivedAt })
        .from(institutions)
        .where(eq(institutions.networkId, networkId));
      const active = rows.filter((r) => r.archivedAt === null);
      if (mode === "all") {
        invited = new Set(active.map((r) => r.id));
      } else if (mode === "sectors") {
        invitedSectorKeys = [...new Set(sectorKeys)].sort(byId);
        const known = new Set((await db.select({ key: sectors.key }).from(sectors)).map((s) => s.key));
        if (invitedSectorKeys.some((k) => !known.has(k))) throw new ApiError("reference_not_found");
        invited = new Set(active.filter((r) => invitedSectorKeys.includes(r.sectorKey)).map((r) => r.id));
      } else {
        // An archived institution that is invited already may stay in the list.
        const pickable = new Set([
          ...active.map((r) => r.id),
          ...rows.filter((r) => current.has(r.id)).map((r) => r.id),
        ]);
        if (institutionIds.some((id) => !pickable.has(id))) throw new ApiError("reference_not_found");
        invited = new Set(institutionIds);
      }
      // Archived institutions leave the directory but keep their history: their quota rows stay.
      for (const r of rows) if (r.archivedAt !== null && current.has(r.id)) invited.add(r.id);
    } else {
      invited = new Set(current.keys());
    }
    const overrides = input.quotaOverrides
      ? new Map(input.quotaOverrides.map((o) => [o.institutionId, o.places]))
      : new Map([...current].filter(([, places]) => places !== null));
    input.quotaOverrides?.forEach((o, i) => {
      if (!invited.has(o.institutionId)) fail(`quotaOverrides.${i}.institutionId`, "not_invited");
    });
    if (errors.length > 0) throw new ApiError("validation_failed", errors);
    desired = new Map([...invited].map((id) => [id, overrides.get(id) ?? null]));
  }
  const uninvited = desired ? [...current.keys()].filter((id) => !desired.has(id)) : [];

  // Nothing that people are registered for, attended or gave feedback on may disappear.
  if (existing) {
    const removedSessionIds = removedSessions.map((s) => s.id);
    const removedTrackIds = removedTracks.map((t) => t.id);
    const [attended, forms, trackRegistrations, liveInstitutions] = await Promise.all([
      removedSessionIds.length
        ? db
            .select({ id: attendances.id })
            .from(attendances)
            .where(inArray(attendances.sessionId, removedSessionIds))
            .limit(1)
        : [],
      removedSessionIds.length
        ? db
            .select({ id: feedbackForms.id })
            .from(feedbackForms)
            .where(inArray(feedbackForms.sessionId, removedSessionIds))
            .limit(1)
        : [],
      removedTrackIds.length
        ? db
            .select({ id: registrations.id })
            .from(registrations)
            .where(inArray(registrations.trackId, removedTrackIds))
            .limit(1)
        : [],
      uninvited.length
        ? db
            .selectDistinct({ institutionId: registrations.institutionId })
            .from(registrations)
            .where(and(eq(registrations.eventId, eventId), ne(registrations.status, "cancelled")))
        : [],
    ]);
    const uninvitedSet = new Set(uninvited);
    if (
      attended.length > 0 ||
      forms.length > 0 ||
      trackRegistrations.length > 0 ||
      liveInstitutions.some((r) => uninvitedSet.has(r.institutionId))
    )
      throw new ApiError("event_has_registrations");
  }

  // Statements, in an order in which every foreign key and unique index holds after each one.
  const writes: Stmt[] = [];
  if (plannedSessions) {
    // Out of the way first: the new positions 1..n cannot collide with negative ones.
    if (oldSessions.length > 0)
      writes.push(
        db
          .update(eventSessions)
          .set({ position: sql`0 - ${eventSessions.position}` })
          .where(eq(eventSessions.eventId, eventId)),
      );
    const added = plannedSessions.filter((s) => !s.old);
    for (const part of chunks(added, rowsPerInsert(eventSessions)))
      writes.push(
        db.insert(eventSessions).values(
          part.map((s) => ({
            id: s.id,
            eventId,
            position: s.position,
            title: s.title,
            topic: s.topic,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
          })),
        ),
      );
    for (const s of plannedSessions.filter((s) => s.old))
      writes.push(
        db
          .update(eventSessions)
          .set({ position: s.position, title: s.title, topic: s.topic, startsAt: s.startsAt, endsAt: s.endsAt })
          .where(eq(eventSessions.id, s.id)),
      );
  }
  let trackCapacityRaised = false;
  if (plannedTracks) {
    if (removedTracks.length > 0)
      writes.push(
        db.delete(tracks).where(
          inArray(
            tracks.id,
            removedTracks.map((t) => t.id),
          ),
        ),
      );
    for (const t of plannedTracks.filter((t) => t.old)) {
      if (t.old && t.capacity > t.old.capacity) trackCapacityRaised = true;
      writes.push(
        db
          .update(tracks)
          .set({ sessionId: t.sessionId, title: t.title, description: t.description, capacity: t.capacity })
          .where(eq(tracks.id, t.id)),
      );
    }
    const added = plannedTracks.filter((t) => !t.old);
    for (const part of chunks(added, rowsPerInsert(tracks)))
      writes.push(
        db.insert(tracks).values(
          part.map((t) => ({
            id: t.id,
            eventId,
            sessionId: t.sessionId,
            title: t.title,
            description: t.description,
            capacity: t.capacity,
          })),
        ),
      );
  }
  // Sessions go last: no track points to them any more.
  if (removedSessions.length > 0)
    writes.push(
      db.delete(eventSessions).where(
        inArray(
          eventSessions.id,
          removedSessions.map((s) => s.id),
        ),
      ),
    );

  if (desired) {
    // A registration created since the check above keeps its institution invited.
    const noLiveRegistration = sql`not exists (select 1 from ${registrations} where ${registrations.eventId} = ${quotas.eventId}
      and ${registrations.institutionId} = ${quotas.institutionId} and ${registrations.status} <> 'cancelled')`;
    for (const part of chunks(uninvited, ID_CHUNK))
      writes.push(
        db
          .delete(quotas)
          .where(and(eq(quotas.eventId, eventId), inArray(quotas.institutionId, part), noLiveRegistration)),
      );
    const added = [...desired].filter(([id]) => !current.has(id));
    for (const part of chunks(added, rowsPerInsert(quotas)))
      writes.push(
        db.insert(quotas).values(part.map(([institutionId, places]) => ({ eventId, institutionId, places }))),
      );
    const changedByPlaces = new Map<number | null, string[]>();
    for (const [id, places] of desired) {
      if (!current.has(id) || current.get(id) === places) continue;
      changedByPlaces.set(places, [...(changedByPlaces.get(places) ?? []), id]);
    }
    for (const [places, ids] of changedByPlaces)
      for (const part of chunks(ids, ID_CHUNK))
        writes.push(
          db
            .update(quotas)
            .set({ places })
            .where(and(eq(quotas.eventId, eventId), inArray(quotas.institutionId, part))),
        );
  }

  return {
    writes,
    trackCapacityRaised,
    quotasChanged: desired !== null,
    /** Columns of the event that follow from the invitation, if it was given. */
    invitationColumns: input.invitation
      ? { invitationMode: input.invitation.mode, invitedSectorKeys: invitedSectorKeys }
      : undefined,
  };
}

/** The event's own columns from the input (dates parsed); only those given. */
function eventColumns(input: EventPatch) {
  const {
    sessions: _s,
    tracks: _t,
    invitation: _i,
    quotaOverrides: _q,
    registrationOpensAt,
    quotaDeadline,
    registrationClosesAt,
    ...rest
  } = input;
  return {
    ...rest,
    ...(registrationOpensAt !== undefined && { registrationOpensAt: new Date(registrationOpensAt) }),
    ...(quotaDeadline !== undefined && { quotaDeadline: new Date(quotaDeadline) }),
    ...(registrationClosesAt !== undefined && { registrationClosesAt: new Date(registrationClosesAt) }),
  };
}

// ---------------------------------------------------------------------------
// Routes

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
      const db = c.var.db;
      const network = await activeNetwork(c, c.req.valid("param").networkId);
      const manage = c.req.valid("query").scope === "manage";
      if (manage && !isOrganiserOf(requireAuth(c), network.id)) throw new ApiError("forbidden");
      const ofList = and(
        eq(eventsTable.networkId, network.id),
        manage ? undefined : eq(eventsTable.status, "published"),
      );
      // Joined rather than listed by id: a network's events may outnumber D1's 100 bound parameters.
      const [rows, sessionRows, trackRows] = await Promise.all([
        db.select().from(eventsTable).where(ofList),
        db
          .select({ session: eventSessions })
          .from(eventSessions)
          .innerJoin(eventsTable, eq(eventsTable.id, eventSessions.eventId))
          .where(ofList)
          .orderBy(asc(eventSessions.position)),
        db
          .select({ track: tracks })
          .from(tracks)
          .innerJoin(eventsTable, eq(eventsTable.id, tracks.eventId))
          .where(ofList)
          .orderBy(asc(tracks.title)),
      ]);
      const items = rows.map((e) =>
        toSummary(
          e,
          sessionRows.map((r) => r.session),
          trackRows.map((r) => r.track),
        ),
      );
      const firstStart = (e: (typeof items)[number]) => e.sessions[0]?.startsAt ?? e.registrationClosesAt;
      items.sort((a, b) => firstStart(a).localeCompare(firstStart(b)));
      return c.json({ items }, 200);
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
      const db = c.var.db;
      const network = c.var.network;
      const input = c.req.valid("json");
      const eventId = crypto.randomUUID();
      const now = new Date();
      const plan = await planEventWrite(c, { networkId: network.id, eventId, existing: null, input });
      const columns = eventColumns(input);
      await runWrites(db, [
        db.insert(eventsTable).values({
          ...columns,
          type: input.type,
          title: input.title,
          capacity: input.capacity,
          defaultQuota: input.defaultQuota,
          registrationOpensAt: new Date(input.registrationOpensAt),
          quotaDeadline: new Date(input.quotaDeadline),
          registrationClosesAt: new Date(input.registrationClosesAt),
          retentionMonths: input.retentionMonths ?? null,
          ...plan.invitationColumns,
          id: eventId,
          networkId: network.id,
          status: "draft",
          createdAt: now,
          updatedAt: now,
        }),
        ...plan.writes,
        auditInsert(
          db,
          {
            networkId: network.id,
            actorAccountId: requireAuth(c).accountId,
            action: "event.create",
            entityType: "event",
            entityId: eventId,
            fields: Object.keys(input),
          },
          now,
        ),
      ]);
      return c.json(await loadEventDetail(db, eventId), 201);
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
    async (c) => c.json(await loadEventDetail(c.var.db, c.var.event.id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/events/{eventId}",
      tags: ["Events"],
      summary: "Change an event; lists given (sessions, tracks, quota overrides) replace the current ones (organisers)",
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
      const db = c.var.db;
      const event = c.var.event;
      const input = c.req.valid("json");
      if (event.status === "cancelled") throw new ApiError("event_cancelled");
      const fields = Object.keys(input);
      if (fields.length === 0) return c.json(await loadEventDetail(db, event.id), 200);
      const now = new Date();
      const plan = await planEventWrite(c, { networkId: event.networkId, eventId: event.id, existing: event, input });
      await runWrites(db, [
        db
          .update(eventsTable)
          .set({ ...eventColumns(input), ...plan.invitationColumns, updatedAt: now })
          .where(eq(eventsTable.id, event.id)),
        ...plan.writes,
        auditInsert(
          db,
          {
            networkId: event.networkId,
            actorAccountId: requireAuth(c).accountId,
            action: "event.update",
            entityType: "event",
            entityId: event.id,
            fields,
          },
          now,
        ),
      ]);
      // More room (an organiser's override, or larger quotas): waiting registrations move up where the rules allow.
      if (
        (input.capacity !== undefined && input.capacity > event.capacity) ||
        plan.trackCapacityRaised ||
        (input.defaultQuota !== undefined && input.defaultQuota > event.defaultQuota) ||
        plan.quotasChanged
      ) {
        const settled = await settleEvent(runContextOf(c), event.id);
        if (settled.promoted > 0 || settled.lapsed > 0) deliverAfterResponse(c);
      }
      return c.json(await loadEventDetail(db, event.id), 200);
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
      responses: { 200: jsonContent(EventDetailSchema, "Published"), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const db = c.var.db;
      const event = c.var.event;
      if (event.status !== "draft") throw new ApiError("event_not_draft");
      const now = new Date();
      const origin = runContextOf(c).origin;
      const [[network], sessionRows, contacts, brand] = await Promise.all([
        db
          .select({ name: networks.name, slug: networks.slug })
          .from(networks)
          .where(eq(networks.id, event.networkId))
          .limit(1),
        db.select().from(eventSessions).where(eq(eventSessions.eventId, event.id)).orderBy(asc(eventSessions.position)),
        // Every contact account of every invited (non-archived) institution.
        db
          .select({
            email: accounts.email,
            locale: accounts.locale,
            institutionId: institutions.id,
            institutionName: institutions.name,
            places: quotas.places,
          })
          .from(quotas)
          .innerJoin(institutions, eq(institutions.id, quotas.institutionId))
          .innerJoin(roles, and(eq(roles.institutionId, quotas.institutionId), eq(roles.role, "institution_contact")))
          .innerJoin(accounts, eq(accounts.id, roles.accountId))
          .where(and(eq(quotas.eventId, event.id), sql`${institutions.archivedAt} is null`))
          .orderBy(asc(institutions.name), asc(accounts.email)),
        mailBrandOf(db, event.networkId, origin),
      ]);
      const dates = { de: formatEventDates(sessionRows, "de"), en: formatEventDates(sessionRows, "en") };
      const mails: OutgoingMail<"event_invitation">[] = contacts.map((r) => ({
        to: r.email,
        locale: r.locale,
        networkId: event.networkId,
        template: "event_invitation",
        params: {
          eventTitle: event.title,
          networkName: network.name,
          institutionName: r.institutionName,
          dates: dates[r.locale],
          quota: quotaOf(r.places, event.defaultQuota),
          link: `${origin}/${encodeURIComponent(network.slug)}/veranstaltungen/${encodeURIComponent(event.id)}/anmelden?institution=${encodeURIComponent(r.institutionId)}`,
        },
        brand,
      }));
      // Mails and log entry only if this request is the one that published: a concurrent
      // second publish finds the status changed, updates nothing and writes nothing. Each
      // statement runs only if the one before it wrote its one row (`changes()`), a chain back
      // to the update; a time stamp cannot tell requests apart, as the clock stands still in a
      // worker until it does I/O.
      const stamp = now.getTime();
      const chained = sql`changes() = 1`;
      const [published] = await runBatch(db, [
        sql`update events set status = 'published', updated_at = ${stamp}
          where id = ${event.id} and status = 'draft' returning id`,
        auditInsertIf(
          {
            networkId: event.networkId,
            actorAccountId: requireAuth(c).accountId,
            action: "event.publish",
            entityType: "event",
            entityId: event.id,
            fields: ["status"],
          },
          chained,
          now,
        ),
        ...mails.map((mail) => mailInsertIf(mail, chained, now)),
      ]);
      if (published.results.length !== 1) throw new ApiError("event_not_draft");
      if (mails.length > 0) deliverAfterResponse(c);
      return c.json(await loadEventDetail(db, event.id), 200);
    },
  );
