// The audit log as a data-protection officer reads it (issue 16, item 5): each entry in
// words, German or English, with the record's name beside its id, the acting person and
// their role, check-ins and their undo included, filters by those words, and the CSV
// export in the same words. The log itself still stores ids and field names only.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { csvHeader } from "../../worker/domain/audit-labels";
import { authed, json, seed, signIn } from "../helpers";

const NET = "net-kc9";
const EVENT = "evt-al";
const SESSION = "evt-al-s2";
const PERSON = "Łucja Şahin";
const ERASED = { name: "Frieda Fortgang", email: "frieda.fortgang@audit.example" };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let organiser: string;
let hebammen: string;

type Entry = {
  action: string;
  actionLabel: string;
  actionGroup: string | null;
  entityType: string;
  entityTypeLabel: string;
  entityId: string | null;
  entityName: string | null;
  entityState: string;
  actor: { id: string; displayName: string } | null;
  actorEmail: string | null;
  actorRole: string;
  fields: string[];
  fieldLabels: string[];
};

const log = async (query = "") => {
  const res = await authed(organiser, `/api/networks/${NET}/audit-log${query}`);
  expect(res.status).toBe(200);
  return json<{
    items: Entry[];
    total: number;
    actionOptions: { action: string; label: string; group: string | null; groupLabel: string | null }[];
    actionGroupOptions: { group: string; label: string }[];
    entityTypeOptions: { entityType: string; label: string }[];
  }>(res);
};
const find = (items: Entry[], action: string, entityId?: string) =>
  items.find((e) => e.action === action && (entityId === undefined || e.entityId === entityId));

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  hebammen = await signIn("m.osterkamp@hebammennetzwerk-nahe.example");
  const now = Date.now();
  const reg = (id: string, name: string, email: string) =>
    env.DB.prepare(
      `insert into registrations (id, event_id, institution_id, email, name, "function", status, requested_at, confirmed_at, created_at)
        values (?, ?, 'inst-kita-regenbogen-kh', ?, ?, 'Fachkraft', 'confirmed', ?, ?, ?)`,
    ).bind(id, EVENT, email, name, now - 40 * DAY, now - 40 * DAY, now - 40 * DAY);
  await env.DB.batch([
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at)
       values (?, ?, 'workshop', 'Protokollwerkstatt', 30, 3, ?, ?, ?, 'published', ?)`,
    ).bind(EVENT, NET, now - 30 * DAY, now - 20 * DAY, now - 10 * DAY, now),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 2, '', ?, ?)",
    ).bind(SESSION, EVENT, now + HOUR, now + 4 * HOUR),
    reg("reg-al-1", PERSON, "lucja.sahin@audit.example"),
    reg("reg-al-2", ERASED.name, ERASED.email),
  ]);

  const ok = async (res: Promise<Response>, status = 200) => expect((await res).status).toBe(status);
  await ok(authed(organiser, `/api/sessions/${SESSION}/attendance`));
  await ok(
    authed(organiser, `/api/sessions/${SESSION}/check-ins`, {
      method: "POST",
      body: { registrationId: "reg-al-1", method: "list", clientOpId: "op-audit-1" },
    }),
    201,
  );
  // A replay writes nothing twice.
  await ok(
    authed(organiser, `/api/sessions/${SESSION}/check-ins`, {
      method: "POST",
      body: { registrationId: "reg-al-1", method: "list", clientOpId: "op-audit-1" },
    }),
  );
  await ok(authed(organiser, `/api/sessions/${SESSION}/check-ins/reg-al-1`, { method: "DELETE" }));
  await ok(
    authed(organiser, `/api/sessions/${SESSION}/check-ins`, {
      method: "POST",
      body: { registrationId: "reg-al-2", method: "list", clientOpId: "op-audit-2" },
    }),
    201,
  );
  await ok(authed(organiser, `/api/events/${EVENT}`, { method: "PATCH", body: { venueName: "Haus der Familie" } }));
  await ok(authed(hebammen, "/api/institutions/inst-hebammen-kh", { method: "PATCH", body: { phone: "0671 000-1" } }));
  await ok(
    authed(organiser, `/api/networks/${NET}/personal-data/erasure`, { method: "POST", body: { email: ERASED.email } }),
  );
});

describe("the audit log in words", () => {
  it("labels actions, names records and says who acted in which role", async () => {
    const { items } = await log();
    const checkIn = find(items, "attendance.check_in", "reg-al-1");
    expect(checkIn).toMatchObject({
      actionLabel: "Eingecheckt",
      actionGroup: "attendance",
      entityType: "registration",
      entityTypeLabel: "Anmeldung",
      entityName: `${PERSON} · Protokollwerkstatt`,
      entityState: "named",
      actor: { id: "acc-organiser", displayName: "Netzwerkkoordination Kinderschutzcluster 9" },
      actorEmail: "koordination@kinderschutz-bad-kreuznach.example",
      actorRole: "Organisation",
      fields: ["sessionId"],
      fieldLabels: ["Termin"],
    });
    expect(find(items, "attendance.check_in_undone", "reg-al-1")).toMatchObject({
      actionLabel: "Check-in zurückgenommen",
    });
    // The replay was not logged again: one check-in, one undo.
    expect(items.filter((e) => e.entityId === "reg-al-1").map((e) => e.action)).toEqual([
      "attendance.check_in_undone",
      "attendance.check_in",
    ]);

    const view = find(items, "attendance.view", SESSION);
    expect(view?.entityTypeLabel).toBe("Termin");
    expect(view?.entityName).toMatch(/^Termin 2 · \w+\., \d+\. \w+ \d{4}, \d+:\d{2} Uhr · Protokollwerkstatt$/);

    expect(find(items, "event.update", EVENT)).toMatchObject({
      actionLabel: "Veranstaltung geändert",
      entityName: "Protokollwerkstatt",
      fields: ["venueName"],
      fieldLabels: ["Veranstaltungsort"],
    });

    // A contact is named by their display name and institution, not by their address.
    expect(find(items, "institution.updated", "inst-hebammen-kh")).toMatchObject({
      entityName: "Hebammennetzwerk Nahe – Familienhebammen",
      actor: { id: "acc-contact-hebammen", displayName: "Merle Osterkamp" },
      actorEmail: null,
      actorRole: "Ansprechperson bei Hebammennetzwerk Nahe – Familienhebammen",
      fieldLabels: ["Telefon"],
    });
  });

  it("shows erased registrations as erased, without their name", async () => {
    const { items } = await log("?entityId=reg-al-2");
    expect(items.map((e) => e.action)).toEqual(["personal_data.erasure", "attendance.check_in"]);
    for (const e of items)
      expect(e).toMatchObject({ entityState: "erased", entityName: "Person gelöscht · Protokollwerkstatt" });
    const text = JSON.stringify(await log());
    expect(text).not.toContain(ERASED.name);
    expect(text).not.toContain(ERASED.email);
    // Nor does the log itself hold the name of anyone checked in.
    const stored = JSON.stringify((await env.DB.prepare("select * from audit_log").all()).results);
    expect(stored).not.toContain(PERSON);
  });

  it("speaks English when asked", async () => {
    const { items, actionOptions } = await log("?lang=en&action=attendance.check_in");
    expect(items.length).toBe(2);
    expect(items[0]).toMatchObject({ actionLabel: "Checked in", actorRole: "Organiser", fieldLabels: ["Session"] });
    expect(items.find((e) => e.entityId === "reg-al-2")?.entityName).toBe("Person erased · Protokollwerkstatt");
    expect(actionOptions).toContainEqual({
      action: "attendance.check_in",
      label: "Checked in",
      group: "attendance",
      groupLabel: "Attendance and check-in",
    });
  });

  it("filters by area, record type and person, and offers the filters in words", async () => {
    const page = await log();
    expect(page.actionGroupOptions).toContainEqual({ group: "attendance", label: "Teilnahme und Check-in" });
    expect(page.entityTypeOptions).toContainEqual({ entityType: "event_session", label: "Termin" });
    expect(page.actionOptions).toContainEqual({
      action: "attendance.check_in_undone",
      label: "Check-in zurückgenommen",
      group: "attendance",
      groupLabel: "Teilnahme und Check-in",
    });

    const attendance = await log("?actionGroup=attendance");
    expect(attendance.total).toBeGreaterThanOrEqual(4);
    expect(attendance.items.every((e) => e.actionGroup === "attendance")).toBe(true);
    expect(attendance.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["attendance.check_in", "attendance.check_in_undone", "attendance.view"]),
    );

    const sessions = await log("?entityType=event_session");
    expect(sessions.items.length).toBeGreaterThan(0);
    expect(sessions.items.every((e) => e.entityType === "event_session")).toBe(true);

    for (const person of ["osterkamp", "Merle", "M.OSTERKAMP@hebammennetzwerk"]) {
      const byPerson = await log(`?person=${encodeURIComponent(person)}`);
      expect(byPerson.total, person).toBeGreaterThan(0);
      expect(
        byPerson.items.every((e) => e.actor?.id === "acc-contact-hebammen"),
        person,
      ).toBe(true);
    }
    expect((await log("?person=niemand-sonst")).total).toBe(0);

    const bad = await authed(organiser, `/api/networks/${NET}/audit-log?actionGroup=everything`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).code).toBe("validation_failed");
  });

  it("exports the CSV in the page's words and language", async () => {
    const lines = async (query: string) => {
      const res = await authed(organiser, `/api/networks/${NET}/audit-log.csv${query}`);
      expect(res.status).toBe(200);
      return (await res.text())
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
    };
    const de = await lines("?actionGroup=attendance&columns=labels");
    expect(de[0]).toBe(csvHeader("de").join(";"));
    expect(de[0]).toContain("Aktion;Art des Datensatzes;Datensatz");
    const checkIn = de.find((l) => l.includes(`${PERSON} · Protokollwerkstatt`) && l.endsWith(";attendance.check_in"));
    expect(checkIn?.split(";")).toEqual(
      expect.arrayContaining([
        "Netzwerkkoordination Kinderschutzcluster 9",
        "koordination@kinderschutz-bad-kreuznach.example",
        "Organisation",
        "Teilnahme und Check-in",
        "Eingecheckt",
        "Anmeldung",
        "reg-al-1",
        "Termin",
        "attendance.check_in",
      ]),
    );
    expect(de.some((l) => l.includes("Check-in zurückgenommen"))).toBe(true);
    expect(de.some((l) => l.includes("Person gelöscht · Protokollwerkstatt"))).toBe(true);

    const en = await lines("?action=attendance.check_in&columns=labels&lang=en");
    expect(en[0]).toBe(csvHeader("en").join(";"));
    expect(en).toHaveLength(3);
    expect(en.slice(1).every((l) => l.includes(";Checked in;") && l.includes(";Organiser;"))).toBe(true);

    // The export is logged with the filters it used, not the wording asked for.
    const [exported] = (await log("?action=audit_log.export")).items;
    expect(exported.fields).toEqual(["action"]);
    expect(exported.fieldLabels).toEqual(["Filter: Aktion"]);
  });
});
