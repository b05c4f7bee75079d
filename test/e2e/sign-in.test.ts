// Sign-in end to end for the three roles, through the dev mailbox, with axe on every page.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type E2EPage,
  expectNoAxeViolations,
  launchBrowser,
  newestMailId,
  newestMailLink,
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

const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();

/** Requests a link on the sign-in page and follows the newest link mailed to `email` in the dev mailbox. */
async function signInThroughMailbox(page: E2EPage, email: string, shot: string) {
  await page.goto(new URL("/anmelden", page.url()).href);
  await expect.poll(() => h1(page)).toBe("Anmelden");
  const before = await newestMailId(email);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Anmeldelink senden" }).click();
  await expect.poll(() => page.getByText("Bitte sehen Sie in Ihr Postfach.").count()).toBe(1);
  await screenshot(page, `${shot}-link-sent`);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Entwicklungs-Postfach" }).click();
  await expect.poll(() => h1(page)).toBe("Entwicklungs-Postfach");
  const href = await newestMailLink(page, email, before);
  await screenshot(page, `${shot}-mailbox`);
  await expectNoAxeViolations(page);
  await page.goto(href);
}

describe("sign-in through the dev mailbox", () => {
  it("organiser: signs in, sees the role, edits an institution, signs out", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, "koordination@kinderschutz-bad-kreuznach.example", "organiser");
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Mein Konto");
      expect(await page.getByRole("main").textContent()).toContain("Netzwerkkoordination");
      await screenshot(page, "organiser-account");
      await expectNoAxeViolations(page);

      await page.goto(new URL("/kinderschutzcluster-9/verzeichnis", page.url()).href);
      await expect.poll(() => page.getByRole("link", { name: "Einrichtung hinzufügen" }).count()).toBe(1);
      await page.goto(new URL("/kinderschutzcluster-9/verzeichnis/inst-jugendamt-kh/bearbeiten", page.url()).href);
      await expect.poll(() => h1(page)).toContain("Bearbeiten");
      expect(await page.getByLabel("Name", { exact: true }).first().count()).toBe(1);
      // The Leitbild form shows the stored signing date, not today's (issue 16, item 6).
      await expect.poll(() => page.getByLabel("Unterzeichnet am").inputValue()).toBe("2025-03-12");
      await page.getByLabel("Angebote").fill("Beratung nach § 8a SGB VIII – geändert im Browsertest.");
      await page.getByRole("button", { name: "Speichern" }).click();
      await expect.poll(() => page.getByText("Gespeichert.").count()).toBeGreaterThan(0);
      await screenshot(page, "organiser-edit");
      await expectNoAxeViolations(page);

      await page.goto(new URL("/konto", page.url()).href);
      // Other tests' sessions of the organiser are listed too, each with its own button.
      await page.locator("section .actions").getByRole("button", { name: "Abmelden", exact: true }).click();
      await expect.poll(() => h1(page)).toBe("Anmelden");
      await expect.poll(() => page.getByRole("link", { name: "Anmelden" }).count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it("institution contact: edits its own institution, not another one", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, "k.wendelin@familienzentrum-kh.example", "contact");
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Mein Konto");
      const own = page.getByRole("main").locator('a[href*="/verzeichnis/"]').first();
      const ownHref = await own.getAttribute("href");
      expect(ownHref).toMatch(/^\/kinderschutzcluster-9\/verzeichnis\//);
      await page.goto(new URL(`${ownHref}/bearbeiten`, page.url()).href);
      await expect.poll(() => h1(page)).toContain("Bearbeiten");
      // A contact edits the profile only: no name, profession or municipality fields.
      expect(await page.getByLabel("Profession").count()).toBe(0);
      await page.getByLabel("Erreichbarkeit (Zeiten, ÖPNV, Barrierefreiheit)").fill("Mo–Fr 7:00–16:30 Uhr, Bus 201.");
      await page.getByRole("button", { name: "Speichern" }).click();
      await expect.poll(() => page.getByText("Gespeichert.").count()).toBeGreaterThan(0);
      await page.getByLabel("Name", { exact: true }).fill("Ansprechperson Test");
      await page.getByLabel("E-Mail", { exact: true }).fill("test.person@familienzentrum-kh.example");
      await page.getByRole("button", { name: "Ansprechperson hinzufügen" }).click();
      await expect.poll(() => page.getByText("Ansprechperson Test").count()).toBe(1);
      // A contact person can be changed, not only removed (issue 16, item 6).
      await page.getByRole("button", { name: "Ansprechperson Test ändern" }).click();
      await expect.poll(() => page.getByLabel("Name", { exact: true }).inputValue()).toBe("Ansprechperson Test");
      await page.getByLabel("Funktion", { exact: true }).fill("Kita-Leitung");
      await page.getByRole("button", { name: "Änderung speichern" }).click();
      await expect.poll(() => page.getByText("Ansprechperson Test · Kita-Leitung").count()).toBe(1);
      await expect.poll(() => page.getByRole("button", { name: "Ansprechperson hinzufügen" }).count()).toBe(1);
      await screenshot(page, "contact-edit");
      await expectNoAxeViolations(page);

      await page.goto(new URL("/kinderschutzcluster-9/verzeichnis/inst-jugendamt-kh/bearbeiten", page.url()).href);
      await expect.poll(() => page.getByText("Diese Einrichtung dürfen Sie nicht bearbeiten.").count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it("participant without an account: gets a personal link and sees the registration", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, "fachkraft@kita-regenbogen.example", "participant");
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Meine Anmeldung");
      await expect.poll(() => page.getByText("Platz bestätigt").count()).toBe(1);
      expect(await page.getByRole("main").textContent()).toContain("Qualitätsentwicklungswerkstatt");
      await screenshot(page, "participant");
      await expectNoAxeViolations(page);
    } finally {
      await page.close();
    }
  });
});
