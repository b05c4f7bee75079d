// Attendance as stored: who was present at a session, or excused from it. The writes are
// single statements that decide for themselves (INSERT … SELECT … ON CONFLICT), so that a
// check-in page replaying its offline queue, or two devices at one door, never count anyone
// twice; the audit entry of a change rides in the same batch and is written only if the
// change was (`changes() = 1`). Walk-ins are registrations: db/allocation.ts writes them.
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { FigureInput } from "../domain/attendance";
import { auditInsertIf } from "../lib/audit";
import { type Db, runBatch } from "./client";
import { attendances, eventSessions, events, institutions, registrations } from "./schema";

export { attendanceKinds, checkInMethods } from "./schema";

type Kind = (typeof attendances.$inferSelect)["kind"];
type Method = (typeof attendances.$inferSelect)["method"];

/** An attendance as the check-in page shows it: with the person's name, function and institution. */
export type Attendance = {
  id: string;
  sessionId: string;
  registrationId: string;
  kind: Kind;
  method: Method;
  at: string;
  name: string;
  institutionId: string;
  institutionName: string;
  function: string;
};

/** Who records a change, and in which network's audit log it goes. */
export type Recorder = { networkId: string; actorAccountId: string };

async function loadAttendance(db: Db, where: SQL | undefined) {
  const [row] = await db
    .select({
      attendance: attendances,
      name: registrations.name,
      institutionId: registrations.institutionId,
      institutionName: institutions.name,
      function: registrations.function,
    })
    .from(attendances)
    .innerJoin(registrations, eq(registrations.id, attendances.registrationId))
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(where)
    .limit(1);
  if (!row) return null;
  const a = row.attendance;
  const attendance: Attendance = {
    id: a.id,
    sessionId: a.sessionId,
    registrationId: a.registrationId,
    kind: a.kind,
    method: a.method,
    at: a.at.toISOString(),
    name: row.name,
    institutionId: row.institutionId,
    institutionName: row.institutionName,
    function: row.function,
  };
  return { attendance, clientOpId: a.clientOpId };
}

const ofSessionAndRegistration = (sessionId: string, registrationId: string) =>
  and(eq(attendances.sessionId, sessionId), eq(attendances.registrationId, registrationId));

/** The attendance of a registration at a session, present or excused; null if there is none. */
export async function attendanceOf(db: Db, sessionId: string, registrationId: string) {
  return (await loadAttendance(db, ofSessionAndRegistration(sessionId, registrationId)))?.attendance ?? null;
}

// ---------------------------------------------------------------------------
// Reading

/** What domain/attendance.ts needs for an event's figures: sessions, registrations, attendances, institutions. */
export async function figureInputOf(db: Db, eventId: string): Promise<FigureInput> {
  const [sessions, regs, marks] = await Promise.all([
    db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)),
    db
      .select({
        id: registrations.id,
        institutionId: registrations.institutionId,
        status: registrations.status,
        isWalkIn: registrations.isWalkIn,
        confirmedAt: registrations.confirmedAt,
        institutionName: institutions.name,
        sectorKey: institutions.sectorKey,
      })
      .from(registrations)
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .where(eq(registrations.eventId, eventId)),
    db
      .select({
        sessionId: attendances.sessionId,
        registrationId: attendances.registrationId,
        kind: attendances.kind,
        method: attendances.method,
      })
      .from(attendances)
      .innerJoin(eventSessions, eq(eventSessions.id, attendances.sessionId))
      .where(eq(eventSessions.eventId, eventId)),
  ]);
  const institutionsById = new Map(
    regs.map((r) => [r.institutionId, { id: r.institutionId, name: r.institutionName, sectorKey: r.sectorKey }]),
  );
  return { sessions, registrations: regs, attendances: marks, institutions: [...institutionsById.values()] };
}

export type AttendanceListItem = {
  registrationId: string;
  /** The short ticket code, so that the door can match a typed or scanned one while offline. */
  ticketCode: string | null;
  name: string;
  institutionId: string;
  institutionName: string;
  function: string;
  status: "present" | "excused" | "none";
  method: Method;
  at: string | null;
  /** Added at the door of this session. */
  isWalkIn: boolean;
};

