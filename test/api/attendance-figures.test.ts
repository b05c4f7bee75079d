// Attendance figures, the attendance list as CSV and XLSX, the participant list as
// XLSX, and the participant's own certificate of attendance.
import { env } from "cloudflare:workers";
import { strFromU8, unzipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../worker/lib/auth";
import { api, authed, json, OTHER, seed, seedOtherNetwork, signIn } from "../helpers";

const EVENT = "evt-fig";
const HEBAMMEN = "inst-hebammen-kh";
const KITA = "inst-kita-regenbogen-kh";
const DAY = 86_400_000;
const HOUR = 3_600_000;
const S1 = `${EVENT}-s1`;
const S2 = `${EVENT}-s2`;
const S3 = `${EVENT}-s3`;
const TOKEN = "fig-token-of-r1-0123456789abcdef";
const TOKEN_R2 = "fig-token-of-r2-0123456789abcdef";

let organiser: string;
let otherOrganiser: string;

const auditCount = async (action: string) =>
  (await env.DB.prepare("select count(*) as n from audit_log where action = ?").bind(action).first<{ n: number }>())
    ?.n ?? 0;

beforeAll(async () => {
  await seed(new Date());
  await seedOtherNetwork();
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  otherOrganiser = await signIn(OTHER.organiserEmail);
  const now = Date.now();
  const regs: [string, string, string][] = [
    ["fig-r1", HEBAMMEN, "confirmed"],
    ["fig-r2", HEBAMMEN, "confirmed"],
    ["fig-r3", KITA, "confirmed"],
    ["fig-r4", KITA, "waitlisted"],
  ];
  await env.DB.batch([
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at)
       values (?, 'net-kc9', 'workshop', 'Reihe Kinderschutz', 30, 3, ?, ?, ?, 'published', ?)`,
    ).bind(EVENT, now - 30 * DAY, now - 20 * DAY, now - 10 * DAY, now),
    ...[
      [S1, 1, now - 8 * DAY],
      [S2, 2, now - DAY],
      [S3, 3, now + DAY],
    ].map(([id, position, start]) =>
      env.DB.prepare(
        "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, ?, ?, ?, ?)",
      ).bind(id, EVENT, position, `Termin ${position}`, start, (start as number) + 3 * HOUR),
    ),
    ...regs.map(([id, institutionId, status]) =>
      env.DB.prepare(
        `insert into registrations (id, event_id, institution_id, email, name, "function", status, requested_at, confirmed_at, created_at)
          values (?, ?, ?, ?, ?, 'Fachkraft', ?, ?, ?, ?)`,
      ).bind(
        id,
        EVENT,
        institutionId,
        `${id}@figures.example`,
        `Person ${id}`,
        status,
        now - 40 * DAY,
        status === "confirmed" ? now - 40 * DAY : null,
        now - 40 * DAY,
      ),
    ),
    env.DB.prepare("update registrations set personal_token_hash = ? where id = 'fig-r1'").bind(await hashToken(TOKEN)),
    env.DB.prepare("update registrations set personal_token_hash = ? where id = 'fig-r2'").bind(
      await hashToken(TOKEN_R2),
    ),
    env.DB.prepare(
      "insert into attendances (id, session_id, registration_id, kind, at) values ('fig-exc', ?, 'fig-r2', 'excused', ?)",
    ).bind(S1, now),
  ]);
  for (const [sessionId, registrationId] of [
    [S1, "fig-r1"],
    [S1, "fig-r3"],
    [S2, "fig-r1"],
  ]) {
    // Both sessions are over: recorded afterwards from the paper sheets, with the override.
    const res = await authed(organiser, `/api/sessions/${sessionId}/check-ins`, {
      method: "POST",
      body: { registrationId, method: "list", clientOpId: `fig-${sessionId}-${registrationId}`, overrideWindow: true },
    });
    expect(res.status).toBe(201);
  }
});

describe("attendance figures", () => {
  it("counts per session and per institution across the series", async () => {
    const res = await authed(organiser, `/api/events/${EVENT}/attendance-figures`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(
      body.sessions.map((s: Record<string, unknown>) => [
        s.sessionId,
        s.position,
        s.expected,
        s.present,
        s.excused,
        s.walkIns,
        s.noShows,
      ]),
    ).toEqual([
      [S1, 1, 3, 2, 1, 0, 0],
      [S2, 2, 3, 1, 0, 0, 2],
      [S3, 3, 3, 0, 0, 0, null],
    ]);
    expect(typeof body.sessions[0].startsAt).toBe("string");
    const byId = Object.fromEntries(
      body.institutions.map((i: { institutionId: string }) => [i.institutionId, i]),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(byId).sort()).toEqual([HEBAMMEN, KITA]);
    expect(byId[HEBAMMEN]).toMatchObject({ registered: 2, attendedSessions: 2, sessionsHeld: 2, rate: 0.5 });
    expect(byId[KITA]).toMatchObject({ registered: 1, attendedSessions: 1, sessionsHeld: 2, rate: 0.5 });
    expect(typeof byId[KITA].name).toBe("string");
    expect(typeof byId[KITA].sectorKey).toBe("string");
  });
});

describe("the attendance list", () => {
  it("as CSV: a row per confirmed registration, a column per session, audited", async () => {
    const before = await auditCount("attendance.export_csv");
    const res = await authed(organiser, `/api/events/${EVENT}/attendance.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split("\r\n").slice(0, -1);
    expect(lines[0]).toMatch(
      /^Name;E-Mail;Funktion;Einrichtung;Bereich;Termin 1 \(\d\d\.\d\d\.\d{4}\);Termin 2 \(.+\);Termin 3 \(.+\)$/,
    );
    expect(lines).toHaveLength(4);
    const row = (id: string) =>
      lines
        .find((l) => l.startsWith(`Person ${id};`))
        ?.split(";")
        .slice(-3);
    expect(row("fig-r1")).toEqual(["anwesend", "anwesend", "–"]);
    expect(row("fig-r2")).toEqual(["entschuldigt", "–", "–"]);
    expect(row("fig-r3")).toEqual(["anwesend", "–", "–"]);
    expect(text).not.toContain("fig-r4");
    expect(await auditCount("attendance.export_csv")).toBe(before + 1);
  });

  const sheetOf = async (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(strFromU8(bytes.slice(0, 2))).toBe("PK");
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]),
    );
    return strFromU8(files["xl/worksheets/sheet1.xml"]);
  };

  it("as XLSX: a zip with the sheet holding the same content", async () => {
    const before = await auditCount("attendance.export_xlsx");
    const res = await authed(organiser, `/api/events/${EVENT}/attendance.xlsx`);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="anwesenheit-.+\.xlsx"$/);
    const sheet = await sheetOf(res);
    expect(sheet).toContain('<t xml:space="preserve">Person fig-r1</t>');
    expect(sheet).toContain("entschuldigt");
    expect(sheet).toContain("Termin 3 (");
    expect(sheet).not.toContain("fig-r4");
    expect(await auditCount("attendance.export_xlsx")).toBe(before + 1);
  });

  it("the participant list as XLSX, confirmed and waiting", async () => {
    const before = await auditCount("participants.export_xlsx");
    const sheet = await sheetOf(await authed(organiser, `/api/events/${EVENT}/participants.xlsx`));
    expect(sheet).toContain("Person fig-r4");
    expect(sheet).toContain("Warteliste");
    expect(sheet).toContain("fig-r3@figures.example");
    expect(await auditCount("participants.export_xlsx")).toBe(before + 1);
  });
});

