// Planning an event write (a new event, or a PATCH of an existing one): which sessions,
// tracks and quota rows stay, change, appear or go, and which lists are wrong. Pure, so that
// the rules are tested without D1 and the writer in db/events.ts only turns a plan into SQL.

import { phaseOf } from "./allocation";
import { quotaReminderProblems } from "./reminders";

export type SessionInput = { id?: string; title: string; topic: string; startsAt: string; endsAt: string };
export type TrackInput = {
  id?: string;
  title: string;
  description: string;
  capacity: number;
  sessionPosition?: number | null;
};
export type InvitationInput = { mode: "all" | "sectors" | "picked"; sectorKeys: string[]; institutionIds: string[] };
export type QuotaOverride = { institutionId: string; places: number };

/** The fields of an event input the plan looks at; absent: unchanged (PATCH). */
export type EventPlanInput = {
  capacity?: number;
  defaultQuota?: number;
  registrationOpensAt?: string;
  quotaDeadline?: string;
  registrationClosesAt?: string;
  sessions?: SessionInput[];
  tracks?: TrackInput[];
  invitation?: InvitationInput;
  quotaOverrides?: QuotaOverride[];
  /** Days before the quota deadline the contacts are reminded (domain/reminders.ts). */
  quotaReminderDays?: number[];
};

export type ExistingEvent = {
  status: "draft" | "published" | "cancelled";
  capacity: number;
  defaultQuota: number;
  registrationOpensAt: Date;
  quotaDeadline: Date;
  registrationClosesAt: Date;
  redistributedAt: Date | null;
};
export type ExistingSession = { id: string; position: number };
export type ExistingTrack = { id: string; sessionId: string | null; capacity: number };
export type ExistingQuota = { institutionId: string; places: number | null };
export type DirectoryEntry = { id: string; sectorKey: string; archived: boolean };

