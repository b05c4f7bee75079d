// The authorisation sweep: every operation of the OpenAPI document is
// classified, called anonymously, as the organiser of another network and as
// the contact of another network's institution, and must neither succeed where
// it is protected nor leak personal data of the demo network.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { demoNetwork } from "../../worker/db/demo-data";
import { api, authed, json, OTHER, seed, seedOtherNetwork, signIn } from "../helpers";

// Registration routes use the real clock, so the demo's registration windows must be open now.
const NOW = new Date();
const demo = demoNetwork(NOW);

type Access = "public" | "signedIn" | "protected" | "operator";

/**
 * Every operation of the document, by "METHOD path". A new route without an
 * entry here fails the test: decide who may call it, then add it.
 * For public operations: the status an anonymous caller gets with the dummy
 * parameters below.
 */
const ACCESS: Record<string, { access: Access; status?: number }> = {
  "GET /api/health": { access: "public", status: 200 },
  "GET /api/sectors": { access: "public", status: 200 },
  "GET /api/networks": { access: "public", status: 200 },
  "GET /api/networks/{networkId}": { access: "public", status: 200 },
  // The demo network has no logo (the control run below uploads one only after the public checks).
  "GET /api/networks/{networkId}/logo": { access: "public", status: 404 },
  "GET /api/networks/{networkId}/institutions": { access: "public", status: 200 },
  "GET /api/institutions/{institutionId}": { access: "public", status: 200 },
  "GET /api/networks/{networkId}/events": { access: "public", status: 200 },
  // A published event is public; drafts answer 404 to all but their organisers (tested in events-admin).
  "GET /api/events/{eventId}": { access: "public", status: 200 },
  "GET /api/openapi.json": { access: "public", status: 200 },
  "POST /api/auth/sign-in-links": { access: "public", status: 202 },
  // Without a valid token from a sign-in link.
  "POST /api/auth/sessions": { access: "public", status: 400 },
  // Without a valid personal link token.
  "GET /api/participation": { access: "public", status: 401 },
  "DELETE /api/participation/link": { access: "public", status: 401 },
  "POST /api/participation/cancel": { access: "public", status: 401 },
  "POST /api/participation/accept": { access: "public", status: 401 },
  "PUT /api/participation/reminders": { access: "public", status: 401 },
  "GET /api/participation/calendar.ics": { access: "public", status: 401 },
  "GET /api/participation/certificate.pdf": { access: "public", status: 401 },
  "GET /api/participation/data.json": { access: "public", status: 401 },
  "POST /api/participation/erasure": { access: "public", status: 401 },
  "GET /api/participation/feedback": { access: "public", status: 401 },
  // Answering feedback: the form's questions are public; an answer needs a valid personal link or mailed
  // link of someone present (never a ticket code), and is checked against the questions first (400 here).
  "GET /api/feedback/{formId}": { access: "public", status: 200 },
  "POST /api/feedback/{formId}/responses": { access: "public", status: 400 },
  // Mails a link only to the address given, and only if it may answer; the same 202 for every address.
  "POST /api/feedback/{formId}/links": { access: "public", status: 202 },
  // Only with DEV_MODE = "true", which the tests run with (wrangler.toml); 404 otherwise.
  "GET /api/dev/mailbox": { access: "public", status: 200 },
  // Counters only (statements, rows read and written), for `npm run bench`; DEV_MODE only like the mailbox.
  "GET /api/dev/d1-meter": { access: "public", status: 200 },
  // DEV_MODE only like the mailbox; called here with a moment that is no date (400), so the jobs do not run mid-sweep.
  "POST /api/dev/jobs": { access: "public", status: 400 },
  // Answers `me: null` for visitors, the caller's own account otherwise.
  "GET /api/auth/session": { access: "public", status: 200 },

  "GET /api/auth/me": { access: "signedIn" },
  "GET /api/auth/sessions": { access: "signedIn" },
  "DELETE /api/auth/sessions/{sessionId}": { access: "signedIn" },
  "DELETE /api/auth/sessions": { access: "signedIn" },

  "POST /api/networks/{networkId}/institutions": { access: "protected" },
  "PATCH /api/networks/{networkId}": { access: "protected" },
  "POST /api/networks/{networkId}/municipalities": { access: "protected" },
  "PATCH /api/networks/{networkId}/municipalities/{municipalityId}": { access: "protected" },
  "DELETE /api/networks/{networkId}/municipalities/{municipalityId}": { access: "protected" },
  "PUT /api/networks/{networkId}/logo": { access: "protected" },
  "DELETE /api/networks/{networkId}/logo": { access: "protected" },
  "GET /api/networks/{networkId}/organisers": { access: "protected" },
  "POST /api/networks/{networkId}/organisers": { access: "protected" },
  "DELETE /api/networks/{networkId}/organisers/{accountId}": { access: "protected" },
  "GET /api/networks/{networkId}/setup": { access: "protected" },
  "PATCH /api/institutions/{institutionId}": { access: "protected" },
  "POST /api/institutions/{institutionId}/archive": { access: "protected" },
  "PUT /api/institutions/{institutionId}/leitbild": { access: "protected" },
  "GET /api/institutions/{institutionId}/contact-persons": { access: "protected" },
  "POST /api/institutions/{institutionId}/contact-persons": { access: "protected" },
  "PATCH /api/contact-persons/{contactPersonId}": { access: "protected" },
  "DELETE /api/contact-persons/{contactPersonId}": { access: "protected" },
  "GET /api/institutions/{institutionId}/contacts": { access: "protected" },
  "POST /api/institutions/{institutionId}/contacts": { access: "protected" },
  "DELETE /api/institutions/{institutionId}/contacts/{accountId}": { access: "protected" },
  "POST /api/networks/{networkId}/directory/import": { access: "protected" },
  "GET /api/networks/{networkId}/directory.csv": { access: "protected" },
  "GET /api/networks/{networkId}/directory.xlsx": { access: "protected" },
  "GET /api/networks/{networkId}/audit-log": { access: "protected" },
  "GET /api/networks/{networkId}/audit-log.csv": { access: "protected" },
  "PUT /api/networks/{networkId}/privacy": { access: "protected" },
  "GET /api/networks/{networkId}/retention": { access: "protected" },
  "POST /api/networks/{networkId}/personal-data/access": { access: "protected" },
  "POST /api/networks/{networkId}/personal-data/access.pdf": { access: "protected" },
  "POST /api/networks/{networkId}/personal-data/erasure": { access: "protected" },
  "POST /api/networks/{networkId}/events": { access: "protected" },
  "PATCH /api/events/{eventId}": { access: "protected" },
  "POST /api/events/{eventId}/publish": { access: "protected" },
  "POST /api/events/{eventId}/cancel": { access: "protected" },
  "POST /api/events/{eventId}/redistribution": { access: "protected" },
  "GET /api/events/{eventId}/board": { access: "protected" },
  "GET /api/events/{eventId}/registrations": { access: "protected" },
  "POST /api/events/{eventId}/registrations": { access: "protected" },
  "GET /api/registrations/{registrationId}": { access: "protected" },
  "POST /api/registrations/{registrationId}/cancel": { access: "protected" },
  "POST /api/registrations/{registrationId}/swap": { access: "protected" },
  "POST /api/registrations/{registrationId}/confirm": { access: "protected" },
  "POST /api/registrations/{registrationId}/move": { access: "protected" },
  "GET /api/institutions/{institutionId}/events": { access: "protected" },
  "GET /api/sessions/{eventSessionId}/attendance": { access: "protected" },
  "POST /api/sessions/{eventSessionId}/check-ins": { access: "protected" },
  "DELETE /api/sessions/{eventSessionId}/check-ins/{registrationId}": { access: "protected" },
  "POST /api/sessions/{eventSessionId}/walk-ins": { access: "protected" },
  "PUT /api/sessions/{eventSessionId}/excused/{registrationId}": { access: "protected" },
  "DELETE /api/sessions/{eventSessionId}/excused/{registrationId}": { access: "protected" },
  "GET /api/events/{eventId}/sessions/{eventSessionId}/sign-in-sheet.pdf": { access: "protected" },
  "GET /api/registrations/{registrationId}/certificate.pdf": { access: "protected" },
  "GET /api/events/{eventId}/participants.csv": { access: "protected" },
  "GET /api/events/{eventId}/feedback-forms": { access: "protected" },
  "POST /api/events/{eventId}/feedback-forms": { access: "protected" },
  "GET /api/feedback-forms/{formId}": { access: "protected" },
  "PATCH /api/feedback-forms/{formId}": { access: "protected" },
  "PUT /api/feedback-forms/{formId}/questions": { access: "protected" },
  "POST /api/feedback-forms/{formId}/open": { access: "protected" },
  "POST /api/feedback-forms/{formId}/close": { access: "protected" },
  "POST /api/feedback-forms/{formId}/versions": { access: "protected" },
  "GET /api/feedback-forms/{formId}/results": { access: "protected" },
  "GET /api/feedback-forms/{formId}/results.csv": { access: "protected" },
  "GET /api/events/{eventId}/certificates.pdf": { access: "protected" },
  "GET /api/events/{eventId}/participants.xlsx": { access: "protected" },
  "GET /api/events/{eventId}/participants.pdf": { access: "protected" },
  "GET /api/events/{eventId}/attendance.csv": { access: "protected" },
  "GET /api/events/{eventId}/attendance.xlsx": { access: "protected" },
  "GET /api/events/{eventId}/attendance-figures": { access: "protected" },
  // Organisers of the event's network, and its institutions' contacts (to their own delegates).
  "GET /api/events/{eventId}/messages": { access: "protected" },
  "POST /api/events/{eventId}/messages": { access: "protected" },
  "POST /api/events/{eventId}/messages/preview": { access: "protected" },
  "POST /api/events/{eventId}/messages/test": { access: "protected" },

  // Only the operators named in OPERATOR_EMAILS; organisers and contacts of any network are refused.
  "GET /api/operator/networks": { access: "operator" },
  "POST /api/operator/networks": { access: "operator" },
  "POST /api/operator/networks/{networkId}/suspension": { access: "operator" },
  "DELETE /api/operator/networks/{networkId}/suspension": { access: "operator" },
};

