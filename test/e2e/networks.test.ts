// Several networks on one installation, as people reach them: the start page lists them, each
// network's pages carry its slug, a person with roles in two networks switches in the header,
// and nothing of one network shows in the other.
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

const BOTH = "fachberatung@kinderschutzbund.example";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();
const path = (page: E2EPage) => new URL(page.url()).pathname;

async function check(page: E2EPage, name: string) {
  await screenshot(page, `${name}-1280`);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, `${name}-375`);
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });
  expectCleanPage(page);
}

describe("several networks", () => {
  it("the start page lists them, and each network's directory shows only its own institutions", async () => {
    const page = await openPage(browser, "/");
    try {
      await expect.poll(() => h1(page)).toBe("Netzwerke auf NetzWerkstatt");
      const main = page.getByRole("main");
      await expect.poll(() => main.getByRole("link", { name: "Kinderschutzcluster 9" }).count()).toBe(1);
      await expect.poll(() => main.getByRole("link", { name: "Leipziger Netzwerk für Kinderschutz" }).count()).toBe(1);
      await check(page, "networks-start");

      await main.getByRole("link", { name: "Leipziger Netzwerk für Kinderschutz" }).click();
      await expect.poll(() => path(page)).toBe("/leipzig");
      await expect.poll(() => h1(page)).toContain("Leipziger Netzwerk für Kinderschutz");
      await page
        .getByRole("navigation", { name: "Hauptnavigation" })
        .getByRole("link", { name: "Verzeichnis" })
        .click();
      await expect.poll(() => path(page)).toBe("/leipzig/verzeichnis");
      await expect.poll(() => page.locator(".institution-card").count()).toBe(8);
      const names = await page.locator(".institution-card h2").allTextContents();
      expect(names.some((n) => n.includes("Leipzig"))).toBe(true);
      expect(names.some((n) => n.includes("Bad Kreuznach") || n.includes("Ludwigshafen"))).toBe(false);
      await check(page, "networks-leipzig-directory");

      // Bookmarked and shared: the same address opens the same network in a new browser.
      const shared = await openPage(browser, "/leipzig/verzeichnis");
      await expect.poll(() => shared.locator(".institution-card").count()).toBe(8);
      await shared.close();
    } finally {
      await page.close();
    }
  });

  it("a person with roles in two networks switches between them in the header", async () => {
    const page = await openPage(browser, "/");
    try {
      await signInThroughMailbox(page, BOTH);
      await page.goto(new URL("/", page.url()).href);
      await expect.poll(() => h1(page)).toBe("Netzwerke auf NetzWerkstatt");
      await expect.poll(() => page.getByRole("heading", { name: "Ihre Netzwerke" }).count()).toBe(1);
      await page.getByRole("main").getByRole("link", { name: "Kinderschutzcluster 9" }).first().click();
      await expect.poll(() => path(page)).toBe("/kinderschutzcluster-9");

      const toggle = page.getByText("Netzwerk wechseln");
      await toggle.click();
      await check(page, "networks-switch-open");
      await page.locator(".network-switch").getByRole("link", { name: "Leipziger Netzwerk für Kinderschutz" }).click();
      await expect.poll(() => path(page)).toBe("/leipzig");
      await expect.poll(() => h1(page)).toContain("Leipziger Netzwerk für Kinderschutz");
      // The navigation now belongs to Leipzig.
      await page
        .getByRole("navigation", { name: "Hauptnavigation" })
        .getByRole("link", { name: "Veranstaltungen" })
        .click();
      await expect.poll(() => path(page)).toBe("/leipzig/veranstaltungen");
      await expect
        .poll(() => page.getByText("Werkstatt: Das Informationssystem zwischen den Netzwerkpartnern").count())
        .toBeGreaterThan(0);
      expect(await page.getByText("Qualitätsentwicklungswerkstatt Kinderschutz 2027").count()).toBe(0);

      await toggle.click();
      await page.locator(".network-switch").getByRole("link", { name: "Kinderschutzcluster 9" }).click();
      await expect.poll(() => path(page)).toBe("/kinderschutzcluster-9");
      await check(page, "networks-switched-back");
    } finally {
      await page.close();
    }
  });

  it("an address from before networks had slugs goes on to the event's own network", async () => {
    const page = await openPage(browser, "/veranstaltungen/evt-le-infosystem/anmelden");
    try {
      await expect.poll(() => path(page)).toBe("/leipzig/veranstaltungen/evt-le-infosystem/anmelden");
    } finally {
      await page.close();
    }
  });
});
