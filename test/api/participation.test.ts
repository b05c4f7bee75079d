// The participant's personal page: status, QR ticket code, calendar file,
// cancelling and accepting an offered place, all by the token of the personal link.
import { env } from "cloudflare:workers";
import { encode } from "uqr";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken, randomToken } from "../../worker/lib/auth";
import { api, authed, json, newestMailTo, seed, signIn } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const EVENT = "evt-qe-werkstatt";
// Its quota for the demo event is 2: two registrations here, the others at the youth office (4).
const INSTITUTION = "inst-hebammen-kh";
const HOUR = 3_600_000;

let organiser: string;

beforeAll(async () => {
  // The demo event's registration window lies around the date it is seeded with.
  await seed(new Date());
  organiser = await signIn(ORGANISER);
});

/** Registers a person through the real API and returns the token from the confirmation mail's personal link. */
async function registerPerson(name: string, email: string, institutionId = INSTITUTION) {
  const res = await authed(organiser, `/api/events/${EVENT}/registrations`, {
    method: "POST",
    body: {
      institutionId,
      name,
      email,
      function: "",
      accessibilityNeeds: "",
      privacyAcknowledged: true,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const registration = await json(res);
  const mail = await newestMailTo(email);
  const token = /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no personal link in the mail to ${email}: ${mail?.text}`);
  return { id: registration.id as string, token };
}

const asParticipant = (token: string, path: string, method = "GET") =>
  api(`/api/participation${path}`, { method, headers: { "x-participant-token": token } });

/** Lines of a calendar file without the final CRLF. */
const linesOf = (ics: string) => ics.slice(0, -2).split("\r\n");

describe("the personal page", () => {
  it("shows status, ticket code, track, event and sessions of a confirmed registration", async () => {
    const { id, token } = await registerPerson("Paula Probe", "paula.probe@hebammen.example");
    const res = await asParticipant(token, "");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.registration).toMatchObject({
      id,
      name: "Paula Probe",
      email: "paula.probe@hebammen.example",
      status: "confirmed",
      reasonCode: "within_quota",
      offeredUntil: null,
      track: null,
      ticketCode: id,
      accessibilityNeeds: "",
      institution: { id: INSTITUTION },
    });
    expect(body.event).toMatchObject({ id: EVENT, type: "quality_workshop", status: "published" });
    expect(body.event.venueAccessibility).toContain("stufenlos");
    expect(body.event.sessions).toHaveLength(5);
    expect(body.event.sessions[0].topic).not.toBe("");
    expect(body.event).not.toHaveProperty("privacyNotice");
    // The QR of the ticket comes drawn: its rectangles cover exactly the dark modules of `NW:` and the short code.
    expect(body.registration.shortCode).toMatch(/^[2-9A-Z]{8}$/);
    const expected = encode(`NW:${body.registration.shortCode}`, { ecc: "M", border: 4 });
    const { size, path } = body.registration.ticketQr;
    expect(size).toBe(expected.size);
    const drawn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g))
      for (let i = 0; i < Number(run); i++) drawn[Number(y)]![Number(x) + i] = true;
    expect(path.replace(/M(\d+) (\d+)h(\d+)v1h-\3z/g, "")).toBe("");
    expect(drawn).toEqual(expected.data);
  });

  it("refuses a wrong token everywhere with 401", async () => {
    const wrong = randomToken();
    for (const [path, method] of [
      ["", "GET"],
      ["/calendar.ics", "GET"],
      ["/cancel", "POST"],
      ["/accept", "POST"],
    ]) {
      const res = await asParticipant(wrong, path, method);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await json(res)).code).toBe("participant_link_invalid");
    }
  });
});

describe("the calendar file", () => {
  it("is valid iCalendar: one VEVENT per session in UTC, CRLF, lines of at most 75 octets, stable UIDs", async () => {
    const { id, token } = await registerPerson("Carla Kalender", "carla.kalender@hebammen.example");
    const res = await asParticipant(token, "/calendar.ics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="qualitaetsentwicklungswerkstatt-kinderschutz-2027.ics"',
    );
    const ics = await res.text();
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    // Every line break is a CRLF.
    expect(ics.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    const lines = linesOf(ics);
    const encoder = new TextEncoder();
    for (const line of lines) expect(encoder.encode(line).length, line).toBeLessThanOrEqual(75);
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("METHOD:PUBLISH");
    expect(lines.some((l) => l.startsWith("PRODID:"))).toBe(true);

    // Unfolded (RFC 5545 §3.1), the properties read as written.
    const unfolded = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
    const sessions = (await json(await asParticipant(token, ""))).event.sessions as {
      id: string;
      title: string;
      startsAt: string;
    }[];
    expect(unfolded.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(sessions.length);
    expect(unfolded.filter((l) => l === "END:VEVENT")).toHaveLength(sessions.length);
    const starts = unfolded.filter((l) => l.startsWith("DTSTART"));
    const ends = unfolded.filter((l) => l.startsWith("DTEND"));
    for (const l of [...starts, ...ends]) expect(l).toMatch(/^DT(START|END):\d{8}T\d{6}Z$/);
    const utc = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, "")}Z`;
    expect(starts).toEqual(sessions.map((s) => `DTSTART:${utc(s.startsAt)}`));
    expect(unfolded.filter((l) => l.startsWith("UID:"))).toEqual(
      sessions.map((s) => `UID:${s.id}.${id}@netzwerkstatt`),
    );
    const summaries = unfolded.filter((l) => l.startsWith("SUMMARY:"));
    expect(summaries[0]).toBe(
      `SUMMARY:Qualitätsentwicklungswerkstatt Kinderschutz 2027: ${sessions[0].title.replaceAll(",", "\\,")}`,
    );
    expect(unfolded).toContain("LOCATION:Haus der Familie\\, Bad Kreuznach\\, Kurhausstraße 6\\, 55543 Bad Kreuznach");
    expect(unfolded.filter((l) => l.startsWith("DESCRIPTION:"))).toHaveLength(sessions.length);

    // A second download describes the same entries.
    const again = (await (await asParticipant(token, "/calendar.ics")).text()).match(/^UID:.*$/gm);
    expect(again).toEqual(ics.match(/^UID:.*$/gm));
  });
});

