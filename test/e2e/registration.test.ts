// An institution contact registers colleagues: within the quota, onto the waiting list, swaps one, cancels one,
// and the form works with the keyboard alone. Axe, a clean console and screenshots (desktop and phone) in each state.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type E2EPage,
  expectCleanPage,
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

const CONTACT = "k.wendelin@familienzentrum-kh.example";
const EVENT = "evt-qe-werkstatt";
const run = Date.now();
const person = (name: string) => ({
  name: `${name} ${run}`,
  email: `${name.toLowerCase().replace(/\W+/g, ".")}.${run}@kita-regenbogen.example`,
});

const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();

/** Leaving a page mid-load aborts what it was still fetching (e.g. the favicon): not a problem of any page. */
const forgetAborted = (page: E2EPage) => {
  page.failedRequests = page.failedRequests.filter((r) => !r.endsWith("net::ERR_ABORTED"));
};

async function goto(page: E2EPage, path: string) {
  await page.goto(new URL(path, page.url()).href, { waitUntil: "networkidle" });
  forgetAborted(page);
}

/** Screenshots at desktop and phone width, axe and a clean page, then back to the desktop width. */
async function checkPage(page: E2EPage, name: string) {
  await screenshot(page, `${name}-1280`);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, `${name}-375`);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  expectCleanPage(page);
}

/** Requests a link on the sign-in page and follows the newest link mailed to `email` in the dev mailbox. */
async function signInThroughMailbox(page: E2EPage, email: string) {
  await page.goto(new URL("/anmelden", page.url()).href);
  await expect.poll(() => h1(page)).toBe("Anmelden");
  const before = await newestMailId(email);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Anmeldelink senden" }).click();
  await expect.poll(() => page.getByText("Bitte sehen Sie in Ihr Postfach.").count()).toBe(1);
  await page.getByRole("link", { name: "Entwicklungs-Postfach" }).click();
  await expect.poll(() => h1(page)).toBe("Entwicklungs-Postfach");
  await page.goto(await newestMailLink(page, email, before));
  await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Mein Konto");
  forgetAborted(page);
}

/** Ends this browser's session, so that later tests see only their own sessions on the account page. */
async function signOut(page: E2EPage) {
  await goto(page, "/konto");
  await page.locator("section .actions").getByRole("button", { name: "Abmelden", exact: true }).click();
  await expect.poll(() => h1(page)).toBe("Anmelden");
}

const row = (page: E2EPage, name: string) => page.locator("table.registrations > tbody").filter({ hasText: name });
const submitButton = (page: E2EPage) => page.locator("form[aria-labelledby='register-title'] button[type='submit']");
const formStatus = (page: E2EPage) => page.locator("form[aria-labelledby='register-title'] [role='status']");
const quotaSentence = (page: E2EPage) => page.locator(".quota-sentence").textContent();

/** Registers one person through the form with the mouse and waits for the result. */
async function registerWithMouse(page: E2EPage, who: { name: string; email: string }) {
  await page.getByLabel("Name", { exact: true }).fill(who.name);
  await page.getByLabel("Dienstliche E-Mail-Adresse").fill(who.email);
  await page.getByLabel(/Die Datenschutzhinweise habe ich zur Kenntnis genommen/).check();
  await submitButton(page).click();
  await expect.poll(() => formStatus(page).textContent(), { timeout: 10_000 }).toContain(who.name);
}

