// Generated documents: the sign-in sheet and certificate PDFs and the participant CSV.
import { env } from "cloudflare:workers";
import { PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { csvCell } from "../../worker/lib/csv";
import { SIGN_IN_ROWS_PER_PAGE } from "../../worker/lib/pdf";
import { api, authed, ORIGIN, OTHER, seed, seedOtherNetwork, signIn, TINY_PNG } from "../helpers";
import { pdfText } from "../pdf-text";

const EVENT = "evt-doc";
const SESSIONS = ["evt-doc-s1", "evt-doc-s2", "evt-doc-s3"];
const TITLE = "Qualitätsentwicklung Kinderschutz – Straße & Maß";
const HOUR = 3_600_000;

let organiser: string;
let otherOrganiser: string;

/** Registration ids of the test event, in insertion order. */
const regIds: string[] = [];

beforeAll(async () => {
  await seed(new Date());
  await seedOtherNetwork();
  const now = Date.now();
  // Every session is over: a certificate lists only sessions that have taken place.
  const start = now - 70 * 86_400_000;
  const { results: insts } = await env.DB.prepare(
    "select id from institutions where network_id = 'net-kc9' order by id limit 12",
  ).all<{ id: string }>();
  const names = [
    "Ayşe Yılmaz 😀",
    'Müller; "Kiki" Schmidt',
    "=SUM(1)",
    "@Kommando",
    "Jürgen Groß",
    ...Array.from({ length: 55 }, (_, i) => `Person ${String(i + 6).padStart(2, "0")}`),
  ];
  const statements = [
    env.DB.prepare(
      `insert into events (id, network_id, type, title, venue_name, venue_address, capacity, default_quota,
        registration_opens_at, quota_deadline, registration_closes_at, status, created_at)
       values (?, 'net-kc9', 'quality_workshop', ?, 'Haus der Familie', 'Kurhausstraße 6, 55543 Bad Kreuznach', 80, 10, ?, ?, ?, 'published', ?)`,
    ).bind(EVENT, TITLE, now - 86_400_000, now, now + 86_400_000, now),
    ...SESSIONS.map((id, i) =>
      env.DB.prepare(
        "insert into event_sessions (id, event_id, position, title, topic, starts_at, ends_at) values (?, ?, ?, ?, ?, ?, ?)",
      ).bind(
        id,
        EVENT,
        i + 1,
        `Werkstatt ${i + 1}`,
        "Rollen klären, Verfahren vereinbaren",
        start + i * 28 * 86_400_000,
        start + i * 28 * 86_400_000 + (i === 2 ? 3.5 : 4) * HOUR,
      ),
    ),
    ...names.map((name, i) => {
      const id = `reg-doc-${String(i + 1).padStart(2, "0")}`;
      regIds.push(id);
      return env.DB.prepare(
        `insert into registrations (id, event_id, institution_id, email, name, function, status, requested_at, created_at)
         values (?, ?, ?, ?, ?, 'Fachkraft', 'confirmed', ?, ?)`,
      ).bind(id, EVENT, insts[i % insts.length].id, `doc${i + 1}@example.org`, name, now - i * 60_000, now);
    }),
    env.DB.prepare(
      `insert into registrations (id, event_id, institution_id, email, name, function, status, requested_at, created_at)
       values ('reg-doc-waiting', ?, ?, 'waiting@example.org', 'Wera Wartend', '-Leitung', 'waitlisted', ?, ?)`,
    ).bind(EVENT, insts[0].id, now, now),
    env.DB.prepare(
      `insert into registrations (id, event_id, institution_id, email, name, status, requested_at, created_at, cancelled_at)
       values ('reg-doc-cancelled', ?, ?, 'cancelled@example.org', 'Clara Storniert', 'cancelled', ?, ?, ?)`,
    ).bind(EVENT, insts[0].id, now, now, now),
    // The first person attended sessions 1 and 3 and was excused from 2.
    ...SESSIONS.map((sessionId, i) =>
      env.DB.prepare(
        "insert into attendances (id, session_id, registration_id, kind, method, at) values (?, ?, 'reg-doc-01', ?, 'list', ?)",
      ).bind(`att-doc-${i}`, sessionId, i === 1 ? "excused" : "present", now),
    ),
  ];
  await env.DB.batch(statements);
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  otherOrganiser = await signIn(OTHER.organiserEmail);
});

const SHEET = `/api/events/${EVENT}/sessions/${SESSIONS[0]}/sign-in-sheet.pdf`;
const CERTIFICATE = "/api/registrations/reg-doc-01/certificate.pdf";
const CSV = `/api/events/${EVENT}/participants.csv`;

const auditCount = async (action: string) =>
  (await env.DB.prepare("select count(*) as n from audit_log where action = ?").bind(action).first<{ n: number }>())
    ?.n ?? 0;

describe("the sign-in sheet", () => {
  it("is an A4 PDF with one page per 22 confirmed registrations, titled with the event", async () => {
    const before = await auditCount("participants.sign_in_sheet");
    const res = await authed(organiser, SHEET);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="unterschriftenliste-.+\.pdf"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(Math.ceil(60 / SIGN_IN_ROWS_PER_PAGE));
    expect(pdf.getPageCount()).toBe(3);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(pdf.getTitle()).toBe(`Unterschriftenliste – ${TITLE}`);
    expect(pdf.getAuthor()).toBe("Kinderschutzcluster 9");
    expect(await auditCount("participants.sign_in_sheet")).toBe(before + 1);
    const entry = await env.DB.prepare(
      "select details, entity_id from audit_log where action = 'participants.sign_in_sheet' order by at desc limit 1",
    ).first<{ details: string | null; entity_id: string }>();
    expect(entry?.entity_id).toBe(SESSIONS[0]);
    expect(entry?.details ?? "").not.toContain("Ayşe");
  });

  it("answers 404 for a session of another event", async () => {
    const res = await authed(organiser, `/api/events/${EVENT}/sessions/ses-qe-1/sign-in-sheet.pdf`);
    expect(res.status).toBe(404);
    expect((await res.json<{ code: string }>()).code).toBe("event_session_not_found");
  });
});

describe("the certificate of attendance", () => {
  it("lists the sessions attended, as a PDF titled with the event", async () => {
    const res = await authed(organiser, CERTIFICATE);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe(`Teilnahmebescheinigung – ${TITLE}`);
    // A name with emoji and letters outside WinAnsi does not break the document.
    expect(pdf.getSubject()).toBe("Teilnahmebescheinigung für Ayşe Yılmaz 😀");
  });

  it("lists no session that has not taken place, and is refused while there is none", async () => {
    // Checked in at a session next month (a mistake at the door, or an override): nothing to certify yet.
    const start = Date.now() + 30 * 86_400_000;
    await env.DB.batch([
      env.DB.prepare(
        "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values ('evt-doc-s4', ?, 4, 'Werkstatt 4', ?, ?)",
      ).bind(EVENT, start, start + 4 * HOUR),
      env.DB.prepare(
        "insert into attendances (id, session_id, registration_id, kind, method, at) values ('att-doc-future', 'evt-doc-s4', 'reg-doc-03', 'present', 'list', ?)",
      ).bind(Date.now()),
    ]);
    const res = await authed(organiser, "/api/registrations/reg-doc-03/certificate.pdf");
    expect(res.status).toBe(409);
    expect((await res.json<{ code: string }>()).code).toBe("no_attendance");
  });

  it("is refused with 409 while no attendance is recorded", async () => {
    const res = await authed(organiser, "/api/registrations/reg-doc-02/certificate.pdf");
    expect(res.status).toBe(409);
    expect((await res.json<{ code: string }>()).code).toBe("no_attendance");
  });
});

describe("the participant list as CSV", () => {
  it("is UTF-8 with BOM, semicolons and CRLF, confirmed and waiting, with formulas neutralised", async () => {
    const before = await auditCount("participants.export_csv");
    const res = await authed(organiser, CSV);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFFName;E-Mail;Funktion;Einrichtung;Bereich;Status;Forum;Angemeldet am\r\n")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.slice(1).split("\r\n").slice(0, -1);
    expect(lines).toHaveLength(1 + 60 + 1); // header, confirmed, waiting; not the cancelled
    expect(text).not.toContain("Clara Storniert");
    expect(lines.at(-1)).toContain("Wera Wartend;waiting@example.org;'-Leitung;");
    expect(lines.at(-1)).toContain(";Warteliste;");
    expect(text).toContain('"Müller; ""Kiki"" Schmidt";doc2@example.org;');
    expect(text).toContain("\r\n'=SUM(1);doc3@example.org;");
    expect(text).toContain("\r\n'@Kommando;");
    expect(text).toContain("Ayşe Yılmaz 😀;doc1@example.org;Fachkraft;");
    expect(lines[1].split(";")[7]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(await auditCount("participants.export_csv")).toBe(before + 1);
  });

  it("quotes cells only where needed", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("+49 671")).toBe("'+49 671");
    expect(csvCell('=HYPERLINK("x";"y")')).toBe(`"'=HYPERLINK(""x"";""y"")"`);
    expect(csvCell(null)).toBe("");
  });
});

