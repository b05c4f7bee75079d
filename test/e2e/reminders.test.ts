// Reminders in the browser (issue 17): an organiser creates an event with sessions two and
// three days ahead by clicking through the form (its "Erinnerungen" are on by default); two
// participants register; the jobs run twice at the same moment (POST /api/dev/jobs, as the
// README says) and each participant has exactly one reminder in the dev mailbox, in their
// language. One opens their page from the reminder's link and turns reminders off: the next
// session's reminder reaches only the other.
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
const run = Date.now();
const TITLE = `Werkstatt mit Erinnerung ${run}`;
const DE = `de.${run}@erinnerung.example`;
const EN = `en.${run}@erinnerung.example`;
const DAY = 86_400_000;
const url = (path: string) => new URL(path, baseURL()).href;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();
const session = (page: E2EPage, n: number) => page.getByRole("group", { name: `Termin ${n}`, exact: true });

type Mail = { to: string; template: string; subject: string; text: string };
const remindersTo = async (email: string) => {
  const res = await fetch(url(`/api/dev/mailbox?to=${encodeURIComponent(email)}`));
  const { items } = (await res.json()) as { items: Mail[] };
  return items.filter((m) => m.template === "session_reminder");
};
const runJobs = (at: number) =>
  fetch(url("/api/dev/jobs"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ at: new Date(at).toISOString() }),
  }).then((res) => res.status);

async function checkPage(page: E2EPage, name: string) {
  await screenshot(page, `${name}-1280`);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, `${name}-375`);
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });
  expectCleanPage(page);
}

