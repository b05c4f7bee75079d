// The answer to an access request (Art. 15 DSGVO) as a PDF letter: the same content as the
// JSON document, the same guard, its own audit row with registration ids only.
import { env } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { api, authed, ORIGIN, seed, signIn, TINY_PNG } from "../helpers";
import { pdfText } from "../pdf-text";

const NET = "net-kc9";
const QE = "evt-qe-werkstatt";
const QE_TITLE = "Qualitätsentwicklungswerkstatt Kinderschutz 2027";
const PATH = `/api/networks/${NET}/personal-data/access.pdf`;
let organiser: string;
let contact: string;
let registrationId: string;

const auditRows = async () =>
  (
    await env.DB.prepare(
      "select * from audit_log where action = 'personal_data.access_letter' order by at, rowid",
    ).all<{
      actor_account_id: string | null;
      entity_type: string;
      entity_id: string;
      details: string | null;
    }>()
  ).results;

const letter = async (email: string) => {
  const res = await authed(organiser, PATH, { method: "POST", body: { email } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="auskunft-[a-z0-9-]+\.pdf"$/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  return { bytes, text: pdfText(await PDFDocument.load(bytes)) };
};

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  contact = await signIn("m.osterkamp@hebammennetzwerk-nahe.example");
  const res = await authed(organiser, `/api/events/${QE}/registrations`, {
    method: "POST",
    body: {
      institutionId: "inst-hebammen-kh",
      name: "Jolanta Wiśniewska-Brückner",
      email: "jolanta.wb@hebammen.example",
      function: "Familienhebamme",
      accessibilityNeeds: "Rollstuhlgerechter Platz",
      privacyAcknowledged: true,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  registrationId = ((await res.json()) as { id: string }).id;
});

describe("the access letter (PDF)", () => {
  it("is guarded like the JSON document", async () => {
    expect((await authed(organiser, PATH, { method: "POST", body: { email: "kein-mail" } })).status).toBe(400);
    expect(
      (await authed(contact, PATH, { method: "POST", body: { email: "jolanta.wb@hebammen.example" } })).status,
    ).toBe(403);
    expect((await authed(null, PATH, { method: "POST", body: { email: "jolanta.wb@hebammen.example" } })).status).toBe(
      401,
    );
    expect(await auditRows()).toEqual([]);
  });

  it("tells the person what is stored, on the letterhead, and is logged with the registration ids", async () => {
    const logo = await api(`/api/networks/${NET}/logo`, {
      method: "PUT",
      headers: { "content-type": "image/png", origin: ORIGIN, cookie: organiser },
      body: TINY_PNG,
    });
    expect(logo.status).toBe(200);
    const { bytes, text } = await letter("Jolanta.WB@Hebammen.example");
    for (const expected of [
      "Auskunft nach Art. 15 DSGVO",
      "Jolanta Wiśniewska-Brückner",
      "jolanta.wb@hebammen.example",
      QE_TITLE,
      "Familienhebamme",
      "Rollstuhlgerechter Platz",
      "Art. 6 Abs. 1 lit. e DSGVO",
      "12 Monate nach dem letzten Termin",
    ])
      expect(text, expected).toContain(expected);
    // As in the organiser's JSON: whether feedback was answered is for the person alone.
    expect(text).toContain("sehen nur Sie selbst");
    expect(text).not.toContain("beantwortet am");
    expect((await PDFDocument.load(bytes)).getPages().length).toBeGreaterThan(0);
    const rows = await auditRows();
    expect(rows.map((r) => [r.actor_account_id !== null, r.entity_type, r.entity_id])).toEqual([
      [true, "registration", registrationId],
    ]);
    expect(JSON.stringify(rows)).not.toContain("jolanta");
  });

  it("answers a letter saying nothing is stored for an unknown address", async () => {
    const { text } = await letter("niemand@nirgends.example");
    expect(text).toContain("niemand@nirgends.example");
    expect(text).toContain("keine Daten gespeichert");
    expect(text).not.toContain(QE_TITLE);
    const rows = await auditRows();
    expect(rows.at(-1)).toMatchObject({ entity_type: "network", entity_id: NET });
  });
});
