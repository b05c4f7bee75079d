// Feedback end to end: the organiser builds a form from the standard template for a past session
// of the demo series and opens it; five participants who were present answer on a phone-sized
// page (one from the personal page, four from the QR page, which mails them a link of their own:
// a ticket code is no credential); the results page says "hidden" before the fifth response and
// shows charts with their tables after it.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  askForLinks,
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
const SERIES = "evt-werkstattreihe-fh";
/** Present at the series' first session (demo data); the first answers from the personal page. */
const FIRST_PERSON = { email: "birgit.hollmann@jugendamt-kh.example" };
const OTHERS = [
  "cem.aydin@polizei-kh.example",
  "doerte.brandl@hebammen-kh.example",
  "emil.kaestner@kinderarztpraxis-kh.example",
  "farah.nasser@kita-sonnenhof-kh.example",
];

const url = (path: string) => new URL(path, baseURL()).href;
const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();

/** The participant's personal link, as the sign-in page mails it. */
async function personalToken(email: string): Promise<string> {
  await askForLinks(email);
  const mailbox = (await (await fetch(url(`/api/dev/mailbox?to=${encodeURIComponent(email)}`))).json()) as {
    items: { text: string }[];
  };
  for (const mail of mailbox.items) {
    const token = /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no personal link for ${email}`);
}

/** The newest link for answering `formId` in the mailbox of `email`, or undefined. */
async function mailedLink(email: string, formId: string): Promise<string | undefined> {
  const mailbox = (await (await fetch(url(`/api/dev/mailbox?to=${encodeURIComponent(email)}`))).json()) as {
    items: { text: string }[];
  };
  const links = mailbox.items.flatMap((m) => {
    const match = new RegExp(`/rueckmeldung/${formId}#k=[A-Za-z0-9_-]+`).exec(m.text);
    return match ? [match[0]] : [];
  });
  return links[0];
}

async function onPhone(path: string): Promise<E2EPage> {
  const page = await openPage(browser, "/kinderschutzcluster-9");
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url(path), { waitUntil: "networkidle" });
  return page;
}

/** Fills in the standard template on the answer page: every scale, the choices and a text. */
async function fillIn(page: E2EPage, scale: number, text: string) {
  const questions = page.locator(".feedback-question");
  await expect.poll(() => questions.count(), { timeout: 10_000 }).toBe(7);
  for (let i = 0; i < 4; i++)
    await questions
      .nth(i)
      .locator(".scale-option")
      .nth(scale - 1)
      .click();
  await questions.nth(4).getByLabel("Austausch mit anderen Professionen").check();
  await questions.nth(5).getByLabel("Eher ja").check();
  await questions.nth(6).locator("textarea").fill(text);
}

