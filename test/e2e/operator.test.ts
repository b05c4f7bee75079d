// The operator (OPERATOR_EMAILS, set in global-setup.ts) sets up a network on /betrieb,
// suspends and reactivates it; its first organiser signs in with the invitation.
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

const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();
// Named after the demo network alphabetically: the web app's home is still the first network by name.
const NAME = "Netzwerk Südpfalz im Browsertest";
const SLUG = "netzwerk-suedpfalz-im-browsertest";
const ORGANISER = "erste.koordination@suedpfalz.example";

const publicSlugs = async () =>
  ((await (await fetch(new URL("/api/networks", baseURL()))).json()) as { items: { slug: string }[] }).items.map(
    (n) => n.slug,
  );

describe("the operators' page", () => {
  it("sets up a network, suspends and reactivates it; the organiser's invitation signs them in", async () => {
    const page = await openPage(browser, "/");
    try {
      await signInThroughMailbox(page, "betrieb@netzwerkstatt.example");
      await page.getByRole("banner").getByRole("link", { name: "Betrieb", exact: true }).click();
      await expect.poll(() => h1(page)).toBe("Betrieb");
      await expect.poll(() => page.getByRole("heading", { name: "Kinderschutzcluster 9" }).count()).toBe(1);
      await expectNoAxeViolations(page);

      // A taken short name is refused at its field.
      await page.getByLabel("Name des Netzwerks").fill("Doppelt");
      await page.getByLabel("Kurzname in der Adresse").fill("kinderschutzcluster-9");
      await page.getByLabel("E-Mail-Adresse der ersten Koordination").fill(ORGANISER);
      await page.getByRole("button", { name: "Netzwerk einrichten" }).click();
      await expect.poll(() => page.getByText("Kurzname bereits verwendet").count()).toBe(1);
      await expectNoAxeViolations(page);
      expect(page.failedRequests).toEqual([expect.stringMatching(/POST .*\/api\/operator\/networks: HTTP 409$/)]);
      // The browser logs the refused request itself; that one is expected.
      page.failedRequests.length = 0;
      page.consoleErrors.splice(0, page.consoleErrors.length, ...page.consoleErrors.filter((e) => !e.includes("409")));

      // The short name is suggested from the name.
      await page.getByLabel("Kurzname in der Adresse").fill("");
      await page.getByLabel("Name des Netzwerks").fill(NAME);
      await expect.poll(() => page.getByText(`Vorschlag aus dem Namen: ${SLUG}`).count()).toBe(1);
      await page.getByRole("button", { name: "Netzwerk einrichten" }).click();
      await expect.poll(() => page.getByText(`Die Einladung an ${ORGANISER} ist unterwegs.`).count()).toBe(1);
      const card = page.locator(".operator-networks li").filter({ hasText: NAME });
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.textContent()).toContain("Aktiv");
      expect(await publicSlugs()).toContain(SLUG);
      await screenshot(page, "operator-created");
      await expectNoAxeViolations(page);

      await card.getByRole("button", { name: `Aussetzen: ${NAME}` }).click();
      await expect.poll(() => card.getByText(`„${NAME}“ aussetzen?`).count()).toBe(1);
      await expectNoAxeViolations(page);
      await card.getByRole("button", { name: "Aussetzen", exact: true }).click();
      await expect.poll(() => page.getByText(`„${NAME}“ ist ausgesetzt.`).count()).toBe(1);
      await expect.poll(() => card.getByText("Ausgesetzt", { exact: true }).count()).toBe(1);
      expect(await publicSlugs()).not.toContain(SLUG);
      const refused = await fetch(new URL(`/api/networks/${SLUG}`, baseURL()));
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe("network_suspended");
      await expectNoAxeViolations(page);

      await card.getByRole("button", { name: `Wieder freigeben: ${NAME}` }).click();
      await card.getByRole("button", { name: "Wieder freigeben", exact: true }).click();
      await expect.poll(() => page.getByText(`„${NAME}“ ist wieder freigegeben.`).count()).toBe(1);
      await expect.poll(() => card.getByText("Aktiv", { exact: true }).count()).toBe(1);
      expect(await publicSlugs()).toContain(SLUG);

      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(page, "operator-375");
      await expectNoAxeViolations(page);
      expectCleanPage(page);
    } finally {
      await page.close();
    }

    // The first organiser follows the invitation from the dev mailbox.
    const organiser = await openPage(browser, "/dev/postfach");
    try {
      const mail = organiser.locator(".mail").filter({ hasText: ORGANISER }).first();
      await expect.poll(() => mail.count()).toBe(1);
      expect(await mail.textContent()).toContain(NAME);
      const href = await mail.locator(".mail-body a").first().getAttribute("href");
      await organiser.goto(href!);
      await expect.poll(() => h1(organiser), { timeout: 10_000 }).toBe("Mein Konto");
      const main = await organiser.getByRole("main").textContent();
      expect(main).toContain("Netzwerkkoordination");
      expect(main).toContain(NAME);
      // Organisers have no operator link.
      expect(await organiser.getByRole("link", { name: "Betrieb", exact: true }).count()).toBe(0);
      await expectNoAxeViolations(organiser);
      expectCleanPage(organiser);
    } finally {
      await organiser.close();
    }
  });

  it("is closed to an organiser who opens it by address", async () => {
    const page = await openPage(browser, "/");
    try {
      await signInThroughMailbox(page, "koordination@kinderschutz-bad-kreuznach.example");
      await page.goto(new URL("/betrieb", baseURL()).href);
      await expect
        .poll(() => page.getByText("Diese Seite ist dem Betrieb der Installation vorbehalten.").count())
        .toBe(1);
      expect(await page.getByRole("button", { name: "Netzwerk einrichten" }).count()).toBe(0);
      await expectNoAxeViolations(page);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });
});