describe("reminders", () => {
  it("go out once per participant when the jobs run twice, and not to one who turned them off", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, ORGANISER);
      await page.goto(url("/kinderschutzcluster-9/veranstaltungen"), { waitUntil: "networkidle" });
      await page.getByRole("link", { name: "Neue Veranstaltung" }).click();
      await expect.poll(() => page.getByLabel("Titel", { exact: true }).count(), { timeout: 10_000 }).toBe(1);

      await page.getByLabel("Art der Veranstaltung").selectOption("workshop");
      await page.getByLabel("Titel", { exact: true }).fill(TITLE);
      await page.getByLabel(/^Name des Ortes/).fill("Haus der Familie, Bad Kreuznach");
      await page.getByLabel(/^Anschrift/).fill("Kurhausstraße 6, 55543 Bad Kreuznach");
      await page.getByLabel(/^Hinweise zur Barrierefreiheit/).fill("Stufenloser Zugang, Induktionsschleife");
      await session(page, 1).getByLabel("Datum").fill(day(2));
      await session(page, 1).getByLabel("Beginn").fill("09:00");
      await session(page, 1).getByLabel("Ende").fill("12:00");
      await page.getByRole("button", { name: "Termin hinzufügen" }).click();
      await session(page, 2).getByLabel("Datum").fill(day(3));
      await session(page, 2).getByLabel("Beginn").fill("09:00");
      await session(page, 2).getByLabel("Ende").fill("12:00");
      await page.getByLabel("Plätze insgesamt").fill("30");
      await page.getByLabel("Kontingent je Einrichtung").fill("2");
      await page.getByLabel("Anmeldung ab").fill(`${day(-1)}T08:00`);
      await page.getByLabel("Kontingentfrist").fill(`${day(1)}T18:00`);
      await page.getByLabel("Anmeldeschluss").fill(`${day(1)}T20:00`);

      // The reminders are on by default: two days before each session.
      const reminders = page.getByRole("region", { name: "Erinnerungen" });
      expect(await reminders.getByLabel(/^Teilnehmende vor jedem Termin erinnern/).isChecked()).toBe(true);
      expect(await reminders.getByLabel("Tage vor dem Termin").inputValue()).toBe("2");
      expect(await reminders.getByLabel(/^Ansprechpersonen an freie Kontingentplätze/).inputValue()).toBe("7, 1");
      // A day given twice is marked at the field, and nothing is saved.
      await reminders.getByLabel(/^Ansprechpersonen an freie Kontingentplätze/).fill("7, 7");
      await page.getByRole("button", { name: "Als Entwurf speichern" }).click();
      await expect.poll(() => page.locator("#ev-quotaReminderDays").getAttribute("aria-invalid")).toBe("true");
      await checkPage(page, "reminders-form-error");
      await reminders.getByLabel(/^Ansprechpersonen an freie Kontingentplätze/).fill("7, 1");

      await page.getByRole("button", { name: "Als Entwurf speichern" }).click();
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe(TITLE);
      const eventId = new URL(page.url()).pathname.split("/")[3];
      await page.getByRole("button", { name: "Veröffentlichen", exact: true }).click();
      await expect.poll(() => page.locator(".badge-status").textContent()).toBe("Veröffentlicht");

      // Two participants, registered through the API with the organiser's session.
      const answers = await page.evaluate(
        async ([eventId, people]) => {
          const out: number[] = [];
          for (const person of people) {
            const res = await fetch(`/api/events/${eventId}/registrations`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ privacyAcknowledged: true, function: "Fachkraft", ...person }),
            });
            out.push(res.status);
          }
          return out;
        },
        [
          eventId,
          [
            { institutionId: "inst-hebammen-kh", name: "Dora Deutsch", email: DE, locale: "de" },
            { institutionId: "inst-kita-regenbogen-kh", name: "Emma English", email: EN, locale: "en" },
          ],
        ] as const,
      );
      expect(answers).toEqual([201, 201]);
      const event = (await (await fetch(url(`/api/events/${eventId}`))).json()) as {
        sessions: { startsAt: string }[];
        sessionReminderDays: number;
      };
      expect(event.sessionReminderDays).toBe(2);
      const [first, second] = event.sessions.map((s) => Date.parse(s.startsAt));

      // Two days before the first session, the jobs run twice at the same moment.
      const at = first - 2 * DAY + 3_600_000;
      expect(await Promise.all([runJobs(at), runJobs(at)])).toEqual([200, 200]);
      await expect.poll(async () => (await remindersTo(DE)).length, { timeout: 15_000 }).toBe(1);
      await expect.poll(async () => (await remindersTo(EN)).length, { timeout: 15_000 }).toBe(1);
      expect(await runJobs(at + 5 * 60_000)).toBe(200);
      const [german] = await remindersTo(DE);
      const [english] = await remindersTo(EN);
      expect(german.subject).toContain(`Erinnerung: ${TITLE}`);
      expect(german.text).toContain("9:00–12:00 Uhr");
      expect(german.text).toContain("Barrierefreiheit: Stufenloser Zugang, Induktionsschleife");
      expect(english.subject).toContain(`Reminder: ${TITLE}`);

      // Dora opens her page from the reminder (its link names the default local port: the path and token count).
      const link = new URL(/https?:\/\/\S+\/teilnahme#t=[A-Za-z0-9_-]+/.exec(german.text)![0]);
      await page.goto(url(`${link.pathname}${link.hash}`), { waitUntil: "networkidle" });
      const toggle = page.getByRole("switch", { name: "Erinnerungen per E-Mail" });
      await expect.poll(() => toggle.count(), { timeout: 10_000 }).toBe(1);
      expect(await toggle.isChecked()).toBe(true);
      await toggle.click();
      await expect.poll(() => page.locator("#reminders-state").textContent()).toContain("ausgeschaltet");
      expect(await toggle.isChecked()).toBe(false);
      await checkPage(page, "reminders-participant-off");

      // The second session's reminder reaches Emma only.
      expect(await runJobs(second - 2 * DAY + 3_600_000)).toBe(200);
      await expect.poll(async () => (await remindersTo(EN)).length, { timeout: 15_000 }).toBe(2);
      expect(await runJobs(second - 2 * DAY + 2 * 3_600_000)).toBe(200);
      expect(await remindersTo(DE)).toHaveLength(1);
      expect(await remindersTo(EN)).toHaveLength(2);
    } finally {
      await page.close();
    }
  }, 180_000);
});
