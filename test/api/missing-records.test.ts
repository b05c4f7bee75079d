// The missing-record sweep: every operation of the OpenAPI document that names
// records in its path is called by the demo network's organiser (who may reach
// all of them) with each path parameter in turn replaced by an id that names
// nothing, the others real. Each must answer 404 and write nothing: no row of
// any table changes, and the audit log gets no entry about a record that does
// not exist.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, authed, json, seed, signIn } from "../helpers";

const MISSING = "gibt-es-nicht-0000";

/** Real records of the demo network, one per path parameter; `sessionId` is the organiser's sign-in session. */
const PARAMS: Record<string, string> = {
  networkId: "net-kc9",
  institutionId: "inst-hebammen-kh",
  contactPersonId: "cp-hebammen-kh-1",
  accountId: "acc-contact-hebammen",
  sessionId: "",
  eventId: "evt-qe-werkstatt",
  registrationId: "reg-demo-teilnahme",
  eventSessionId: "ses-qe-1",
  formId: "fb-demo-fh-3",
  municipalityId: "mun-bad-kreuznach",
};

/**
 * Where the other parameters must fit together for the missing one to be the
 * only thing wrong: a session of the event, a registration of the session's event.
 */
const PARAMS_FOR: Record<string, Record<string, string>> = {
  "GET /api/events/{eventId}/sessions/{eventSessionId}/sign-in-sheet.pdf": { eventId: "evt-qe-werkstatt" },
  "DELETE /api/networks/{networkId}/organisers/{accountId}": { accountId: "acc-organiser" },
};

/** Operations of the installation's operators, called as one (organisers are refused them before any lookup). */
const AS_OPERATOR = (key: string) => key.includes("/api/operator/");

