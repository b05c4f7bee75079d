// The organiser's side of events: the editor (new, save as draft, publish, cancel), the allocation board with its
// figures, decision log and overrides, and the entry points on the events page. Axe, a clean console and screenshots
// (desktop and phone) in each state; the session rows are added and removed with the keyboard.
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
const DEMO_EVENT = "evt-qe-werkstatt";
const CONFERENCE = "evt-netzwerkkonferenz";
const MIDWIVES = "inst-hebammen-kh";
const MIDWIVES_NAME = "Hebammennetzwerk Nahe – Familienhebammen";
const run = Date.now();
const TITLE = `Werkstatt Frühe Hilfen ${run}`;

/** A calendar day `offset` days from today, as a date input wants it. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();
const activeId = (page: E2EPage) => page.evaluate(() => document.activeElement?.id ?? "");
const activeLabel = (page: E2EPage) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
const pageStatus = (page: E2EPage) => page.locator(".page-status").textContent();

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

/** Registers a delegate through the API with the page's session, as the registration page would. */
async function register(page: E2EPage, eventId: string, body: Record<string, unknown>) {
  const answer = await page.evaluate(
    async ([eventId, body]) => {
      const response = await fetch(`/api/events/${eventId}/registrations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ privacyAcknowledged: true, ...body }),
      });
      return { status: response.status, body: (await response.json()) as { id: string; status: string } };
    },
    [eventId, body] as const,
  );
  expect(answer.status).toBe(201);
  return answer.body;
}

const go = (page: E2EPage, path: string) => page.goto(new URL(path, page.url()).href, { waitUntil: "networkidle" });
const session = (page: E2EPage, n: number) => page.getByRole("group", { name: `Termin ${n}`, exact: true });

describe("the organiser's side of events", () => {
  it("visitors are asked to sign in on the editor and the board", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9/veranstaltungen/neu");
    try {
      await expect.poll(() => h1(page)).toBe("Neue Veranstaltung");
      await expect
        .poll(() => page.getByText("Bitte melden Sie sich als Netzwerkkoordination an").count())
        .toBeGreaterThan(0);
      await checkPage(page, "organiser-new-visitor");
      await go(page, `/kinderschutzcluster-9/veranstaltungen/${DEMO_EVENT}/platzvergabe`);
      await expect.poll(() => h1(page)).toBe("Platzvergabe");
      expect(await page.locator("table").count()).toBe(0);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });

  it("creates an event with two sessions, invites by sector, saves, publishes, opens the board and cancels", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, ORGANISER);

      // The events page: a way to create, drafts and cancelled events, links per event.
      await go(page, "/kinderschutzcluster-9/veranstaltungen");
      const demoCard = page.locator(`#${DEMO_EVENT}`);
      await expect
        .poll(() => demoCard.locator(".badge-status").textContent(), { timeout: 10_000 })
        .toBe("Veröffentlicht");
      expect(await demoCard.getByRole("link", { name: /^Platzvergabe/ }).count()).toBe(1);
      expect(await demoCard.getByRole("link", { name: /^Bearbeiten/ }).count()).toBe(1);
      await checkPage(page, "organiser-events");
      await page.getByRole("link", { name: "Neue Veranstaltung" }).click();
      await expect.poll(() => h1(page)).toBe("Neue Veranstaltung");
      await expect.poll(() => page.getByLabel("Titel", { exact: true }).count(), { timeout: 10_000 }).toBe(1);
      await checkPage(page, "organiser-event-new");

      // Saving the empty form marks the fields and moves focus to the first error.
      await page.getByRole("button", { name: "Als Entwurf speichern" }).click();
      await expect.poll(() => activeId(page)).toBe("ev-title");
      expect(await page.locator("#ev-title").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#ev-title").getAttribute("aria-describedby")).toBe("ev-title-error");
      expect(await page.locator("#ev-title-error").textContent()).toBe("Bitte geben Sie einen Titel an.");
      await checkPage(page, "organiser-event-new-errors");

      await page.getByLabel("Art der Veranstaltung").selectOption("workshop");
      await page.getByLabel("Titel", { exact: true }).fill(TITLE);
      await page
        .getByLabel(/^Beschreibung/)
        .first()
        .fill("Zwei Termine zu Übergängen zwischen Geburtsklinik und Kita.");
      await page.getByLabel(/^Name des Ortes/).fill("Haus der Familie, Bad Kreuznach");
      await page.getByLabel(/^Anschrift/).fill("Kurhausstraße 6, 55543 Bad Kreuznach");
      await session(page, 1).getByLabel("Datum").fill(day(60));
      await session(page, 1).getByLabel("Beginn").fill("09:00");
      await session(page, 1).getByLabel("Ende").fill("13:00");
      await session(page, 1)
        .getByLabel(/^Titel des Termins/)
        .fill("Auftakt");

      // Keyboard only: add a second and a third session row, remove the third again.
      await page.getByRole("button", { name: "Termin hinzufügen" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => session(page, 2).count()).toBe(1);
      await expect.poll(async () => (await activeId(page)).endsWith("-date")).toBe(true);
      expect(
        await session(page, 2)
          .getByLabel("Datum")
          .evaluate((el) => el === document.activeElement),
      ).toBe(true);
      await session(page, 2).getByLabel("Datum").fill(day(90));
      await session(page, 2).getByLabel("Beginn").fill("09:30");
      await session(page, 2).getByLabel("Ende").fill("12:30");
      await page.getByRole("button", { name: "Termin hinzufügen" }).focus();
      await page.keyboard.press("Space");
      await expect.poll(() => session(page, 3).count()).toBe(1);
      let onRemove = false;
      for (let i = 0; i < 30 && !onRemove; i++) {
        await page.keyboard.press("Tab");
        onRemove = (await activeLabel(page)) === "Termin 3 entfernen";
      }
      expect(onRemove, "the remove button of the new row is reachable by Tab").toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => session(page, 3).count()).toBe(0);
      await expect.poll(() => activeLabel(page)).toBe("Termin 2 entfernen");
      expect(await session(page, 2).getByLabel("Datum").inputValue()).toBe(day(90));

      await page.getByLabel("Plätze insgesamt").fill("30");
      await page.getByLabel("Kontingent je Einrichtung").fill("2");
      await page.getByLabel("Anmeldung ab").fill(`${day(-1)}T08:00`);
      await page.getByLabel("Kontingentfrist", { exact: true }).fill(`${day(20)}T18:00`);
      await page.getByLabel("Anmeldeschluss").fill(`${day(40)}T18:00`);

      // Invitation by sector, and an override that commits more places than there are.
      await page.getByLabel("Einrichtungen bestimmter Professionen").check();
      await page.getByLabel(/^Hebammen \/ Familienhebammen/).check();
      await page.getByLabel(/^Kindertagesstätte \(Kita\)/).check();
      await expect.poll(() => page.getByLabel(`Kontingent für ${MIDWIVES_NAME}`).count()).toBe(1);
      expect(await page.locator(".over-commitment").count()).toBe(0);
      await page.getByLabel(`Kontingent für ${MIDWIVES_NAME}`).fill("40");
      await expect.poll(() => page.locator(".over-commitment").count()).toBe(1);
      expect(await page.locator(".over-commitment").textContent()).toContain("Mehr Plätze zugesagt als vorhanden");
      expect(await page.locator(".quota-sum-line").textContent()).toMatch(
        /^Summe der Kontingente: \d+ bei 30 Plätzen$/,
      );
      // Corrected fields lose their error marks.
      expect(await page.locator('.event-form [aria-invalid="true"]').count()).toBe(0);
      await checkPage(page, "organiser-event-new-filled");

      // Saved as a draft: the edit page, with the Berlin times as typed.
      await page.getByRole("button", { name: "Als Entwurf speichern" }).click();
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe(TITLE);
      expect(new URL(page.url()).pathname).toMatch(/^\/kinderschutzcluster-9\/veranstaltungen\/[^/]+\/bearbeiten$/);
      const eventPath = new URL(page.url()).pathname.replace(/\/bearbeiten$/, "");
      expect(await pageStatus(page)).toContain("als Entwurf gespeichert");
      expect(await page.locator(".badge-status").textContent()).toBe("Entwurf");
      expect(await session(page, 1).getByLabel("Beginn").inputValue()).toBe("09:00");
      expect(await session(page, 2).getByLabel("Ende").inputValue()).toBe("12:30");
      expect(await page.getByLabel(`Kontingent für ${MIDWIVES_NAME}`).inputValue()).toBe("40");
      expect(await page.locator(".over-commitment").count()).toBe(1);
      expect(await page.locator(".publish-card").textContent()).toContain("erhalten eine E-Mail");
      await checkPage(page, "organiser-event-draft");

      // Publish: the invitations go out.
      await page.getByRole("button", { name: "Veröffentlichen", exact: true }).click();
      await expect.poll(() => pageStatus(page)).toContain("Die Veranstaltung ist veröffentlicht.");
      expect(await page.locator(".badge-status").textContent()).toBe("Veröffentlicht");
      await checkPage(page, "organiser-event-published");

      // The board of the new event: figures, phase and the over-commitment warning.
      await page.getByRole("link", { name: "Zur Platzvergabe" }).click();
      await expect.poll(() => h1(page)).toBe(TITLE);
      await expect.poll(() => page.locator(".board-stats").textContent()).toContain("Plätze30");
      expect(await page.locator(".phase").textContent()).toMatch(/^Kontingentphase bis /);
      expect(await page.locator(".over-commitment").textContent()).toContain("Mehr Plätze zugesagt als vorhanden");
      expect(await page.getByRole("button", { name: "Umverteilung jetzt starten" }).count()).toBe(1);
      await checkPage(page, "organiser-board-new");

      // Raising the capacity on the board.
      await page.getByLabel("Neue Zahl der Plätze").fill("45");
      await page.getByRole("button", { name: "Kapazität erhöhen" }).click();
      await expect.poll(() => pageStatus(page)).toBe("Die Veranstaltung hat jetzt 45 Plätze.");
      await expect.poll(() => page.locator(".board-stats").textContent()).toContain("Plätze45");

      // Cancelling, with an inline confirmation that says who is notified.
      await go(page, `${eventPath}/bearbeiten`);
      await expect.poll(() => h1(page)).toBe(TITLE);
      await page.getByRole("button", { name: "Absagen", exact: true }).click();
      await expect.poll(() => page.locator("#cancel-confirm").textContent()).toContain("per E-Mail benachrichtigt");
      await expect.poll(() => activeId(page)).toBe("cancel-confirm-question");
      await checkPage(page, "organiser-event-cancel-confirm");
      await page.getByRole("button", { name: "Ja, verbindlich absagen" }).click();
      await expect.poll(() => pageStatus(page)).toContain("Die Veranstaltung ist abgesagt.");
      expect(await page.getByText("Diese Veranstaltung ist abgesagt").count()).toBe(1);
      await checkPage(page, "organiser-event-cancelled");

      await go(page, "/kinderschutzcluster-9/veranstaltungen");
      const card = page.locator(".event-card").filter({ hasText: TITLE });
      await expect.poll(() => card.locator(".badge-status").textContent(), { timeout: 10_000 }).toBe("Abgesagt");
      expect(await card.getByRole("link", { name: /^Bearbeiten/ }).count()).toBe(0);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  }, 240_000);

  it("shows the demo event's board: figures, institutions, mix, decisions, and records an override", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    const first = `Ada Kontingent ${run}`;
    const second = `Bea Kontingent ${run}`;
    const third = `Cleo Warteliste ${run}`;
    const mail = (name: string) => `${name.toLowerCase().replace(/\W+/g, ".")}@hebammennetzwerk-nahe.example`;
    try {
      await signInThroughMailbox(page, ORGANISER);
      // Three delegates of one institution with a quota of two: the third waits.
      for (const name of [first, second, third])
        await register(page, DEMO_EVENT, { institutionId: MIDWIVES, name, email: mail(name) });

      await go(page, `/kinderschutzcluster-9/veranstaltungen/${DEMO_EVENT}/platzvergabe`);
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Qualitätsentwicklungswerkstatt Kinderschutz 2027");
      expect(await page.title()).toBe("Platzvergabe: Qualitätsentwicklungswerkstatt Kinderschutz 2027 – NetzWerkstatt");
      expect(await page.locator(".phase").textContent()).toMatch(/^Kontingentphase bis /);
      await expect.poll(() => page.locator(".board-stats").textContent()).toContain("Plätze50");
      const midwives = page.locator("table.board-table tbody tr").filter({ hasText: MIDWIVES_NAME });
      expect(await midwives.locator("td").allTextContents()).toEqual([
        "Hebammen / Familienhebammen",
        "2",
        "2",
        "0",
        "1",
        "0",
      ]);
      expect(await page.getByText("Eingeladen, aber noch niemand bestätigt:").count()).toBe(1);
      const log = page.locator(".decision-log");
      expect(await log.textContent()).toContain(`Angemeldet · ${MIDWIVES_NAME}`);
      expect(await log.textContent()).toContain(`Auf die Warteliste gesetzt · ${MIDWIVES_NAME}`);
      expect(await log.textContent()).toContain("Kontingent der Einrichtung ausgeschöpft – Warteliste");
      await checkPage(page, "organiser-board-demo");

      // Sorting by the waiting list puts the institution with waiting delegates first.
      await page
        .getByRole("button", { name: /^Warteliste/ })
        .first()
        .click();
      expect(await page.locator("th[aria-sort]").textContent()).toContain("Warteliste");
      expect(await page.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("descending");
      expect(await page.locator("table.board-table tbody tr").first().textContent()).toContain(MIDWIVES_NAME);

      // The redistribution asks first and explains; here it is not started (other tests use this event).
      await page.getByRole("button", { name: "Umverteilung jetzt starten" }).click();
      await expect.poll(() => activeId(page)).toBe("redistribution-confirm-question");
      expect(await page.locator("#redistribution-confirm").textContent()).toContain("nicht genutzten Plätze");
      await checkPage(page, "organiser-board-redistribution-confirm");
      await page.getByRole("button", { name: "Abbrechen", exact: true }).click();
      await expect.poll(() => activeId(page)).toBe("redistribution-start");

      // Over the limit, on purpose: recorded as the organiser's decision.
      const row = (name: string) => page.locator("table.participants > tbody").filter({ hasText: name });
      expect(await row(third).textContent()).toContain("Warteliste");
      await row(third)
        .getByRole("button", { name: /^Über Limit bestätigen/ })
        .click();
      await expect.poll(() => row(third).locator(".inline-panel").textContent()).toContain("protokolliert");
      await checkPage(page, "organiser-board-override-confirm");
      await page.getByRole("button", { name: "Ja, über Limit bestätigen" }).click();
      await expect.poll(() => pageStatus(page)).toBe(`${third} ist über das Limit bestätigt.`);
      await expect.poll(() => row(third).textContent()).toContain("Über Limit bestätigt");
      await expect.poll(() => log.textContent()).toContain("Von der Netzwerkkoordination bestätigt");

      // Cancelling a delegate from the list.
      await row(first)
        .getByRole("button", { name: /^Abmelden/ })
        .click();
      await expect.poll(() => row(first).locator(".inline-panel").textContent()).toContain("per E-Mail benachrichtigt");
      await page.getByRole("button", { name: "Ja, abmelden" }).click();
      await expect.poll(() => pageStatus(page)).toBe(`${first} ist abgemeldet.`);
      await page.getByLabel("Status").selectOption("all");
      await expect.poll(() => row(first).textContent()).toContain("Abgemeldet");
      await checkPage(page, "organiser-board-demo-after");
    } finally {
      await page.close();
    }
  }, 240_000);

  it("moves a delegate to another forum on a conference's board", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    const name = `Dora Forum ${run}`;
    try {
      await signInThroughMailbox(page, ORGANISER);
      await register(page, CONFERENCE, {
        institutionId: MIDWIVES,
        name,
        email: `dora.forum.${run}@hebammennetzwerk-nahe.example`,
        trackId: "trk-nk-1",
      });
      await go(page, `/kinderschutzcluster-9/veranstaltungen/${CONFERENCE}/platzvergabe`);
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("5. Netzwerkkonferenz Kinderschutz und Frühe Hilfen");
      const tracks = page.locator(".track-usage");
      expect(await tracks.textContent()).toContain("Forum 1: Frühe Hilfen und Geburtskliniken");
      const row = page.locator("table.participants > tbody").filter({ hasText: name });
      expect(await row.textContent()).toContain("Forum 1: Frühe Hilfen und Geburtskliniken");
      await row.getByRole("button", { name: /^Forum wechseln/ }).click();
      await expect.poll(() => page.getByLabel("Neues Forum").count()).toBe(1);
      await expect.poll(() => activeId(page)).toMatch(/^move-.*-track$/);
      await page.getByLabel("Neues Forum").selectOption("trk-nk-2");
      await checkPage(page, "organiser-board-move");
      await row.getByRole("button", { name: "Forum wechseln", exact: true }).click();
      await expect
        .poll(() => pageStatus(page))
        .toBe(`${name} ist jetzt im Forum „Forum 2: Kinderschutz in Kita und Schule“.`);
      await expect.poll(() => row.textContent()).toContain("Forum 2: Kinderschutz in Kita und Schule");
      await expect.poll(() => activeId(page)).toMatch(/^move-button-/);
      await checkPage(page, "organiser-board-conference");
    } finally {
      await page.close();
    }
  }, 180_000);
});
