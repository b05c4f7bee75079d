// Data protection by design: the privacy notice, a person's rights (access and
// erasure, by personal link and through an organiser), the audit log's filters and
// export and that it holds no personal data, the Content-Security-Policy, and no IP
// address in the rate limits.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import headersFile from "../../web/public/_headers?raw";
import { CONTENT_SECURITY_POLICY } from "../../worker/lib/csp";
import { purgeRateLimits } from "../../worker/lib/rate-limit";
import { api, authed, db, json, newestMailTo, ORIGIN, seed, signIn } from "../helpers";

const NET = "net-kc9";
const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const CONTACT = "m.osterkamp@hebammennetzwerk-nahe.example";
const QE = "evt-qe-werkstatt";
const TRAINING = "evt-datenschutz";
// Quota 2 at the workshop: two confirmed, a third waits.
const INSTITUTION = "inst-hebammen-kh";

let organiser: string;
let contact: string;

/** Every name and address of a participant this file writes: none may reach the audit log. */
const people: { name: string; email: string; function: string; needs: string }[] = [];

async function register(eventId: string, name: string, email: string) {
  const person = { name, email, function: `Funktion von ${name}`, needs: `Bedarf von ${name}` };
  people.push(person);
  const res = await authed(organiser, `/api/events/${eventId}/registrations`, {
    method: "POST",
    body: {
      institutionId: INSTITUTION,
      name,
      email,
      function: person.function,
      accessibilityNeeds: person.needs,
      privacyAcknowledged: true,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const registration = await json(res);
  const mail = await newestMailTo(email);
  const token = /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no personal link for ${email}`);
  return { id: registration.id as string, status: registration.status as string, token };
}

const asParticipant = (token: string, path: string, method = "GET") =>
  api(`/api/participation${path}`, { method, headers: { "x-participant-token": token } });

const auditRows = async (action: string) =>
  (
    await env.DB.prepare("select * from audit_log where action = ? order by at, rowid")
      .bind(action)
      .all<{ actor_account_id: string | null; entity_type: string; entity_id: string; details: string | null }>()
  ).results;

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn(ORGANISER);
  contact = await signIn(CONTACT);
});

describe("Content-Security-Policy", () => {
  it("is strict on every API answer, successes and problems alike", async () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe");
    for (const res of [
      await api("/api/health"),
      await api("/api/nowhere"),
      await api("/api/networks/none"),
      await authed(null, `/api/networks/${NET}/privacy`, { method: "PUT", body: {} }),
    ]) {
      expect(res.headers.get("content-security-policy"), res.url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("is the same for the static assets (web/public/_headers, copied into the build)", () => {
    const rule = /^\/\*\n((?:[ \t]+.+\n?)+)/m.exec(headersFile);
    expect(rule).not.toBeNull();
    const csp = /Content-Security-Policy:\s*(.+)/.exec(rule![1])?.[1].trim();
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(rule![1]).toMatch(/X-Frame-Options:\s*DENY/);
  });
});

describe("the privacy notice", () => {
  it("is set by organisers only, validated, and logged by field name", async () => {
    const body = {
      privacyNotice: "Verantwortlich: Stadt Testhausen. Rechte: Auskunft, Löschung.",
      retentionMonths: 18,
    };
    expect((await authed(contact, `/api/networks/${NET}/privacy`, { method: "PUT", body })).status).toBe(403);
    const bad = await authed(organiser, `/api/networks/${NET}/privacy`, {
      method: "PUT",
      body: { privacyNotice: " ", retentionMonths: 0 },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "privacyNotice",
      "retentionMonths",
    ]);
    const before = await json(await api(`/api/networks/${NET}`));
    expect(before.retentionMonths).toBe(12);

    const res = await authed(organiser, `/api/networks/${NET}/privacy`, { method: "PUT", body });
    expect(res.status).toBe(200);
    expect(await json(await api(`/api/networks/${NET}`))).toMatchObject(body);
    const [entry] = await auditRows("network.privacy_updated");
    expect(entry).toMatchObject({ actor_account_id: "acc-organiser", entity_type: "network", entity_id: NET });
    expect(JSON.parse(entry.details!)).toEqual({ fields: ["privacyNotice", "retentionMonths"] });
    // Back to the demo's values for the rest of the file.
    await authed(organiser, `/api/networks/${NET}/privacy`, {
      method: "PUT",
      body: { privacyNotice: before.privacyNotice, retentionMonths: 12 },
    });
  });
});

describe("a participant's rights", () => {
  let first: { id: string; token: string };
  let waiting: { id: string; token: string; status: string };
  let training: { id: string; token: string };

  beforeAll(async () => {
    first = await register(QE, "Frieda Fürst", "frieda.fuerst@hebammen.example");
    // The second of the institution's two places, so that the next person waits.
    await register(QE, "Sami Zweiter", "sami.zweiter@hebammen.example");
    waiting = await register(QE, "Wanda Warte", "wanda.warte@hebammen.example");
    training = await register(TRAINING, "Frieda Fürst", "frieda.fuerst@hebammen.example");
  });

  it("downloads everything held about them in the network as JSON, without live links", async () => {
    expect(waiting.status).toBe("waitlisted");
    const res = await asParticipant(first.token, "/data.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const data = await json(res);
    expect(data.email).toBe("frieda.fuerst@hebammen.example");
    expect(data.registrations.map((r: { id: string }) => r.id).sort()).toEqual([first.id, training.id].sort());
    const qe = data.registrations.find((r: { id: string }) => r.id === first.id);
    expect(qe).toMatchObject({
      name: "Frieda Fürst",
      function: "Funktion von Frieda Fürst",
      accessibilityNeeds: "Bedarf von Frieda Fürst",
      status: "confirmed",
      institution: { id: INSTITUTION },
      event: { id: QE, retentionMonths: 12, legalBasis: "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 KKG" },
      attendance: [],
    });
    expect(qe.event.erasureDueAt).not.toBeNull();
    expect(qe.history[0]).toMatchObject({ action: "registered", byAccount: true });
    expect(data.mails.length).toBeGreaterThanOrEqual(2);
    expect(data.mails.every((m: { text: string }) => !/#t=[A-Za-z0-9_-]{20,}/.test(m.text))).toBe(true);
    expect(JSON.stringify(data)).not.toContain(first.token);
    expect(data.feedback.de).toContain("anonym");
    expect(data.about.en).toContain("feedback forms");
    expect(qe.feedback).toEqual({ answered: [], linkSent: [] });
    // Nobody else's data.
    expect(JSON.stringify(data)).not.toContain("sami.zweiter");

    const logged = await auditRows("personal_data.access");
    expect(logged.map((l) => l.entity_id).sort()).toEqual([first.id, training.id].sort());
    expect(logged.every((l) => l.actor_account_id === null && l.entity_type === "registration")).toBe(true);
  });

  it("withdraws with erasure: the place goes to the waiting list, the data is gone at once", async () => {
    const res = await asParticipant(first.token, "/erasure", "POST");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ erased: [first.id] });

    const row = await env.DB.prepare("select * from registrations where id = ?").bind(first.id).first();
    expect(row).toMatchObject({
      status: "cancelled",
      reason_code: "cancelled_by_participant",
      name: "",
      email: `${first.id}@erased.invalid`,
      function: "",
      accessibility_needs: "",
      personal_token_hash: null,
    });
    expect(row!.anonymised_at).not.toBeNull();
    // The link no longer works; the other registration of the same person stays.
    expect((await asParticipant(first.token, "")).status).toBe(401);
    expect((await asParticipant(training.token, "")).status).toBe(200);
    // The waiting person is offered the place, as with any cancellation.
    const promoted = await env.DB.prepare("select status, offered_until from registrations where id = ?")
      .bind(waiting.id)
      .first<{ status: string; offered_until: number | null }>();
    expect(promoted!.status).toBe("waitlisted");
    expect(promoted!.offered_until).not.toBeNull();
    expect((await newestMailTo("wanda.warte@hebammen.example"))?.subject).toContain("Ein Platz ist frei");
    // Mails about the workshop to the erased address are gone; those about the training stay.
    const mails = (
      await env.DB.prepare("select subject from outbox where to_email = ?")
        .bind("frieda.fuerst@hebammen.example")
        .all<{ subject: string }>()
    ).results;
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => m.subject.includes("Datenschutz und Schweigepflicht"))).toBe(true);
    const [entry] = await auditRows("personal_data.erasure");
    expect(entry).toMatchObject({ actor_account_id: null, entity_type: "registration", entity_id: first.id });
  });

  it("is answered by an organiser for a named person: access, then erasure", async () => {
    const path = `/api/networks/${NET}/personal-data`;
    expect((await authed(organiser, `${path}/access`, { method: "POST", body: { email: "kein-mail" } })).status).toBe(
      400,
    );
    expect(
      (await authed(contact, `${path}/access`, { method: "POST", body: { email: "frieda.fuerst@hebammen.example" } }))
        .status,
    ).toBe(403);
    const unknown = await json(
      await authed(organiser, `${path}/access`, { method: "POST", body: { email: "niemand@nirgends.example" } }),
    );
    expect(unknown.registrations).toEqual([]);

    const res = await authed(organiser, `${path}/access`, {
      method: "POST",
      body: { email: "Frieda.Fuerst@Hebammen.example" },
    });
    expect(res.status).toBe(200);
    const data = await json(res);
    expect(data.registrations.map((r: { id: string }) => r.id)).toEqual([training.id]);
    const organiserAccess = (await auditRows("personal_data.access")).filter((l) => l.actor_account_id !== null);
    expect(organiserAccess.map((l) => [l.entity_type, l.entity_id])).toEqual([
      ["network", NET],
      ["registration", training.id],
    ]);

    const erased = await authed(organiser, `${path}/erasure`, {
      method: "POST",
      body: { email: "frieda.fuerst@hebammen.example" },
    });
    expect(erased.status).toBe(200);
    expect(await json(erased)).toEqual({ erased: [training.id] });
    const row = await env.DB.prepare("select status, reason_code, name, anonymised_at from registrations where id = ?")
      .bind(training.id)
      .first();
    expect(row).toMatchObject({ status: "cancelled", reason_code: "erasure_requested", name: "" });
    expect(
      (await env.DB.prepare("select count(*) as n from outbox where to_email = ?")
        .bind("frieda.fuerst@hebammen.example")
        .first<{ n: number }>())!.n,
    ).toBe(0);
    // Asked again: nothing left, and the request is still logged.
    const again = await authed(organiser, `${path}/erasure`, {
      method: "POST",
      body: { email: "frieda.fuerst@hebammen.example" },
    });
    expect(await json(again)).toEqual({ erased: [] });
    const erasures = (await auditRows("personal_data.erasure")).filter((l) => l.actor_account_id === "acc-organiser");
    expect(erasures.map((l) => l.entity_id)).toEqual([training.id, NET]);
  });
});

describe("views of participant lists", () => {
  it("are logged for organisers and for institution contacts, without personal data", async () => {
    const count = async (action: string) => (await auditRows(action)).length;
    const views = await count("registrations.view");
    const res = await authed(contact, `/api/events/${QE}/registrations?institutionId=${INSTITUTION}`);
    expect(res.status).toBe(200);
    expect(await count("registrations.view")).toBe(views + 1);
    const [last] = (await auditRows("registrations.view")).slice(-1);
    expect(last).toMatchObject({ actor_account_id: "acc-contact-hebammen", entity_type: "event", entity_id: QE });

    const { items } = await json(res);
    const single = await authed(contact, `/api/registrations/${items[0].id}`);
    expect(single.status).toBe(200);
    const [one] = await auditRows("registration.view");
    expect(one).toMatchObject({ entity_type: "registration", entity_id: items[0].id });
  });
});

describe("the audit log", () => {
  const log = (query = "") => authed(organiser, `/api/networks/${NET}/audit-log${query}`);
  const csv = (query = "") => authed(organiser, `/api/networks/${NET}/audit-log.csv${query}`);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

  it("filters by action, entity and Berlin day, in pages", async () => {
    const all = await json(await log());
    expect(all.total).toBe(all.items.length);
    expect(all.actions).toEqual(expect.arrayContaining(["personal_data.access", "registrations.view"]));

    const byAction = await json(await log("?action=personal_data.erasure"));
    expect(byAction.items.length).toBeGreaterThan(0);
    expect(byAction.items.every((e: { action: string }) => e.action === "personal_data.erasure")).toBe(true);

    const byEntity = await json(await log(`?entityType=event&entityId=${QE}`));
    expect(byEntity.items.length).toBeGreaterThan(0);
    expect(byEntity.items.every((e: { entityId: string }) => e.entityId === QE)).toBe(true);

    expect((await json(await log(`?from=${today}&to=${today}`))).total).toBe(all.total);
    expect((await json(await log("?to=2020-01-01"))).total).toBe(0);
    expect((await json(await log("?from=2999-01-01"))).items).toEqual([]);

    const page1 = await json(await log("?limit=2"));
    const page2 = await json(await log("?limit=2&offset=2"));
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(all.total);
    expect(page2.items[0].id).toBe(all.items[2].id);

    const bad = await log("?from=23.11.2026");
    expect(bad.status).toBe(400);
    expect((await json(bad)).code).toBe("validation_failed");
  });

  it("exports as CSV for German Excel, with the same filters, and logs the export", async () => {
    const res = await csv("?action=personal_data.access");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("protokoll-kinderschutzcluster-9.csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Zeitpunkt (Berlin);Zeitpunkt (UTC);Konto;Konto-ID;Aktion;Objektart;Objekt-ID;Felder");
    const expected = (await auditRows("personal_data.access")).length;
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).every((l) => l.split(";")[4] === "personal_data.access")).toBe(true);
    const [entry] = await auditRows("audit_log.export");
    expect(entry).toMatchObject({ actor_account_id: "acc-organiser", entity_id: NET });
    expect(JSON.parse(entry.details!)).toEqual({ fields: ["action"] });
    expect((await authed(contact, `/api/networks/${NET}/audit-log.csv`)).status).toBe(403);
  });

  it("holds no participant's name, address, function or needs, only the acting accounts", async () => {
    const rows = (await env.DB.prepare("select * from audit_log").all()).results;
    expect(rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows).toLowerCase();
    const demo = (
      await env.DB.prepare("select name, email from registrations where anonymised_at is null").all<{
        name: string;
        email: string;
      }>()
    ).results;
    expect(people.length).toBeGreaterThan(3);
    for (const p of [...people, ...demo.map((d) => ({ ...d, function: "", needs: "" }))])
      for (const value of [p.name, p.email, p.function, p.needs].filter((v) => v.length > 3))
        expect(text, value).not.toContain(value.toLowerCase());
    // The acting account appears by id only; its name is looked up when the log is read.
    const file = (await (await csv()).text()).toLowerCase();
    for (const p of people) expect(file).not.toContain(p.email);
  });
});

describe("rate limits", () => {
  it("store no IP address, and old counters are purged", async () => {
    const ip = "203.0.113.77";
    const res = await api("/api/auth/sign-in-links", {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "cf-connecting-ip": ip },
      body: JSON.stringify({ email: "wer@auch-immer.example" }),
    });
    expect(res.status).toBe(202);
    const keys = (await env.DB.prepare("select key from rate_limits").all<{ key: string }>()).results.map((r) => r.key);
    expect(keys.some((k) => k.startsWith("sign-in:client:"))).toBe(true);
    expect(keys.join(" ")).not.toContain(ip);
    expect(keys.join(" ")).not.toContain("wer@auch-immer.example");
    await purgeRateLimits(db(), new Date(Date.now() + 2 * 86_400_000));
    expect((await env.DB.prepare("select count(*) as n from rate_limits").first<{ n: number }>())!.n).toBe(0);
  });
});
