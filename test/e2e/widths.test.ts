// Every page at a phone's width (375 px) and a desktop's (1,280 px): no horizontal scrolling and
// axe clean (issue 16, item 6), signed out, as an institution contact and as the organiser. Times
// in English are 24-hour Berlin time.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  askForLinks,
  type E2EPage,
  expectCleanPage,
  expectNoAxeViolations,
  launchBrowser,
  newestMail,
  openPage,
  signInThroughMailbox,
} from "./browser";

const N = "/kinderschutzcluster-9";
const EVENT = `${N}/veranstaltungen/evt-qe-werkstatt`;
const PUBLIC = [
  "/",
  N,
  `${N}/verzeichnis`,
  `${N}/verzeichnis/inst-erziehungshilfen-mz`,
  `${N}/veranstaltungen`,
  `${N}/datenschutz/hinweise`,
  "/anmelden",
  "/api-referenz",
  "/dev/postfach",
];
const CONTACT = ["/konto", `${N}/veranstaltungen`, `${EVENT}/anmelden`, `${EVENT}/nachrichten`];
const ORGANISER_PAGES = [
  "/konto",
  `${N}/verzeichnis`,
  `${N}/verzeichnis/neu`,
  `${N}/verzeichnis/import`,
  `${N}/verzeichnis/inst-erziehungshilfen-mz`,
  `${N}/verzeichnis/inst-erziehungshilfen-mz/bearbeiten`,
  `${N}/veranstaltungen`,
  `${N}/veranstaltungen/neu`,
  `${EVENT}/bearbeiten`,
  `${EVENT}/platzvergabe`,
  `${EVENT}/anwesenheit`,
  `${EVENT}/rueckmeldungen`,
  `${EVENT}/nachrichten`,
  `${EVENT}/termine/ses-qe-1/einlass`,
  `${N}/veranstaltungen/evt-werkstattreihe-fh/rueckmeldungen/fb-demo-fh-1`,
  `${N}/veranstaltungen/evt-werkstattreihe-fh/rueckmeldungen/fb-demo-fh-1/ergebnisse`,
  `${N}/einstellungen`,
  `${N}/datenschutz`,
  `${N}/datenschutz/aufbewahrung`,
  `${N}/datenschutz/auskunft`,
  `${N}/datenschutz/protokoll`,
  "/api-referenz",
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Elements reaching past the right edge, for a readable failure. */
const overflow = (page: E2EPage) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return Array.from(document.querySelectorAll("body *"))
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map(
        (e) =>
          `<${e.tagName.toLowerCase()} class="${e.className}"> to ${Math.round(e.getBoundingClientRect().right)} px`,
      );
  });

async function visitAll(page: E2EPage, paths: string[]) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of paths) {
      await page.goto(new URL(path, page.url()).href, { waitUntil: "networkidle" });
      await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBeGreaterThan(0);
      expect(await overflow(page), `${path} at ${width} px`).toEqual([]);
      await expectNoAxeViolations(page);
    }
  }
  expectCleanPage(page);
}

describe("every page at 375 px and 1,280 px", () => {
  it("signed out", async () => {
    const page = await openPage(browser, "/");
    try {
      await visitAll(page, PUBLIC);
    } finally {
      await page.close();
    }
  });

  it("as an institution contact", async () => {
    const page = await openPage(browser, "/");
    try {
      await signInThroughMailbox(page, "k.wendelin@familienzentrum-kh.example");
      await visitAll(page, CONTACT);
    } finally {
      await page.close();
    }
  });

  // Eighteen pages, twice, each through axe: longer than the suite's default minute.
  it("as the organiser", { timeout: 300_000 }, async () => {
    const page = await openPage(browser, "/");
    try {
      await signInThroughMailbox(page, "koordination@kinderschutz-bad-kreuznach.example");
      await visitAll(page, ORGANISER_PAGES);
    } finally {
      await page.close();
    }
  });
});

describe("the participant's and the operator's pages at 375 px and 1,280 px", () => {
  it("as a participant (personal link) and as the operator", { timeout: 120_000 }, async () => {
    const page = await openPage(browser, "/");
    try {
      await askForLinks("fachkraft@kita-regenbogen.example");
      const link = (await newestMail("fachkraft@kita-regenbogen.example"))?.link;
      expect(link).toBeTruthy();
      await page.goto(link as string, { waitUntil: "networkidle" });
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Meine Anmeldung");
      // The personal page keeps its token in the tab, so it is visited by its own address.
      await visitAll(page, ["/teilnahme"]);
    } finally {
      await page.close();
    }
    const operator = await openPage(browser, "/");
    try {
      await signInThroughMailbox(operator, "betrieb@netzwerkstatt.example");
      await visitAll(operator, ["/betrieb"]);
    } finally {
      await operator.close();
    }
  });
});

describe("times in English", () => {
  it("are 24-hour Berlin time", async () => {
    const page = await openPage(browser, `${N}/veranstaltungen`, { locale: "en-GB" });
    try {
      await page.getByRole("button", { name: "English" }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Events");
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toMatch(/\b\d{2}:\d{2}\b/);
      expect(text).not.toMatch(/\b\d{1,2}:\d{2}\s?(AM|PM|am|pm)\b/);
    } finally {
      await page.close();
    }
  });
});
