// The participant's personal page on a phone: status, QR ticket, calendar file,
// cancelling with an inline confirmation. Links come the honest way, by mail.
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { encode } from "uqr";
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
} from "./browser";

const PARTICIPANT = "fachkraft@kita-regenbogen.example";
const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const url = (path: string) => new URL(path, baseURL()).href;

type Mail = { to: string; template: string; text: string; createdAt: string };

/** The newest mail to `email` in the dev mailbox whose text matches `pattern`, with the first capture group. */
async function tokenFromMailbox(email: string, pattern: RegExp): Promise<string> {
  const res = await fetch(url(`/api/dev/mailbox?to=${encodeURIComponent(email)}`));
  expect(res.status).toBe(200);
  const { items } = (await res.json()) as { items: Mail[] };
  for (const mail of items) {
    const token = pattern.exec(mail.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no mail to ${email} matching ${pattern}`);
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url(path), {
    method: "POST",
    headers: { "content-type": "application/json", origin: new URL(baseURL()).origin, ...headers },
    body: JSON.stringify(body),
  });

/** Asks for the participant's links by e-mail, as someone on the sign-in page does, and returns the newest token. */
async function personalLinkOf(email: string): Promise<string> {
  await askForLinks(email);
  return tokenFromMailbox(email, /\/teilnahme#t=([A-Za-z0-9_-]+)/);
}

/** Opens the personal page at phone width (375 × 800). */
async function openOnPhone(token: string): Promise<E2EPage> {
  const page = await openPage(browser, "/kinderschutzcluster-9");
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url(`/teilnahme#t=${token}`), { waitUntil: "networkidle" });
  return page;
}

const statusPanel = (page: E2EPage) => page.locator(".status-panel[role=status]");

describe("the participant's page", () => {
  it("shows the confirmed place, the QR ticket and gives the calendar file", async () => {
    const token = await personalLinkOf(PARTICIPANT);
    const page = await openOnPhone(token);
    try {
      await expect.poll(() => statusPanel(page).textContent(), { timeout: 10_000 }).toContain("Platz bestätigt");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Meine Anmeldung");
      // The sections on the own data load after the registration shows (issue 18's budget).
      await expect.poll(() => page.getByRole("heading", { name: "Persönlicher Link" }).count()).toBe(1);
      // The certificate section appears once the person was checked in somewhere (attendance.test.ts does that).
      const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
      expect(headings.filter((h) => h !== "Teilnahmebescheinigung")).toEqual([
        "Qualitätsentwicklungswerkstatt Kinderschutz 2027",
        "Ihr Ticket",
        "Erinnerungen per E-Mail",
        "Termine",
        "Teilnahme absagen",
        "Ihre Daten",
        "Persönlicher Link",
      ]);

      const qr = page.getByRole("img", { name: "QR-Code Ihres Tickets für den Check-in" });
      expect(await qr.count()).toBe(1);
      expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
      const box = await qr.boundingBox();
      expect(box!.width).toBeGreaterThan(150);
      // The server draws it: its rectangles cover exactly the dark modules of the QR the door scans.
      const expected = encode("NW:NAHE2349", { ecc: "M", border: 4 });
      expect(await qr.getAttribute("viewBox")).toBe(`0 0 ${expected.size} ${expected.size}`);
      const drawn = expected.data.map((row) => row.map(() => false));
      const rectangle = /M(\d+) (\d+)h(\d+)v1h-\3z/g;
      const path = (await qr.locator("path").getAttribute("d")) ?? "";
      expect(path.replace(rectangle, "")).toBe("");
      for (const [, x, y, run] of path.matchAll(rectangle))
        for (let i = 0; i < Number(run); i++) drawn[Number(y)]![Number(x) + i] = true;
      expect(drawn).toEqual(expected.data);
      // The short ticket code (issue 16), no longer the registration's id: the demo's is fixed in demo-data.ts.
      expect(await page.locator(".ticket-code code").textContent()).toBe("NAHE-2349");
      expect(await page.locator(".session-list > li").count()).toBe(5);

      // Nothing is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Zum Kalender hinzufügen (ICS)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("qualitaetsentwicklungswerkstatt-kinderschutz-2027.ics");
      const ics = await readFile((await download.path())!, "utf8");
      expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
      expect(ics.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(5);

      // The inline confirmation opens and closes without cancelling.
      await page.getByRole("button", { name: "Teilnahme absagen" }).click();
      const confirm = page.getByRole("group", { name: /wirklich absagen/ });
      expect(await confirm.count()).toBe(1);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("LEGEND");
      await screenshot(page, "teilnahme-absagen-bestaetigen");
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Nein, Platz behalten" }).click();
      expect(await confirm.count()).toBe(0);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Teilnahme absagen");
      expect(await statusPanel(page).textContent()).toContain("Platz bestätigt");

      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, "teilnahme-telefon");
      await expectNoAxeViolations(page);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });

  it("after the last session offers no ticket, no calendar file and no cancelling", async () => {
    const token = await personalLinkOf(PARTICIPANT);
    const res = await fetch(url("/api/participation"), { headers: { "x-participant-token": token } });
    const { event } = (await res.json()) as { event: { sessions: { endsAt: string }[] } };
    const lastEnd = Math.max(...event.sessions.map((s) => new Date(s.endsAt).getTime()));
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      // The page decides by its own clock; the day after the event is over.
      await page.clock.setFixedTime(new Date(lastEnd + 86_400_000));
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(url(`/teilnahme#t=${token}`), { waitUntil: "networkidle" });
      await expect
        .poll(() => statusPanel(page).textContent(), { timeout: 10_000 })
        .toContain("Die Veranstaltung hat bereits stattgefunden.");
      const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
      expect(headings).not.toContain("Ihr Ticket");
      expect(headings).not.toContain("Teilnahme absagen");
      expect(headings).toContain("Termine");
      expect(await page.getByRole("img", { name: /QR-Code/ }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Zum Kalender hinzufügen (ICS)" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Teilnahme absagen" }).count()).toBe(0);
      await screenshot(page, "teilnahme-vorbei");
      await expectNoAxeViolations(page);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });

  it("offers a freed place with its deadline and accepts it", async () => {
    // An open offer needs a full event and a cancellation; the page's part is shown here with the
    // server's answers reshaped in the browser (the API's part is in test/api/participation.test.ts).
    const token = await personalLinkOf(PARTICIPANT);
    const real = (await (
      await fetch(url("/api/participation"), { headers: { "x-participant-token": token } })
    ).json()) as { registration: Record<string, unknown>; event: Record<string, unknown> };
    const until = new Date(Date.now() + 48 * 3_600_000).toISOString();
    const offered = {
      ...real,
      registration: {
        ...real.registration,
        status: "waitlisted",
        offeredUntil: until,
        reasonCode: "quota_place_freed",
      },
    };
    const accepted = { ...real, registration: { ...real.registration, reasonCode: "offer_accepted" } };
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.route("**/api/participation", (route) => route.fulfill({ json: offered }));
      await page.route("**/api/participation/accept", (route) => route.fulfill({ json: accepted }));
      await page.goto(url(`/teilnahme#t=${token}`), { waitUntil: "networkidle" });
      await expect.poll(() => statusPanel(page).textContent(), { timeout: 10_000 }).toContain("Platz angeboten");
      const text = await statusPanel(page).textContent();
      expect(text).toContain("Im Kontingent der Einrichtung ist ein Platz frei geworden");
      expect(text).toMatch(/freigehalten/);
      expect(await page.getByRole("img", { name: /QR-Code/ }).count()).toBe(0);
      await screenshot(page, "teilnahme-angebot");
      await expectNoAxeViolations(page);

      await page.getByRole("button", { name: "Platz annehmen" }).click();
      await expect.poll(() => statusPanel(page).textContent()).toContain("Platz bestätigt");
      expect(await statusPanel(page).textContent()).toContain("Angebotenen Platz angenommen");
      expect(await page.getByRole("img", { name: /QR-Code/ }).count()).toBe(1);
      expect(await page.getByRole("button", { name: "Platz annehmen" }).count()).toBe(0);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });

  it("cancels a registration of its own after confirming, and shows why", async () => {
    // A registration made by the organiser for this test, so the demo registration stays as it is.
    await askForLinks(ORGANISER);
    const signInToken = await tokenFromMailbox(ORGANISER, /#token=([A-Za-z0-9_-]+)/);
    const session = await post("/api/auth/sessions", { token: signInToken });
    expect(session.status).toBe(201);
    const cookie = session.headers
      .getSetCookie()
      .find((c) => c.startsWith("__Host-nw_session="))!
      .split(";")[0];
    const email = `e2e-absage-${Date.now()}@hebammen.example`;
    const registered = await post(
      "/api/events/evt-qe-werkstatt/registrations",
      {
        institutionId: "inst-staatsanwaltschaft-kh",
        name: "Alex Absage",
        email,
        function: "",
        accessibilityNeeds: "Platz in Türnähe",
        privacyAcknowledged: true,
      },
      { cookie, "idempotency-key": crypto.randomUUID() },
    );
    expect(registered.status, await registered.clone().text()).toBe(201);
    const token = await tokenFromMailbox(email, /\/teilnahme#t=([A-Za-z0-9_-]+)/);

    const page = await openOnPhone(token);
    try {
      await expect.poll(() => statusPanel(page).textContent(), { timeout: 10_000 }).toContain("Platz bestätigt");
      expect(await page.getByText("Platz in Türnähe").count()).toBe(1);
      await page.getByRole("button", { name: "Teilnahme absagen" }).click();
      await page.getByRole("button", { name: "Ja, verbindlich absagen" }).click();
      // Cancelling hands the place on (and writes mails) before it answers: allow it a moment.
      await expect.poll(() => statusPanel(page).textContent(), { timeout: 10_000 }).toContain("Abgesagt");
      expect(await statusPanel(page).textContent()).toContain("Von der teilnehmenden Person abgesagt");
      expect(await page.getByRole("img", { name: /QR-Code/ }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Teilnahme absagen" }).count()).toBe(0);
      await screenshot(page, "teilnahme-abgesagt");
      await expectNoAxeViolations(page);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });
});
