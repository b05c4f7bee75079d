// Short ticket codes: every registration has one (new ones from their writer, existing ones
// from the migration), the door checks in by it however it is typed, old tickets (the
// registration's id) keep working, and a mistyped code is refused with one clear problem.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCharacter, formatTicketCode, isTicketCode, TICKET_ALPHABET } from "../../worker/domain/ticket-code";
import { authed, json, newestMailTo, seed, signIn } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const DEMO_EVENT = "evt-qe-werkstatt";
const INSTITUTION = "inst-hebammen-kh";
const DAY = 86_400_000;
const HOUR = 3_600_000;

let organiser: string;

const codeOf = async (registrationId: string) =>
  (
    await env.DB.prepare("select ticket_code from registrations where id = ?")
      .bind(registrationId)
      .first<{ ticket_code: string | null }>()
  )?.ticket_code;

/** A published event with a session starting within the hour and confirmed registrations inserted as given. */
async function createEvent(id: string, regs: { id: string; code: string | null }[]) {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at)
       values (?, 'net-kc9', 'workshop', ?, 30, 3, ?, ?, ?, 'published', ?)`,
    ).bind(id, `Ticketwerkstatt ${id}`, now - 30 * DAY, now - 20 * DAY, now - 10 * DAY, now),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 1, 'Termin 1', ?, ?)",
    ).bind(`${id}-next`, id, now + HOUR, now + 4 * HOUR),
    ...regs.map((r) =>
      env.DB.prepare(
        `insert into registrations (id, event_id, institution_id, email, name, "function", status, requested_at,
          confirmed_at, created_at, ticket_code)
          values (?, ?, ?, ?, ?, 'Fachkraft', 'confirmed', ?, ?, ?, ?)`,
      ).bind(r.id, id, INSTITUTION, `${r.id}@tickets.example`, `Person ${r.id}`, now, now, now, r.code),
    ),
  ]);
}

const checkIn = (ticketCode: string, clientOpId: string) =>
  authed(organiser, "/api/sessions/evt-tix-next/check-ins", {
    method: "POST",
    body: { ticketCode, method: "qr", clientOpId },
  });

const withCheck = (first: string) => first + checkCharacter(first);
const CODE_A = withCheck("K7MQ4RX");
const CODE_B = withCheck("P2W9HZT");
const CODE_C = withCheck("M3CV8FB");

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn(ORGANISER);
  await createEvent("evt-tix", [
    { id: "tix-a", code: CODE_A },
    { id: "tix-b", code: CODE_B },
    { id: "tix-c", code: CODE_C },
    { id: "tix-old", code: null },
  ]);
});

describe("a new registration", () => {
  it("has a valid short code of its own, on the personal page and as the QR's content", async () => {
    const email = "tara.ticket@hebammen.example";
    const res = await authed(organiser, `/api/events/${DEMO_EVENT}/registrations`, {
      method: "POST",
      body: { institutionId: INSTITUTION, name: "Tara Ticket", email, privacyAcknowledged: true },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = await json(res);
    const code = await codeOf(id);
    expect(code).toBeTruthy();
    expect(isTicketCode(code!)).toBe(true);
    const token = /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec((await newestMailTo(email))?.text ?? "")?.[1];
    const page = await json(await authed(null, "/api/participation", { headers: { "x-participant-token": token! } }));
    expect(page.registration).toMatchObject({ id, ticketCode: id, shortCode: code });
  });

  it("a walk-in too, and a swapped registration gets a new one", async () => {
    const walkIn = await authed(organiser, "/api/sessions/evt-tix-next/walk-ins", {
      method: "POST",
      body: { name: "Wim Walk-in", institutionId: INSTITUTION, clientOpId: "tix-walk-in-1" },
    });
    expect(walkIn.status, await walkIn.clone().text()).toBe(201);
    const walkInCode = await codeOf((await json(walkIn)).registrationId);
    expect(isTicketCode(walkInCode!)).toBe(true);

    const swap = await authed(organiser, "/api/registrations/tix-c/swap", {
      method: "POST",
      body: { name: "Carla Kollegin", email: "carla.kollegin@tickets.example", privacyAcknowledged: true },
    });
    expect(swap.status, await swap.clone().text()).toBe(200);
    const swapped = await codeOf("tix-c");
    expect(isTicketCode(swapped!)).toBe(true);
    expect(swapped).not.toBe(CODE_C);
    // The previous person's ticket no longer names the registration.
    const old = await checkIn(CODE_C, "tix-op-swapped");
    expect(old.status).toBe(404);
    expect((await json(old)).code).toBe("registration_not_found");
  });
});

describe("checking in by ticket", () => {
  it("takes the short code from the QR, and typed in lower case with a dash", async () => {
    const scanned = await checkIn(`NW:${CODE_A}`, "tix-op-a");
    expect(scanned.status, await scanned.clone().text()).toBe(201);
    expect(await json(scanned)).toMatchObject({ registrationId: "tix-a", kind: "present", method: "qr" });

    const typed = await checkIn(` ${formatTicketCode(CODE_B).toLowerCase()} `, "tix-op-b");
    expect(typed.status, await typed.clone().text()).toBe(201);
    expect(await json(typed)).toMatchObject({ registrationId: "tix-b", kind: "present" });

    // Typed again at a second device: the same attendance.
    const again = await checkIn(CODE_B.toLowerCase(), "tix-op-b-2");
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ registrationId: "tix-b" });
  });

  it("still takes an old ticket's code, the registration's id", async () => {
    const res = await checkIn("NW:tix-old", "tix-op-old");
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await json(res)).toMatchObject({ registrationId: "tix-old", kind: "present" });
  });

  it("refuses a mistyped code with one problem, and writes nothing", async () => {
    const before = await env.DB.prepare("select count(*) as n from attendances").first<{ n: number }>();
    const wrongCheck = CODE_C.slice(0, 7) + TICKET_ALPHABET[(TICKET_ALPHABET.indexOf(CODE_C[7]!) + 1) % 31];
    const swapped = CODE_C[0] + CODE_C[2] + CODE_C[1] + CODE_C.slice(3);
    for (const [i, typo] of [wrongCheck, swapped, CODE_C.slice(0, 7), `O${CODE_C.slice(1)}`].entries()) {
      const res = await checkIn(typo, `tix-op-typo-${i}`);
      expect(res.status, typo).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = await json(res);
      expect(problem).toMatchObject({ code: "ticket_code_invalid", title: "Ticketcode ungültig" });
    }
    const english = await authed(organiser, "/api/sessions/evt-tix-next/check-ins?lang=en", {
      method: "POST",
      body: { ticketCode: wrongCheck, method: "qr", clientOpId: "tix-op-typo-en" },
    });
    expect((await json(english)).title).toBe("Invalid ticket code");
    const after = await env.DB.prepare("select count(*) as n from attendances").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("answers an unknown but well-formed code as not found", async () => {
    const unknown = withCheck("ZZZZZZZ");
    const res = await checkIn(unknown, "tix-op-unknown");
    expect(res.status).toBe(404);
    expect((await json(res)).code).toBe("registration_not_found");
  });

  it("lists each person's code on the session's attendance list", async () => {
    const list = await json(await authed(organiser, "/api/sessions/evt-tix-next/attendance"));
    const byId = new Map(list.items.map((i: { registrationId: string }) => [i.registrationId, i]));
    expect(byId.get("tix-a")).toMatchObject({ ticketCode: CODE_A, status: "present" });
    expect(byId.get("tix-old")).toMatchObject({ ticketCode: null, status: "present" });
  });
});

describe("the migration", () => {
  const migration = () => {
    const found = env.TEST_MIGRATIONS.find((m) => m.name.includes("ticket_codes"));
    if (!found) throw new Error("no ticket_codes migration");
    return found.queries;
  };

  it("gives every existing registration a valid code, unique, drawing again a code drawn twice", async () => {
    // The state before the migration: registrations without codes (two about to be drawn alike).
    await env.DB.batch([
      env.DB.prepare("drop index registrations_ticket_code"),
      env.DB.prepare("update registrations set ticket_code = null"),
      env.DB.prepare("update registrations set ticket_code = '2345678' where id in ('tix-a', 'tix-b')"),
    ]);
    const queries = migration();
    expect(queries[0]).toMatch(/^ALTER TABLE `registrations` ADD `ticket_code`/);
    // The rest as written, minus the column that exists already; the draws that set '2345678' are
    // skipped for those two (they are not null), so they meet the dedupe step with the same code.
    for (const query of queries.slice(1)) await env.DB.prepare(query).run();

    const { results } = await env.DB.prepare("select id, ticket_code from registrations").all<{
      id: string;
      ticket_code: string | null;
    }>();
    expect(results.length).toBeGreaterThan(40);
    expect(results.filter((r) => !r.ticket_code || !isTicketCode(r.ticket_code))).toEqual([]);
    expect(new Set(results.map((r) => r.ticket_code)).size).toBe(results.length);
    const [a, b] = [await codeOf("tix-a"), await codeOf("tix-b")];
    expect(a).not.toBe(b);
    // The unique index is back: a code cannot be given twice.
    await expect(
      env.DB.prepare("update registrations set ticket_code = ? where id = 'tix-b'").bind(a).run(),
    ).rejects.toThrow(/UNIQUE/);
  });
});