describe("cancelling", () => {
  it("cancels once, then answers 409; a cancelled registration gets no calendar file", async () => {
    const email = "cora.cancel@hebammen.example";
    const { id, token } = await registerPerson("Cora Cancel", email, "inst-staatsanwaltschaft-kh");

    const res = await asParticipant(token, "/cancel", "POST");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.registration).toMatchObject({ id, status: "cancelled", reasonCode: "cancelled_by_participant" });
    // No ticket any more, so no QR either.
    expect(body.registration.ticketQr).toBeNull();

    const history = await env.DB.prepare(
      "select action, actor_account_id as actor, reason_code as reason from registration_history where registration_id = ? order by at desc limit 1",
    )
      .bind(id)
      .first();
    expect(history).toEqual({ action: "cancelled", actor: null, reason: "cancelled_by_participant" });
    expect((await newestMailTo(email))?.template).toBe("registration_update");

    const again = await asParticipant(token, "/cancel", "POST");
    expect(again.status).toBe(409);
    expect((await json(again)).code).toBe("registration_state_conflict");

    const ics = await asParticipant(token, "/calendar.ics");
    expect(ics.status).toBe(409);
    expect((await json(ics)).code).toBe("registration_state_conflict");

    // The page still shows the cancellation.
    expect((await json(await asParticipant(token, ""))).registration.status).toBe("cancelled");
  });
});

describe("accepting an offered place", () => {
  /** A waiting registration of the demo event whose place is offered until `offeredUntil`, with its token. */
  async function offered(key: string, offeredUntil: number) {
    const token = randomToken();
    const id = `reg-offer-${key}`;
    const now = Date.now();
    await env.DB.prepare(
      `insert into registrations (id, event_id, institution_id, email, name, "function", accessibility_needs, status,
        reason_code, is_override, is_walk_in, offered_until, requested_at, personal_token_hash, created_at)
       values (?, ?, 'inst-kita-regenbogen-kh', ?, ?, '', '', 'waitlisted', 'open_place', 0, 0, ?, ?, ?, ?)`,
    )
      .bind(id, EVENT, `${key}@kita.example`, `Olli ${key}`, offeredUntil, now - HOUR, await hashToken(token), now)
      .run();
    return { id, token };
  }

  it("without an offer: 409 no_open_offer", async () => {
    const { token } = await registerPerson(
      "Nora Nooffer",
      "nora.nooffer@jugendamt.example",
      "inst-staatsanwaltschaft-kh",
    );
    const res = await asParticipant(token, "/accept", "POST");
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe("no_open_offer");
  });

  it("within the offer time: confirmed", async () => {
    const until = Date.now() + 24 * HOUR;
    const { id, token } = await offered("valid", until);
    const page = await json(await asParticipant(token, ""));
    expect(page.registration).toMatchObject({ status: "waitlisted", offeredUntil: new Date(until).toISOString() });

    const res = await asParticipant(token, "/accept", "POST");
    expect(res.status).toBe(200);
    expect((await json(res)).registration).toMatchObject({
      id,
      status: "confirmed",
      offeredUntil: null,
      reasonCode: "offer_accepted",
    });
    // Accepting twice is no second offer.
    const twice = await asParticipant(token, "/accept", "POST");
    expect(twice.status).toBe(409);
    expect((await json(twice)).code).toBe("no_open_offer");
    // Now the calendar file is there.
    expect((await asParticipant(token, "/calendar.ics")).status).toBe(200);
  });

  it("after the offer time: 409 no_open_offer, still waiting", async () => {
    const { token } = await offered("expired", Date.now() - HOUR);
    const res = await asParticipant(token, "/accept", "POST");
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe("no_open_offer");
    expect((await json(await asParticipant(token, ""))).registration.status).toBe("waitlisted");
    expect((await asParticipant(token, "/calendar.ics")).status).toBe(409);
  });
});
