// The rows of the generated files: who is on a session's sign-in sheet, one certificate per
// person, and the participant and attendance lists as tables (German headers, Berlin
// time), all sorted the way organisers file them: by institution, then name.
import { berlinDate } from "../lib/pdf";
import { berlinParts } from "../lib/time";
import { formatTicketCode } from "./ticket-code";

export type Table = { header: string[]; rows: (string | number | null)[][] };

type Filed = { institution: string; name: string };

export const byInstitutionThenName = (a: Filed, b: Filed) =>
  a.institution.localeCompare(b.institution, "de") || a.name.localeCompare(b.name, "de");

/** "03.12.2026 09:05" in Berlin time: German Excel reads it as a date and time. */
export const excelDateTime = (instant: Date) => {
  const p = berlinParts(instant);
  return `${berlinDate(instant)} ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
};

/**
 * The people of a session's sign-in sheet: a track bound to another session of the event does not meet at this one.
 * Each with their ticket code as printed (`ABCD-EFGH`), for a check-in from the paper list.
 */
export function signInSheetParticipants(
  rows: (Filed & { function: string; trackSessionId: string | null; ticketCode?: string | null })[],
  sessionId: string,
) {
  return rows
    .filter((r) => r.trackSessionId === null || r.trackSessionId === sessionId)
    .map((r) => ({
      name: r.name,
      institution: r.institution,
      function: r.function,
      ticketCode: r.ticketCode ? formatTicketCode(r.ticketCode) : undefined,
    }))
    .sort(byInstitutionThenName);
}

/** Attendance rows grouped by person, one group per certificate, sorted by institution and name. */
export function certificateGroups<T extends Filed & { registrationId: string }>(rows: T[]) {
  const people = new Map<string, T[]>();
  for (const row of rows) people.set(row.registrationId, [...(people.get(row.registrationId) ?? []), row]);
  return [...people.values()]
    .map((sessions) => ({ person: sessions[0]!, sessions }))
    .sort((a, b) => byInstitutionThenName(a.person, b.person));
}

const STATUS_DE = { confirmed: "bestätigt", waitlisted: "Warteliste", cancelled: "storniert" } as const;

export type ParticipantRow = Filed & {
  email: string;
  function: string;
  sector: string;
  status: keyof typeof STATUS_DE;
  track: string | null;
  requestedAt: Date;
};

/** Confirmed first, then waiting, each by institution and name. */
const participantOrder = (rows: ParticipantRow[]) =>
  [...rows].sort(
    (a, b) => (a.status === "confirmed" ? 0 : 1) - (b.status === "confirmed" ? 0 : 1) || byInstitutionThenName(a, b),
  );

/** The participant list: confirmed first, then waiting, each by institution and name. */
export function participantTable(rows: ParticipantRow[]): Table {
  const sorted = participantOrder(rows);
  return {
    header: ["Name", "E-Mail", "Funktion", "Einrichtung", "Bereich", "Status", "Forum", "Angemeldet am"],
    rows: sorted.map((r) => [
      r.name,
      r.email,
      r.function,
      r.institution,
      r.sector,
      STATUS_DE[r.status],
      r.track ?? "",
      excelDateTime(r.requestedAt),
    ]),
  };
}

/** The printed participant list: the same people and order, the columns that fit on paper, and how many of each. */
export function participantList(rows: ParticipantRow[]) {
  const confirmed = rows.filter((r) => r.status === "confirmed").length;
  const waiting = rows.filter((r) => r.status === "waitlisted").length;
  return {
    participants: participantOrder(rows).map((r) => ({
      name: r.name,
      institution: r.institution,
      function: r.function,
      track: r.track ?? "",
      status: STATUS_DE[r.status],
    })),
    summary: [`${confirmed} bestätigt`, ...(waiting ? [`${waiting} auf der Warteliste`] : [])].join(", "),
  };
}

const ATTENDANCE_DE = { present: "anwesend", excused: "entschuldigt" } as const;

/** The attendance list: one row per confirmed registration, a column per session (in the order given). */
export function attendanceTable(input: {
  sessions: { id: string; position: number; startsAt: Date }[];
  rows: (Filed & { id: string; email: string; function: string; sector: string })[];
  marks: { sessionId: string; registrationId: string; kind: keyof typeof ATTENDANCE_DE }[];
}): Table {
  const { sessions } = input;
  const kindOf = new Map(input.marks.map((m) => [`${m.sessionId} ${m.registrationId}`, m.kind]));
  const rows = [...input.rows].sort(byInstitutionThenName);
  return {
    header: [
      "Name",
      "E-Mail",
      "Funktion",
      "Einrichtung",
      "Bereich",
      ...sessions.map((s) => `Termin ${s.position} (${berlinDate(s.startsAt)})`),
    ],
    rows: rows.map((r) => [
      r.name,
      r.email,
      r.function,
      r.institution,
      r.sector,
      ...sessions.map((s) => {
        const kind = kindOf.get(`${s.id} ${r.id}`);
        return kind ? ATTENDANCE_DE[kind] : "–";
      }),
    ]),
  };
}
