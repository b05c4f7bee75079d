// Attendance after the door: the organiser's figures with charts, an excused absence, the lists and
// documents to download; a contact excuses a delegate; a participant downloads the certificate.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
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

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const CONTACT = "k.wendelin@familienzentrum-kh.example";
/** Present at the first two sessions of the series (demo data), which have taken place. */
const PARTICIPANT = "henrik.vogel@grundschule-kurpark-kh.example";
const SERIES = "evt-werkstattreihe-fh";
const UPCOMING = "evt-qe-werkstatt";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const root = fileURLToPath(new URL("../..", import.meta.url));
const url = (path: string) => new URL(path, baseURL()).href;
const h1 = (page: E2EPage) => page.getByRole("heading", { level: 1 }).textContent();

type Figures = {
  sessions: { sessionId: string; expected: number; present: number; excused: number; noShows: number | null }[];
  institutions: { institutionId: string; name: string; attendedSessions: number }[];
};
const figuresOf = (page: E2EPage, eventId: string) =>
  page.evaluate(
    async (id) => (await fetch(`/api/events/${id}/attendance-figures`)).json(),
    eventId,
  ) as Promise<Figures>;

/** The cells of the per-session table, row by row. */
const sessionTable = (page: E2EPage) =>
  page
    .locator("#per-session-title ~ .table-scroll tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll("td"), (td) => td.textContent?.trim() ?? "")),
    );