/**
 * A valid body for every write operation (null: the operation takes none), so
 * that a refusal is about who calls, not about the input. Must cover every
 * non-GET operation of the document.
 */
const BODIES: Record<string, object | null> = {
  "POST /api/auth/sign-in-links": { email: "niemand-sweep@example.org" },
  "POST /api/auth/sessions": { token: "A".repeat(43) },
  "POST /api/dev/jobs": { at: "kein-datum" },
  "DELETE /api/auth/sessions/{sessionId}": null,
  "DELETE /api/auth/sessions": null,
  "DELETE /api/participation/link": null,
  "POST /api/participation/cancel": null,
  "POST /api/participation/accept": null,
  "PUT /api/participation/reminders": { remindersOff: true },
  "POST /api/participation/erasure": null,
  "PUT /api/networks/{networkId}/privacy": { privacyNotice: "Datenschutzhinweise (Sweep)", retentionMonths: 12 },
  "POST /api/networks/{networkId}/personal-data/access": { email: "niemand-sweep@example.org" },
  "POST /api/networks/{networkId}/personal-data/access.pdf": { email: "niemand-sweep@example.org" },
  "POST /api/networks/{networkId}/personal-data/erasure": { email: "niemand-sweep@example.org" },
  "POST /api/networks/{networkId}/institutions": {
    name: "Sweep-Einrichtung",
    sectorKey: "police",
    municipalityId: "mun-bad-kreuznach",
  },
  // A real commit: the control organiser's import must succeed, the others' must write nothing.
  "POST /api/networks/{networkId}/directory/import": {
    rows: [{ line: 2, values: { name: "Sweep-Import", sector: "Polizei", municipality: "Bad Kreuznach" } }],
    dryRun: false,
  },
  "PATCH /api/institutions/{institutionId}": { phone: "0671 000-0001" },
  "PATCH /api/networks/{networkId}": { senderName: "Sweep-Absender" },
  "POST /api/networks/{networkId}/municipalities": { name: "Sweep-Kommune" },
  "PATCH /api/networks/{networkId}/municipalities/{municipalityId}": { name: "Sweep-Kommune umbenannt" },
  "DELETE /api/networks/{networkId}/municipalities/{municipalityId}": null,
  // Sent as it is (a string), with the content type from HEADERS.
  "PUT /api/networks/{networkId}/logo":
    '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>' as never,
  "DELETE /api/networks/{networkId}/logo": null,
  "POST /api/networks/{networkId}/organisers": { email: "sweep.organiser@example.org" },
  "DELETE /api/networks/{networkId}/organisers/{accountId}": null,
  "POST /api/institutions/{institutionId}/archive": null,
  "PUT /api/institutions/{institutionId}/leitbild": { signedAt: "2026-03-12", signedBy: "Sweep" },
  "POST /api/institutions/{institutionId}/contact-persons": { name: "Sweep Person", email: "sweep.person@example.org" },
  "PATCH /api/contact-persons/{contactPersonId}": { phone: "0671 000-0002" },
  "DELETE /api/contact-persons/{contactPersonId}": null,
  "POST /api/institutions/{institutionId}/contacts": { email: "sweep.contact@example.org" },
  "DELETE /api/institutions/{institutionId}/contacts/{accountId}": null,
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
  "POST /api/events/{eventId}/publish": null,
  "POST /api/events/{eventId}/cancel": null,
  "POST /api/events/{eventId}/redistribution": null,
  "POST /api/events/{eventId}/registrations": {
    institutionId: "inst-hebammen-kh",
    name: "Sweep Person",
    email: "sweep.registrant@example.org",
    privacyAcknowledged: true,
  },
  "POST /api/registrations/{registrationId}/cancel": null,
  "POST /api/registrations/{registrationId}/swap": {
    name: "Sweep Kollegin",
    email: "sweep.colleague@example.org",
    privacyAcknowledged: true,
  },
  "POST /api/registrations/{registrationId}/confirm": null,
  "POST /api/registrations/{registrationId}/move": { trackId: null },
  "POST /api/sessions/{eventSessionId}/check-ins": {
    registrationId: "reg-demo-teilnahme",
    method: "list",
    clientOpId: "sweep-check-in-1",
    // The demo session is weeks ahead: the organiser checks in outside the window on purpose.
    overrideWindow: true,
  },
  "DELETE /api/sessions/{eventSessionId}/check-ins/{registrationId}": null,
  "POST /api/sessions/{eventSessionId}/walk-ins": {
    name: "Sweep Walk-in",
    institutionId: "inst-hebammen-kh",
    clientOpId: "sweep-walk-in-1",
    // The demo session is weeks ahead: the organiser checks in outside the window on purpose.
    overrideWindow: true,
  },
  "PUT /api/sessions/{eventSessionId}/excused/{registrationId}": null,
  "DELETE /api/sessions/{eventSessionId}/excused/{registrationId}": null,
  "POST /api/events/{eventId}/feedback-forms": { sessionId: null, template: "standard" },
  "PATCH /api/feedback-forms/{formId}": { title: "Rückmeldung (Sweep)" },
  "PUT /api/feedback-forms/{formId}/questions": {
    questions: [{ kind: "scale", prompt: "Wie zufrieden sind Sie?", options: [], required: true }],
  },
  "POST /api/feedback-forms/{formId}/open": null,
  "POST /api/feedback-forms/{formId}/close": null,
  "POST /api/feedback-forms/{formId}/versions": null,
  "POST /api/feedback/{formId}/responses": { answers: {} },
  "POST /api/feedback/{formId}/links": { email: "niemand-sweep@example.org" },
  "POST /api/events/{eventId}/messages": {
    audience: { group: "registrants", status: "all" },
    subject: "Sweep {Veranstaltung}",
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
  "POST /api/operator/networks": { name: "Sweep-Netzwerk", organiserEmail: "sweep.organiser@example.org" },
  "POST /api/operator/networks/{networkId}/suspension": null,
  "DELETE /api/operator/networks/{networkId}/suspension": null,
};

/** Headers some operations need to get past validation. */
const HEADERS: Record<string, Record<string, string> | undefined> = {
  "PUT /api/networks/{networkId}/logo": { "content-type": "image/svg+xml" },
  "GET /api/participation": { "x-participant-token": "A".repeat(43) },
  "DELETE /api/participation/link": { "x-participant-token": "A".repeat(43) },
  "POST /api/participation/cancel": { "x-participant-token": "A".repeat(43) },
  "POST /api/participation/accept": { "x-participant-token": "A".repeat(43) },
  "PUT /api/participation/reminders": { "x-participant-token": "A".repeat(43) },
  "GET /api/participation/calendar.ics": { "x-participant-token": "A".repeat(43) },
  "GET /api/participation/certificate.pdf": { "x-participant-token": "A".repeat(43) },
  "GET /api/participation/feedback": { "x-participant-token": "A".repeat(43) },
  "GET /api/participation/data.json": { "x-participant-token": "A".repeat(43) },
  "POST /api/participation/erasure": { "x-participant-token": "A".repeat(43) },
};

/**
 * Real resources of the demo network: the midwifery institution whose contact
 * is acc-contact-hebammen, one of its contact persons, that contact's account.
 * `sessionId` is filled in with a session of the demo organiser (not "current",
 * which would sign the caller out in the middle of the sweep).
 */
const PARAMS: Record<string, string> = {
  networkId: "net-kc9",
  institutionId: "inst-hebammen-kh",
  contactPersonId: "cp-hebammen-kh-1",
  accountId: "acc-contact-hebammen",
  sessionId: "",
  eventId: "evt-qe-werkstatt",
  registrationId: "reg-demo-teilnahme",
  // A session (date) of evt-qe-werkstatt; `sessionId` above is a sign-in session.
  eventSessionId: "ses-qe-1",
  // The open feedback form of the demo series' last session (it has enough responses for results).
  formId: "fb-demo-fh-3",
  // A municipality no institution refers to (inserted below), so that it can be removed.
  municipalityId: "mun-sweep",
};

/** Where one operation needs a resource in another state than the shared dummy. */
const PARAMS_FOR: Record<string, Record<string, string>> = {
  // Only a draft can be published.
  "POST /api/events/{eventId}/publish": { eventId: "evt-sweep-draft" },
  // Only a waiting registration can be confirmed over the limit.
  "POST /api/registrations/{registrationId}/confirm": { registrationId: "reg-sweep-waiting" },
  // Someone checked in (reg-demo-teilnahme, by the sweep) cannot be excused.
  "PUT /api/sessions/{eventSessionId}/excused/{registrationId}": { registrationId: "reg-sweep-excused" },
  "DELETE /api/sessions/{eventSessionId}/excused/{registrationId}": { registrationId: "reg-sweep-excused" },
  // Questions can change and a form can open only before anybody answered.
  "PUT /api/feedback-forms/{formId}/questions": { formId: "fb-sweep-draft" },
  "POST /api/feedback-forms/{formId}/open": { formId: "fb-sweep-draft" },
  // A second organiser (the last one cannot be removed).
  "DELETE /api/networks/{networkId}/organisers/{accountId}": { accountId: "acc-sweep-organiser" },
  // A certificate needs a recorded attendance.
  "GET /api/registrations/{registrationId}/certificate.pdf": { registrationId: "reg-sweep-attended" },
  // And an event with a session that has taken place.
  "GET /api/events/{eventId}/certificates.pdf": { eventId: "evt-kickoff-2026" },
};

type Operation = { key: string; method: string; path: string; hasBody: boolean };

let operations: Operation[] = [];
let organiser: string; // organiser of net-kc9: control
let otherOrganiser: string;
let otherContact: string;

const urlOf = (path: string, key?: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (key && PARAMS_FOR[key]?.[name]) ?? PARAMS[name];
    if (value === undefined) throw new Error(`no dummy value for path parameter ${name}`);
    return encodeURIComponent(value);
  });

