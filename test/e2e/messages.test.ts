// Messages end to end (issue 17): the organiser clicks from the start page to the demo
// workshop's board and on to its messages, writes to the waiting list, previews and sends; the
// mails go through the real JOBS queue of `wrangler dev`, and the dev mailbox then has exactly
// one for each waiting person, in that person's language, and none for the confirmed.
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

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const EVENT = "evt-qe-werkstatt";
const run = Date.now().toString(36);
const SUBJECT = `Warteliste ${run}: {Veranstaltung}`;
const ENGLISH = { email: `waiting.english.${run}@jugendamt-kh.example`, name: "Wendy English" };

const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();

type Registration = { email: string; status: string };
type MailboxItem = { to: string; subject: string; text: string; locale: string; template: string };

/** The organiser's view of every registration of the event, through the page's session. */
const registrations = (page: E2EPage) =>
  page.evaluate(async (eventId) => {
    const response = await fetch(`/api/events/${eventId}/registrations`);
    return ((await response.json()) as { items: Registration[] }).items;
  }, EVENT);

async function mailsOfRun(email: string): Promise<MailboxItem[]> {
  const response = await fetch(new URL(`/api/dev/mailbox?to=${encodeURIComponent(email)}`, baseURL()));
  const { items } = (await response.json()) as { items: MailboxItem[] };
  return items.filter((m) => m.template === "message" && m.subject.startsWith(`Warteliste ${run}:`));
}