describe("feedback", () => {
  let organiser: E2EPage;
  let builderUrl = "";

  afterAll(async () => {
    await organiser?.close();
  });

  it("the organiser builds a form from the template, reorders, previews and opens it", async () => {
    organiser = await openPage(browser, "/kinderschutzcluster-9");
    const page = organiser;
    await signInThroughMailbox(page, ORGANISER);
    await page.goto(url(`/kinderschutzcluster-9/veranstaltungen/${SERIES}/platzvergabe`), { waitUntil: "networkidle" });
    const link = page.getByRole("link", { name: "Rückmeldebögen" });
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
    await link.click();
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Rückmeldebögen");
    // The demo series has its three evaluated workshops.
    await expect.poll(() => page.locator(".feedback-form-list li").count()).toBe(3);
    await expectNoAxeViolations(page);
    await screenshot(page, "feedback-forms");

    await page.getByLabel("Für").selectOption("ses-fh-1");
    await page.getByRole("button", { name: "Bogen anlegen" }).click();
    await expect.poll(() => page.locator(".builder-question").count(), { timeout: 10_000 }).toBe(7);
    builderUrl = page.url();

    // Reorder by keyboard: question 2 moves down, and the focus stays with it.
    await page.getByRole("button", { name: "Frage 2 nach unten" }).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator(".builder-question").nth(2).locator("textarea").first().inputValue())
      .toMatch(/relevant/);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Frage 3 nach unten");
    await page.getByRole("button", { name: "Fragen speichern" }).click();
    await expect.poll(() => page.locator(".page-status .notice-ok").textContent()).toBe("Gespeichert.");
    // The preview shows the form as participants see it.
    await expect.poll(() => page.locator(".feedback-preview .feedback-question").count()).toBe(7);
    await expectNoAxeViolations(page);
    await screenshot(page, "feedback-builder");

    await page.getByRole("button", { name: "Bogen öffnen" }).click();
    await expect
      .poll(() => page.locator(".page-status .notice-ok").textContent())
      .toBe("Der Bogen ist geöffnet und nimmt Antworten an.");
    await expect.poll(() => page.getByRole("img", { name: "QR-Code zum Rückmeldebogen" }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, "feedback-builder-open");
    expectCleanPage(page);
  });

  it("five people who were there answer on a phone; results stay hidden until the fifth", async () => {
    const formId = builderUrl.split("/").at(-1)!;
    const resultsUrl = `${builderUrl}/ergebnisse`;

    // 1: from the personal page.
    const token = await personalToken(FIRST_PERSON.email);
    const first = await onPhone(`/teilnahme#t=${token}`);
    try {
      const give = first.getByRole("link", { name: "Rückmeldung geben" });
      await expect.poll(() => give.count(), { timeout: 10_000 }).toBe(1);
      await give.click();
      await fillIn(first, 5, "Sehr gute Fallbeispiele.");
      await expectNoAxeViolations(first);
      await screenshot(first, "feedback-answer-375");
      await first.getByRole("button", { name: "Rückmeldung absenden" }).click();
      await expect
        .poll(() => first.locator(".feedback-thanks").textContent(), { timeout: 10_000 })
        .toContain("Vielen Dank");
      await expectNoAxeViolations(first);
      // The page is no wider than the phone.
      expect(await first.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expectCleanPage(first);
    } finally {
      await first.close();
    }

    // 2–5: from the QR code on the last slide, which mails each a link of their own.
    for (const [i, email] of OTHERS.entries()) {
      if (i === 3) {
        // Before the fifth response: the results are hidden, and say how many answered.
        await organiser.goto(url(resultsUrl), { waitUntil: "networkidle" });
        await expect
          .poll(() => organiser.locator(".results-hidden").textContent(), { timeout: 10_000 })
          .toContain("4 von mindestens 5");
        // No figures of this form; the trend of the other sessions has its own minimum per point.
        expect(await organiser.locator(".result-question").count()).toBe(0);
        await expectNoAxeViolations(organiser);
        await screenshot(organiser, "feedback-results-hidden");
      }
      const qr = await onPhone(`/rueckmeldung/${formId}`);
      try {
        if (i === 0) {
          // Without an address nothing is sent, and the field says why.
          await qr.getByRole("button", { name: "Link schicken" }).click();
          await expect
            .poll(() => qr.locator("#feedback-email-error").textContent())
            .toBe("Bitte geben Sie Ihre E-Mail-Adresse ein.");
          await expectNoAxeViolations(qr);
          await screenshot(qr, "feedback-link-request-375");
        }
        await qr.getByLabel("Ihre E-Mail-Adresse").fill(email);
        await qr.getByRole("button", { name: "Link schicken" }).click();
        await expect
          .poll(() => qr.locator(".feedback-link-sent").textContent(), { timeout: 10_000 })
          .toContain("unterwegs");
        if (i === 0) await expectNoAxeViolations(qr);
      } finally {
        await qr.close();
      }
      await expect.poll(() => mailedLink(email, formId), { timeout: 10_000 }).toBeTruthy();
      const page = await onPhone((await mailedLink(email, formId))!);
      try {
        if (i === 0) {
          // A missing required answer is named, nothing is sent.
          await expect.poll(() => page.locator(".feedback-question").count(), { timeout: 10_000 }).toBe(7);
          await page.getByRole("button", { name: "Rückmeldung absenden" }).click();
          await expect
            .poll(() => page.locator(".feedback-problem").textContent())
            .toContain("Bitte beantworten Sie die markierten Pflichtfragen.");
          await expectNoAxeViolations(page);
          await screenshot(page, "feedback-answer-errors-375");
        }
        await fillIn(page, 3 + (i % 3), `Rückmeldung ${i + 2}`);
        await page.getByRole("button", { name: "Rückmeldung absenden" }).click();
        await expect
          .poll(() => page.locator(".feedback-thanks").textContent(), { timeout: 10_000 })
          .toContain("Vielen Dank");
      } finally {
        await page.close();
      }
    }

    // The link a second time: the page says it was answered, and offers no form.
    const again = await onPhone((await mailedLink(OTHERS[0], formId))!);
    try {
      await expect
        .poll(() => again.locator(".feedback-answer .notice-ok").textContent(), { timeout: 10_000 })
        .toContain("bereits ausgefüllt");
      expect(await again.locator(".feedback-question").count()).toBe(0);
    } finally {
      await again.close();
    }

    // After the fifth: charts with their tables, the texts, the trend, the CSV link.
    await organiser.goto(url(resultsUrl), { waitUntil: "networkidle" });
    await expect
      .poll(() => organiser.locator(".result-count").textContent(), { timeout: 10_000 })
      .toContain("5 Rückmeldungen");
    expect(await organiser.locator(".results-hidden").count()).toBe(0);
    await expect.poll(() => organiser.locator(".result-question canvas[role=img]").count()).toBe(6);
    expect(await organiser.locator(".result-question table").count()).toBe(6);
    expect(await organiser.locator(".free-texts li").allTextContents()).toEqual([
      "Rückmeldung 2",
      "Rückmeldung 3",
      "Rückmeldung 4",
      "Rückmeldung 5",
      "Sehr gute Fallbeispiele.",
    ]);
    await expect.poll(() => organiser.locator(".trend-item").count()).toBe(4);
    expect(await organiser.getByRole("link", { name: "Ergebnisse als CSV (Excel)" }).count()).toBe(1);
    await expectNoAxeViolations(organiser);
    await screenshot(organiser, "feedback-results");
    await organiser.setViewportSize({ width: 375, height: 800 });
    await organiser.reload({ waitUntil: "networkidle" });
    await expect.poll(() => organiser.locator(".result-question canvas").count(), { timeout: 10_000 }).toBe(6);
    await expect
      .poll(() => organiser.evaluate(() => document.documentElement.scrollWidth), { timeout: 5_000 })
      .toBeLessThanOrEqual(375);
    await screenshot(organiser, "feedback-results-375");
    await organiser.setViewportSize({ width: 1280, height: 800 });
    expectCleanPage(organiser);
  });
});
