// Generated files for organisers: the sign-in sheet of a session and certificates of
// attendance (PDF), and the participant list (CSV for German Excel). Every export of
// personal data is written to the audit log (without the data itself).
import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { documentHeaderOf } from "../db/network-settings";
import { attendances, eventSessions, type events, institutions, registrations, sectors, tracks } from "../db/schema";
import type { AppEnv } from "../env";
import { auditInsert } from "../lib/audit";
import { requireAuth } from "../lib/auth";
import { csvFile } from "../lib/csv";
import { eventAccess, registrationAccess } from "../lib/guards";
import { slugOf } from "../lib/ics";
import { berlinDate, certificatePdf, certificatesPdf, cityOf, signInSheetPdf } from "../lib/pdf";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { idParam, problemResponses } from "../lib/schemas";
import { berlinParts } from "../lib/time";
import { XLSX_TYPE, xlsxFile } from "../lib/xlsx";

const EventIdParam = idParam("eventId");
const SignInSheetParams = EventIdParam.extend(idParam("eventSessionId").shape);
const RegistrationIdParam = idParam("registrationId");

const pdfResponse = (description: string) => ({
  description,
  content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
});

export const download = (
  c: Context<AppEnv>,
  body: Uint8Array | string,
  contentType: string,
  filename: string,
): Response =>
  c.body(body as never, 200, {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  });

const byInstitutionThenName = (a: { institution: string; name: string }, b: { institution: string; name: string }) =>
  a.institution.localeCompare(b.institution, "de") || a.name.localeCompare(b.name, "de");