export const ruleMessages = {
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
export type RuleCode = keyof typeof ruleMessages;
export type RuleError = { path: string; code: RuleCode };

export type PlannedSession = {
  id: string;
  isNew: boolean;
  position: number;
  title: string;
  topic: string;
  startsAt: Date;
  endsAt: Date;
};
export type PlannedTrack = {
  id: string;
  isNew: boolean;
  sessionId: string | null;
  title: string;
  description: string;
  capacity: number;
};

export type EventPlan = {
  /** null: the sessions stay as they are. */
  sessions: PlannedSession[] | null;
  removedSessionIds: string[];
  tracks: PlannedTrack[] | null;
  removedTrackIds: string[];
  /** Invited institution → its override (null: the default quota); null: the invitation stays. */
  quotas: Map<string, number | null> | null;
  /** The quota rows before the write: institution → override. */
  currentQuotas: Map<string, number | null>;
  uninvitedInstitutionIds: string[];
  invitedSectorKeys: string[];
  /** Whether the change can free places, so that waiting registrations may move up. */
  makesRoom: boolean;
  /** What may no longer fall below the places already held; checked when the plan is written. */
  lowered: { capacity: number | null; tracks: { id: string; capacity: number }[]; quotaInstitutionIds: string[] };
};

export type PlanOutcome =
  | { ok: true; plan: EventPlan }
  | { ok: false; reason: "invalid"; errors: RuleError[] }
  | { ok: false; reason: "reference_not_found" };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type PlanArgs = {
  input: EventPlanInput;
  /** null for a new event. */
  existing: ExistingEvent | null;
  sessions: ExistingSession[];
  tracks: ExistingTrack[];
  quotas: ExistingQuota[];
  /** The network's institutions; needed only when the invitation is given. */
  directory: DirectoryEntry[];
  /** Sector keys that exist; needed only for an invitation by sectors. */
  knownSectorKeys: Set<string>;
  now: Date;
  newId: () => string;
};

export function planEvent(args: PlanArgs): PlanOutcome {
  const { input, existing, now, newId } = args;
  const errors: RuleError[] = [];
  const fail = (path: string, code: RuleCode) => errors.push({ path, code });

  // The registration window, as it will be.
  const at = (value: string | undefined, old: Date | undefined) => (value !== undefined ? new Date(value) : old);
  const opens = at(input.registrationOpensAt, existing?.registrationOpensAt);
  const deadline = at(input.quotaDeadline, existing?.quotaDeadline);
  const closes = at(input.registrationClosesAt, existing?.registrationClosesAt);
  if (opens && deadline && closes && !(opens <= deadline && deadline <= closes)) fail("quotaDeadline", "window_order");
  for (const p of quotaReminderProblems(input.quotaReminderDays ?? [])) fail(`quotaReminderDays.${p.index}`, p.code);

  // Sessions: the list replaces the set; positions follow the list.
  const oldSessions = [...args.sessions].sort((a, b) => a.position - b.position);
  const oldSessionIds = new Set(oldSessions.map((s) => s.id));
  let sessions: PlannedSession[] | null = null;
  let removedSessionIds: string[] = [];
  if (input.sessions) {
    const seen = new Set<string>();
    sessions = input.sessions.map((s, i) => {
      const startsAt = new Date(s.startsAt);
      const endsAt = new Date(s.endsAt);
      if (!(startsAt < endsAt)) fail(`sessions.${i}.endsAt`, "session_order");
      const kept = s.id !== undefined && oldSessionIds.has(s.id);
      if (s.id !== undefined) {
        if (!kept) fail(`sessions.${i}.id`, "unknown_id");
        else if (seen.has(s.id)) fail(`sessions.${i}.id`, "duplicate");
        seen.add(s.id);
      }
      return {
        id: kept ? (s.id as string) : newId(),
        isNew: !kept,
        position: i + 1,
        title: s.title,
        topic: s.topic,
        startsAt,
        endsAt,
      };
    });
    removedSessionIds = oldSessions.filter((s) => !seen.has(s.id)).map((s) => s.id);
  }
  const sessionIdsInOrder = (sessions ?? oldSessions).map((s) => s.id);

  // Tracks: the list replaces the set too.
  const oldTrackById = new Map(args.tracks.map((t) => [t.id, t]));
  let tracks: PlannedTrack[] | null = null;
  let removedTrackIds: string[] = [];
  const loweredTracks: { id: string; capacity: number }[] = [];
  let trackRaised = false;
  if (input.tracks) {
    const seen = new Set<string>();
    tracks = input.tracks.map((t, i) => {
      const old = t.id !== undefined ? oldTrackById.get(t.id) : undefined;
      if (t.id !== undefined) {
        if (!old) fail(`tracks.${i}.id`, "unknown_id");
        else if (seen.has(t.id)) fail(`tracks.${i}.id`, "duplicate");
        seen.add(t.id);
      }
      const position = t.sessionPosition ?? null;
      if (position !== null && position > sessionIdsInOrder.length)
        fail(`tracks.${i}.sessionPosition`, "unknown_session");
      if (old && t.capacity > old.capacity) trackRaised = true;
      if (old && t.capacity < old.capacity) loweredTracks.push({ id: old.id, capacity: t.capacity });
      return {
        id: old?.id ?? newId(),
        isNew: !old,
        sessionId: position === null ? null : (sessionIdsInOrder[position - 1] ?? null),
        title: t.title,
        description: t.description,
        capacity: t.capacity,
      };
    });
    removedTrackIds = args.tracks.filter((t) => !seen.has(t.id)).map((t) => t.id);
  } else if (removedSessionIds.length > 0) {
    const gone = new Set(removedSessionIds);
    if (args.tracks.some((t) => t.sessionId !== null && gone.has(t.sessionId)))
      fail("sessions", "track_session_removed");
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
  if (errors.length > 0) return { ok: false, reason: "invalid", errors };

  // Invitation: who is invited decides which quota rows exist; `places` null means the default applies.
  const current = new Map(args.quotas.map((q) => [q.institutionId, q.places]));
  let quotas: Map<string, number | null> | null = null;
  let invitedSectorKeys: string[] = [];
  if (input.invitation || input.quotaOverrides) {
    let invited: Set<string>;
    if (input.invitation) {
      const { mode, sectorKeys, institutionIds } = input.invitation;
      const rows = args.directory;
      const active = rows.filter((r) => !r.archived);
      if (mode === "all") {
        invited = new Set(active.map((r) => r.id));
      } else if (mode === "sectors") {
        invitedSectorKeys = [...new Set(sectorKeys)].sort(byId);
        if (invitedSectorKeys.some((k) => !args.knownSectorKeys.has(k)))
          return { ok: false, reason: "reference_not_found" };
        invited = new Set(active.filter((r) => invitedSectorKeys.includes(r.sectorKey)).map((r) => r.id));
      } else {
        // An archived institution that is invited already may stay in the list.
        const pickable = new Set([
          ...active.map((r) => r.id),
          ...rows.filter((r) => current.has(r.id)).map((r) => r.id),
        ]);
        if (institutionIds.some((id) => !pickable.has(id))) return { ok: false, reason: "reference_not_found" };
        invited = new Set(institutionIds);
      }
      // Archived institutions leave the directory but keep their history: their quota rows stay.
      for (const r of rows) if (r.archived && current.has(r.id)) invited.add(r.id);
    } else {
      invited = new Set(current.keys());
    }
    const overrides = input.quotaOverrides
      ? new Map(input.quotaOverrides.map((o) => [o.institutionId, o.places]))
      : new Map([...current].filter(([, places]) => places !== null));
    input.quotaOverrides?.forEach((o, i) => {
      if (!invited.has(o.institutionId)) fail(`quotaOverrides.${i}.institutionId`, "not_invited");
    });
    if (errors.length > 0) return { ok: false, reason: "invalid", errors };
    quotas = new Map([...invited].map((id) => [id, overrides.get(id) ?? null]));
  }
  const uninvitedInstitutionIds = quotas ? [...current.keys()].filter((id) => !quotas.has(id)) : [];

  // What falls: capacity, tracks, and — while the quotas still apply — each institution's quota.
  const oldDefault = existing?.defaultQuota ?? 0;
  const newDefault = input.defaultQuota ?? oldDefault;
  const loweredQuotaIds: string[] = [];
  if (existing && quotasApply(existing, { opens, deadline, closes }, now)) {
    for (const [id, oldPlaces] of current) {
      const newPlaces = quotas ? quotas.get(id) : oldPlaces;
      if (newPlaces === undefined) continue;
      const before = oldPlaces ?? oldDefault;
      const after = newPlaces ?? newDefault;
      if (after < before) loweredQuotaIds.push(id);
    }
  }

  const capacityLowered = existing && input.capacity !== undefined && input.capacity < existing.capacity;
  return {
    ok: true,
    plan: {
      sessions,
      removedSessionIds,
      tracks,
      removedTrackIds,
      quotas,
      currentQuotas: current,
      uninvitedInstitutionIds,
      invitedSectorKeys,
      makesRoom:
        (existing !== null && input.capacity !== undefined && input.capacity > existing.capacity) ||
        trackRaised ||
        newDefault > oldDefault ||
        // Any change of who is invited or of an override may let someone move up; settling finds out.
        quotas !== null,
      lowered: {
        capacity: capacityLowered ? (input.capacity as number) : null,
        tracks: loweredTracks,
        quotaInstitutionIds: loweredQuotaIds,
      },
    },
  };
}

/** Quotas bind until the redistribution has run or registration has closed (PRODUCT.md "Kontingentphase"). */
function quotasApply(
  event: ExistingEvent,
  window: { opens?: Date; deadline?: Date; closes?: Date },
  now: Date,
): boolean {
  const phase = phaseOf(
    {
      status: event.status,
      registrationOpensAt: (window.opens ?? event.registrationOpensAt).getTime(),
      quotaDeadline: (window.deadline ?? event.quotaDeadline).getTime(),
      registrationClosesAt: (window.closes ?? event.registrationClosesAt).getTime(),
      redistributedAt: event.redistributedAt?.getTime() ?? null,
    },
    now.getTime(),
  );
  return phase === "draft" || phase === "not_open" || phase === "reserved" || phase === "awaiting_redistribution";
}
