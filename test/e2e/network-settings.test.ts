// Setting up a network in the browser: the demo organiser signs in through the dev mailbox,
// reaches the settings by clicking, changes the sender name, uploads a PNG logo and sees it in
// the header, invites a co-organiser (the invitation is in the dev mailbox) and removes them.
// Axe and no horizontal scroll at 1280 and 375 px. (The first-steps checklist of an empty network
// is tested in test/api/network-settings.test.ts; its browser test needs network creation.)
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

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const run = Date.now();
const SENDER = `Jugendamt Bad Kreuznach ${run}`;
const COLLEAGUE = `co.koordination.${run}@kreis-kh.example`;
// A real PNG (8×8, blue), as a person would pick it.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGNkaGjAChiHlgQAn0QO+Y1OjWsAAAAASUVORK5CYII=",
  "base64",
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();

async function checkPage(page: E2EPage, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `${name}-${width}`);
    await expectNoAxeViolations(page);
    // What sticks out, if anything, for the message.
    const wide = await page.evaluate(
      (w) =>
        Array.from(document.querySelectorAll("body *"))
          .filter((el) => el.getBoundingClientRect().right > w + 1)
          .map((el) => `${el.tagName}.${el.className}`)
          .slice(-4),
      width,
    );
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${name} at ${width}px: ${wide.join(", ")}`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("network settings", () => {
  it("lets the organiser set sender name and logo, and invite and remove a co-organiser", async () => {
    const page = await openPage(browser, "/");
    await signInThroughMailbox(page, ORGANISER);

    await page
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Einstellungen" })
      .click();
    await expect.poll(() => h1(page)).toBe("Einstellungen des Netzwerks");
    await expect.poll(() => page.getByLabel("Name des Netzwerks").inputValue()).toBe("Kinderschutzcluster 9");
    await checkPage(page, "settings");

    // Sender name
    await page.getByLabel("Absendername der E-Mails").fill(SENDER);
    await page.getByRole("button", { name: "Speichern", exact: true }).first().click();
    await expect.poll(() => page.getByText("Gespeichert.").count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel("Absendername der E-Mails").inputValue()).toBe(SENDER);

    // Logo: uploaded, previewed, and in the header
    await page.getByLabel("Logo-Datei").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Logo hochladen" }).click();
    await expect.poll(() => page.getByText("Das Logo ist gespeichert.").count()).toBe(1);
    const headerLogo = page.locator(".site-header img.network-logo");
    await expect.poll(() => headerLogo.count()).toBe(1);
    expect(await headerLogo.getAttribute("src")).toMatch(/^\/api\/networks\/net-kc9\/logo\?v=[0-9a-f]+$/);
    await expect.poll(() => headerLogo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);
    expect(await page.locator(".site-header .brand-name").textContent()).toBe("Kinderschutzcluster 9");
    await expect
      .poll(() => page.getByRole("img", { name: "Aktuelles Logo von Kinderschutzcluster 9" }).count())
      .toBe(1);
    await checkPage(page, "settings-logo");

    // Invite a co-organiser: in the list, and the mail in the dev mailbox
    await page.getByLabel("E-Mail-Adresse").fill(COLLEAGUE);
    await page.getByLabel("Name (freiwillig)").fill("Clara Co");
    await page.getByRole("button", { name: "Einladen" }).click();
    await expect.poll(() => page.getByText(`${COLLEAGUE} ist eingeladen.`).count()).toBe(1);
    await expect.poll(() => page.locator(".settings-list").getByText(COLLEAGUE).count()).toBe(1);
    const mail = await page.evaluate(async (to) => {
      const res = await fetch(`/api/dev/mailbox?to=${encodeURIComponent(to)}`);
      return ((await res.json()) as { items: { template: string; from: string; html: string }[] }).items[0];
    }, COLLEAGUE);
    expect(mail.template).toBe("co_organiser_invitation");
    expect(mail.from).toBe(`"${SENDER}" <netzwerkstatt@example.org>`);
    expect(mail.html).toMatch(
      /<img src="http[^"]+\/api\/networks\/net-kc9\/logo\?v=[0-9a-f]+" alt="Kinderschutzcluster 9"/,
    );

    // ... and remove them again, after confirming
    await page.getByRole("button", { name: `Entfernen: ${COLLEAGUE}` }).click();
    const confirm = page.locator(".confirm-panel");
    await expect.poll(() => confirm.getByText(`${COLLEAGUE} aus der Koordination entfernen?`).count()).toBe(1);
    await checkPage(page, "settings-remove-organiser");
    await confirm.getByRole("button", { name: "Entfernen" }).click();
    await expect.poll(() => page.getByText(`${COLLEAGUE} koordiniert das Netzwerk nicht mehr.`).count()).toBe(1);
    await expect.poll(() => page.locator(".settings-list").getByText(COLLEAGUE).count()).toBe(0);
    // The last organiser cannot remove themselves: no button, a hint instead.
    await expect.poll(() => page.getByText("Sie sind die einzige Koordination.", { exact: false }).count()).toBe(1);
    expectCleanPage(page);

    // Back as it was for the other browser tests.
    await page.getByRole("button", { name: "Logo entfernen" }).click();
    await expect.poll(() => page.getByText("Das Logo ist entfernt.").count()).toBe(1);
    await expect.poll(() => headerLogo.count()).toBe(0);
    await page.getByLabel("Absendername der E-Mails").fill("");
    await page.getByRole("button", { name: "Speichern", exact: true }).first().click();
    await expect.poll(() => page.getByText("Gespeichert.").count()).toBe(1);
    expectCleanPage(page);
  }, 120_000);
});
