// First end-to-end smoke test of the German web app: landmarks, directory search, profile page, API reference,
// not-found fallback. Every visited page is checked with axe-core and screenshotted.
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
} from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function checkPage(page: E2EPage, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoAxeViolations(page);
  expectCleanPage(page);
}

/** Links into the directory (`/kinderschutzcluster-9/verzeichnis/<institution>`) inside the main landmark. */
function resultLinks(page: E2EPage) {
  return page.getByRole("main").locator('a[href^="/kinderschutzcluster-9/verzeichnis/"]');
}

describe("web app smoke test", () => {
  it("home page: h1, skip link first, landmarks", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);

      await page.keyboard.press("Tab");
      const focusedHref = await page.evaluate(() => document.activeElement?.getAttribute("href") ?? null);
      expect(focusedHref, "the first Tab stop is the skip link to #main").toBe("#main");
      expect(await page.locator("main#main").count()).toBe(1);

      expect(await page.getByRole("banner").count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByRole("navigation").count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByRole("main").count()).toBe(1);
      expect(await page.getByRole("contentinfo").count()).toBeGreaterThanOrEqual(1);

      await checkPage(page, "home");
    } finally {
      await page.close();
    }
  });

  it("directory: search narrows the list, a result opens its profile", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/verzeichnis");
    try {
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Verzeichnis");
      const search = page.getByLabel("Suche", { exact: true });
      expect(await search.count(), 'exactly one field labelled "Suche"').toBe(1);

      const links = resultLinks(page);
      await expect.poll(() => links.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(24);
      const before = await links.count();
      await checkPage(page, "verzeichnis");

      await search.fill("Hebamme");
      await expect
        .poll(
          async () => {
            const count = await links.count();
            return count > 0 && count < before;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await checkPage(page, "verzeichnis-suche-hebamme");

      // The link may carry more than the name (sector, town); find the institution whose name it shows.
      const response = await fetch(`${baseURL()}/api/networks/net-kc9/institutions`);
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as { items: { name: string }[] };
      const first = links.first();
      const linkText = (await first.textContent())?.replace(/\s+/g, " ").trim() ?? "";
      const name = items
        .map((item) => item.name)
        .filter((candidate) => linkText.includes(candidate))
        .sort((a, b) => b.length - a.length)[0];
      expect(name, `an institution name in the first result "${linkText}"`).toBeDefined();

      await first.click();
      await expect
        .poll(async () => (await page.getByRole("heading", { level: 1 }).textContent())?.trim(), { timeout: 10_000 })
        .toBe(name);
      expect(new URL(page.url()).pathname).toMatch(/^\/kinderschutzcluster-9\/verzeichnis\/.+/);
      await page.waitForLoadState("networkidle");
      await checkPage(page, "verzeichnis-profil");
    } finally {
      await page.close();
    }
  });

  it("API reference: h1 and the networks endpoint", async () => {
    const page = await openPage(browser, "/api-referenz");
    try {
      await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);
      await expect.poll(() => page.getByRole("main").innerText(), { timeout: 10_000 }).toContain("/api/networks");
      await checkPage(page, "api-referenz");
    } finally {
      await page.close();
    }
  });

  it("unknown path: not-found page via the SPA fallback", async () => {
    const home = await openPage(browser, "/kinderschutzcluster-9");
    const homeHeading = (await home.getByRole("heading", { level: 1 }).textContent())?.trim();
    await home.close();

    const page = await openPage(browser, "/gibt-es-nicht");
    try {
      await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);
      const heading = (await page.getByRole("heading", { level: 1 }).textContent())?.trim();
      expect(heading, "the not-found page has its own h1").toBeTruthy();
      expect(heading, "the not-found page is not the home page").not.toBe(homeHeading);
      await checkPage(page, "nicht-gefunden");
    } finally {
      await page.close();
    }
  });
});