/**
 * The session's list, by name: the confirmed registrations expected at it, and everyone
 * present (a registration cancelled after it was checked in stays on the list).
 */
export async function attendanceListOf(
  db: Db,
  session: { id: string; eventId: string; endsAt: Date },
): Promise<AttendanceListItem[]> {
  const rows = await db.all<{
    registration_id: string;
    ticket_code: string | null;
    name: string;
    institution_id: string;
    institution_name: string;
    function: string;
    kind: "present" | "excused" | null;
    method: "qr" | "list" | "walk_in" | null;
    at: number | null;
  }>(sql`select r.id as registration_id, r.ticket_code, r.name, r.institution_id, i.name as institution_name, r."function",
      a.kind, a.method, a.at
    from registrations r
    join institutions i on i.id = r.institution_id
    left join attendances a on a.registration_id = r.id and a.session_id = ${session.id}
    where r.event_id = ${session.eventId}
      and ((r.status = 'confirmed'
          -- a walk-in of a later session was not expected here
          and (r.is_walk_in = 0 or a.id is not null or r.confirmed_at < ${session.endsAt.getTime()}))
        or a.kind = 'present')
    order by r.name, r.id`);
  return rows.map((r) => ({
    registrationId: r.registration_id,
    ticketCode: r.ticket_code,
    name: r.name,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    function: r.function,
    status: r.kind ?? ("none" as const),
    method: r.method,
    at: r.at === null ? null : new Date(r.at).toISOString(),
    isWalkIn: r.method === "walk_in",
  }));
}

/** The list shows personal data: that it was viewed goes to the audit log. */
export async function logAttendanceView(db: Db, sessionId: string, by: Recorder, now: Date) {
  await runBatch(db, [
    auditInsertIf({ ...by, action: "attendance.view", entityType: "event_session", entityId: sessionId }, sql`1`, now),
  ]);
}

// ---------------------------------------------------------------------------
// Writing

export type CheckInRequest = {
  sessionId: string;
  eventId: string;
  registrationId: string;
  method: "qr" | "list";
  clientOpId: string;
  /** Checked in outside the session's check-in window, as the organiser confirmed: recorded in the audit log. */
  windowOverridden?: boolean;
};

export type CheckInOutcome =
  | { kind: "created" | "existing"; attendance: Attendance }
  | { kind: "refused"; reason: "idempotency_key_reused" | "registration_not_found" | "not_checkable" };

/** The check-in just written was outside the session's window: logged if it was written. */
const overrideAudit = (registrationId: string, by: Recorder, now: Date) =>
  auditInsertIf(
    {
      ...by,
      action: "attendance.check_in_override",
      entityType: "registration",
      entityId: registrationId,
      fields: ["sessionId"],
    },
    sql`changes() = 1`,
    now,
  );

/**
 * Checks a confirmed registration of the event in. An excused registration becomes present;
 * a replay of the same `clientOpId`, or a person present already, answers the existing
 * attendance. Registrations of another network are not found, others not checkable.
 */