describe("all certificates of the event", () => {
  const ALL = `/api/events/${EVENT}/certificates.pdf`;

  it("has one page per person who attended, in one PDF, audited", async () => {
    const before = await auditCount("certificates.export_pdf");
    // A second person attended session 2 only; the waiting and cancelled ones never count,
    // nor reg-doc-03, present only at a session still to come (above).
    await env.DB.prepare(
      "insert into attendances (id, session_id, registration_id, kind, method, at) values ('att-doc-all', ?, 'reg-doc-05', 'present', 'qr', ?)",
    )
      .bind(SESSIONS[1], Date.now())
      .run();
    const res = await authed(organiser, ALL);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="teilnahmebescheinigungen-.+\.pdf"$/);
    const pdf = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getTitle()).toBe(`Teilnahmebescheinigungen – ${TITLE}`);
    expect(pdf.getSubject()).toBe("2 Teilnahmebescheinigungen");
    expect(await auditCount("certificates.export_pdf")).toBe(before + 1);
  });

  it("is refused with 409 when nobody attended", async () => {
    const res = await authed(organiser, "/api/events/evt-qe-werkstatt/certificates.pdf");
    expect(res.status).toBe(409);
    expect((await res.json<{ code: string }>()).code).toBe("no_attendance");
  });
});