/** A plausible body for every write with path parameters, so that validation passes and the lookup decides. */
const BODIES: Record<string, object> = {
  "PATCH /api/institutions/{institutionId}": { phone: "0671 000-0001" },
  "PUT /api/institutions/{institutionId}/leitbild": { signedAt: "2026-03-12", signedBy: "Sweep" },
  "POST /api/institutions/{institutionId}/contact-persons": { name: "Sweep Person", email: "sweep.person@example.org" },
  "PATCH /api/contact-persons/{contactPersonId}": { phone: "0671 000-0002" },
  "POST /api/institutions/{institutionId}/contacts": { email: "sweep.contact@example.org" },
  "PUT /api/networks/{networkId}/privacy": { privacyNotice: "Datenschutzhinweise (Sweep)", retentionMonths: 12 },
  "POST /api/networks/{networkId}/personal-data/access": { email: "niemand-sweep@example.org" },
  "POST /api/networks/{networkId}/personal-data/access.pdf": { email: "niemand-sweep@example.org" },
  "POST /api/networks/{networkId}/personal-data/erasure": { email: "niemand-sweep@example.org" },
  "POST /api/networks/{networkId}/institutions": {
    name: "Sweep-Einrichtung",
    sectorKey: "police",
    municipalityId: "mun-bad-kreuznach",
  },
  "POST /api/networks/{networkId}/events": {
    type: "workshop",
    title: "Sweep-Werkstatt",
    capacity: 20,
    defaultQuota: 1,
    registrationOpensAt: "2026-11-25T08:00:00Z",
    quotaDeadline: "2026-11-30T08:00:00Z",
    registrationClosesAt: "2026-12-02T08:00:00Z",
    sessions: [{ title: "Termin 1", topic: "", startsAt: "2026-12-03T08:00:00Z", endsAt: "2026-12-03T11:30:00Z" }],
    tracks: [],
    invitation: { mode: "all", sectorKeys: [], institutionIds: [] },
    quotaOverrides: [],
  },
  "PATCH /api/events/{eventId}": { venueAccessibility: "Aufzug vorhanden" },
  "POST /api/events/{eventId}/registrations": {
    institutionId: "inst-hebammen-kh",
    name: "Sweep Person",
    email: "sweep.registrant@example.org",
    privacyAcknowledged: true,
  },
  "POST /api/registrations/{registrationId}/swap": {
    name: "Sweep Kollegin",
    email: "sweep.colleague@example.org",
    privacyAcknowledged: true,
  },
  "POST /api/registrations/{registrationId}/move": { trackId: null },
  "POST /api/sessions/{eventSessionId}/check-ins": {
    registrationId: "reg-demo-teilnahme",
    method: "list",
    clientOpId: "sweep-missing-check-in",
    // The demo session is weeks ahead: the organiser checks in outside the window on purpose.
    overrideWindow: true,
  },
  "POST /api/sessions/{eventSessionId}/walk-ins": {
    name: "Sweep Walk-in",
    institutionId: "inst-hebammen-kh",
    clientOpId: "sweep-missing-walk-in",
    // The demo session is weeks ahead: the organiser checks in outside the window on purpose.
    overrideWindow: true,
  },
  "POST /api/events/{eventId}/feedback-forms": { sessionId: null, template: "standard" },
  "POST /api/events/{eventId}/messages": {
    audience: { group: "registrants", status: "all" },
    subject: "Sweep",
    body: "Hallo {Name}",
  },
  "POST /api/events/{eventId}/messages/preview": {
    audience: { group: "registrants", status: "all" },
    subject: "Sweep",
    body: "Hallo {Name}",
  },
  "POST /api/events/{eventId}/messages/test": {
    audience: { group: "registrants", status: "all" },
    subject: "Sweep",
    body: "Hallo {Name}",
  },
  "PATCH /api/feedback-forms/{formId}": { title: "Rückmeldung (Sweep)" },
  "PUT /api/feedback-forms/{formId}/questions": {
    questions: [{ kind: "scale", prompt: "Wie zufrieden sind Sie?", options: [], required: true }],
  },
  "POST /api/feedback/{formId}/responses": { answers: {} },
  "POST /api/feedback/{formId}/links": { email: "niemand-sweep@example.org" },
  "PATCH /api/networks/{networkId}": { senderName: "Sweep" },
  "POST /api/networks/{networkId}/municipalities": { name: "Sweep-Gemeinde" },
  "PATCH /api/networks/{networkId}/municipalities/{municipalityId}": { name: "Sweep-Stadt" },
  "PUT /api/networks/{networkId}/logo": {},
  "POST /api/networks/{networkId}/organisers": { email: "sweep.organiser@example.org", displayName: "Sweep" },
  "POST /api/networks/{networkId}/directory/import": { rows: [], dryRun: true },
};

type Operation = { key: string; method: string; path: string; params: string[]; hasBody: boolean };

let organiser: string;
let operator: string;
let operations: Operation[] = [];

/** Every row of every table, so that any insert, update or delete shows. */
async function snapshot() {
  const tables = (
    await env.DB.prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name <> 'd1_migrations' order by name",
    ).all<{ name: string }>()
  ).results.map((t) => t.name);
  // Signing in touches the session's last-seen time, and counters count requests: neither is a record.
  const volatile = new Set(["auth_sessions", "rate_limits"]);
  const results = await env.DB.batch(
    tables.filter((t) => !volatile.has(t)).map((t) => env.DB.prepare(`select * from "${t}" order by rowid`)),
  );
  return Object.fromEntries(tables.filter((t) => !volatile.has(t)).map((t, i) => [t, results[i].results]));
}

const urlOf = (op: Operation, missing: string) =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(name === missing ? MISSING : (PARAMS_FOR[op.key]?.[name] ?? PARAMS[name])),
  );

beforeAll(async () => {
  await seed();
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  operator = await signIn("betrieb@netzwerkstatt.example");
  const session = await env.DB.prepare("select id from auth_sessions where account_id = 'acc-organiser'").first<{
    id: string;
  }>();
  PARAMS.sessionId = session!.id;
  const doc = await json(await api("/api/openapi.json"));
  operations = Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown }>>).flatMap(
    ([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
        .map(([method, op]) => ({
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
          hasBody: op.requestBody !== undefined,
        })),
  );
  operations = operations.filter((op) => op.params.length > 0);
});