describe("what was recorded, where people look", () => {
  it("the personal page lists the own attendance per session", async () => {
    const res = await api("/api/participation", { headers: { "x-participant-token": TOKEN } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(
      [...body.attendance].sort((a: { sessionId: string }, b: { sessionId: string }) =>
        a.sessionId.localeCompare(b.sessionId),
      ),
    ).toEqual([
      { sessionId: S1, kind: "present" },
      { sessionId: S2, kind: "present" },
    ]);
  });

  it("the registration list carries each registration's attendance, for the organiser", async () => {
    const res = await authed(organiser, `/api/events/${EVENT}/registrations`);
    expect(res.status).toBe(200);
    const items: { id: string; attendance: { sessionId: string; kind: string }[] }[] = (await json(res)).items;
    const of = (id: string) => items.find((i) => i.id === id)?.attendance;
    expect(of("fig-r2")).toEqual([{ sessionId: S1, kind: "excused" }]);
    expect(of("fig-r3")).toEqual([{ sessionId: S1, kind: "present" }]);
    expect(of("fig-r4")).toEqual([]);
  });
});

describe("the participant's own certificate", () => {
  const certificate = (token: string) =>
    api("/api/participation/certificate.pdf", { headers: { "x-participant-token": token } });

  it("is a PDF of the sessions attended", async () => {
    const before = await auditCount("participation.certificate");
    const res = await certificate(TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.getTitle()).toBe("Teilnahmebescheinigung – Reihe Kinderschutz");
    expect(pdf.getSubject()).toBe("Teilnahmebescheinigung für Person fig-r1");
    expect(await auditCount("participation.certificate")).toBe(before + 1);
  });

  it("is refused with 409 without a present attendance, 401 with a wrong token", async () => {
    const none = await certificate(TOKEN_R2);
    expect(none.status).toBe(409);
    expect((await json(none)).code).toBe("no_attendance");
    expect((await certificate("x".repeat(40))).status).toBe(401);
  });
});

describe("access", () => {
  it.each([
    `/api/events/${EVENT}/attendance-figures`,
    `/api/events/${EVENT}/attendance.csv`,
    `/api/events/${EVENT}/attendance.xlsx`,
    `/api/events/${EVENT}/participants.xlsx`,
  ])("%s: 401 anonymous, 403 for another network's organiser", async (path) => {
    expect((await authed(null, path)).status).toBe(401);
    const other = await authed(otherOrganiser, path);
    expect(other.status).toBe(403);
    expect((await json(other)).code).toBe("forbidden");
  });
});