/** "03.12.2026 09:05" in Berlin time: German Excel reads it as a date and time. */
const excelDateTime = (instant: Date) => {
  const p = berlinParts(instant);
  return `${berlinDate(instant)} ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
};

const STATUS_DE = { confirmed: "bestätigt", waitlisted: "Warteliste", cancelled: "storniert" } as const;

/**
 * The certificate of attendance of a registration: the sessions of its event with a
 * `present` attendance. Throws `no_attendance` while there is none.
 */
export async function certificateOf(
  c: Context<AppEnv>,
  event: typeof events.$inferSelect,
  registration: typeof registrations.$inferSelect,
  now: Date,
): Promise<Uint8Array> {
  const [sessions, [institution], network] = await Promise.all([
    c.var.db
      .select({
        title: eventSessions.title,
        topic: eventSessions.topic,
        startsAt: eventSessions.startsAt,
        endsAt: eventSessions.endsAt,
      })
      .from(attendances)
      .innerJoin(eventSessions, eq(eventSessions.id, attendances.sessionId))
      .where(
        and(
          eq(attendances.registrationId, registration.id),
          eq(attendances.kind, "present"),
          eq(eventSessions.eventId, event.id),
        ),
      )
      .orderBy(asc(eventSessions.startsAt)),
    c.var.db
      .select({ name: institutions.name, city: institutions.city })
      .from(institutions)
      .where(eq(institutions.id, registration.institutionId))
      .limit(1),
    documentHeaderOf(c.var.db, event.networkId),
  ]);
  if (sessions.length === 0) throw new ApiError("no_attendance");
  return certificatePdf({
    participantName: registration.name,
    participantFunction: registration.function,
    institutionName: institution?.name ?? "",
    eventTitle: event.title,
    networkName: network.name,
    logoPng: network.logoPng,
    sessions,
    place: cityOf(event.venueAddress),
    issuedAt: now,
  });
}

type Table = { header: string[]; rows: (string | number | null)[][] };

/** The participant list: confirmed and waiting, by status, institution and name. */
async function participantTable(c: Context<AppEnv>, event: typeof events.$inferSelect): Promise<Table> {
  const rows = await c.var.db
    .select({
      name: registrations.name,
      email: registrations.email,
      function: registrations.function,
      institution: institutions.name,
      sector: sectors.nameDe,
      status: registrations.status,
      track: tracks.title,
      requestedAt: registrations.requestedAt,
    })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .innerJoin(sectors, eq(sectors.key, institutions.sectorKey))
    .leftJoin(tracks, eq(tracks.id, registrations.trackId))
    .where(
      and(
        eq(registrations.eventId, event.id),
        inArray(registrations.status, ["confirmed", "waitlisted"]),
        isNull(registrations.anonymisedAt),
      ),
    );
  rows.sort(
    (a, b) => (a.status === "confirmed" ? 0 : 1) - (b.status === "confirmed" ? 0 : 1) || byInstitutionThenName(a, b),
  );
  return {
    header: ["Name", "E-Mail", "Funktion", "Einrichtung", "Bereich", "Status", "Forum", "Angemeldet am"],
    rows: rows.map((r) => [
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

const ATTENDANCE_DE = { present: "anwesend", excused: "entschuldigt" } as const;

/** The attendance list: one row per confirmed registration, a column per session. */
async function attendanceTable(c: Context<AppEnv>, event: typeof events.$inferSelect): Promise<Table> {
  const [sessions, rows, marks] = await Promise.all([
    c.var.db
      .select({ id: eventSessions.id, position: eventSessions.position, startsAt: eventSessions.startsAt })
      .from(eventSessions)
      .where(eq(eventSessions.eventId, event.id))
      .orderBy(asc(eventSessions.position)),
    c.var.db
      .select({
        id: registrations.id,
        name: registrations.name,
        email: registrations.email,
        function: registrations.function,
        institution: institutions.name,
        sector: sectors.nameDe,
      })
      .from(registrations)
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .innerJoin(sectors, eq(sectors.key, institutions.sectorKey))
      .where(
        and(
          eq(registrations.eventId, event.id),
          eq(registrations.status, "confirmed"),
          isNull(registrations.anonymisedAt),
        ),
      ),
    c.var.db
      .select({ sessionId: attendances.sessionId, registrationId: attendances.registrationId, kind: attendances.kind })
      .from(attendances)
      .innerJoin(eventSessions, eq(eventSessions.id, attendances.sessionId))
      .where(eq(eventSessions.eventId, event.id)),
  ]);
  const kindOf = new Map(marks.map((m) => [`${m.sessionId} ${m.registrationId}`, m.kind]));
  rows.sort(byInstitutionThenName);
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

export const csvResponse = (description: string) => ({
  description,
  content: { "text/csv": { schema: z.string() } },
});

export const xlsxResponse = (description: string) => ({
  description,
  content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
});

const exportAudit = (c: Context<AppEnv>, event: typeof events.$inferSelect, action: string) =>
  auditInsert(c.var.db, {
    networkId: event.networkId,
    actorAccountId: requireAuth(c).accountId,
    action,
    entityType: "event",
    entityId: event.id,
  });

export const documents = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/sessions/{eventSessionId}/sign-in-sheet.pdf",
      tags: ["Documents"],
      summary: "A printable sign-in sheet (A4 PDF) of a session: confirmed registrations with a signature column",
      description:
        "Sorted by institution, then name; the last page has empty rows for walk-ins. Times in Berlin time. " +
        "Written to the audit log.",
      middleware: [eventAccess("organiser")] as const,
      request: { params: SignInSheetParams },
      responses: {
        200: pdfResponse("The sign-in sheet"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const event = c.var.event;
      const { eventSessionId } = c.req.valid("param");
      const [[session], rows, network] = await Promise.all([
        c.var.db
          .select()
          .from(eventSessions)
          .where(and(eq(eventSessions.id, eventSessionId), eq(eventSessions.eventId, event.id)))
          .limit(1),
        c.var.db
          .select({
            name: registrations.name,
            function: registrations.function,
            institution: institutions.name,
            trackSessionId: tracks.sessionId,
          })
          .from(registrations)
          .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
          .leftJoin(tracks, eq(tracks.id, registrations.trackId))
          .where(
            and(
              eq(registrations.eventId, event.id),
              eq(registrations.status, "confirmed"),
              isNull(registrations.anonymisedAt),
            ),
          ),
        documentHeaderOf(c.var.db, event.networkId),
      ]);
      if (!session) throw new ApiError("event_session_not_found");
      // A track bound to another session of the event does not meet at this one.
      const participants = rows
        .filter((r) => r.trackSessionId === null || r.trackSessionId === session.id)
        .map((r) => ({ name: r.name, institution: r.institution, function: r.function }))
        .sort(byInstitutionThenName);
      const now = new Date();
      const pdf = await signInSheetPdf({
        eventTitle: event.title,
        sessionTitle: session.title,
        sessionTopic: session.topic,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        venueName: event.venueName,
        venueAddress: event.venueAddress,
        networkName: network.name,
        logoPng: network.logoPng,
        participants,
        generatedAt: now,
      });
      await auditInsert(
        c.var.db,
        {
          networkId: event.networkId,
          actorAccountId: auth.accountId,
          action: "participants.sign_in_sheet",
          entityType: "event_session",
          entityId: session.id,
        },
        now,
      );
      return download(
        c,
        pdf,
        "application/pdf",
        `unterschriftenliste-${slugOf(event.title)}-termin-${session.position}.pdf`,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/registrations/{registrationId}/certificate.pdf",
      tags: ["Documents"],
      summary: "A certificate of attendance (Teilnahmebescheinigung, A4 PDF) for the sessions the person attended",
      description:
        "Lists the sessions with a `present` attendance, with date, time, hours and topic, and the total hours. " +
        "409 `no_attendance` while none is recorded. Written to the audit log.",
      middleware: [registrationAccess("organiser")] as const,
      request: { params: RegistrationIdParam },
      responses: {
        200: pdfResponse("The certificate"),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { event, registration } = c.var;
      if (registration.anonymisedAt) throw new ApiError("registration_not_found");
      const now = new Date();
      const pdf = await certificateOf(c, event, registration, now);
      await auditInsert(
        c.var.db,
        {
          networkId: event.networkId,
          actorAccountId: auth.accountId,
          action: "registration.certificate",
          entityType: "registration",
          entityId: registration.id,
        },
        now,
      );
      return download(
        c,
        pdf,
        "application/pdf",
        `teilnahmebescheinigung-${slugOf(event.title)}-${slugOf(registration.name)}.pdf`,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/certificates.pdf",
      tags: ["Documents"],
      summary: "All certificates of attendance of the event in one A4 PDF, for printing",
      description:
        "One certificate per person with at least one `present` attendance, each starting on a new page, sorted " +
        "by institution and name; walk-ins included. 409 `no_attendance` while nobody attended. Written to the audit log.",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: pdfResponse("The certificates"),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const [rows, network] = await Promise.all([
        c.var.db
          .select({
            registrationId: registrations.id,
            name: registrations.name,
            function: registrations.function,
            institution: institutions.name,
            title: eventSessions.title,
            topic: eventSessions.topic,
            startsAt: eventSessions.startsAt,
            endsAt: eventSessions.endsAt,
          })
          .from(attendances)
          .innerJoin(eventSessions, eq(eventSessions.id, attendances.sessionId))
          .innerJoin(registrations, eq(registrations.id, attendances.registrationId))
          .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
          .where(
            and(
              eq(eventSessions.eventId, event.id),
              eq(attendances.kind, "present"),
              isNull(registrations.anonymisedAt),
            ),
          ),
        documentHeaderOf(c.var.db, event.networkId),
      ]);
      if (rows.length === 0) throw new ApiError("no_attendance");
      const people = new Map<string, (typeof rows)[number][]>();
      for (const row of rows) people.set(row.registrationId, [...(people.get(row.registrationId) ?? []), row]);
      const now = new Date();
      const place = cityOf(event.venueAddress);
      const certificates = [...people.values()]
        .map((sessions) => sessions[0]!)
        .sort(byInstitutionThenName)
        .map((first) => ({
          participantName: first.name,
          participantFunction: first.function,
          institutionName: first.institution,
          eventTitle: event.title,
          networkName: network.name,
          logoPng: network.logoPng,
          sessions: people.get(first.registrationId)!,
          place,
          issuedAt: now,
        }));
      const pdf = await certificatesPdf(
        { eventTitle: event.title, networkName: network.name, logoPng: network.logoPng, issuedAt: now },
        certificates,
      );
      await exportAudit(c, event, "certificates.export_pdf");
      return download(c, pdf, "application/pdf", `teilnahmebescheinigungen-${slugOf(event.title)}.pdf`);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/participants.csv",
      tags: ["Documents"],
      summary: "The participant list (confirmed and waiting) as CSV for German Excel",
      description:
        "UTF-8 with BOM, semicolon separated, CRLF line ends; cells that Excel would run as a formula start " +
        "with an apostrophe. Sorted by status (confirmed first), institution and name. Written to the audit log.",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: {
          description: "Name, e-mail, function, institution, sector, status, track, registered at (Berlin time)",
          content: { "text/csv": { schema: z.string() } },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const table = await participantTable(c, event);
      const csv = csvFile(table.header, table.rows);
      await exportAudit(c, event, "participants.export_csv");
      return download(c, csv, "text/csv; charset=utf-8", `teilnehmende-${slugOf(event.title)}.csv`);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/participants.xlsx",
      tags: ["Documents"],
      summary: "The participant list (confirmed and waiting) as an Excel workbook (XLSX)",
      description: "The same rows and columns as participants.csv. Written to the audit log.",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: xlsxResponse("One sheet: name, e-mail, function, institution, sector, status, track, registered at"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const table = await participantTable(c, event);
      const file = xlsxFile("Teilnehmende", table.header, table.rows);
      await exportAudit(c, event, "participants.export_xlsx");
      return download(c, file, XLSX_TYPE, `teilnehmende-${slugOf(event.title)}.xlsx`);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/attendance.csv",
      tags: ["Documents"],
      summary: "The attendance list as CSV for German Excel: a row per confirmed registration, a column per session",
      description:
        "Each session cell is `anwesend`, `entschuldigt` or `–`. UTF-8 with BOM, semicolon separated, CRLF line " +
        "ends, formulas neutralised like participants.csv. Sorted by institution and name. Written to the audit log.",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: csvResponse("Name, e-mail, function, institution, sector, then one column per session"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const table = await attendanceTable(c, event);
      const csv = csvFile(table.header, table.rows);
      await exportAudit(c, event, "attendance.export_csv");
      return download(c, csv, "text/csv; charset=utf-8", `anwesenheit-${slugOf(event.title)}.csv`);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/attendance.xlsx",
      tags: ["Documents"],
      summary: "The attendance list as an Excel workbook (XLSX)",
      description: "The same rows and columns as attendance.csv. Written to the audit log.",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: xlsxResponse("One sheet: name, e-mail, function, institution, sector, then one column per session"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const table = await attendanceTable(c, event);
      const file = xlsxFile("Anwesenheit", table.header, table.rows);
      await exportAudit(c, event, "attendance.export_xlsx");
      return download(c, file, XLSX_TYPE, `anwesenheit-${slugOf(event.title)}.xlsx`);
    },
  );