describe("attendance", () => {
  it("the organiser sees the figures per session and institution, excuses an absence and downloads the lists", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, ORGANISER);
      await page.goto(url(`/kinderschutzcluster-9/veranstaltungen/${SERIES}/platzvergabe`), {
        waitUntil: "networkidle",
      });
      await page.getByRole("link", { name: "Anwesenheit und Listen" }).click();
      await expect.poll(() => h1(page), { timeout: 10_000 }).toBe("Werkstattreihe Frühe Hilfen 2026");

      // Both charts are drawn, each an image with a description; the tables carry the same numbers.
      const charts = page.locator("canvas[role=img]");
      await expect.poll(() => charts.count()).toBe(2);
      expect(await charts.first().getAttribute("aria-label")).toContain("Gestapeltes Balkendiagramm je Termin");
      const before = await figuresOf(page, SERIES);
      expect(before.sessions.length).toBeGreaterThan(1);
      expect(before.sessions.every((s) => s.noShows !== null)).toBe(true);
      await expect
        .poll(() => sessionTable(page))
        .toEqual(
          before.sessions.map((s) => [
            String(s.expected),
            String(s.present),
            expect.any(String),
            String(s.excused),
            String(s.noShows),
          ]),
        );
      const institutionRows = page.locator("#per-institution-title ~ .table-scroll tbody tr");
      expect(await institutionRows.count()).toBe(before.institutions.length);
      await screenshot(page, "attendance-organiser");
      await expectNoAxeViolations(page);

      // Excuse the first person without an attendance at the first session.
      const excuse = page
        .locator(".excuse-list li")
        .filter({ has: page.getByRole("button", { name: /^Entschuldigen/ }) });
      const name = (await excuse.first().locator(".person-name").textContent())!;
      await excuse
        .first()
        .getByRole("button", { name: /^Entschuldigen/ })
        .click();
      await expect.poll(() => page.getByRole("status").first().textContent()).toContain(`${name} ist entschuldigt.`);
      const after = await figuresOf(page, SERIES);
      expect(after.sessions[0].excused).toBe(before.sessions[0].excused + 1);
      expect(after.sessions[0].noShows).toBe(before.sessions[0].noShows! - 1);
      await expect.poll(async () => (await sessionTable(page))[0][3]).toBe(String(after.sessions[0].excused));

      // Every list and document answers with its file type; the XLSX also as a real download.
      const links = await page
        .locator(".document-links a[download]")
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links.length).toBeGreaterThanOrEqual(5);
      const answers = await page.evaluate(
        (hrefs) =>
          Promise.all(
            hrefs.map(async (href) => {
              const res = await fetch(href);
              return `${res.status} ${res.headers.get("content-type")}`;
            }),
          ),
        links,
      );
      for (const [i, answer] of answers.entries()) {
        const kind = links[i].endsWith(".csv") ? "text/csv" : links[i].endsWith(".xlsx") ? "spreadsheetml" : "pdf";
        expect(answer, links[i]).toMatch(new RegExp(`^200 .*${kind}`));
      }
      // The PDFs are kept beside the screenshots, to be looked at (pdftoppm) rather than only parsed.
      await mkdir(`${root}test-results/documents`, { recursive: true });
      for (const link of links.filter((l) => l.endsWith(".pdf"))) {
        const pdf = await page.evaluate(
          async (href) => [...new Uint8Array(await (await fetch(href)).arrayBuffer())],
          link,
        );
        await writeFile(`${root}test-results/documents/${link.split("/").slice(-2).join("-")}`, Buffer.from(pdf));
      }
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(".document-links a", { hasText: "Excel (XLSX)" }).first().click(),
      ]);
      expect(download.suggestedFilename()).toBe("anwesenheit-werkstattreihe-fruehe-hilfen-2026.xlsx");
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

      // Nobody is checked in weeks ahead of a session, so no certificate tells of a session that has not happened.
      const failedBefore = page.failedRequests.length;
      const errorsBefore = page.consoleErrors.length;
      const early = await page.evaluate(async () => {
        const res = await fetch("/api/sessions/ses-qe-2/check-ins", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            registrationId: "reg-demo-teilnahme",
            method: "list",
            clientOpId: "e2e-attendance-1",
          }),
        });
        return { status: res.status, code: ((await res.json()) as { code: string }).code };
      });
      expect(early).toEqual({ status: 409, code: "check_in_outside_window" });
      // That refusal is the point here, not a fault of the page.
      page.failedRequests.splice(failedBefore);
      page.consoleErrors.splice(errorsBefore);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });

  it("an institution contact excuses a delegate from an upcoming session", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, CONTACT);
      await page.goto(url(`/kinderschutzcluster-9/veranstaltungen/${UPCOMING}/anmelden`), { waitUntil: "networkidle" });
      const toggle = page.getByRole("button", { name: /^Abwesenheit: / }).first();
      await expect.poll(() => toggle.count(), { timeout: 10_000 }).toBe(1);
      const delegate = (await toggle.getAttribute("aria-label"))!.replace("Abwesenheit: ", "");
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      const panel = page.locator(".absence-panel");
      await expect
        .poll(() => panel.getByRole("heading", { level: 3 }).textContent())
        .toBe(`Abwesenheit von ${delegate}`);
      const last = panel.locator(".excuse-list li").last();
      const session = (await last.locator(".person-name").textContent())!;
      await last.getByRole("button", { name: /^Entschuldigen/ }).click();
      await expect
        .poll(() => page.getByText(`${delegate} ist für ${session} entschuldigt.`).count(), { timeout: 10_000 })
        .toBe(1);
      await screenshot(page, "attendance-contact-excuse");
      await expectNoAxeViolations(page);
      const recorded = await page.evaluate(async (eventId) => {
        const res = await fetch(`/api/events/${eventId}/registrations?institutionId=inst-kita-regenbogen-kh`);
        const body = (await res.json()) as { items: { name: string; attendance: { kind: string }[] }[] };
        return body.items.filter((r) => r.attendance.some((a) => a.kind === "excused")).map((r) => r.name);
      }, UPCOMING);
      expect(recorded).toContain(delegate);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });

  it("a participant who attended downloads the certificate from the personal page", async () => {
    await askForLinks(PARTICIPANT);
    const mailbox = (await (await fetch(url(`/api/dev/mailbox?to=${encodeURIComponent(PARTICIPANT)}`))).json()) as {
      items: { text: string }[];
    };
    const token = mailbox.items.map((m) => /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec(m.text)?.[1]).find(Boolean);
    expect(token).toBeTruthy();
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(url(`/teilnahme#t=${token}`), { waitUntil: "networkidle" });
      const section = page.getByRole("region", { name: "Teilnahmebescheinigung" });
      await expect.poll(() => section.count(), { timeout: 10_000 }).toBe(1);
      expect(await page.locator(".session-list .badge", { hasText: "Sie waren anwesend." }).count()).toBeGreaterThan(0);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        section.getByRole("button", { name: "Teilnahmebescheinigung herunterladen (PDF)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^teilnahmebescheinigung-.+\.pdf$/);
      const pdf = await readFile((await download.path())!);
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(page, "attendance-participant-certificate");
      await expectNoAxeViolations(page);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });
});
