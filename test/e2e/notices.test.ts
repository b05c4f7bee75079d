// A contact is told of a promotion: the organiser cancels a confirmed delegate on the board, the
// waiting colleague of the same institution moves up, and the institution's contact finds one
// notice about it in the dev mailbox, in her language, with the way to the event. The event
// and its two registrations are set up through the API as the signed-in organiser; the way
// from the start page to the board, the cancellation and the mailbox go through the pages.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseURL,
  type E2EPage,
  expectCleanPage,
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughMailbox,
} from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const run = Date.now();
const TITLE = `Hebammenwerkstatt ${run}`;
const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const MIDWIVES = { contact: "m.osterkamp@hebammennetzwerk-nahe.example", id: "inst-hebammen-kh" };
const KITA_CONTACT = "k.wendelin@familienzentrum-kh.example";
const first = { name: "Frieda Erste", email: `frieda.${run}@hebammennetzwerk-nahe.example` };
const second = { name: "Sina Zweite", email: `sina.${run}@hebammennetzwerk-nahe.example` };

const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** A JSON request from the page, with its session cookie. */
const call = (page: E2EPage, path: string, body?: unknown) =>
  page.evaluate(
    async ([p, b]) => {
      const res = await fetch(p as string, {
        method: b === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    [path, body] as const,
  );

type Mail = { id: string; template: string; subject: string; text: string; locale: string };
const mailsTo = async (email: string) => {
  const res = await fetch(`${baseURL()}/api/dev/mailbox?to=${encodeURIComponent(email)}`);
  return ((await res.json()) as { items: Mail[] }).items;
};
const noticesTo = async (email: string) =>
  (await mailsTo(email)).filter((m) => m.template === "delegate_notice" && m.subject.includes(TITLE));

describe("notices to an institution's contact", () => {
  it("tell the contact once, in her language, when the organiser's cancellation lets a waiting colleague move up", async () => {
    const page = await openPage(browser, "/");
    await signInThroughMailbox(page, ORGANISER);

    // One place, two per institution; promotions are direct.
    const created = await call(page, "/api/networks/net-kc9/events", {
      type: "workshop",
      title: TITLE,
      venueName: "Haus der Familie",
      capacity: 1,
      defaultQuota: 2,
      promotionMode: "direct",
      registrationOpensAt: at(-1, 8),
      quotaDeadline: at(20, 16),
      registrationClosesAt: at(40, 16),
      sessions: [{ title: "Termin 1", topic: "", startsAt: at(60, 8), endsAt: at(60, 11) }],
      invitation: { mode: "picked", sectorKeys: [], institutionIds: [MIDWIVES.id] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const eventId = (created.body as { id: string }).id;
    expect((await call(page, `/api/events/${eventId}/publish`, {})).status).toBe(200);
    for (const who of [first, second]) {
      const res = await call(page, `/api/events/${eventId}/registrations`, {
        institutionId: MIDWIVES.id,
        ...who,
        function: "",
        accessibilityNeeds: "",
        privacyAcknowledged: true,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    expect(await noticesTo(MIDWIVES.contact)).toEqual([]);

    // From the start page the organiser opens the network's event list, the event's board, and
    // cancels the confirmed delegate.
    await page.goto(new URL("/", baseURL()).href);
    await page.getByRole("main").getByRole("link", { name: "Kinderschutzcluster 9" }).first().click();
    await page
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Veranstaltungen" })
      .click();
    await page
      .locator(`li[id="${eventId}"]`)
      .getByRole("link", { name: /^Platzvergabe/ })
      .click();
    const row = (name: string) => page.locator("table.participants > tbody").filter({ hasText: name });
    await expect.poll(() => row(first.name).count(), { timeout: 10_000 }).toBe(1);
    await row(first.name)
      .getByRole("button", { name: /^Abmelden/ })
      .click();
    await page.getByRole("button", { name: "Ja, abmelden" }).click();
    await expect
      .poll(() => page.locator(".page-status").textContent(), { timeout: 10_000 })
      .toBe(`${first.name} ist abgemeldet.`);
    await expect
      .poll(() => row(second.name).locator(".badge").first().textContent(), { timeout: 10_000 })
      .toBe("Platz bestätigt");
    await screenshot(page, "notices-board-cancelled");
    await expectNoAxeViolations(page);

    // The mails go out just after the answer: one notice to the midwives' contact, none to the Kita's.
    await expect.poll(async () => (await noticesTo(MIDWIVES.contact)).length, { timeout: 10_000 }).toBe(1);
    const [notice] = await noticesTo(MIDWIVES.contact);
    expect(notice.locale).toBe("de");
    expect(notice.subject).toBe(`Platz bekommen: ${second.name} – ${TITLE}`);
    expect(notice.text).toContain(`für Ihre Einrichtung Hebammennetzwerk`);
    expect(notice.text).toContain(`${second.name} hat bei „${TITLE}“`);
    expect(notice.text).toContain(
      `/kinderschutzcluster-9/veranstaltungen/${eventId}/anmelden?institution=${MIDWIVES.id}`,
    );
    expect(await noticesTo(KITA_CONTACT)).toEqual([]);

    // The dev mailbox page shows it, in German, with the link to the event.
    await page.goto(new URL("/dev/postfach", baseURL()).href);
    const shown = page.locator(".mail").filter({ hasText: notice.subject });
    await expect.poll(() => shown.count(), { timeout: 10_000 }).toBe(1);
    expect(await shown.locator(".mail-body").getAttribute("lang")).toBe("de");
    expect(await shown.textContent()).toContain(MIDWIVES.contact);
    const link = shown.locator(".mail-body a").filter({ hasText: `/veranstaltungen/${eventId}/anmelden` });
    expect(await link.count()).toBe(1);
    await screenshot(page, "notices-mailbox");
    expectCleanPage(page);
  });
});