export async function checkIn(db: Db, req: CheckInRequest, by: Recorder, now: Date): Promise<CheckInOutcome> {
  let inserted: unknown[] = [];
  try {
    const [result] = await runBatch(db, [
      sql`insert into attendances (id, session_id, registration_id, kind, method, at, recorded_by_account_id, client_op_id)
        select ${crypto.randomUUID()}, ${req.sessionId}, r.id, 'present', ${req.method}, ${now.getTime()},
          ${by.actorAccountId}, ${req.clientOpId}
        from registrations r
        where r.id = ${req.registrationId} and r.event_id = ${req.eventId} and r.status = 'confirmed'
        on conflict (session_id, registration_id) do update set kind = 'present', method = excluded.method,
          at = excluded.at, recorded_by_account_id = excluded.recorded_by_account_id,
          client_op_id = excluded.client_op_id
          where attendances.kind = 'excused'
        on conflict do nothing
        returning id`,
      auditInsertIf(
        {
          ...by,
          action: "attendance.check_in",
          entityType: "registration",
          entityId: req.registrationId,
          fields: ["sessionId"],
        },
        sql`changes() = 1`,
        now,
      ),
      ...(req.windowOverridden ? [overrideAudit(req.registrationId, by, now)] : []),
    ]);
    inserted = result.results;
  } catch (error) {
    // The clientOpId was used already for another attendance while turning an excused one into present.
    if (!String(error).includes("UNIQUE")) throw error;
  }
  if (inserted.length > 0) {
    const made = await attendanceOf(db, req.sessionId, req.registrationId);
    if (made) return { kind: "created", attendance: made };
  }
  // Nothing written: a replay, someone checked in already, or not checkable.
  const existing = await loadAttendance(
    db,
    or(eq(attendances.clientOpId, req.clientOpId), ofSessionAndRegistration(req.sessionId, req.registrationId)),
  );
  if (existing) {
    const same =
      existing.attendance.sessionId === req.sessionId && existing.attendance.registrationId === req.registrationId;
    if (existing.clientOpId === req.clientOpId && !same) return { kind: "refused", reason: "idempotency_key_reused" };
    if (same && existing.attendance.kind === "present") return { kind: "existing", attendance: existing.attendance };
  }
  const [row] = await db
    .select({ eventId: registrations.eventId, networkId: events.networkId })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(registrations.id, req.registrationId))
    .limit(1);
  if (!row || row.networkId !== by.networkId) return { kind: "refused", reason: "registration_not_found" };
  return { kind: "refused", reason: "not_checkable" };
}

/** Removes a `kind` attendance and logs it as `action`, in one batch; false if there was none. */
async function removeAttendance(
  db: Db,
  sessionId: string,
  registrationId: string,
  kind: Kind,
  action: string,
  by: Recorder,
  now: Date,
) {
  const [deleted] = await runBatch(db, [
    sql`delete from attendances where session_id = ${sessionId} and registration_id = ${registrationId}
      and kind = ${kind} returning id`,
    auditInsertIf(
      { ...by, action, entityType: "registration", entityId: registrationId, fields: ["sessionId"] },
      sql`changes() = 1`,
      now,
    ),
  ]);
  return deleted.results.length > 0;
}

/** Undoes a check-in; false if the registration was not present at the session. */
export const undoCheckIn = (db: Db, sessionId: string, registrationId: string, by: Recorder, now: Date) =>
  removeAttendance(db, sessionId, registrationId, "present", "attendance.check_in_undone", by, now);

/** Withdraws an excuse; false if the registration was not excused from the session. */
export const withdrawExcuse = (db: Db, sessionId: string, registrationId: string, by: Recorder, now: Date) =>
  removeAttendance(db, sessionId, registrationId, "excused", "attendance.excuse_withdrawn", by, now);

/**
 * Marks a confirmed registration excused from the session, unless it has an attendance
 * there already. Answers the excused attendance, or null if the registration is not
 * excused now (present already, or not confirmed).
 */
export async function markExcused(db: Db, sessionId: string, registrationId: string, by: Recorder, now: Date) {
  await runBatch(db, [
    sql`insert into attendances (id, session_id, registration_id, kind, method, at, recorded_by_account_id, client_op_id)
      select ${crypto.randomUUID()}, ${sessionId}, r.id, 'excused', null, ${now.getTime()}, ${by.actorAccountId}, null
      from registrations r where r.id = ${registrationId} and r.status = 'confirmed'
      on conflict do nothing`,
    auditInsertIf(
      {
        ...by,
        action: "attendance.excused",
        entityType: "registration",
        entityId: registrationId,
        fields: ["sessionId"],
      },
      sql`changes() = 1`,
      now,
    ),
  ]);
  const attendance = await attendanceOf(db, sessionId, registrationId);
  return attendance?.kind === "excused" ? attendance : null;
}