async function checkWidths(page: E2EPage, name: string) {
  await screenshot(page, `${name}-1280`);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, `${name}-375`);
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("messages", () => {
  it("the organiser writes to the waiting list; each waiting person gets one mail in their language", async () => {
    const page = await openPage(browser, "/");
    try {
      await signInThroughMailbox(page, ORGANISER);
      // Someone on the waiting list registered in English (the demo's people all did in German).
      const english = await page.evaluate(
        async ([eventId, person]) => {
          const response = await fetch(`/api/events/${eventId}/registrations`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              institutionId: "inst-jugendamt-kh",
              ...person,
              function: "Fachkraft",
              locale: "en",
              privacyAcknowledged: true,
            }),
          });
          return { status: response.status, body: (await response.json()) as { status: string } };
        },
        [EVENT, ENGLISH] as const,
      );
      expect(english).toMatchObject({ status: 201, body: { status: "waitlisted" } });
      const all = await registrations(page);
      const waiting = all.filter((r) => r.status === "waitlisted").map((r) => r.email);
      const confirmed = all.filter((r) => r.status === "confirmed").map((r) => r.email);
      expect(waiting.length).toBeGreaterThan(1);
      expect(confirmed.length).toBeGreaterThan(0);

      // From the start page to the demo workshop's board, then to its messages.
      await page.goto(new URL("/", baseURL()).href, { waitUntil: "networkidle" });
      await page
        .getByRole("link", { name: /Kinderschutzcluster 9/ })
        .first()
        .click();
      await page
        .getByRole("navigation", { name: "Hauptnavigation" })
        .getByRole("link", { name: "Veranstaltungen" })
        .click();
      const card = page.locator(`#${EVENT}`);
      await expect.poll(() => card.getByRole("link", { name: /^Platzvergabe/ }).count(), { timeout: 10_000 }).toBe(1);
      await card.getByRole("link", { name: /^Platzvergabe/ }).click();
      await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/^Platzvergabe: /);
      const link = page.getByRole("link", { name: "Nachrichten", exact: true });
      await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
      await link.click();
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Nachrichten");
      await expect.poll(() => page.getByLabel("Betreff").count(), { timeout: 10_000 }).toBe(1);
      await checkWidths(page, "messages");

      await page.getByLabel("Warteliste").check();
      await page.getByLabel("Betreff").fill(SUBJECT);
      await page.getByLabel("Text", { exact: true }).fill("Hallo ");
      await page.getByRole("button", { name: "{Name} einfügen" }).click();
      await page.getByLabel("Text", { exact: true }).press("End");
      await page
        .getByLabel("Text", { exact: true })
        .pressSequentially(",\n\nSie stehen auf der Warteliste für {Termine}.\nIhre Anmeldung: {Link}");

      await page.getByRole("button", { name: "Vorschau" }).click();
      const preview = page.locator(".message-preview");
      await expect
        .poll(() => preview.textContent(), { timeout: 10_000 })
        .toContain(`Empfänger_innen: ${waiting.length}`);
      expect(await preview.textContent()).toContain(
        `Warteliste ${run}: Qualitätsentwicklungswerkstatt Kinderschutz 2027`,
      );
      const sample = (await preview.locator(".message-preview-text").textContent()) ?? "";
      expect(sample).toMatch(/^Hallo [^{]+,/);
      // The author greets: no greeting or closing of the layout on top; the personal link only as a marker.
      expect(sample).not.toMatch(/Guten Tag|Hello,|Mit freundlichen Grüßen|Kind regards/);
      expect(sample).toMatch(/\[(persönlicher Link – steht in der echten E-Mail|personal link – in the real mail)\]/);
      expect(await preview.locator(".message-preview-text a").count()).toBe(0);
      await checkWidths(page, "messages-preview");

      await page.getByRole("button", { name: "Senden …" }).click();
      const confirm = page.locator("#message-confirm");
      await expect
        .poll(() => confirm.textContent(), { timeout: 10_000 })
        .toContain(`Nachricht an ${waiting.length} Personen senden?`);
      await confirm.getByRole("button", { name: "Jetzt senden" }).click();
      await expect
        .poll(() => page.getByRole("status").filter({ hasText: "wird jetzt versendet" }).count(), { timeout: 10_000 })
        .toBe(1);
      // A new message starts empty: no second click sends the same one again.
      expect(await page.getByLabel("Betreff").inputValue()).toBe("");
      expect(await page.getByLabel("Text", { exact: true }).inputValue()).toBe("");
      expect(await preview.count()).toBe(0);
      expect(await confirm.count()).toBe(0);

      // The queue delivers a moment after the answer: wait until every waiting person has a mail.
      await expect
        .poll(async () => (await Promise.all(waiting.map(mailsOfRun))).filter((m) => m.length > 0).length, {
          timeout: 30_000,
        })
        .toBe(waiting.length);
      for (const email of waiting) {
        const mails = await mailsOfRun(email);
        expect(mails, email).toHaveLength(1);
        const english = email === ENGLISH.email;
        expect(mails[0].locale, email).toBe(english ? "en" : "de");
        expect(mails[0].text, email).toMatch(/^Hallo [^{]+,/);
        expect(mails[0].text, email).not.toMatch(/Guten Tag|Hello,|Mit freundlichen Grüßen|Kind regards/);
        expect(mails[0].text, email).toContain(
          english ? "You receive it because you are registered" : "weil Sie zu dieser Veranstaltung angemeldet sind",
        );
        expect(mails[0].text, email).toMatch(/\/teilnahme#t=[\w-]+/);
      }
      for (const email of confirmed) expect(await mailsOfRun(email), email).toHaveLength(0);

      // The history shows it with its count, and once delivered, as delivered.
      const row = page.locator(".message-history tbody tr").filter({ hasText: `Warteliste ${run}` });
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await row.locator("td.numeric").textContent()).toBe(String(waiting.length));
      expect(await row.textContent()).toContain("Warteliste");
      await page.getByRole("button", { name: "Stand aktualisieren" }).click();
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(`${waiting.length} zugestellt`);
      await checkWidths(page, "messages-history");
      // On a phone each message is a card: nothing in the history scrolls sideways.
      await page.setViewportSize({ width: 375, height: 800 });
      const scroll = page.locator(".table-scroll").filter({ has: page.locator(".message-history") });
      const widths = await scroll.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      expect(await row.locator("td.numeric").getAttribute("data-label")).toBe("Empfänger_innen");
      await page.setViewportSize({ width: 1280, height: 800 });
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  }, 120_000);
});