describe("access", () => {
  it.each([SHEET, CERTIFICATE, CSV, `/api/events/${EVENT}/certificates.pdf`])(
    "%s: 401 anonymous, 403 for another network's organiser",
    async (path) => {
      const anonymous = await authed(null, path);
      expect(anonymous.status).toBe(401);
      expect((await anonymous.json<{ code: string }>()).code).toBe("unauthenticated");
      const other = await authed(otherOrganiser, path);
      expect(other.status).toBe(403);
      expect((await other.json<{ code: string }>()).code).toBe("forbidden");
    },
  );
});

describe("the network in the header", () => {
  const NAME = "Netzwerk Kinderschutz Nahe";
  const setLogo = (body: BodyInit, type: string) =>
    api("/api/networks/net-kc9/logo", {
      method: "PUT",
      headers: { "content-type": type, origin: ORIGIN, cookie: organiser },
      body,
    });
  const load = async (path: string) =>
    PDFDocument.load(new Uint8Array(await (await authed(organiser, path)).arrayBuffer()));
  const images = (pdf: PDFDocument) =>
    pdf.context
      .enumerateIndirectObjects()
      .filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")).length;
  it("shows the network's current name and its PNG logo on the sign-in sheet and the certificate", async () => {
    expect((await authed(organiser, "/api/networks/net-kc9", { method: "PATCH", body: { name: NAME } })).status).toBe(
      200,
    );
    expect((await setLogo(TINY_PNG, "image/png")).status).toBe(200);
    for (const path of [SHEET, CERTIFICATE, `/api/events/${EVENT}/certificates.pdf`]) {
      const pdf = await load(path);
      expect(pdf.getAuthor(), path).toBe(NAME);
      expect(pdfText(pdf), path).toContain(NAME);
      // The logo (with its alpha mask as a second image object).
      expect(images(pdf), path).toBeGreaterThan(0);
    }
  });

  it("leaves an SVG logo out (pdf-lib cannot draw SVG) and keeps the name", async () => {
    expect(
      (await setLogo('<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>', "image/svg+xml"))
        .status,
    ).toBe(200);
    const pdf = await load(SHEET);
    expect(images(pdf)).toBe(0);
    expect(pdfText(pdf)).toContain(NAME);
    await authed(organiser, "/api/networks/net-kc9", { method: "PATCH", body: { name: "Kinderschutzcluster 9" } });
  });
});
