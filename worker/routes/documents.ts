// Generated files for organisers: the sign-in sheet of a session and certificates of
// attendance (PDF), the participant list (PDF, CSV for German Excel, XLSX) and the attendance
// list (CSV, XLSX).
// Every export of personal data is written to the audit log (without the data itself).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  attendanceListInputOf,
  certificateInputOf,
  certificatesInputOf,
  logDocument,
  participantListInputOf,
  participantRowsOf,
  signInSheetInputOf,
} from "../db/documents";
import { certifiableSessions, certificateDate } from "../domain/check-in-window";
import {
  attendanceTable,
  certificateGroups,
  participantList,
  participantTable,
  signInSheetParticipants,
  type Table,
} from "../domain/documents";
import type { AppEnv } from "../env";
import { requireAuth } from "../lib/auth";
import { csvFile } from "../lib/csv";
import { eventAccess, registrationAccess } from "../lib/guards";
import { slugOf } from "../lib/ics";
import { certificatePdf, certificatesPdf, cityOf, signInSheetPdf } from "../lib/pdf";
import { participantListPdf } from "../lib/pdf-lists";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { idParam, problemResponses } from "../lib/schemas";
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

type Event = AppEnv["Variables"]["event"];
type Registration = AppEnv["Variables"]["registration"];

/**
 * The certificate of attendance of a registration: the sessions of its event with a
 * `present` attendance that have taken place. Throws `no_attendance` while there is none.
 */
export async function certificateOf(
  c: Context<AppEnv>,
  event: Event,
  registration: Registration,
  now: Date,
): Promise<Uint8Array> {
  const input = await certificateInputOf(c.var.db, event, registration);
  const { institution, network } = input;
  const sessions = certifiableSessions(input.sessions, now);
  if (sessions.length === 0) throw new ApiError("no_attendance");
  return certificatePdf({
    participantName: registration.name,
    participantFunction: registration.function,
    institutionName: institution?.name ?? "",
    eventTitle: event.title,
    networkName: network.name,
    logoPng: network.logoPng,
    signerName: network.signerName,
    sessions,
    place: cityOf(event.venueAddress),
    issuedAt: certificateDate(sessions, now),
  });
}

/** The participant list: confirmed and waiting, by status, institution and name. */
const participantTableOf = async (c: Context<AppEnv>, event: Event): Promise<Table> =>
  participantTable(await participantRowsOf(c.var.db, event.id));

/** The attendance list: one row per confirmed registration, a column per session. */
const attendanceTableOf = async (c: Context<AppEnv>, event: Event): Promise<Table> =>
  attendanceTable(await attendanceListInputOf(c.var.db, event.id));

export const csvResponse = (description: string) => ({
  description,
  content: { "text/csv": { schema: z.string() } },
});

export const xlsxResponse = (description: string) => ({
  description,
  content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
});

const exportAudit = (c: Context<AppEnv>, event: Event, action: string) =>
  logDocument(c.var.db, {
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
      const { session, rows, network } = await signInSheetInputOf(c.var.db, event, eventSessionId);
      if (!session) throw new ApiError("event_session_not_found");
      const participants = signInSheetParticipants(rows, session.id);
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
      await logDocument(
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
        "Lists the sessions with a `present` attendance that have taken place (started, and ending by the issue " +
        "day), with date, time, hours and topic, and the total hours; dated never before the last of them. " +
        "409 `no_attendance` while there is none. Written to the audit log.",
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
      await logDocument(
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
        "One certificate per person with at least one `present` attendance at a session that has taken place, each starting on a new page, sorted " +
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
      const now = new Date();
      const input = await certificatesInputOf(c.var.db, event);
      const { network } = input;
      const rows = certifiableSessions(input.rows, now);
      if (rows.length === 0) throw new ApiError("no_attendance");
      const place = cityOf(event.venueAddress);
      const certificates = certificateGroups(rows).map(({ person, sessions }) => ({
        participantName: person.name,
        participantFunction: person.function,
        institutionName: person.institution,
        eventTitle: event.title,
        networkName: network.name,
        logoPng: network.logoPng,
        signerName: network.signerName,
        sessions,
        place,
        issuedAt: certificateDate(sessions, now),
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
      const table = await participantTableOf(c, event);
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
      const table = await participantTableOf(c, event);
      const file = xlsxFile("Teilnehmende", table.header, table.rows);
      await exportAudit(c, event, "participants.export_xlsx");
      return download(c, file, XLSX_TYPE, `teilnehmende-${slugOf(event.title)}.xlsx`);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/participants.pdf",
      tags: ["Documents"],
      summary: "The participant list (confirmed and waiting) as a printable A4 PDF",
      description:
        "The same people and order as participants.csv, with name, institution, function, track and status " +
        "(no e-mail addresses); long names wrap. Written to the audit log.",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: pdfResponse("The participant list"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const { rows, network } = await participantListInputOf(c.var.db, event);
      const pdf = await participantListPdf({
        eventTitle: event.title,
        venueName: event.venueName,
        venueAddress: event.venueAddress,
        networkName: network.name,
        logoPng: network.logoPng,
        ...participantList(rows),
        generatedAt: new Date(),
      });
      await exportAudit(c, event, "participants.export_pdf");
      return download(c, pdf, "application/pdf", `teilnehmende-${slugOf(event.title)}.pdf`);
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
      const table = await attendanceTableOf(c, event);
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
      const table = await attendanceTableOf(c, event);
      const file = xlsxFile("Anwesenheit", table.header, table.rows);
      await exportAudit(c, event, "attendance.export_xlsx");
      return download(c, file, XLSX_TYPE, `anwesenheit-${slugOf(event.title)}.xlsx`);
    },
  );
