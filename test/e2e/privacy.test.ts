// Data protection in the browser: every main page, as the role that uses it, talks
// to our own origin only (no fonts, scripts or analytics from elsewhere), breaks no
// rule of the strict Content-Security-Policy and passes axe; the organiser's data
// protection pages work; a participant downloads their data and withdraws.
import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext } from "playwright-core";
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

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const EVENT = "evt-qe-werkstatt";
const SESSION = "ses-qe-1";
const run = Date.now();
const PERSON = { name: `Erika Löschbar ${run}`, email: `erika.loeschbar.${run}@kita-regenbogen.example` };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const origin = () => new URL(baseURL()).origin;
const url = (path: string) => new URL(path, baseURL()).href;
const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();

type Watched = { requests: string[]; violations: string[] };
const watched = new WeakMap<BrowserContext, Watched>();

/**
 * A page whose context records every request and every CSP violation from now on.
 * The first load (of "/") happens before the listeners exist, so callers navigate again.
 */
async function watchedPage(): Promise<E2EPage> {
  const page = await openPage(browser, "/kinderschutzcluster-9");
  const context = page.context();
  const w: Watched = { requests: [], violations: [] };
  watched.set(context, w);
  context.on("request", (request) => w.requests.push(request.url()));
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener("securitypolicyviolation", (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return page;
}

/** Goes to `path`, waits for `heading`, then checks: own origin only, no CSP violation, axe, clean console. */
async function visit(page: E2EPage, path: string, heading: string | RegExp, name: string) {
  const w = watched.get(page.context())!;
  const from = w.requests.length;
  await page.goto(url(path), { waitUntil: "networkidle" });
  // The document itself carries the policy (static assets, through web/public/_headers), also at SPA paths.
  const document = await fetch(url(path.split("#")[0]));
  expect(document.headers.get("content-security-policy"), path).toContain("default-src 'self'");
  expect(document.headers.get("content-security-policy"), path).toContain("script-src 'self'");
  await expect.poll(() => h1(page), { timeout: 10_000 }).toMatch(heading);
  await page.waitForLoadState("networkidle");
  await checkHere(page, name, from);
}

async function checkHere(page: E2EPage, name: string, from = 0) {
  const w = watched.get(page.context())!;
  const foreign = w.requests
    .slice(from)
    .filter((u) => !u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== origin());
  expect(foreign, `${name}: requests to other hosts`).toEqual([]);
  expect(w.requests.length, name).toBeGreaterThan(from);
  const violations = await page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
  expect(violations, `${name}: CSP violations`).toEqual([]);
  expect(page.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  await screenshot(page, `privacy-${name}`);
  await expectNoAxeViolations(page);
  expectCleanPage(page);
}

/** Requests a link on the sign-in page and follows the newest link mailed to `email` in the dev mailbox. */

async function personalToken(email: string) {
  const res = await fetch(url(`/api/dev/mailbox?to=${encodeURIComponent(email)}`));
  const { items } = (await res.json()) as { items: { text: string }[] };
  for (const mail of items) {
    const token = /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no personal link to ${email}`);
}

describe("no third-party requests, no CSP violations", () => {
  it("on the public pages", { timeout: 120_000 }, async () => {
    const page = await watchedPage();
    try {
      await visit(page, "/", "Netzwerke auf NetzWerkstatt", "start");
      await visit(page, "/kinderschutzcluster-9", /Willkommen/, "home");
      await visit(page, "/kinderschutzcluster-9/verzeichnis", "Verzeichnis der Partnereinrichtungen", "directory");
      await visit(page, "/kinderschutzcluster-9/veranstaltungen", "Veranstaltungen", "events");
      await visit(page, "/api-referenz", /API/, "api-reference");
      await visit(page, "/anmelden", "Anmelden", "sign-in");
      // Fonts are the system's: no @font-face, nothing loaded from elsewhere.
      const fonts = await page.evaluate(() => {
        const families: string[] = [];
        document.fonts.forEach((f) => {
          families.push(f.family);
        });
        return families;
      });
      expect(fonts).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("on the organiser's pages, data protection included", { timeout: 180_000 }, async () => {
    const page = await watchedPage();
    try {
      await signInThroughMailbox(page, ORGANISER);
      await checkHere(page, "account", 0);
      expect(await page.getByRole("link", { name: "Protokoll der Zugriffe" }).count()).toBe(1);
      await visit(
        page,
        `/kinderschutzcluster-9/veranstaltungen/${EVENT}/platzvergabe`,
        /Platzvergabe|Qualitätsentwicklungswerkstatt/,
        "board",
      );
      await visit(
        page,
        `/kinderschutzcluster-9/veranstaltungen/${EVENT}/anmelden`,
        /Qualitätsentwicklungswerkstatt/,
        "registration",
      );
      await visit(
        page,
        `/kinderschutzcluster-9/veranstaltungen/${EVENT}/termine/${SESSION}/einlass`,
        /Werkstatt 1/,
        "check-in",
      );
      await visit(page, "/kinderschutzcluster-9/datenschutz", "Datenschutz", "data-protection");

      await visit(page, "/kinderschutzcluster-9/datenschutz/hinweise", "Datenschutzhinweise", "privacy-notice");
      const notice = page.getByLabel("Text der Datenschutzhinweise");
      await expect.poll(() => notice.inputValue()).toContain("Kreisverwaltung Bad Kreuznach");
      await page.getByLabel("Löschfrist in Monaten nach dem letzten Termin").fill("0");
      await page.getByRole("button", { name: "Speichern" }).click();
      await expect.poll(() => page.locator("#privacy-retention-error").textContent()).toContain("zwischen 1 und 120");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("privacy-retention");
      await page.getByLabel("Löschfrist in Monaten nach dem letzten Termin").fill("18");
      await page.getByRole("button", { name: "Speichern" }).click();
      await expect.poll(() => page.getByText("Die Datenschutzhinweise sind gespeichert.").count()).toBe(1);
      await checkHere(page, "privacy-notice-saved", 0);

      await visit(page, "/kinderschutzcluster-9/datenschutz/aufbewahrung", "Aufbewahrung und Löschung", "retention");
      const row = page.locator("tr").filter({ hasText: "Qualitätsentwicklungswerkstatt Kinderschutz 2027" });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain("18 Monate");

      await visit(page, "/kinderschutzcluster-9/datenschutz/protokoll", "Protokoll der Zugriffe", "audit-log");
      await page.getByLabel("Aktion").selectOption("network.privacy_updated");
      await page.getByRole("button", { name: "Filtern" }).click();
      await expect.poll(() => page.locator(".audit-table tbody tr").count()).toBe(1);
      expect(await page.locator(".audit-table tbody tr").textContent()).toContain("retentionMonths");
      const csv = await page.getByRole("link", { name: "Als CSV herunterladen" }).getAttribute("href");
      expect(csv).toContain("audit-log.csv?action=network.privacy_updated");
      await checkHere(page, "audit-log-filtered", 0);

      await visit(
        page,
        "/kinderschutzcluster-9/datenschutz/auskunft",
        "Auskunft und Löschung für eine Person",
        "data-requests",
      );
      // Back to the demo's period for the other tests.
      const restored = await page.evaluate(async () => {
        const network = (await (await fetch("/api/networks/net-kc9")).json()) as { privacyNotice: string };
        const response = await fetch("/api/networks/net-kc9/privacy", {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ privacyNotice: network.privacyNotice, retentionMonths: 12 }),
        });
        return response.status;
      });
      expect(restored).toBe(200);
    } finally {
      await page.close();
    }
  });
});

describe("the audit log a data-protection officer reads", () => {
  it("shows a check-in and its undo in words, with the person, the organiser and their role; filters by area and person", {
    timeout: 120_000,
  }, async () => {
    const page = await watchedPage();
    try {
      await signInThroughMailbox(page, ORGANISER);
      // A check-in and its undo, as the door page sends them; the session ends as it was.
      const person = await page.evaluate(async (session) => {
        const list = (await (await fetch(`/api/sessions/${session}/attendance`)).json()) as {
          items: { registrationId: string; name: string; status: string }[];
        };
        const who = list.items.find((i) => i.status === "none")!;
        const send = (method: string, path: string, body?: unknown) =>
          fetch(path, {
            method,
            headers: { "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
          }).then((r) => r.status);
        const checkedIn = await send("POST", `/api/sessions/${session}/check-ins`, {
          registrationId: who.registrationId,
          method: "list",
          clientOpId: crypto.randomUUID(),
          // The demo session is weeks ahead: recorded as an organiser's explicit override.
          overrideWindow: true,
        });
        const undone = await send("DELETE", `/api/sessions/${session}/check-ins/${who.registrationId}`);
        return { ...who, checkedIn, undone };
      }, SESSION);
      expect([person.checkedIn, person.undone]).toEqual([201, 200]);

      await page.setViewportSize({ width: 375, height: 800 });
      await visit(page, "/kinderschutzcluster-9/datenschutz/protokoll", "Protokoll der Zugriffe", "audit-log-words");
      await page.getByLabel("Bereich").selectOption({ label: "Teilnahme und Check-in" });
      await page.getByRole("button", { name: "Filtern" }).click();
      const rows = page.locator(".audit-table tbody tr");
      const checkIn = rows.filter({ hasText: /Eingecheckt/ }).filter({ hasText: person.registrationId });
      await expect.poll(() => checkIn.count()).toBe(1);
      const text = (await checkIn.textContent()) ?? "";
      for (const words of [
        "Netzwerkkoordination Kinderschutzcluster 9",
        "koordination@kinderschutz-bad-kreuznach.example",
        "Organisation",
        `Anmeldung: ${person.name} · Qualitätsentwicklungswerkstatt`,
        "Termin",
      ])
        expect(text, words).toContain(words);
      expect(
        await rows.filter({ hasText: "Check-in zurückgenommen" }).filter({ hasText: person.registrationId }).count(),
      ).toBe(1);
      // Every row of the area, in words, no bare code without them.
      for (const action of await rows.locator("td:nth-child(3)").allTextContents())
        expect(action).not.toMatch(/^[a-z_.]+$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      // The chosen area stays shown once the options have arrived with the answer.
      expect(await page.getByLabel("Bereich").inputValue()).toBe("attendance");
      const csv = await page.getByRole("link", { name: "Als CSV herunterladen" }).getAttribute("href");
      expect(csv).toContain("actionGroup=attendance");
      expect(csv).toContain("columns=labels");
      await checkHere(page, "audit-log-words-filtered", 0);

      await page.getByLabel("Person (Name oder E-Mail)").fill("osterkamp");
      await page.getByRole("button", { name: "Filtern" }).click();
      await expect.poll(() => page.getByText("Keine Einträge für diesen Filter.").count()).toBe(1);
      await page.getByLabel("Person (Name oder E-Mail)").fill("Netzwerkkoordination");
      await page.getByRole("button", { name: "Filtern" }).click();
      await expect.poll(() => checkIn.count()).toBe(1);

      // The same in English.
      await page.evaluate(() => localStorage.setItem("nw.locale", "en"));
      await visit(page, "/kinderschutzcluster-9/datenschutz/protokoll", "Audit log", "audit-log-words-en");
      await page.getByLabel("Area").selectOption({ label: "Attendance and check-in" });
      await page.getByRole("button", { name: "Filter", exact: true }).click();
      await expect
        .poll(() =>
          rows
            .filter({ hasText: /^(?!.*outside).*Checked in/ })
            .filter({ hasText: person.registrationId })
            .count(),
        )
        .toBe(1);
      expect(
        await rows
          .filter({ hasText: /Checked in/ })
          .first()
          .textContent(),
      ).toContain("Organiser");
      await checkHere(page, "audit-log-words-en-filtered", 0);
      await page.evaluate(() => localStorage.setItem("nw.locale", "de"));
    } finally {
      await page.close();
    }
  });
});

describe("a person's rights", () => {
  it("a participant downloads their data and withdraws with erasure; the organiser finds nothing left", {
    timeout: 120_000,
  }, async () => {
    const organiser = await watchedPage();
    await signInThroughMailbox(organiser, ORGANISER);
    const created = await organiser.evaluate(
      async ([eventId, person]) => {
        const response = await fetch(`/api/events/${eventId}/registrations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            institutionId: "inst-kita-regenbogen-kh",
            ...person,
            accessibilityNeeds: "Gebärdensprache",
            privacyAcknowledged: true,
          }),
        });
        return { status: response.status, body: (await response.json()) as { id: string } };
      },
      [EVENT, PERSON] as const,
    );
    expect(created.status).toBe(201);

    const participant = await watchedPage();
    try {
      const token = await personalToken(PERSON.email);
      await participant.setViewportSize({ width: 375, height: 800 });
      await visit(participant, `/teilnahme#t=${token}`, "Meine Anmeldung", "participation");
      await expect.poll(() => participant.getByRole("heading", { name: "Ihre Daten" }).count()).toBe(1);

      const [download] = await Promise.all([
        participant.waitForEvent("download"),
        participant.getByRole("button", { name: "Meine Daten herunterladen (JSON)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("meine-daten-netzwerkstatt.json");
      const data = JSON.parse(await readFile((await download.path())!, "utf8"));
      expect(data.email).toBe(PERSON.email);
      expect(data.registrations[0]).toMatchObject({ name: PERSON.name, accessibilityNeeds: "Gebärdensprache" });
      expect(data.feedback.de).toContain("anonym");

      await participant.getByRole("button", { name: "Abmelden und Daten löschen" }).click();
      await expect.poll(() => participant.evaluate(() => document.activeElement?.id)).toBe("erase-me-question");
      await checkHere(participant, "participation-erase-confirm", 0);
      await participant.getByRole("button", { name: "Ja, löschen" }).click();
      await expect
        .poll(() => participant.getByText("Ihre Anmeldung ist zurückgezogen und Ihre Daten sind gelöscht.").count())
        .toBe(1);
      await checkHere(participant, "participation-erased", 0);
      // The link is dead now.
      const res = await fetch(url("/api/participation"), { headers: { "x-participant-token": token } });
      expect(res.status).toBe(401);
    } finally {
      await participant.close();
    }

    try {
      await visit(
        organiser,
        "/kinderschutzcluster-9/datenschutz/auskunft",
        "Auskunft und Löschung für eine Person",
        "data-requests-2",
      );
      await organiser.getByLabel("E-Mail-Adresse der Person").fill(PERSON.email);
      await organiser.getByRole("button", { name: "Daten suchen" }).click();
      await expect.poll(() => organiser.getByText("Zu dieser Adresse sind keine Daten gespeichert.").count()).toBe(1);
      await organiser.getByLabel("E-Mail-Adresse der Person").fill("fachkraft@kita-regenbogen.example");
      await organiser.getByRole("button", { name: "Daten suchen" }).click();
      await expect.poll(() => organiser.getByText(/1 Anmeldung\(en\) zu dieser Adresse/).count()).toBe(1);
      expect(await organiser.getByRole("button", { name: "Auskunft herunterladen (JSON)" }).count()).toBe(1);
      await checkHere(organiser, "data-requests-found", 0);
      // The audit log names the erased registration by id, never the person.
      await visit(
        organiser,
        "/kinderschutzcluster-9/datenschutz/protokoll",
        "Protokoll der Zugriffe",
        "audit-log-after",
      );
      const table = (await organiser.locator(".audit-table").textContent()) ?? "";
      expect(table).toContain(created.body.id);
      expect(table).not.toContain(PERSON.email);
      expect(table).not.toContain(PERSON.name);
    } finally {
      await organiser.close();
    }
  });
});
