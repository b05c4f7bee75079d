// The OpenAPI document's `security` against what the routes do: a statement
// that an operation needs the session cookie is only true if an anonymous
// caller is turned away with 401 before anything else, and a public one must
// never answer 401 to someone without a session.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seed } from "../helpers";

type Requirement = Record<string, string[]>[];
type Operation = { operationId?: string; security?: Requirement; requestBody?: unknown };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

async function operations() {
  const doc = await json(await api("/api/openapi.json"));
  const list: { method: string; path: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths))
    for (const method of METHODS) if (item[method]) list.push({ method, path, op: item[method] });
  return { doc, list };
}

// Real records behind every path parameter, so that a guard that lets the caller through
// (a published event, say) reaches the handler, and a 401 hidden there shows.
const ID_SOURCES: Record<string, string> = {
  networkId: "select id from networks",
  eventId: "select id from events where status = 'published'",
  institutionId: "select id from institutions",
  registrationId: "select id from registrations",
  eventSessionId: "select id from event_sessions",
  formId: "select id from feedback_forms where status = 'open'",
  contactPersonId: "select id from contact_persons",
  accountId: "select id from accounts",
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  await seed();
  for (const [param, query] of Object.entries(ID_SOURCES)) {
    const row = await env.DB.prepare(`${query} limit 1`).first<{ id: string }>();
    if (!row) throw new Error(`the demo data has no row for ${param}`);
    ids[param] = row.id;
  }
});

/** An anonymous request to the operation, with real ids and an empty JSON body where one is expected. */
function anonymous(method: string, path: string, op: Operation) {
  const url = path.replaceAll(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? "no-such-id");
  return api(url, {
    method: method.toUpperCase(),
    ...(op.requestBody ? { headers: { "content-type": "application/json" }, body: "{}" } : {}),
  });
}

const needsSession = (security: Requirement) =>
  security.length > 0 && security.every((alternative) => "sessionCookie" in alternative);
const allowsAnonymous = (security: Requirement) =>
  security.length === 0 || security.some((alternative) => Object.keys(alternative).length === 0);

describe("OpenAPI security", () => {
  it("declares the session cookie and the participant token as security schemes", async () => {
    const { doc } = await operations();
    expect(doc.components.securitySchemes).toMatchObject({
      sessionCookie: { type: "apiKey", in: "cookie", name: "__Host-nw_session" },
      participantToken: { type: "apiKey", in: "header", name: "x-participant-token" },
      feedbackToken: { type: "apiKey", in: "header", name: "x-feedback-token" },
    });
  });

  it("states `security` on every operation, naming only declared schemes", async () => {
    const { doc, list } = await operations();
    expect(list.length).toBeGreaterThan(80);
    const missing = list.filter(({ op }) => !Array.isArray(op.security)).map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
    const schemes = new Set(Object.keys(doc.components.securitySchemes));
    for (const { op } of list)
      for (const alt of op.security ?? []) for (const s of Object.keys(alt)) expect(schemes).toContain(s);
  });

  it("matches the guards: session-only operations answer 401 to anonymous callers, public ones never do", async () => {
    const { list } = await operations();
    const wrong: string[] = [];
    for (const { method, path, op } of list) {
      const security = op.security ?? [];
      const res = await anonymous(method, path, op);
      const status = res.status;
      await res.body?.cancel();
      if (needsSession(security) && status !== 401)
        wrong.push(`${method} ${path}: needs a session, answered ${status}`);
      if (allowsAnonymous(security) && status === 401) wrong.push(`${method} ${path}: public, answered 401`);
      // Token operations without their token: refused, never served.
      if (!allowsAnonymous(security) && status < 400)
        wrong.push(`${method} ${path}: answered ${status} without credentials`);
    }
    expect(wrong).toEqual([]);
    // One request per operation: generous, as the machine may be busy; nothing here waits on time.
  }, 60_000);

  it("documents the known operations as the routes guard them", async () => {
    const { doc } = await operations();
    expect(doc.paths["/api/health"].get.security).toEqual([]);
    expect(doc.paths["/api/sectors"].get.security).toEqual([]);
    expect(doc.paths["/api/auth/me"].get.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths["/api/events/{eventId}"].get.security).toEqual([{}, { sessionCookie: [] }]);
    expect(doc.paths["/api/participation"].get.security).toEqual([{ participantToken: [] }]);
    expect(doc.paths["/api/participation/reminders"].put.security).toEqual([{ participantToken: [] }]);
    expect(doc.paths["/api/feedback/{formId}/responses"].post.security).toEqual([
      { participantToken: [] },
      { feedbackToken: [] },
      {},
    ]);
    expect(doc.paths["/api/events/{eventId}/registrations"].post.security).toEqual([{ sessionCookie: [] }]);
    // Signed in first, then the event as visible to the caller (contacts write to their own delegates).
    expect(doc.paths["/api/events/{eventId}/messages"].post.security).toEqual([{ sessionCookie: [] }]);
  });
});
