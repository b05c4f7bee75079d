// The whole allocation cycle with three people in three browsers: the organiser
// creates and publishes an event, two institution contacts register beyond their
// quotas, the organiser runs the redistribution, a contact cancels, and the
// person promoted from the waiting list accepts the offered place on their
// personal page. Every step goes through the pages, as the people would.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseURL,
  type E2EPage,
  expectCleanPage,
  expectNoAxeViolations,
  launchBrowser,
  newestMailId,
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

const run = Date.now();
const TITLE = `Fallwerkstatt Übergänge ${run}`;
const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const MIDWIVES = { contact: "m.osterkamp@hebammennetzwerk-nahe.example", id: "inst-hebammen-kh" };
const KITA = { contact: "k.wendelin@familienzentrum-kh.example", id: "inst-kita-regenbogen-kh" };
const person = (name: string, domain: string) => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, ".")}.${run}@${domain}`,
});
const heb1 = person("Hanna Erste", "hebammennetzwerk-nahe.example");
const heb2 = person("Hedi Zweite", "hebammennetzwerk-nahe.example");
const kita1 = person("Karl Erster", "kita-regenbogen.example");
const kita2 = person("Kim Zweite", "kita-regenbogen.example");

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();
const pageStatus = (page: E2EPage) => page.locator(".page-status").textContent();

const forgetAborted = (page: E2EPage) => {
  page.failedRequests = page.failedRequests.filter((r) => !r.endsWith("net::ERR_ABORTED"));
};
async function go(page: E2EPage, path: string) {
  await page.goto(new URL(path, page.url()).href, { waitUntil: "networkidle" });
  forgetAborted(page);
}
async function check(page: E2EPage, name: string) {
  await screenshot(page, name);
  await expectNoAxeViolations(page);
  expectCleanPage(page);
}

/** The newest mail to `email` in the dev mailbox, with the first link of the wanted kind. */
async function linkMailedTo(email: string, pattern: RegExp) {
  const res = await fetch(`${baseURL()}/api/dev/mailbox?to=${encodeURIComponent(email)}`);
  const { items } = (await res.json()) as { items: { subject: string; text: string }[] };
  for (const mail of items) {
    const link = pattern.exec(mail.text)?.[0];
    if (link) return { subject: mail.subject, link };
  }
  return undefined;
}

async function signIn(email: string) {
  const page = await openPage(browser, "/anmelden");
  const before = await newestMailId(email);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Anmeldelink senden" }).click();
  await expect.poll(() => page.getByText("Bitte sehen Sie in Ihr Postfach.").count()).toBe(1);
  let link: string | undefined;
  // The mail is written just after the answer: wait for it, not for an older one.
  await expect.poll(() => newestMailId(email)).not.toBe(before);
  link = (await linkMailedTo(email, /\S+\/anmelden\/bestaetigen#token=\S+/))?.link;
  expect(link).toBeTruthy();
  await page.goto(link!.replace(/^https?:\/\/[^/]+/, baseURL()));
  await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Mein Konto");
  forgetAborted(page);
  return page;
}

const registrationRow = (page: E2EPage, name: string) =>
  page.locator("table.registrations > tbody").filter({ hasText: name });

async function registerThroughForm(page: E2EPage, who: { name: string; email: string }) {
  await page.getByLabel("Name", { exact: true }).fill(who.name);
  await page.getByLabel("Dienstliche E-Mail-Adresse").fill(who.email);
  await page.getByLabel(/Die Datenschutzhinweise habe ich zur Kenntnis genommen/).check();
  await page.locator("form[aria-labelledby='register-title'] button[type='submit']").click();
  await expect
    .poll(() => page.locator("form[aria-labelledby='register-title'] [role='status']").textContent(), {
      timeout: 10_000,
    })
    .toContain(who.name);
}

const statusOf = (page: E2EPage, name: string) => registrationRow(page, name).locator(".badge").first().textContent();

describe("the allocation cycle", () => {
  it("create, register, wait, redistribute, cancel, promote — by an organiser and two contacts", async () => {
    const organiser = await signIn(ORGANISER);
    const midwives = await signIn(MIDWIVES.contact);
    const kita = await signIn(KITA.contact);
    let participant: E2EPage | undefined;
    try {
      // 1. The organiser creates a workshop for midwives and daycare: 3 places, 1 per institution.
      await go(organiser, "/kinderschutzcluster-9/veranstaltungen/neu");
      await expect.poll(() => organiser.getByLabel("Titel", { exact: true }).count(), { timeout: 10_000 }).toBe(1);
      await organiser.getByLabel("Art der Veranstaltung").selectOption("workshop");
      await organiser.getByLabel("Titel", { exact: true }).fill(TITLE);
      const session = organiser.getByRole("group", { name: "Termin 1", exact: true });
      await session.getByLabel("Datum").fill(day(60));
      await session.getByLabel("Beginn").fill("09:00");
      await session.getByLabel("Ende").fill("12:00");
      await organiser.getByLabel("Plätze insgesamt").fill("3");
      await organiser.getByLabel("Kontingent je Einrichtung").fill("1");
      await organiser.getByLabel("Anmeldung ab").fill(`${day(-1)}T08:00`);
      await organiser.getByLabel("Kontingentfrist", { exact: true }).fill(`${day(20)}T18:00`);
      await organiser.getByLabel("Anmeldeschluss").fill(`${day(40)}T18:00`);
      await organiser.getByLabel("Einrichtungen bestimmter Professionen").check();
      await organiser.getByLabel(/^Hebammen \/ Familienhebammen/).check();
      await organiser.getByLabel(/^Kindertagesstätte \(Kita\)/).check();
      await organiser.getByRole("button", { name: "Als Entwurf speichern" }).click();
      await expect.poll(() => h1(organiser), { timeout: 10_000 }).toBe(TITLE);
      const eventPath = new URL(organiser.url()).pathname.replace(/\/bearbeiten$/, "");
      await organiser.getByRole("button", { name: "Veröffentlichen", exact: true }).click();
      await expect.poll(() => pageStatus(organiser)).toContain("Die Veranstaltung ist veröffentlicht.");
      // Six institutions are invited, only two have a contact person: the page says so and names the others.
      const report = organiser.locator(".publish-report");
      expect(await report.textContent()).toContain(
        "Die Ansprechpersonen von 2 Einrichtungen wurden per E-Mail eingeladen.",
      );
      expect(await report.textContent()).toContain("4 eingeladene Einrichtungen haben noch keine Ansprechperson");
      const inviteSonnenhof = report.getByRole("link", { name: "Ansprechperson einladen (Städtische Kita Sonnenhof)" });
      expect(await inviteSonnenhof.getAttribute("href")).toBe(
        "/kinderschutzcluster-9/verzeichnis/inst-kita-sonnenhof-kh/bearbeiten#contacts-title",
      );
      expect(await report.getByRole("link").count()).toBe(4);
      await check(organiser, "cycle-1-published");

      // The invitation reached the contacts by mail, with the link to the registration page.
      const invitation = await linkMailedTo(MIDWIVES.contact, /\S+\/veranstaltungen\/\S+\/anmelden\S*/);
      expect(invitation?.subject).toBe(`Einladung: ${TITLE}`);

      // 2. Each contact registers two colleagues: the first within the quota, the second waits.
      for (const [page, first, second, inst] of [
        [midwives, heb1, heb2, MIDWIVES.id],
        [kita, kita1, kita2, KITA.id],
      ] as const) {
        await go(page, `${eventPath}/anmelden?institution=${inst}`);
        await expect.poll(() => h1(page), { timeout: 10_000 }).toBe(TITLE);
        await registerThroughForm(page, first);
        await expect.poll(() => statusOf(page, first.name)).toBe("Platz bestätigt");
        await registerThroughForm(page, second);
        await expect.poll(() => statusOf(page, second.name)).toBe("Warteliste");
        expect(await registrationRow(page, second.name).textContent()).toContain(
          "Kontingent der Einrichtung ausgeschöpft",
        );
      }
      await check(kita, "cycle-2-waiting");

      // 3. The organiser starts the redistribution: the one free place goes to the earlier request.
      await go(organiser, `${eventPath}/platzvergabe`);
      await expect
        .poll(() => organiser.locator(".board-stats").textContent(), { timeout: 10_000 })
        .toContain("Plätze3");
      // Six quota places for three seats: while the quotas apply, the board warns.
      expect(await organiser.locator(".over-commitment").count()).toBe(1);
      await organiser.getByRole("button", { name: "Umverteilung jetzt starten" }).click();
      await organiser.getByRole("button", { name: "Ja, jetzt umverteilen" }).click();
      await expect.poll(() => pageStatus(organiser), { timeout: 10_000 }).toContain("Vergebene Plätze: 1");
      await expect.poll(() => organiser.locator("#decision-log").textContent()).toContain("Platz 3");
      // Early, before the quota deadline: from now on no quota applies, and no page says otherwise.
      expect(await organiser.locator(".over-commitment").count()).toBe(0);
      await check(organiser, "cycle-3-redistributed");

      await go(midwives, `${eventPath}/anmelden?institution=${MIDWIVES.id}`);
      await expect.poll(() => statusOf(midwives, heb2.name), { timeout: 10_000 }).toBe("Platz bestätigt");
      await expect
        .poll(() => midwives.locator(".quota-sentence").textContent())
        .toBe("Vergeben: 2 – das Kontingent war 1");
      expect(await midwives.locator(".quota-hint").textContent()).toMatch(/^Die Umverteilung ist am .+ gelaufen; /);
      const said = (await midwives.locator("main").textContent()) ?? "";
      expect(said).not.toContain("Kontingentfrist ist vorbei");
      expect(said).not.toContain("Ihres Kontingents");
      await check(midwives, "cycle-3-quota-after-redistribution");
      // The contact's event list says the same.
      await go(midwives, "/kinderschutzcluster-9/veranstaltungen");
      const card = midwives.locator(`li[id="${eventPath.split("/").pop()}"]`);
      await expect
        .poll(() => card.locator(".event-state").textContent(), { timeout: 10_000 })
        .toMatch(/^Plätze werden seit .+ nach Reihenfolge der Anmeldung vergeben$/);
      expect(await card.textContent()).not.toContain("Kontingente reserviert bis");
      expect(await card.locator(".invitation-lines").textContent()).toContain("vergeben 2 · Kontingent war 1");
      await go(midwives, `${eventPath}/anmelden?institution=${MIDWIVES.id}`);
      await go(kita, `${eventPath}/anmelden?institution=${KITA.id}`);
      await expect.poll(() => statusOf(kita, kita2.name), { timeout: 10_000 }).toBe("Warteliste");

      // 4. The midwives cancel one person: the place is offered to Kim, who waits at the Kita.
      await registrationRow(midwives, heb1.name)
        .getByRole("button", { name: `Abmelden: ${heb1.name}` })
        .click();
      await registrationRow(midwives, heb1.name).getByRole("button", { name: "Ja, abmelden" }).click();
      await expect.poll(() => statusOf(midwives, heb1.name), { timeout: 10_000 }).toBe("Abgemeldet");
      await check(midwives, "cycle-4-cancelled");

      // 5. Kim gets the offer by mail, opens the personal page and accepts the place.
      let offer: { subject: string; link: string } | undefined;
      await expect
        .poll(
          async () => {
            offer = await linkMailedTo(kita2.email, /\S+\/teilnahme#t=\S+/);
            return offer?.subject;
          },
          { timeout: 10_000 },
        )
        .toBe(`Ein Platz ist frei: ${TITLE}`);
      participant = await openPage(browser, "/kinderschutzcluster-9");
      await participant.goto(offer!.link.replace(/^https?:\/\/[^/]+/, baseURL()));
      await expect
        .poll(() => participant!.getByRole("button", { name: "Platz annehmen" }).count(), { timeout: 10_000 })
        .toBe(1);
      await check(participant, "cycle-5-offer");
      await participant.getByRole("button", { name: "Platz annehmen" }).click();
      await expect
        .poll(() => participant!.getByText("Platz bestätigt").count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await expect.poll(() => participant!.getByRole("img", { name: /QR-Code/ }).count()).toBe(1);
      await check(participant, "cycle-5-accepted");

      // The Kita contact sees the result, with its reason; the board counts 3 of 3.
      await go(kita, `${eventPath}/anmelden?institution=${KITA.id}`);
      await expect.poll(() => statusOf(kita, kita2.name), { timeout: 10_000 }).toBe("Platz bestätigt");
      await go(organiser, `${eventPath}/platzvergabe`);
      await expect
        .poll(() => organiser.locator(".board-stats").textContent(), { timeout: 10_000 })
        .toContain("Bestätigt3");
      await check(organiser, "cycle-6-board");
    } finally {
      for (const page of [organiser, midwives, kita, participant]) await page?.close();
    }
  }, 240_000);
});
