// Names print exactly as typed: the sign-in sheet, the certificates and the participant list
// carry every one of 20 names from across Europe, read back from the PDF's text, and long
// institution names wrap instead of being cut.
import { env } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { authed, seed, signIn } from "../helpers";
import { pageLines, pdfText } from "../pdf-text";

const EVENT = "evt-names";
const SESSIONS = ["evt-names-s1", "evt-names-s2"];
const HOUR = 3_600_000;

const NAMES = [
  "Cem Aydın",
  "İpek Gündoğdu",
  "Gülşen Çelik",
  "Łucja Şahin",
  "Paweł Żółkiewski",
  "Zofia Wójcik-Błaszczyk",
  "Jiří Dvořák",
  "Ondřej Kůrka",
  "Ľubomír Šťastný",
  "Søren Ærø",
  "Åsa Öberg",
  "Eirik Ødegård",
  "Þórunn Guðmundsdóttir",
  "Αλέξανδρος Παπαδόπουλος",
  "Ευαγγελία Κωνσταντινίδου",
  "Ольга Смирнова",
  "Дмитрий Кузнецов",
  "Ївга Ґудзенко",
  "Nguyễn Thị Ánh",
  "José Núñez",
];
const LONG_INSTITUTIONS = [
  "Evangelische Kindertagesstätte und Familienzentrum „Regenbogen“ der Kirchengemeinde Bad Kreuznach-Winzenheim",
  "Beratungsstelle für Kinder-, Jugend- und Familienfragen im Landkreis Mainz-Bingen (Außenstelle Ingelheim am Rhein)",
];
const NETWORK = "Kinderschutzcluster 9";
const SIGNER = "Dr. Maren Hoffmann-Çakır";

let organiser: string;

beforeAll(async () => {
  await seed(new Date());
  const now = Date.now();
  const start = now - 30 * 86_400_000;
  const model = await env.DB.prepare(
    "select sector_key, municipality_id from institutions where network_id = 'net-kc9' limit 1",
  ).first<{ sector_key: string; municipality_id: string }>();
  await env.DB.batch([
    ...LONG_INSTITUTIONS.map((name, i) =>
      env.DB.prepare(
        "insert into institutions (id, network_id, name, sector_key, municipality_id, created_at) values (?, 'net-kc9', ?, ?, ?, ?)",
      ).bind(`inst-long-${i}`, name, model?.sector_key, model?.municipality_id, now),
    ),
    env.DB.prepare(
      `insert into events (id, network_id, type, title, venue_name, venue_address, capacity, default_quota,
        registration_opens_at, quota_deadline, registration_closes_at, status, created_at)
       values (?, 'net-kc9', 'quality_workshop', 'Qualitätswerkstatt Kinderschutz', 'Haus der Familie',
        'Kurhausstraße 6, 55543 Bad Kreuznach', 80, 20, ?, ?, ?, 'published', ?)`,
    ).bind(EVENT, start - 20 * 86_400_000, start - 10 * 86_400_000, start - 86_400_000, now),
    ...SESSIONS.map((id, i) =>
      env.DB.prepare(
        "insert into event_sessions (id, event_id, position, title, topic, starts_at, ends_at) values (?, ?, ?, ?, ?, ?, ?)",
      ).bind(
        id,
        EVENT,
        i + 1,
        `Werkstatt ${i + 1}`,
        "Schutzkonzepte",
        start + i * 7 * 86_400_000,
        start + i * 7 * 86_400_000 + (i ? 3.5 : 4) * HOUR,
      ),
    ),
    ...NAMES.flatMap((name, i) => [
      env.DB.prepare(
        `insert into registrations (id, event_id, institution_id, email, name, function, status, requested_at, created_at)
         values (?, ?, ?, ?, ?, 'Fachkraft', 'confirmed', ?, ?)`,
      ).bind(`reg-names-${i}`, EVENT, `inst-long-${i % 2}`, `names${i}@example.org`, name, now, now),
      ...SESSIONS.map((sessionId, s) =>
        env.DB.prepare(
          "insert into attendances (id, session_id, registration_id, kind, method, at) values (?, ?, ?, 'present', 'list', ?)",
        ).bind(`att-names-${i}-${s}`, sessionId, `reg-names-${i}`, now),
      ),
    ]),
  ]);
  // The seeded organiser's account carries a person's name here, as an organiser's usually does.
  await env.DB.prepare("update accounts set display_name = ? where email = ?")
    .bind(SIGNER, "koordination@kinderschutz-bad-kreuznach.example")
    .run();
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
});

const pdfOf = async (path: string) => {
  const res = await authed(organiser, path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type"), path).toBe("application/pdf");
  const bytes = new Uint8Array(await res.arrayBuffer());
  return PDFDocument.load(bytes);
};

const SHEET = `/api/events/${EVENT}/sessions/${SESSIONS[0]}/sign-in-sheet.pdf`;
const ALL_CERTIFICATES = `/api/events/${EVENT}/certificates.pdf`;
const LIST = `/api/events/${EVENT}/participants.pdf`;

describe("names in the generated PDFs", () => {
  it("prints all 20 names exactly as typed and long institution names whole, also when made at the same time", async () => {
    // Requested together: the documents are made concurrently in one isolate and share the parsed font.
    const [sheet, certificates, list] = await Promise.all([SHEET, ALL_CERTIFICATES, LIST].map(pdfOf));
    for (const [path, pdf] of [
      [SHEET, sheet],
      [ALL_CERTIFICATES, certificates],
      [LIST, list],
    ] as const) {
      const text = pdfText(pdf);
      for (const name of NAMES) expect(text, `${path}: ${name}`).toContain(name);
      for (const name of LONG_INSTITUTIONS) expect(text, path).toContain(name);
      expect(text, path).not.toContain("…");
      expect(text, path).not.toContain("\uFFFD");
      expect(text, path).toContain(NETWORK);
    }
    expect(certificates.getPageCount()).toBe(NAMES.length);
    // The participant list: a title of its own and the head count.
    expect(list.getTitle()).toBe("Teilnehmendenliste – Qualitätswerkstatt Kinderschutz");
    expect(pdfText(list)).toContain("20 bestätigt");
  });

  it("signs each certificate with the network's organiser, their function, and the hours of each session", async () => {
    const pdf = await pdfOf("/api/registrations/reg-names-13/certificate.pdf");
    expect(pdf.getPageCount()).toBe(1);
    const lines = pageLines(pdf)[0];
    expect(lines).toContain("Αλέξανδρος Παπαδόπουλος");
    expect(lines).toContain(NETWORK);
    // Under the signature line: the longest-serving organiser (the seeded account) and what they are.
    const signer = lines.indexOf(SIGNER);
    expect(signer).toBeGreaterThan(lines.indexOf("Ort, Datum"));
    expect(lines[signer + 1]).toBe(`Netzwerkkoordination, ${NETWORK}`);
    // Hours per session (4 and 3,5) and the total.
    expect(lines.filter((l) => l === "4" || l === "3,5")).toEqual(["4", "3,5"]);
    expect(lines).toContain("Insgesamt: 7,5 Stunden an 2 Terminen");
  });

  it("is audited like the other exports", async () => {
    const count = async () =>
      (
        await env.DB.prepare("select count(*) as n from audit_log where action = 'participants.export_pdf'").first<{
          n: number;
        }>()
      )?.n ?? 0;
    const before = await count();
    await pdfOf(LIST);
    expect(await count()).toBe(before + 1);
    expect((await authed(null, LIST)).status).toBe(401);
  });
});