describe("a request for a record that does not exist", () => {
  it("has a real value for every path parameter and a body for every write that takes one", () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const op of operations) {
      for (const p of op.params) expect(PARAMS[p], `${op.key}: ${p}`).toBeTruthy();
      expect(BODIES[op.key] !== undefined, op.key).toBe(op.hasBody);
    }
  });

  it("answers 404 and writes nothing, for every operation and each of its path parameters", async () => {
    const caught: string[] = [];
    for (const op of operations)
      for (const missing of op.params) {
        const before = await snapshot();
        const res = await authed(AS_OPERATOR(op.key) ? operator : organiser, urlOf(op, missing), {
          method: op.method,
          body: BODIES[op.key],
        });
        const text = await res.text();
        const after = await snapshot();
        const changed = Object.keys(after).filter(
          (t) => JSON.stringify(after[t]) !== JSON.stringify(before[t as keyof typeof before]),
        );
        if (res.status !== 404 || changed.length > 0)
          caught.push(`${op.key} with ${missing} missing: ${res.status} ${text.slice(0, 160)}; changed: ${changed}`);
        else expect(res.headers.get("content-type"), op.key).toMatch(/^application\/problem\+json/);
      }
    expect(caught).toEqual([]);
  }, 60_000);

  it("the real parameters are real: with all of them, no read is a 404", async () => {
    // Without this, a sweep whose "real" ids were wrong would pass on 404s of the wrong record.
    // The demo network has no logo: that 404 is the logo's, not a wrong id.
    for (const op of operations.filter((o) => o.method === "GET" && o.key !== "GET /api/networks/{networkId}/logo")) {
      const res = await authed(organiser, urlOf(op, ""));
      expect(res.status, `${op.key}: ${await res.text()}`).not.toBe(404);
      expect(res.status, op.key).toBeLessThan(500);
    }
  }, 30_000);

  it("named in a body or a query rather than the path: 404 as well, and nothing written", async () => {
    // A query names what to read (404); a body naming a record that does not fit is bad input (404 or 422).
    const cases: { key: string; url: string; method: string; body?: object }[] = [
      {
        key: "registrations of a missing institution",
        method: "GET",
        url: `/api/events/evt-qe-werkstatt/registrations?institutionId=${MISSING}`,
      },
      {
        key: "registering for a missing institution",
        method: "POST",
        url: "/api/events/evt-qe-werkstatt/registrations",
        body: { ...BODIES["POST /api/events/{eventId}/registrations"], institutionId: MISSING },
      },
      {
        key: "moving to a missing track",
        method: "POST",
        url: "/api/registrations/reg-demo-teilnahme/move",
        body: { trackId: MISSING },
      },
      {
        key: "checking in a missing registration",
        method: "POST",
        url: "/api/sessions/ses-qe-1/check-ins",
        body: { ...BODIES["POST /api/sessions/{eventSessionId}/check-ins"], registrationId: MISSING },
      },
      {
        key: "a walk-in of a missing institution",
        method: "POST",
        url: "/api/sessions/ses-qe-1/walk-ins",
        body: { ...BODIES["POST /api/sessions/{eventSessionId}/walk-ins"], institutionId: MISSING },
      },
      {
        key: "a feedback form for a missing session",
        method: "POST",
        url: "/api/events/evt-qe-werkstatt/feedback-forms",
        body: { sessionId: MISSING, template: "standard" },
      },
    ];
    const caught: string[] = [];
    for (const c of cases) {
      const before = await snapshot();
      const res = await authed(organiser, c.url, { method: c.method, body: c.body });
      const text = await res.text();
      const after = await snapshot();
      const changed = Object.keys(after).filter(
        (t) => JSON.stringify(after[t]) !== JSON.stringify(before[t as keyof typeof before]),
      );
      const expected = c.body ? [404, 422] : [404];
      if (!expected.includes(res.status) || changed.length > 0)
        caught.push(`${c.key}: ${res.status} ${text.slice(0, 160)}; changed: ${changed}`);
    }
    expect(caught).toEqual([]);
  });
});