describe("registering colleagues as an institution contact", () => {
  it("visitors see the events page without any failed request and no registration line", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/veranstaltungen");
    try {
      await expect.poll(() => page.locator(`#${EVENT}`).count(), { timeout: 10_000 }).toBe(1);
      expect(await page.locator(".invitation-lines").count()).toBe(0);
      expectCleanPage(page);

      // The registration page itself asks visitors to sign in, without errors.
      await goto(page, `/kinderschutzcluster-9/veranstaltungen/${EVENT}/anmelden`);
      await expect.poll(() => h1(page)).toBe("Qualitätsentwicklungswerkstatt Kinderschutz 2027");
      await expect.poll(() => page.getByRole("main").getByRole("link", { name: "Anmelden" }).count()).toBe(1);
      await checkPage(page, "registration-visitor");
    } finally {
      await page.close();
    }
  });

  it("registers within the quota by keyboard, then onto the waiting list, swaps and cancels", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    const first = person("Mila Keyboard");
    const second = person("Noah Warteliste");
    const colleague = person("Ela Tausch");
    try {
      await signInThroughMailbox(page, CONTACT);

      // The home page lists the invitations where registering is open.
      await goto(page, "/kinderschutzcluster-9");
      const invitations = page.locator("section.your-invitations");
      await expect.poll(() => invitations.count(), { timeout: 10_000 }).toBe(1);
      expect(await invitations.getByRole("heading", { level: 2 }).textContent()).toBe("Ihre Einladungen");
      expect(await invitations.textContent()).toContain("Qualitätsentwicklungswerkstatt Kinderschutz 2027");
      await screenshot(page, "registration-home-contact");
      await expectNoAxeViolations(page);
      expectCleanPage(page);

      // The events page shows the institution's places and the way to register.
      await goto(page, "/kinderschutzcluster-9/veranstaltungen");
      const card = page.locator(`#${EVENT}`);
      await expect
        .poll(() => card.locator(".invitation-lines").textContent(), { timeout: 10_000 })
        .toContain("Kita Regenbogen");
      expect(await card.locator(".invitation-lines").textContent()).toMatch(
        /Kontingent 2 · vergeben \d · noch frei \d/,
      );
      await screenshot(page, "registration-events-contact");
      await expectNoAxeViolations(page);
      expectCleanPage(page);
      await card.getByRole("link", { name: /Kolleg_innen anmelden/ }).click();

      // The page: event, phase, quota summary and the demo registration already there.
      await expect.poll(() => h1(page)).toBe("Qualitätsentwicklungswerkstatt Kinderschutz 2027");
      expect(new URL(page.url()).pathname).toBe(`/kinderschutzcluster-9/veranstaltungen/${EVENT}/anmelden`);
      expect(new URL(page.url()).searchParams.get("institution")).toBe("inst-kita-regenbogen-kh");
      await expect.poll(() => page.locator(".phase").textContent()).toMatch(/^Kontingentphase bis /);
      await expect.poll(() => quotaSentence(page)).toMatch(/^\d von 2 Plätzen Ihres Kontingents vergeben$/);
      // The demo data holds one confirmed registration (Jona Beispiel), so one place is free. Should other tests
      // have changed that, fill up to exactly one free place: the next registration is the last within the quota.
      let free = Number(await page.locator(".stat-free dd").textContent());
      expect(free, "a place of the quota is free").toBeGreaterThan(0);
      for (let i = 1; free > 1; i++) {
        await registerWithMouse(page, person(`Vorab ${i}`));
        await expect.poll(() => page.locator(".stat-free dd").textContent()).toBe(String(free - 1));
        free -= 1;
      }
      await expect.poll(() => quotaSentence(page)).toBe("1 von 2 Plätzen Ihres Kontingents vergeben");
      if ((await row(page, "Jona Beispiel").count()) > 0)
        expect(await row(page, "Jona Beispiel").textContent()).toContain("Platz bestätigt");
      expect(await submitButton(page).textContent()).toBe("Verbindlich anmelden");
      expect(await page.title()).toBe(
        "Kolleg_innen anmelden: Qualitätsentwicklungswerkstatt Kinderschutz 2027 – NetzWerkstatt",
      );
      await checkPage(page, "registration-start");

      // Keyboard only: submitting the empty form marks the fields and moves focus to the first error.
      await page.getByLabel("Name", { exact: true }).focus();
      await page.keyboard.press("Shift+Tab");
      let onSubmit = false;
      for (let i = 0; i < 20 && !onSubmit; i++) {
        await page.keyboard.press("Tab");
        onSubmit = await page.evaluate(() => document.activeElement?.getAttribute("type") === "submit");
      }
      expect(onSubmit, "the submit button is reachable by Tab").toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("reg-name");
      expect(await page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#reg-name-error").textContent()).toBe("Bitte geben Sie den Namen der Person an.");
      expect(await page.locator("#reg-privacyAcknowledged-error").count()).toBe(1);
      await checkPage(page, "registration-errors");

      // …then fills every field with the keyboard and sends with Enter.
      await page.keyboard.type(first.name);
      await page.keyboard.press("Tab");
      await page.keyboard.type(first.email);
      await page.keyboard.press("Tab");
      await page.keyboard.type("Erzieherin");
      await page.keyboard.press("Tab");
      await page.keyboard.type("Stufenloser Zugang");
      await page.keyboard.press("Tab"); // the privacy notice: opens with Enter
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("details.privacy-notice").getAttribute("open")).not.toBeNull();
      expect(await page.locator("details.privacy-notice").textContent()).toContain("Kreisverwaltung Bad Kreuznach");
      // The event's own legal basis and retention period follow the network's notice.
      expect(await page.locator("details.privacy-notice").textContent()).toContain(
        "Rechtsgrundlage für diese Veranstaltung: Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 KKG",
      );
      expect(await page.locator("details.privacy-notice").textContent()).toContain(
        "Die Daten werden 12 Monate nach dem letzten Termin gelöscht.",
      );
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("reg-privacyAcknowledged");
      await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Verbindlich anmelden");
      await page.keyboard.press("Enter");
      await expect
        .poll(() => formStatus(page).textContent(), { timeout: 10_000 })
        .toContain(`${first.name} ist verbindlich angemeldet`);
      await expect.poll(() => row(page, first.name).count()).toBe(1);
      expect(await row(page, first.name).textContent()).toContain("Platz bestätigt");
      expect(await row(page, first.name).textContent()).toContain("Platz im Kontingent der Einrichtung");

      // The quota is used up: the button says what will happen now.
      await expect.poll(() => quotaSentence(page)).toBe("2 von 2 Plätzen Ihres Kontingents vergeben");
      await expect.poll(() => submitButton(page).textContent()).toBe("Auf die Warteliste setzen");
      expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("");
      await checkPage(page, "registration-quota-used");

      // Beyond the quota: the waiting list.
      await page.getByLabel("Name", { exact: true }).fill(second.name);
      await page.getByLabel("Dienstliche E-Mail-Adresse").fill(second.email);
      await page.getByLabel("Funktion").fill("Kinderpfleger");
      await page.getByLabel(/Die Datenschutzhinweise habe ich zur Kenntnis genommen/).check();
      await submitButton(page).click();
      await expect.poll(() => formStatus(page).textContent(), { timeout: 10_000 }).toContain("Warteliste");
      expect(await formStatus(page).textContent()).toContain(second.name);
      await expect.poll(() => row(page, second.name).count()).toBe(1);
      expect(await row(page, second.name).locator(".badge").textContent()).toBe("Warteliste");
      expect(await row(page, second.name).textContent()).toContain("Kontingent der Einrichtung ausgeschöpft");
      await expect.poll(() => page.locator(".stat-waiting dd").textContent()).toBe("1");

      // The same person twice is refused at the e-mail field.
      await page.getByLabel("Name", { exact: true }).fill(second.name);
      await page.getByLabel("Dienstliche E-Mail-Adresse").fill(second.email);
      await page.getByLabel(/Die Datenschutzhinweise habe ich zur Kenntnis genommen/).check();
      await submitButton(page).click();
      await expect
        .poll(() => page.locator("#reg-email-error").textContent(), { timeout: 10_000 })
        .toBe("Diese Person ist zu der Veranstaltung bereits angemeldet.");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("reg-email");
      expect(await row(page, second.name).count()).toBe(1);
      // That refusal was the server's 409 on purpose; anything else still counts as a problem.
      const refused = page.failedRequests.filter((r) => r.includes(`/api/events/${EVENT}/registrations: HTTP 409`));
      expect(refused).toHaveLength(1);
      page.failedRequests = page.failedRequests.filter((r) => !refused.includes(r));
      const logged = page.consoleErrors.filter((e) => e.includes("status of 409 (Conflict)"));
      expect(logged.length).toBeLessThanOrEqual(1);
      page.consoleErrors = page.consoleErrors.filter((e) => !logged.includes(e));
      await checkPage(page, "registration-waitlist");

      // Swap: the first delegate's place goes to a colleague, still confirmed.
      await row(page, first.name)
        .getByRole("button", { name: `Person tauschen: ${first.name}` })
        .click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^swap-.+-name$/);
      const swap = page.locator("form.inline-panel");
      await swap.getByLabel("Name", { exact: true }).fill(colleague.name);
      await swap.getByLabel("Dienstliche E-Mail-Adresse").fill(colleague.email);
      await swap.getByLabel("Die Datenschutzhinweise habe ich der neuen Person weitergegeben.").check();
      await checkPage(page, "registration-swap-form");
      await swap.getByRole("button", { name: "Platz übergeben" }).click();
      await expect
        .poll(() => page.locator(".page-status").textContent(), { timeout: 10_000 })
        .toBe(`Der Platz von ${first.name} gehört jetzt ${colleague.name}.`);
      await expect.poll(() => row(page, colleague.name).count()).toBe(1);
      expect(await row(page, first.name).count()).toBe(0);
      expect(await row(page, colleague.name).locator(".badge").textContent()).toBe("Platz bestätigt");
      expect(await quotaSentence(page)).toBe("2 von 2 Plätzen Ihres Kontingents vergeben");

      // The history tells what happened and why.
      await row(page, colleague.name)
        .getByRole("button", { name: `Verlauf: ${colleague.name}` })
        .click();
      const history = row(page, colleague.name).locator("ol.history");
      await expect.poll(() => history.locator("li").count(), { timeout: 10_000 }).toBe(2);
      expect(await history.locator("li").first().textContent()).toContain("Angemeldet");
      expect(await history.locator("li").first().textContent()).toContain("Platz im Kontingent der Einrichtung");
      expect(await history.locator("li").nth(1).textContent()).toContain("Person getauscht");
      await checkPage(page, "registration-history");

      // Cancel, with an inline confirmation step: the place passes to the waiting colleague.
      await row(page, colleague.name)
        .getByRole("button", { name: `Abmelden: ${colleague.name}` })
        .click();
      const confirm = row(page, colleague.name).locator(".confirm-panel");
      await expect.poll(() => confirm.count()).toBe(1);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toContain(`${colleague.name} wirklich abmelden?`);
      await checkPage(page, "registration-cancel-confirm");
      await confirm.getByRole("button", { name: "Nein, angemeldet lassen" }).click();
      await expect.poll(() => confirm.count()).toBe(0);
      await row(page, colleague.name)
        .getByRole("button", { name: `Abmelden: ${colleague.name}` })
        .click();
      await row(page, colleague.name).getByRole("button", { name: "Ja, abmelden" }).click();
      await expect
        .poll(() => page.locator(".page-status").textContent(), { timeout: 10_000 })
        .toBe(`${colleague.name} ist abgemeldet.`);
      await expect.poll(() => row(page, colleague.name).locator(".badge").textContent()).toBe("Abgemeldet");
      expect(
        await row(page, colleague.name)
          .getByRole("button", { name: /Abmelden/ })
          .count(),
      ).toBe(0);
      // Before the quota deadline the freed place stays with the institution: the waiting colleague moves up.
      await expect
        .poll(() => row(page, second.name).locator(".badge").textContent(), { timeout: 10_000 })
        .toMatch(/^Platz (angeboten|bestätigt)$/);
      expect(await row(page, second.name).textContent()).toContain("Im Kontingent der Einrichtung ist ein Platz frei");
      await row(page, second.name)
        .getByRole("button", { name: `Verlauf: ${second.name}` })
        .click();
      await expect
        .poll(() => row(page, second.name).locator("ol.history li").nth(1).textContent(), { timeout: 10_000 })
        .toMatch(/Platz \d+ (angeboten|erhalten)/);
      await checkPage(page, "registration-after-cancel");
      await signOut(page);
    } finally {
      await page.close();
    }
  });

  it("organisers choose any invited institution on the same page", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, "koordination@kinderschutz-bad-kreuznach.example");
      await goto(page, `/kinderschutzcluster-9/veranstaltungen/${EVENT}/anmelden?institution=inst-hebammen-kh`);
      const select = page.getByLabel("Einrichtung", { exact: true });
      await expect.poll(() => select.count(), { timeout: 10_000 }).toBe(1);
      expect(await select.locator("option").count()).toBeGreaterThan(10);
      expect(await select.inputValue()).toBe("inst-hebammen-kh");
      await expect.poll(() => quotaSentence(page)).toMatch(/^\d von 2 Plätzen des Kontingents vergeben$/);
      await select.selectOption("inst-kita-regenbogen-kh");
      await expect.poll(() => new URL(page.url()).searchParams.get("institution")).toBe("inst-kita-regenbogen-kh");
      await expect.poll(() => page.locator(".quota-card h2").textContent()).toContain("Kita Regenbogen");
      await checkPage(page, "registration-organiser");
      await signOut(page);
    } finally {
      await page.close();
    }
  });
});
