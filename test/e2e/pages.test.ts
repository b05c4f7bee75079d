// Filters, language switch, keyboard use and the remaining pages, each checked with axe.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EPage, expectCleanPage, expectNoAxeViolations, launchBrowser, openPage, screenshot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function checkPage(page: E2EPage, name: string) {
  await screenshot(page, name);
  await expectNoAxeViolations(page);
  expectCleanPage(page);
}

const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();
const cards = (page: E2EPage) => page.locator(".institution-list > li");

describe("directory filters", () => {
  it("filters by profession and municipality, keeps the filter in the URL, and resets", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/verzeichnis");
    try {
      await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(24);
      const all = await cards(page).count();

      await page.getByLabel("Profession").selectOption({ label: "Hebammen / Familienhebammen" });
      await expect.poll(() => cards(page).count()).toBeLessThan(all);
      expect(new URL(page.url()).searchParams.get("sector")).toBe("midwifery");
      for (const text of await page.locator(".institution-list .badge").allTextContents())
        if (!text.includes("Leitbild")) expect(text).toBe("Hebammen / Familienhebammen");
      await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/^\d+ Einrichtung/);

      await page.getByLabel("Profession").selectOption("");
      await page.getByLabel("Kommune").selectOption({ label: "Ludwigshafen am Rhein" });
      await expect.poll(() => new URL(page.url()).searchParams.get("municipality")).toBe("mun-ludwigshafen");
      await expect.poll(() => cards(page).count()).toBeLessThan(all);
      await checkPage(page, "verzeichnis-kommune");

      // A shared link opens the same filtered view.
      const shared = await openPage(browser, new URL(page.url()).pathname + new URL(page.url()).search);
      await expect.poll(() => cards(shared).count()).toBe(await cards(page).count());
      await shared.close();

      await page.getByRole("button", { name: "Filter zurücksetzen" }).click();
      await expect.poll(() => cards(page).count()).toBe(all);
    } finally {
      await page.close();
    }
  });

  it("counts the institutions it shows, after every filter, and announces that number", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/verzeichnis");
    try {
      const counter = page.locator(".result-count");
      const said = async () => (await counter.textContent())?.trim();
      const shown = async () => {
        const n = await cards(page).count();
        return n === 1 ? "1 Einrichtung" : `${n} Einrichtungen`;
      };
      await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(24);
      const all = await cards(page).count();
      await expect.poll(said).toBe(await shown());

      await page.getByLabel("Suche", { exact: true }).fill("Hebamme");
      await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBeLessThan(all);
      await expect.poll(said).toBe(await shown());
      await page.getByLabel("Profession").selectOption({ label: "Hebammen / Familienhebammen" });
      await expect.poll(() => new URL(page.url()).searchParams.get("sector")).toBe("midwifery");
      await expect.poll(said).toBe(await shown());
      await page.getByLabel("Kommune").selectOption({ label: "Ludwigshafen am Rhein" });
      await expect.poll(() => new URL(page.url()).searchParams.get("municipality")).toBe("mun-ludwigshafen");
      await expect.poll(said).toBe(await shown());
      // The live region says the same as the list below it.
      expect(await counter.getAttribute("role")).toBe("status");

      await page.getByRole("button", { name: "Filter zurücksetzen" }).click();
      await expect.poll(() => cards(page).count()).toBe(all);
      await expect.poll(said).toBe(`${all} Einrichtungen`);
    } finally {
      await page.close();
    }
  });

  it("says so when nothing matches", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/verzeichnis?q=gibtesnichtxyz");
    try {
      await expect.poll(() => page.getByText("Keine Einrichtung passt zu Ihrer Suche.").count()).toBe(1);
      await checkPage(page, "verzeichnis-leer");
    } finally {
      await page.close();
    }
  });
});

describe("language", () => {
  it("switches to English and back, with the document language", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/verzeichnis");
    // The English catalogue is its own chunk (assets/en-….js), fetched only once English is chosen.
    const english: string[] = [];
    page.on("request", (request) => {
      if (/\/assets\/en-[\w-]+\.js$/.test(request.url())) english.push(request.url());
    });
    try {
      await expect.poll(() => h1(page)).toBe("Verzeichnis der Partnereinrichtungen");
      expect(await page.getAttribute("html", "lang")).toBe("de");
      expect(english).toEqual([]);
      await page.getByRole("button", { name: "Switch to English" }).click();
      await expect.poll(() => h1(page)).toBe("Directory of partner institutions");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(english).toHaveLength(1);
      await expect.poll(() => page.getByLabel("Profession").locator("option").nth(1).textContent()).toMatch(/^[A-Z]/);
      await checkPage(page, "directory-en");

      // The choice survives a reload.
      await page.reload();
      await expect.poll(() => h1(page)).toBe("Directory of partner institutions");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page.getByRole("button", { name: "Auf Deutsch umschalten" }).click();
      await expect.poll(() => h1(page)).toBe("Verzeichnis der Partnereinrichtungen");
    } finally {
      await page.close();
    }
  });
});

describe("keyboard", () => {
  it("reaches the navigation by Tab, opens a page with Enter and moves focus to it", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await expect.poll(() => h1(page)).toContain("Kinderschutzcluster 9");
      let reached = false;
      for (let i = 0; i < 10 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = (await page.evaluate(() => document.activeElement?.textContent?.trim())) === "Veranstaltungen";
      }
      expect(reached, "the Veranstaltungen link is reachable by Tab").toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => h1(page)).toBe("Veranstaltungen");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
      expect(await page.title()).toBe("Veranstaltungen – NetzWerkstatt");
    } finally {
      await page.close();
    }
  });
});

describe("other pages", () => {
  it("events: the quality-development series with its five dates, upcoming first", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/veranstaltungen");
    try {
      const series = page.locator("#evt-qe-werkstatt");
      await expect.poll(() => series.count(), { timeout: 10_000 }).toBe(1);
      expect(await series.locator(".dates > li").count()).toBe(5);
      expect(await series.textContent()).toContain("50 Plätze");
      const conference = page.locator("#evt-netzwerkkonferenz");
      expect(await conference.locator(".tracks > li").count()).toBe(4);
      const order = await page.locator(".event-list > li").evaluateAll((items) => items.map((i) => i.id));
      expect(order.at(-1)).toBe("evt-kickoff-2026");
      await checkPage(page, "veranstaltungen");
    } finally {
      await page.close();
    }
  });

  it("an unknown institution shows a not-found message, not an error", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/verzeichnis/gibt-es-nicht");
    try {
      await expect.poll(() => h1(page)).toBe("Seite nicht gefunden");
      expect(await page.getByText("Diese Einrichtung gibt es nicht (mehr).").count()).toBe(1);
      await screenshot(page, "einrichtung-unbekannt");
      await expectNoAxeViolations(page);
    } finally {
      await page.close();
    }
  });
});
