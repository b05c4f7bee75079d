import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { endOfBerlinDay } from "../../worker/domain/check-in-window";
import { berlinDayAndClock } from "../../worker/lib/time";
import { authed, json, OTHER, seed, seedOtherNetwork, signIn } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const HEBAMMEN_CONTACT = "m.osterkamp@hebammennetzwerk-nahe.example"; // contact of inst-hebammen-kh
const KITA_CONTACT = "k.wendelin@familienzentrum-kh.example"; // contact of inst-kita-regenbogen-kh
const HEBAMMEN = "inst-hebammen-kh";
const KITA = "inst-kita-regenbogen-kh";
const DAY = 86_400_000;
const HOUR = 3_600_000;

let organiser: string;
let hebammen: string;
let kita: string;
let otherOrganiser: string;

/**
 * A published event of the demo network with a session that has ended (`<id>-past`)
 * and one still to come (`<id>-next`), and registrations inserted as given.
 */
async function createEvent(id: string, regs: { id: string; institutionId: string; status?: string }[]) {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at)
       values (?, 'net-kc9', 'workshop', ?, 30, 3, ?, ?, ?, 'published', ?)`,
    ).bind(id, `Testwerkstatt ${id}`, now - 30 * DAY, now - 20 * DAY, now - 10 * DAY, now),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 1, 'Termin 1', ?, ?)",
    ).bind(`${id}-past`, id, now - DAY, now - DAY + 3 * HOUR),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 2, 'Termin 2', ?, ?)",
    ).bind(`${id}-next`, id, now + HOUR, now + 4 * HOUR),
    ...regs.map((r) =>
      env.DB.prepare(
        `insert into registrations (id, event_id, institution_id, email, name, "function", status, requested_at, confirmed_at, created_at)
          values (?, ?, ?, ?, ?, 'Fachkraft', ?, ?, ?, ?)`,
      ).bind(
        r.id,
        id,
        r.institutionId,
        `${r.id}@attendance.example`,
        `Person ${r.id}`,
        r.status ?? "confirmed",
        now - 40 * DAY,
        r.status === "waitlisted" ? null : now - 40 * DAY,
        now - 40 * DAY,
      ),
    ),
  ]);
}

const checkIn = (
  cookie: string,
  sessionId: string,
  body: {
    registrationId?: string;
    ticketCode?: string;
    method?: "qr" | "list";
    clientOpId: string;
    overrideWindow?: boolean;
  },
) => authed(cookie, `/api/sessions/${sessionId}/check-ins`, { method: "POST", body: { method: "list", ...body } });

const rowsOf = async (sessionId: string, registrationId?: string) =>
  (
    await env.DB.prepare(
      `select * from attendances where session_id = ? ${registrationId ? "and registration_id = ?" : ""} order by at`,
    )
      .bind(...(registrationId ? [sessionId, registrationId] : [sessionId]))
      .all<{ id: string; kind: string; method: string; client_op_id: string | null; registration_id: string }>()
  ).results;

beforeAll(async () => {
  await seed(new Date());
  await seedOtherNetwork();
  organiser = await signIn(ORGANISER);
  hebammen = await signIn(HEBAMMEN_CONTACT);
  kita = await signIn(KITA_CONTACT);
  otherOrganiser = await signIn(OTHER.organiserEmail);
  await createEvent("evt-att", [
    { id: "att-a", institutionId: HEBAMMEN },
    { id: "att-b", institutionId: HEBAMMEN },
    { id: "att-c", institutionId: KITA },
    { id: "att-d", institutionId: KITA },
    { id: "att-e", institutionId: KITA },
    { id: "att-wait", institutionId: KITA, status: "waitlisted" },
  ]);
  await createEvent("evt-att-other", [{ id: "att-elsewhere", institutionId: HEBAMMEN }]);
});

describe("checking in", () => {
  it("by QR ticket and by the list; an unknown ticket is 404, an unconfirmed or foreign registration 409", async () => {
    const byTicket = await checkIn(organiser, "evt-att-next", {
      ticketCode: "NW:att-a",
      method: "qr",
      clientOpId: "op-ticket-a",
    });
    expect(byTicket.status).toBe(201);
    expect(await json(byTicket)).toMatchObject({
      registrationId: "att-a",
      sessionId: "evt-att-next",
      kind: "present",
      method: "qr",
      name: "Person att-a",
      institutionId: HEBAMMEN,
    });

    const byList = await checkIn(organiser, "evt-att-next", { registrationId: "att-c", clientOpId: "op-list-c" });
    expect(byList.status).toBe(201);
    expect(await json(byList)).toMatchObject({ registrationId: "att-c", method: "list" });

    const unknown = await checkIn(organiser, "evt-att-next", {
      ticketCode: "NW:gibt-es-nicht",
      clientOpId: "op-extra-1",
    });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).code).toBe("registration_not_found");

    const waiting = await checkIn(organiser, "evt-att-next", { registrationId: "att-wait", clientOpId: "op-extra-2" });
    expect(waiting.status).toBe(409);
    expect((await json(waiting)).code).toBe("not_checkable");

    const elsewhere = await checkIn(organiser, "evt-att-next", {
      registrationId: "att-elsewhere",
      clientOpId: "op-extra-3",
    });
    expect(elsewhere.status).toBe(409);
    expect((await json(elsewhere)).code).toBe("not_checkable");

    const neither = await authed(organiser, "/api/sessions/evt-att-next/check-ins", {
      method: "POST",
      body: { method: "list", clientOpId: "op-extra-4" },
    });
    expect(neither.status).toBe(400);
  });

  it("the same clientOpId sent five times at once makes exactly one attendance", async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        checkIn(organiser, "evt-att-next", { registrationId: "att-b", method: "qr", clientOpId: "op-replay-b" }),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => json(r)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(await rowsOf("evt-att-next", "att-b")).toHaveLength(1);
  });

  it("the same person checked in by two devices (two clientOpIds) is still one attendance", async () => {
    const [first, second] = await Promise.all([
      checkIn(organiser, "evt-att-next", { registrationId: "att-d", clientOpId: "op-device-1" }),
      checkIn(organiser, "evt-att-next", { registrationId: "att-d", method: "qr", clientOpId: "op-device-2" }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect((await json(first)).id).toBe((await json(second)).id);
    expect(await rowsOf("evt-att-next", "att-d")).toHaveLength(1);
  });

  it("undo removes the check-in (logged), and the person can be checked in again", async () => {
    const undo = await authed(organiser, "/api/sessions/evt-att-next/check-ins/att-d", { method: "DELETE" });
    expect(undo.status).toBe(200);
    expect(await rowsOf("evt-att-next", "att-d")).toHaveLength(0);
    const again = await authed(organiser, "/api/sessions/evt-att-next/check-ins/att-d", { method: "DELETE" });
    expect(again.status).toBe(404);
    expect((await json(again)).code).toBe("attendance_not_found");
    const audit = await env.DB.prepare(
      "select action, entity_id, details from audit_log where action = 'attendance.check_in_undone' and entity_id = 'att-d'",
    ).all<{ details: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0].details).not.toContain("Person");

    const recheck = await checkIn(organiser, "evt-att-next", { registrationId: "att-d", clientOpId: "op-device-3" });
    expect(recheck.status).toBe(201);
    expect(await rowsOf("evt-att-next", "att-d")).toHaveLength(1);
  });
});

describe("walk-ins", () => {
  it("a replayed walk-in makes one registration and one attendance", async () => {
    const body = { name: "Wanda Walk-in", institutionId: KITA, function: "Sozialarbeiterin", clientOpId: "op-walk-1" };
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        authed(organiser, "/api/sessions/evt-att-next/walk-ins", { method: "POST", body }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    const bodies = await Promise.all(responses.map((r) => json(r)));
    expect(new Set(bodies.map((b) => b.registrationId)).size).toBe(1);
    expect(bodies[0]).toMatchObject({ method: "walk_in", kind: "present", name: "Wanda Walk-in", institutionId: KITA });

    const regs = await env.DB.prepare(
      "select id, status, is_walk_in, is_override, reason_code, idempotency_key from registrations where event_id = 'evt-att' and name = 'Wanda Walk-in'",
    ).all();
    expect(regs.results).toEqual([
      {
        id: bodies[0].registrationId,
        status: "confirmed",
        is_walk_in: 1,
        is_override: 1,
        reason_code: "walk_in",
        idempotency_key: "walkin:op-walk-1",
      },
    ]);
    expect(await rowsOf("evt-att-next", bodies[0].registrationId)).toHaveLength(1);
    const history = await env.DB.prepare("select count(*) as n from registration_history where registration_id = ?")
      .bind(bodies[0].registrationId)
      .first<{ n: number }>();
    expect(history?.n).toBe(1);
    const audit = await env.DB.prepare(
      "select details from audit_log where action = 'attendance.walk_in' and entity_id = ?",
    )
      .bind(bodies[0].registrationId)
      .all<{ details: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0].details).not.toContain("Wanda");
  });

  it("refuses an institution of another network and a person registered already", async () => {
    const foreign = await authed(organiser, "/api/sessions/evt-att-next/walk-ins", {
      method: "POST",
      body: { name: "X", institutionId: OTHER.institutionId, clientOpId: "op-walk-2" },
    });
    expect(foreign.status).toBe(404);
    const registered = await authed(organiser, "/api/sessions/evt-att-next/walk-ins", {
      method: "POST",
      body: { name: "Y", email: "att-e@attendance.example", institutionId: KITA, clientOpId: "op-walk-3" },
    });
    expect(registered.status).toBe(409);
    expect((await json(registered)).code).toBe("already_registered");
  });
});

describe("excused absence", () => {
  it("the contact of the registration's institution can mark and withdraw it", async () => {
    const put = await authed(hebammen, "/api/sessions/evt-att-past/excused/att-b", { method: "PUT" });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ kind: "excused", registrationId: "att-b", method: null });
    const repeat = await authed(hebammen, "/api/sessions/evt-att-past/excused/att-b", { method: "PUT" });
    expect(repeat.status).toBe(200);
    expect(await rowsOf("evt-att-past", "att-b")).toHaveLength(1);

    const withdraw = await authed(hebammen, "/api/sessions/evt-att-past/excused/att-b", { method: "DELETE" });
    expect(withdraw.status).toBe(200);
    expect(await rowsOf("evt-att-past", "att-b")).toHaveLength(0);
    expect((await authed(hebammen, "/api/sessions/evt-att-past/excused/att-b", { method: "PUT" })).status).toBe(200);
  });

  it("is refused to another institution's contact, another network's organiser, and for someone present", async () => {
    const otherContact = await authed(kita, "/api/sessions/evt-att-past/excused/att-a", { method: "PUT" });
    expect(otherContact.status).toBe(403);
    const foreign = await authed(otherOrganiser, "/api/sessions/evt-att-past/excused/att-a", { method: "PUT" });
    expect(foreign.status).toBe(403);
    expect((await authed(otherOrganiser, "/api/sessions/evt-att-next/attendance")).status).toBe(403);
    const foreignCheckIn = await checkIn(otherOrganiser, "evt-att-next", {
      registrationId: "att-e",
      clientOpId: "op-foreign-1",
    });
    expect(foreignCheckIn.status).toBe(403);
    // Contacts may excuse but not check in or read the list.
    expect(
      (await checkIn(hebammen, "evt-att-next", { registrationId: "att-a", clientOpId: "op-contact-1" })).status,
    ).toBe(403);
    expect((await authed(hebammen, "/api/sessions/evt-att-next/attendance")).status).toBe(403);
    expect(await rowsOf("evt-att-past", "att-a")).toHaveLength(0);

    // att-a is present at the next session: not excusable there.
    const present = await authed(organiser, "/api/sessions/evt-att-next/excused/att-a", { method: "PUT" });
    expect(present.status).toBe(409);
    expect((await json(present)).code).toBe("not_checkable");
  });

  it("someone excused who comes after all is checked in", async () => {
    expect((await authed(organiser, "/api/sessions/evt-att-next/excused/att-e", { method: "PUT" })).status).toBe(200);
    const res = await checkIn(organiser, "evt-att-next", { registrationId: "att-e", clientOpId: "op-late-e" });
    expect(res.status).toBe(201);
    expect(await rowsOf("evt-att-next", "att-e")).toEqual([expect.objectContaining({ kind: "present" })]);
  });
});

describe("the attendance list", () => {
  it("counts present, excused, walk-ins, and no-shows only once the session has ended", async () => {
    // Past session: att-a present, att-b excused (above), att-c, att-d, att-e did not come.
    // Its check-in has closed: recorded afterwards from the paper sheet, with the override.
    expect(
      (
        await checkIn(organiser, "evt-att-past", {
          registrationId: "att-a",
          clientOpId: "op-past-a",
          overrideWindow: true,
        })
      ).status,
    ).toBe(201);
    const past = await json(await authed(organiser, "/api/sessions/evt-att-past/attendance"));
    // The walk-in of the next session was not expected at the past one.
    expect(past.counts).toEqual({ expected: 5, present: 1, excused: 1, walkIns: 0, noShows: 3 });
    expect(past.items.map((i: { registrationId: string }) => i.registrationId).sort()).toEqual([
      "att-a",
      "att-b",
      "att-c",
      "att-d",
      "att-e",
    ]);

    // Next session: att-a, att-b, att-c, att-d, att-e present, plus the walk-in; not ended yet.
    const res = await authed(organiser, "/api/sessions/evt-att-next/attendance");
    expect(res.status).toBe(200);
    const next = await json(res);
    expect(next.counts).toEqual({ expected: 5, present: 6, excused: 0, walkIns: 1, noShows: null });
    expect(next.items.find((i: { name: string }) => i.name === "Wanda Walk-in")).toMatchObject({
      status: "present",
      method: "walk_in",
      isWalkIn: true,
      institutionId: KITA,
    });
    expect(next.items.find((i: { registrationId: string }) => i.registrationId === "att-a")).toMatchObject({
      status: "present",
      method: "qr",
      name: "Person att-a",
      function: "Fachkraft",
    });
    expect(next.items.some((i: { registrationId: string }) => i.registrationId === "att-wait")).toBe(false);

    const total = await env.DB.prepare(
      "select count(*) as n from attendances where session_id in ('evt-att-next', 'evt-att-past')",
    ).first<{ n: number }>();
    expect(total?.n).toBe(8);
  });

  it("answers 404 for an unknown session", async () => {
    const res = await authed(organiser, "/api/sessions/gibt-es-nicht/attendance");
    expect(res.status).toBe(404);
    expect((await json(res)).code).toBe("event_session_not_found");
  });
});

describe("the check-in window", () => {
  const SOON = "win-soon"; // in a week
  const OVER = "win-over"; // three days ago
  const NOW_ = "win-now"; // in half an hour
  let soonStart: number;
  let overEnd: number;

  const auditRows = async (action: string) =>
    (
      await env.DB.prepare("select entity_id from audit_log where action = ? order by at")
        .bind(action)
        .all<{ entity_id: string }>()
    ).results.map((r) => r.entity_id);

  beforeAll(async () => {
    const now = Date.now();
    soonStart = now + 7 * DAY;
    overEnd = now - 3 * DAY + 2 * HOUR;
    await env.DB.batch([
      env.DB.prepare(
        `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
          registration_closes_at, status, created_at)
         values ('evt-win', 'net-kc9', 'workshop', 'Testwerkstatt Einlass', 30, 3, ?, ?, ?, 'published', ?)`,
      ).bind(now - 30 * DAY, now - 20 * DAY, now - 10 * DAY, now),
      ...[
        [SOON, 1, soonStart, soonStart + 3 * HOUR],
        [OVER, 2, now - 3 * DAY, overEnd],
        [NOW_, 3, now + HOUR / 2, now + 3 * HOUR],
      ].map(([id, position, startsAt, endsAt]) =>
        env.DB.prepare(
          "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, 'evt-win', ?, ?, ?, ?)",
        ).bind(id, position, `Termin ${position}`, startsAt, endsAt),
      ),
      ...["win-a", "win-b", "win-c"].map((id) =>
        env.DB.prepare(
          `insert into registrations (id, event_id, institution_id, email, name, "function", status, requested_at, confirmed_at, created_at)
            values (?, 'evt-win', ?, ?, ?, 'Fachkraft', 'confirmed', ?, ?, ?)`,
        ).bind(
          id,
          HEBAMMEN,
          `${id}@attendance.example`,
          `Person ${id}`,
          now - 40 * DAY,
          now - 40 * DAY,
          now - 40 * DAY,
        ),
      ),
    ]);
  });

  it("refuses every kind of check-in before it opens, says when in German and English, and writes nothing", async () => {
    const opens = berlinDayAndClock(new Date(soonStart - 2 * HOUR));
    const byList = await checkIn(organiser, SOON, { registrationId: "win-a", clientOpId: "op-win-early-1" });
    expect(byList.status).toBe(409);
    expect(byList.headers.get("content-type")).toContain("application/problem+json");
    const problem = await json(byList);
    expect(problem).toMatchObject({
      code: "check_in_outside_window",
      title: "Einlass nicht geöffnet",
      opensAt: new Date(soonStart - 2 * HOUR).toISOString(),
    });
    expect(problem.detail).toContain(`Der Einlass zu diesem Termin öffnet am ${opens.day} um ${opens.clock} Uhr.`);

    const english = await authed(organiser, `/api/sessions/${SOON}/check-ins?lang=en`, {
      method: "POST",
      body: { ticketCode: "NW:win-a", method: "qr", clientOpId: "op-win-early-2" },
    });
    expect(english.status).toBe(409);
    const englishProblem = await json(english);
    expect(englishProblem.title).toBe("Check-in not open");
    expect(englishProblem.detail).toContain(
      `Check-in for this session opens on ${opens.day} at ${opens.clock} (Berlin time).`,
    );

    const walkIn = await authed(organiser, `/api/sessions/${SOON}/walk-ins`, {
      method: "POST",
      body: { name: "Frieda Früh", institutionId: KITA, clientOpId: "op-win-early-3" },
    });
    expect(walkIn.status).toBe(409);
    expect((await json(walkIn)).code).toBe("check_in_outside_window");

    expect(await rowsOf(SOON)).toHaveLength(0);
    const early = await env.DB.prepare("select count(*) as n from registrations where name = 'Frieda Früh'").first<{
      n: number;
    }>();
    expect(early?.n).toBe(0);
  });

  it("refuses after it closed at the end of the session's Berlin day", async () => {
    const closed = berlinDayAndClock(endOfBerlinDay(new Date(overEnd)));
    expect(closed.clock).toBe("23:59");
    const res = await checkIn(organiser, OVER, { registrationId: "win-a", clientOpId: "op-win-late-1" });
    expect(res.status).toBe(409);
    const problem = await json(res);
    expect(problem.code).toBe("check_in_outside_window");
    expect(problem.closesAt).toBe(endOfBerlinDay(new Date(overEnd)).toISOString());
    expect(problem.detail).toContain(`Der Einlass zu diesem Termin war bis ${closed.day}, 23:59 Uhr geöffnet.`);
    expect(await rowsOf(OVER)).toHaveLength(0);
  });

  it("checks in with the organiser's explicit override and records it in the audit log", async () => {
    const before = (await auditRows("attendance.check_in_override")).length;
    const res = await checkIn(organiser, OVER, {
      registrationId: "win-a",
      clientOpId: "op-win-override-1",
      overrideWindow: true,
    });
    expect(res.status).toBe(201);
    expect(await rowsOf(OVER, "win-a")).toEqual([expect.objectContaining({ kind: "present" })]);
    // A replay of the queue writes nothing and records nothing a second time.
    const replay = await checkIn(organiser, OVER, {
      registrationId: "win-a",
      clientOpId: "op-win-override-1",
      overrideWindow: true,
    });
    expect(replay.status).toBe(200);

    const walkIn = await authed(organiser, `/api/sessions/${SOON}/walk-ins`, {
      method: "POST",
      body: { name: "Frieda Früh", institutionId: KITA, clientOpId: "op-win-override-2", overrideWindow: true },
    });
    expect(walkIn.status).toBe(201);
    const walkInId = (await json(walkIn)).registrationId;

    // Inside the window an override is no override: nothing to record.
    const inside = await checkIn(organiser, NOW_, {
      registrationId: "win-b",
      clientOpId: "op-win-override-3",
      overrideWindow: true,
    });
    expect(inside.status).toBe(201);

    const overrides = await auditRows("attendance.check_in_override");
    expect(overrides.slice(before)).toEqual(["win-a", walkInId]);
  });

  it("follows the event's own lead time, set in the event", async () => {
    const detail = await json(await authed(organiser, "/api/events/evt-win"));
    expect(detail.checkInMinutesBefore).toBe(120);
    const patch = (value: unknown) =>
      authed(organiser, "/api/events/evt-win", { method: "PATCH", body: { checkInMinutesBefore: value } });
    for (const bad of [-1, 10_081, 1.5, "120"]) {
      const res = await patch(bad);
      expect(res.status).toBe(400);
      expect((await json(res)).code).toBe("validation_failed");
    }
    expect((await json(await authed(organiser, "/api/events/evt-win"))).checkInMinutesBefore).toBe(120);

    // Opening at the start: half an hour before it, refused.
    expect((await patch(0)).status).toBe(200);
    const refused = await checkIn(organiser, NOW_, { registrationId: "win-c", clientOpId: "op-win-lead-1" });
    expect(refused.status).toBe(409);
    expect((await json(refused)).code).toBe("check_in_outside_window");
    const list = await json(await authed(organiser, `/api/sessions/${NOW_}/attendance`));
    expect(list.session.checkInWindow.opensAt).toBe(list.session.startsAt);

    // Opening a week ahead: the session next week takes check-ins now.
    expect((await patch(7 * 24 * 60)).status).toBe(200);
    expect((await checkIn(organiser, SOON, { registrationId: "win-c", clientOpId: "op-win-lead-2" })).status).toBe(201);
    expect((await json(await authed(organiser, "/api/events/evt-win"))).checkInMinutesBefore).toBe(7 * 24 * 60);
  });

  it("the attendance list says when check-in is open", async () => {
    const list = await json(await authed(organiser, `/api/sessions/${OVER}/attendance`));
    expect(list.session.checkInWindow).toEqual({
      opensAt: new Date(Date.parse(list.session.startsAt) - 7 * DAY).toISOString(),
      closesAt: endOfBerlinDay(new Date(overEnd)).toISOString(),
    });
  });
});
