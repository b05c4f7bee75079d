// The door check-in page: the demo session is weeks ahead, so the page says when check-in opens and takes
// nothing until the organiser confirms the override; then a tick from the list, a typed ticket code, then two
// ticks while offline that wait in the queue with a walk-in and are sent when the connection is back, then an
// undo; the server ends with exactly the four present, none twice.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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
const SESSION = "ses-qe-1";

const status = (page: E2EPage) => page.getByRole("status").first().textContent();

const tickButtons = (page: E2EPage) => page.locator(".check-in-list .check-in-tick");
const presentRows = (page: E2EPage) => page.locator(".check-in-list li.is-present");

describe("check-in at the door", () => {
  it("checks in from the list, by ticket code and offline, and ends with exactly four present", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, ORGANISER);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(new URL(`/kinderschutzcluster-9/veranstaltungen/${EVENT}/platzvergabe`, page.url()).href, {
        waitUntil: "networkidle",
      });
      const link = page.locator(`a[href$="/termine/${SESSION}/einlass"]`);
      await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
      await link.click();
      await expect.poll(() => tickButtons(page).count(), { timeout: 10_000 }).toBeGreaterThan(3);
      const count = page.locator(".check-in-count-number");
      const expected = Number((await count.textContent())!.split("/")[1]!.trim());
      expect(expected).toBeGreaterThan(3);
      expect(await presentRows(page).count()).toBe(0);
      // Weeks ahead of the session: the page says when check-in opens, before anyone tries.
      const window = page.getByRole("region", { name: /^Einlass öffnet am / });
      await expect.poll(() => window.count()).toBe(1);
      expect(await window.getByRole("heading").textContent()).toMatch(
        /^Einlass öffnet am \d{2}\.\d{2}\.\d{4} um \d{2}:\d{2} Uhr$/,
      );
      await screenshot(page, "check-in-start-375");
      await expectNoAxeViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      // A tick is not taken without the explicit confirmation.
      await tickButtons(page).first().click();
      await expect.poll(() => status(page)).toContain("Der Einlass ist nicht geöffnet.");
      const override = page.getByLabel(/^Trotzdem einchecken/);
      expect(await override.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await presentRows(page).count()).toBe(0);
      expect(
        await page.evaluate((s) => JSON.parse(localStorage.getItem(`nw.checkIn.queue.${s}`) ?? "[]").length, SESSION),
      ).toBe(0);
      await override.check();

      // One from the list.
      await tickButtons(page).first().click();
      await expect.poll(() => presentRows(page).count()).toBe(1);
      // One by typed ticket code.
      await page.getByLabel("Ticketcode").fill("NW:reg-demo-teilnahme");
      await page.getByRole("button", { name: "Einchecken", exact: true }).click();
      await expect.poll(() => count.textContent()).toBe(`2 / ${expected}`);
      await expect.poll(() => page.locator(".check-in-queue").count()).toBe(0);

      // Two more while offline: they wait in the queue.
      const failedBefore = page.failedRequests.length;
      const errorsBefore = page.consoleErrors.length;
      await page.context().setOffline(true);
      await page.getByLabel("Name oder Einrichtung suchen").fill("");
      await tickButtons(page).first().click();
      await tickButtons(page).first().click();
      // And a walk-in, also offline.
      await page.getByLabel("Name", { exact: true }).fill("Wanda Spontan");
      // Not the Kita: its second place is what the registration test (test/e2e/registration.test.ts) registers into.
      await page
        .getByLabel("Einrichtung", { exact: true })
        .selectOption({ label: "Jugendamt Kreis Bad Kreuznach – Allgemeiner Sozialer Dienst" });
      await page.getByRole("button", { name: "Hinzufügen und einchecken" }).click();
      await expect.poll(() => status(page)).toContain("Offline – 3 Einträge warten auf Übertragung");
      await expect.poll(() => count.textContent()).toBe(`5 / ${expected}`);
      const stored = await page.evaluate(
        (s) => JSON.parse(localStorage.getItem(`nw.checkIn.queue.${s}`) ?? "[]"),
        SESSION,
      );
      expect(stored).toHaveLength(3);
      await screenshot(page, "check-in-offline-375");
      await expectNoAxeViolations(page);
      await page.context().setOffline(false);
      await expect.poll(() => page.locator(".check-in-queue").count(), { timeout: 15_000 }).toBe(0);
      // Requests that failed while offline are the point of the exercise, not faults.
      page.failedRequests.splice(failedBefore);
      page.consoleErrors.splice(
        errorsBefore,
        page.consoleErrors.length - errorsBefore,
        ...page.consoleErrors.slice(errorsBefore).filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")),
      );

      // Undo the first tick of the list: the person is expected again, not present.
      const firstPresent = presentRows(page).first();
      const undoneName = (await firstPresent.locator(".person-name").textContent())!;
      await firstPresent.getByRole("button", { name: /Rückgängig/ }).click();
      await expect.poll(() => count.textContent()).toBe(`4 / ${expected}`);
      await expect.poll(() => page.locator(".check-in-queue").count(), { timeout: 15_000 }).toBe(0);

      const list = await page.evaluate(async (s) => {
        const response = await fetch(`/api/sessions/${s}/attendance`);
        return (await response.json()) as {
          counts: { present: number };
          items: { registrationId: string; name: string; status: string; isWalkIn: boolean }[];
        };
      }, SESSION);
      const present = list.items.filter((i) => i.status === "present");
      expect(present).toHaveLength(4);
      expect(new Set(present.map((i) => i.registrationId)).size).toBe(4);
      expect(present.map((i) => i.registrationId)).toContain("reg-demo-teilnahme");
      expect(present.filter((i) => i.isWalkIn).map((i) => i.name)).toEqual(["Wanda Spontan"]);
      expect(present.map((i) => i.name)).not.toContain(undoneName);
      expect(list.counts.present).toBe(4);
      await expect.poll(() => count.textContent()).toBe(`4 / ${expected}`);

      await screenshot(page, "check-in-done-375");
      await expectNoAxeViolations(page);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });
});