const call = (op: Operation, cookie: string | null) =>
  authed(cookie, urlOf(op.path, op.key), {
    method: op.method,
    headers: HEADERS[op.key],
    body: BODIES[op.key] ?? undefined,
  });

// Personal data of the demo network. Some contact persons use the
// institution's functional mailbox, which is public by design: those addresses
// are not counted as personal here.
const functionalMailboxes = new Set(demo.institutions.map((i) => i.email));
const contactPersonData = demo.contactPersons.flatMap((p) =>
  [p.name, p.email].filter((v) => !functionalMailboxes.has(v)),
);
const accountData = demo.accounts.map((a) => a.email);

const leaks = (text: string, personal: string[]) => personal.filter((value) => text.includes(value));

const snapshot = async () => {
  const query = async (sql: string) => JSON.stringify((await env.DB.prepare(sql).all()).results);
  return {
    institution: await query("select * from institutions where id = 'inst-hebammen-kh'"),
    institutions: await query("select id, name, archived_at from institutions order by id"),
    contactPersons: await query("select * from contact_persons order by id"),
    roles: await query("select id, account_id, network_id, role, institution_id from roles order by id"),
    accounts: await query("select id, email, display_name from accounts order by id"),
    audit: await query("select * from audit_log where network_id = 'net-kc9' order by id"),
    events: await query("select id, status, capacity, venue_accessibility, redistributed_at from events order by id"),
    registrations: await query("select id, status, email, track_id, is_override from registrations order by id"),
    organiserSessions: await query(
      "select id, revoked_at from auth_sessions where account_id = 'acc-organiser' order by id",
    ),
  };
};

