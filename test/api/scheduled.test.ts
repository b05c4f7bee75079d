// The cron trigger, called as the runtime calls it: the worker's `scheduled` handler in workerd
// against real D1, with each of its jobs having something to do.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cancelAs, createEvent, DAY, institutionsOf, register, seedAsOrganiser } from "../allocation-fixtures";
import { insertPendingMail, json, runScheduled } from "../helpers";

let organiser: string;

beforeAll(async () => {
  organiser = await seedAsOrganiser();
});

const one = <T>(query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .first<T>();

describe("the scheduled handler", () => {
  it("lapses offers and passes their places on, redistributes what is due, delivers the outbox", async () => {
    const insts = (await institutionsOf(3)).map((i) => i.id);
    // An event after its redistribution, with an open offer and someone waiting behind it.
    await createEvent("evt-cron-offer", { capacity: 1, defaultQuota: 1, institutions: insts, deadlineInDays: -1 });
    await env.DB.prepare("update events set redistributed_at = ? where id = 'evt-cron-offer'").bind(Date.now()).run();
    const first = await json(
      await register(organiser, "evt-cron-offer", { institutionId: insts[0], email: "o1@cron.example" }),
    );
    await register(organiser, "evt-cron-offer", { institutionId: insts[1], email: "o2@cron.example" });
    await register(organiser, "evt-cron-offer", { institutionId: insts[2], email: "o3@cron.example" });
    await cancelAs(organiser, first.id);
    // An event whose quota deadline passes before the cron runs: three wait beyond their quota.
    await createEvent("evt-cron-due", { capacity: 6, defaultQuota: 1, institutions: insts, deadlineInDays: 1 });
    for (let k = 0; k < 6; k++)
      await register(organiser, "evt-cron-due", { institutionId: insts[k % 3], email: `d${k}@cron.example` });
    // A mail some request wrote but never delivered.
    await insertPendingMail("mail-cron", "left@cron.example");

    const later = Date.now() + 2 * DAY + 60_000;
    await runScheduled(later);

    const offer = await env.DB.prepare(
      "select email, status, offered_until is not null as offered from registrations where event_id = 'evt-cron-offer' order by email",
    ).all();
    expect(offer.results).toEqual([
      { email: "o1@cron.example", status: "cancelled", offered: 0 },
      { email: "o2@cron.example", status: "cancelled", offered: 0 }, // the offer lapsed
      { email: "o3@cron.example", status: "waitlisted", offered: 1 }, // and passed on
    ]);
    const due = await one<{ redistributed_at: number | null; held: number }>(
      "select redistributed_at, held_places as held from events where id = 'evt-cron-due'",
    );
    expect(due?.redistributed_at).toBe(later);
    expect(due?.held).toBe(6);
    expect(await one("select status from outbox where id = 'mail-cron'")).toEqual({ status: "sent" });
    const lapsedMail = await one<{ n: number }>(
      "select count(*) as n from outbox where to_email = 'o2@cron.example' and status = 'sent' and subject like '%'",
    );
    expect(lapsedMail?.n).toBeGreaterThanOrEqual(2); // the offer and its lapse

    // Running again at the same moment changes nothing.
    const before = await one<{ n: number }>("select count(*) as n from registration_history");
    await runScheduled(later);
    expect(await one<{ n: number }>("select count(*) as n from registration_history")).toEqual(before);
  }, 30_000);

  it("erases participants' data once the retention period has passed", async () => {
    const [inst] = (await institutionsOf(1)).map((i) => i.id);
    await createEvent("evt-cron-old", { capacity: 5, defaultQuota: 2, institutions: [inst] });
    await register(organiser, "evt-cron-old", { institutionId: inst, email: "old@cron.example", name: "Olga Alt" });
    // Years after the event's only session (30 days from now), the period has passed.
    await runScheduled(Date.now() + 6 * 365 * DAY);
    const row = await one<{ name: string; email: string; anonymised: number }>(
      "select name, email, anonymised_at is not null as anonymised from registrations where event_id = 'evt-cron-old'",
    );
    expect(row?.anonymised).toBe(1);
    expect(row?.name).not.toBe("Olga Alt");
    expect(row?.email).not.toBe("old@cron.example");
  });

  it("writes no mail with links when the installation has no public origin, and still delivers and erases", async () => {
    await insertPendingMail("mail-cron-2", "left2@cron.example");
    await runScheduled(Date.now(), { DEV_MODE: "false", PUBLIC_ORIGIN: "" });
    // Outside development nothing can be sent without PUBLIC_ORIGIN: the attempt is recorded as failed.
    expect(await one("select status from outbox where id = 'mail-cron-2'")).toEqual({ status: "failed" });
  });
});