beforeAll(async () => {
  await seed();
  await seedOtherNetwork();
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at) values ('evt-sweep-draft', 'net-kc9', 'workshop', 'Entwurf', 10, 1, ?, ?, ?, 'draft', ?)`,
    ).bind(now, now + 86_400_000, now + 2 * 86_400_000, now),
    env.DB.prepare(
      `insert into registrations (id, event_id, institution_id, email, name, status, requested_at, created_at)
        values ('reg-sweep-waiting', 'evt-qe-werkstatt', 'inst-hebammen-kh', 'sweep.waiting@example.org', 'Wartend', 'waitlisted', ?, ?)`,
    ).bind(now, now),
    env.DB.prepare(
      `insert into registrations (id, event_id, institution_id, email, name, status, requested_at, confirmed_at, created_at)
        values ('reg-sweep-excused', 'evt-qe-werkstatt', 'inst-hebammen-kh', 'sweep.excused@example.org', 'Entschuldigt', 'confirmed', ?, ?, ?)`,
    ).bind(now, now, now),
    env.DB.prepare(
      `insert into registrations (id, event_id, institution_id, email, name, status, requested_at, confirmed_at, created_at)
        values ('reg-sweep-attended', 'evt-kickoff-2026', 'inst-hebammen-kh', 'sweep.attended@example.org', 'Anwesend', 'confirmed', ?, ?, ?)`,
    ).bind(now, now, now),
    // At a session that has taken place: a certificate lists no other.
    env.DB.prepare(
      `insert into attendances (id, session_id, registration_id, kind, method, at)
        values ('att-sweep-attended', 'ses-kickoff-1', 'reg-sweep-attended', 'present', 'list', ?)`,
    ).bind(now),
    env.DB.prepare(
      `insert into feedback_forms (id, event_id, session_id, title, status, min_responses, created_at)
        values ('fb-sweep-draft', 'evt-qe-werkstatt', null, 'Entwurf', 'draft', 5, ?)`,
    ).bind(now),
    env.DB.prepare(
      "insert into municipalities (id, network_id, name, role) values ('mun-sweep', 'net-kc9', 'Sweep-Gemeinde', 'partner')",
    ),
    env.DB.prepare(
      "insert into accounts (id, email, display_name, created_at) values ('acc-sweep-organiser', 'sweep.co-organiser@example.org', 'Sweep Co', ?)",
    ).bind(now),
    env.DB.prepare(
      "insert into roles (id, account_id, network_id, role, created_at) values ('role-sweep-organiser', 'acc-sweep-organiser', 'net-kc9', 'organiser', ?)",
    ).bind(now),
  ]);
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  otherOrganiser = await signIn(OTHER.organiserEmail);
  otherContact = await signIn(OTHER.contactEmail);
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
          hasBody: op.requestBody !== undefined,
        })),
  );
  // openapi.json documents every route but itself.
  operations.push({ key: "GET /api/openapi.json", method: "GET", path: "/api/openapi.json", hasBody: false });
});

describe("the classification", () => {
  it("covers every operation of the OpenAPI document, and nothing else", () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.map((o) => o.key).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it("has a valid body for every write operation, and a body exactly where the document takes one", () => {
    const writes = operations.filter((o) => o.method !== "GET");
    expect(writes.map((o) => o.key).sort()).toEqual(Object.keys(BODIES).sort());
    for (const op of writes) expect(BODIES[op.key] !== null, op.key).toBe(op.hasBody);
  });

  it("the dummy parameters name real resources of the demo network", async () => {
    const person = await env.DB.prepare("select institution_id from contact_persons where id = ?")
      .bind(PARAMS.contactPersonId)
      .first<{ institution_id: string }>();
    expect(person?.institution_id).toBe(PARAMS.institutionId);
    const role = await env.DB.prepare("select network_id from roles where account_id = ? and institution_id = ?")
      .bind(PARAMS.accountId, PARAMS.institutionId)
      .first<{ network_id: string }>();
    expect(role?.network_id).toBe(PARAMS.networkId);
  });
});

describe("anonymous callers", () => {
  it("get the public operations, 401 everywhere else, never a 5xx", async () => {
    const before = await snapshot();
    for (const op of operations) {
      const { access, status } = ACCESS[op.key];
      const res = await call(op, null);
      const text = await res.text();
      expect(res.status, `${op.key}: ${text}`).toBe(access === "public" ? status : 401);
      if (access !== "public") {
        expect(res.headers.get("content-type"), op.key).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(text).code, op.key).toBe("unauthenticated");
        expect(leaks(text, [...contactPersonData, ...accountData]), op.key).toEqual([]);
      }
    }
    expect(await snapshot()).toEqual(before);
    // Every operation of the document in turn: more than the default five seconds on a busy machine.
  }, 30_000);

  it("never receive personal data of contact persons from a public operation", async () => {
    const urls = operations
      .filter((op) => ACCESS[op.key].access === "public" && op.method === "GET")
      // The dev mailbox shows every outgoing mail by design and exists only with
      // DEV_MODE = "true" (local development); it is the documented exception.
      .filter((op) => op.key !== "GET /api/dev/mailbox")
      .map((op) => ({ key: op.key, url: urlOf(op.path), headers: HEADERS[op.key] }));
    // Every institution's public profile, every network, and the directory in English.
    for (const i of demo.institutions)
      urls.push({ key: "profile", url: `/api/institutions/${i.id}`, headers: undefined });
    urls.push({ key: "slug", url: "/api/networks/kinderschutzcluster-9?lang=en", headers: undefined });
    urls.push({ key: "directory en", url: "/api/networks/net-kc9/institutions?lang=en", headers: undefined });
    // Searching by a contact person's name finds nothing through them.
    for (const p of demo.contactPersons.slice(0, 5))
      urls.push({
        key: `search ${p.name}`,
        url: `/api/networks/net-kc9/institutions?q=${encodeURIComponent(p.name)}`,
        headers: undefined,
      });

    for (const { key, url, headers } of urls) {
      const res = await api(url, { headers });
      const text = await res.text();
      expect(res.status, key).toBeLessThan(500);
      expect(leaks(text, contactPersonData), `${key} ${url}`).toEqual([]);
    }
  });
});

describe.each([
  ["the organiser of another network", () => otherOrganiser, OTHER.organiserId],
  ["the contact of another network's institution", () => otherContact, OTHER.contactId],
])("%s", (_who, cookieOf, accountId) => {
  it("is refused every protected operation (403 or 404), never 2xx or 5xx, and learns no personal data", async () => {
    const before = await snapshot();
    const cookie = cookieOf();
    for (const op of operations) {
      const { access, status } = ACCESS[op.key];
      if (access === "signedIn") continue;
      const res = await call(op, cookie);
      const text = await res.text();
      expect(res.status, `${op.key}: ${text}`).toBeLessThan(500);
      if (access === "public") {
        expect(res.status, `${op.key}: ${text}`).toBe(status);
        if (op.key !== "GET /api/dev/mailbox") expect(leaks(text, contactPersonData), op.key).toEqual([]);
        continue;
      }
      expect([403, 404], `${op.key}: ${text}`).toContain(res.status);
      expect(res.headers.get("content-type"), op.key).toMatch(/^application\/problem\+json/);
      expect(leaks(text, [...contactPersonData, ...accountData]), op.key).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
    // Every operation of the document in turn: more than the default five seconds on a busy machine.
  }, 30_000);

  it("sees only its own account and sessions, and cannot end anybody else's", async () => {
    const cookie = cookieOf();
    const personal = [...contactPersonData, ...accountData];
    const byKey = (key: string) => operations.find((o) => o.key === key)!;

    const me = await call(byKey("GET /api/auth/me"), cookie);
    expect(me.status).toBe(200);
    const meText = await me.text();
    expect(JSON.parse(meText).account.id).toBe(accountId);
    expect(JSON.parse(meText).roles.every((r: { network: { id: string } }) => r.network.id === OTHER.networkId)).toBe(
      true,
    );
    expect(leaks(meText, personal)).toEqual([]);

    const session = await call(byKey("GET /api/auth/session"), cookie);
    const sessionText = await session.text();
    expect(JSON.parse(sessionText).me.account.id).toBe(accountId);
    expect(leaks(sessionText, personal)).toEqual([]);

    const sessions = await call(byKey("GET /api/auth/sessions"), cookie);
    expect(sessions.status).toBe(200);
    const sessionsText = await sessions.text();
    const own = (
      await env.DB.prepare("select id from auth_sessions where account_id = ?").bind(accountId).all<{ id: string }>()
    ).results.map((r) => r.id);
    const { items } = JSON.parse(sessionsText);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((s: { id: string }) => own.includes(s.id))).toBe(true);
    expect(sessionsText).not.toContain(PARAMS.sessionId);
    expect(leaks(sessionsText, personal)).toEqual([]);

    // PARAMS.sessionId is a session of the demo organiser.
    const endOther = await call(byKey("DELETE /api/auth/sessions/{sessionId}"), cookie);
    expect(endOther.status).toBe(404);
    expect((await json(endOther)).code).toBe("session_not_found");
    expect((await authed(organiser, "/api/auth/me")).status).toBe(200);

    // Signing out everywhere ends only the caller's own sessions.
    const everywhere = await call(byKey("DELETE /api/auth/sessions"), cookie);
    expect(everywhere.status).toBe(200);
    expect((await authed(cookie, "/api/auth/me")).status).toBe(401);
    expect((await authed(organiser, "/api/auth/me")).status).toBe(200);
  });
});

describe("signed-in operations", () => {
  it("are 401 for anonymous callers (covered above) and for a signed-out cookie", async () => {
    for (const op of operations.filter((o) => ACCESS[o.key].access !== "public")) {
      const res = await call(op, "__Host-nw_session=abgemeldet-abgemeldet-abgemeldet-abgemeldet");
      expect(res.status, op.key).toBe(401);
    }
    // Every operation of the document in turn: more than the default five seconds on a busy machine.
  }, 30_000);
});

describe("inviting across networks", () => {
  it("does not show the organiser of another network the name or last sign-in of an existing account", async () => {
    // Merle Osterkamp has an account in net-kc9 and has signed in before.
    await signIn("m.osterkamp@hebammennetzwerk-nahe.example");
    const other = await signIn(OTHER.organiserEmail);
    const res = await authed(other, `/api/institutions/${OTHER.institutionId}/contacts`, {
      method: "POST",
      body: { email: "m.osterkamp@hebammennetzwerk-nahe.example", displayName: "M. O." },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain("Merle Osterkamp");
    expect(JSON.parse(text).lastSignInAt).toBeNull();

    const list = await (await authed(other, `/api/institutions/${OTHER.institutionId}/contacts`)).text();
    expect(list).not.toContain("Merle Osterkamp");
  });
});

describe("operator operations", () => {
  const operatorOps = () => operations.filter((o) => ACCESS[o.key].access === "operator");

  it("refuse the demo network's own organiser and contact with 403 and write nothing", async () => {
    const contact = await signIn("m.osterkamp@hebammennetzwerk-nahe.example");
    const before = await snapshot();
    expect(operatorOps().length).toBe(4);
    for (const cookie of [organiser, contact])
      for (const op of operatorOps()) {
        const res = await call(op, cookie);
        expect(res.status, `${op.key}: ${await res.clone().text()}`).toBe(403);
        expect((await json(res)).code, op.key).toBe("forbidden");
      }
    expect(await snapshot()).toEqual(before);
  });

  it("let an operator in, who is refused every network's protected operation and sees no personal data", async () => {
    const operatorCookie = await signIn("betrieb@netzwerkstatt.example");
    const before = await snapshot();
    for (const op of operations.filter((o) => ACCESS[o.key].access === "protected")) {
      const res = await call(op, operatorCookie);
      const text = await res.text();
      expect([403, 404], `${op.key}: ${text}`).toContain(res.status);
      expect(leaks(text, [...contactPersonData, ...accountData]), op.key).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
    // Suspension before reactivation, so that the demo network is active again afterwards.
    for (const op of operatorOps().sort((a, b) => (a.method === "DELETE" ? 1 : 0) - (b.method === "DELETE" ? 1 : 0))) {
      const res = await call(op, operatorCookie);
      const text = await res.text();
      expect(res.status, `${op.key}: ${text}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${op.key}: ${text}`).toBeLessThan(300);
      expect(leaks(text, [...contactPersonData, ...accountData]), op.key).toEqual([]);
    }
    expect((await api("/api/networks/net-kc9")).status).toBe(200);
    // Every protected operation once more: like the control below, more than five seconds on a busy machine.
  }, 30_000);
});

describe("control: the demo network's organiser", () => {
  it("gets 2xx from every protected operation with the same parameters and bodies", async () => {
    // The leak detector itself works: the organiser does see the contact persons.
    const persons = await (await authed(organiser, "/api/institutions/inst-hebammen-kh/contact-persons")).text();
    expect(leaks(persons, contactPersonData)).toEqual(
      expect.arrayContaining(["Merle Osterkamp", "Ngozi Adebayo-Stein"]),
    );
    expect(contactPersonData.length).toBeGreaterThan(40);

    // Destructive operations last, so that the others still find their resources.
    const last = (op: Operation) =>
      op.key === "POST /api/events/{eventId}/cancel"
        ? 3
        : op.key.endsWith("/archive")
          ? 2
          : op.method === "DELETE" || op.key.endsWith("/cancel")
            ? 1
            : 0;
    const protectedOps = operations
      .filter((o) => ACCESS[o.key].access === "protected")
      .sort((a, b) => last(a) - last(b));
    for (const op of protectedOps) {
      const res = await call(op, organiser);
      expect(res.status, `${op.key}: ${await res.clone().text()}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${op.key}: ${await res.text()}`).toBeLessThan(300);
    }
    // Some 60 operations, PDFs among them: more than the default five seconds on a busy machine.
  }, 30_000);
});
