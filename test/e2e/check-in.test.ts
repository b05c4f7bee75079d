// The door check-in page: the demo session is weeks ahead, so the page says when check-in opens and takes
// nothing until the organiser confirms the override; then a tick from the list, a typed ticket code, then two
// ticks while offline that wait in the queue with a walk-in and are sent when the connection is back, then an
// undo; the server ends with exactly the four present, none twice.
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { type Browser, chromium } from "playwright-core";
import { encode } from "uqr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCharacter, formatTicketCode, TICKET_ALPHABET } from "../../worker/domain/ticket-code";
import {
  chromiumPath,
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
const EVENT = "evt-qe-werkstatt";
const SESSION = "ses-qe-1";

const status = (page: E2EPage) => page.getByRole("status").first().textContent();

const tickButtons = (page: E2EPage) => page.locator(".check-in-list .check-in-tick");
const presentRows = (page: E2EPage) => page.locator(".check-in-list li.is-present");

describe("check-in at the door", () => {
  it("checks in from the list, by ticket code and offline, and ends with exactly four present", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, ORGANISER);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(new URL(`/kinderschutzcluster-9/veranstaltungen/${EVENT}/platzvergabe`, page.url()).href, {
        waitUntil: "networkidle",
      });
      const link = page.locator(`a[href$="/termine/${SESSION}/einlass"]`);
      await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
      await link.click();
      await expect.poll(() => tickButtons(page).count(), { timeout: 10_000 }).toBeGreaterThan(3);
      const count = page.locator(".check-in-count-number");
      const expected = Number((await count.textContent())!.split("/")[1]!.trim());
      expect(expected).toBeGreaterThan(3);
      expect(await presentRows(page).count()).toBe(0);
      // Weeks ahead of the session: the page says when check-in opens, before anyone tries.
      const window = page.getByRole("region", { name: /^Einlass öffnet am / });
      await expect.poll(() => window.count()).toBe(1);
      expect(await window.getByRole("heading").textContent()).toMatch(
        /^Einlass öffnet am \d{2}\.\d{2}\.\d{4} um \d{2}:\d{2} Uhr$/,
      );
      await screenshot(page, "check-in-start-375");
      await expectNoAxeViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      // A tick is not taken without the explicit confirmation.
      await tickButtons(page).first().click();
      await expect.poll(() => status(page)).toContain("Der Einlass ist nicht geöffnet.");
      const override = page.getByLabel(/^Trotzdem einchecken/);
      expect(await override.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await presentRows(page).count()).toBe(0);
      expect(
        await page.evaluate((s) => JSON.parse(localStorage.getItem(`nw.checkIn.queue.${s}`) ?? "[]").length, SESSION),
      ).toBe(0);
      await override.check();

      // One from the list.
      await tickButtons(page).first().click();
      await expect.poll(() => presentRows(page).count()).toBe(1);
      // One by typed ticket code.
      await page.getByLabel("Ticketcode").fill("NW:reg-demo-teilnahme");
      await page.getByRole("button", { name: "Einchecken", exact: true }).click();
      await expect.poll(() => count.textContent()).toBe(`2 / ${expected}`);
      await expect.poll(() => page.locator(".check-in-queue").count()).toBe(0);

      // Two more while offline: they wait in the queue.
      const failedBefore = page.failedRequests.length;
      const errorsBefore = page.consoleErrors.length;
      await page.context().setOffline(true);
      await page.getByLabel("Name oder Einrichtung suchen").fill("");
      await tickButtons(page).first().click();
      await tickButtons(page).first().click();
      // And a walk-in, also offline.
      await page.getByLabel("Name", { exact: true }).fill("Wanda Spontan");
      // Not the Kita: its second place is what the registration test (test/e2e/registration.test.ts) registers into.
      await page
        .getByLabel("Einrichtung", { exact: true })
        .selectOption({ label: "Jugendamt Kreis Bad Kreuznach – Allgemeiner Sozialer Dienst" });
      await page.getByRole("button", { name: "Hinzufügen und einchecken" }).click();
      await expect.poll(() => status(page)).toContain("Offline – 3 Einträge warten auf Übertragung");
      await expect.poll(() => count.textContent()).toBe(`5 / ${expected}`);
      const stored = await page.evaluate(
        (s) => JSON.parse(localStorage.getItem(`nw.checkIn.queue.${s}`) ?? "[]"),
        SESSION,
      );
      expect(stored).toHaveLength(3);
      await screenshot(page, "check-in-offline-375");
      await expectNoAxeViolations(page);
      await page.context().setOffline(false);
      await expect.poll(() => page.locator(".check-in-queue").count(), { timeout: 15_000 }).toBe(0);
      // Requests that failed while offline are the point of the exercise, not faults.
      page.failedRequests.splice(failedBefore);
      page.consoleErrors.splice(
        errorsBefore,
        page.consoleErrors.length - errorsBefore,
        ...page.consoleErrors.slice(errorsBefore).filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")),
      );

      // Undo the first tick of the list: the person is expected again, not present.
      const firstPresent = presentRows(page).first();
      const undoneName = (await firstPresent.locator(".person-name").textContent())!;
      await firstPresent.getByRole("button", { name: /Rückgängig/ }).click();
      await expect.poll(() => count.textContent()).toBe(`4 / ${expected}`);
      await expect.poll(() => page.locator(".check-in-queue").count(), { timeout: 15_000 }).toBe(0);

      const list = await page.evaluate(async (s) => {
        const response = await fetch(`/api/sessions/${s}/attendance`);
        return (await response.json()) as {
          counts: { present: number };
          items: { registrationId: string; name: string; status: string; isWalkIn: boolean }[];
        };
      }, SESSION);
      const present = list.items.filter((i) => i.status === "present");
      expect(present).toHaveLength(4);
      expect(new Set(present.map((i) => i.registrationId)).size).toBe(4);
      expect(present.map((i) => i.registrationId)).toContain("reg-demo-teilnahme");
      expect(present.filter((i) => i.isWalkIn).map((i) => i.name)).toEqual(["Wanda Spontan"]);
      expect(present.map((i) => i.name)).not.toContain(undoneName);
      expect(list.counts.present).toBe(4);
      await expect.poll(() => count.textContent()).toBe(`4 / ${expected}`);

      await screenshot(page, "check-in-done-375");
      await expectNoAxeViolations(page);
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });
});

type ListItem = { registrationId: string; ticketCode: string | null; name: string; status: string };
const listOf = async (page: E2EPage) =>
  (
    await page.evaluate(
      async (s) => (await (await fetch(`/api/sessions/${s}/attendance`)).json()) as { items: ListItem[] },
      SESSION,
    )
  ).items;
const checkInPage = (page: E2EPage) =>
  new URL(`/kinderschutzcluster-9/veranstaltungen/${EVENT}/termine/${SESSION}/einlass`, page.url()).href;

describe("tickets at the door", () => {
  it("checks in by a short code typed in lower case with a dash, and a wrong code gives one clear message", async () => {
    const page = await openPage(browser, "/kinderschutzcluster-9");
    try {
      await signInThroughMailbox(page, ORGANISER);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(checkInPage(page), { waitUntil: "networkidle" });
      await expect.poll(() => tickButtons(page).count(), { timeout: 10_000 }).toBeGreaterThan(1);
      const count = page.locator(".check-in-count-number");
      const [presentBefore, expected] = (await count.textContent())!.split("/").map((n) => Number(n.trim()));
      // The demo session is weeks ahead: the organiser confirms the override first.
      await page.getByLabel(/^Trotzdem einchecken/).check();
      const field = page.getByLabel("Ticketcode");
      const submit = page.getByRole("button", { name: "Einchecken", exact: true });
      const messages = () =>
        page.locator(".page-status .notice-ok, .page-status .notice-error, #ticket-code-error").allTextContents();

      // Someone not yet there, by their short code as a person might type it.
      const person = (await listOf(page)).find((i) => i.status === "none" && i.ticketCode)!;
      await field.fill(` ${formatTicketCode(person.ticketCode!).toLowerCase()} `);
      await submit.click();
      await expect.poll(() => count.textContent()).toBe(`${presentBefore + 1} / ${expected}`);
      await expect.poll(messages).toEqual([`${person.name} ist eingecheckt.`]);
      await expect.poll(() => page.locator(".check-in-queue").count(), { timeout: 15_000 }).toBe(0);
      expect((await listOf(page)).find((i) => i.registrationId === person.registrationId)?.status).toBe("present");

      // A wrong check character: said at once under the field, nothing sent, nothing else said.
      const code = person.ticketCode!;
      const wrong = code.slice(0, 7) + TICKET_ALPHABET[(TICKET_ALPHABET.indexOf(code[7]!) + 1) % 31];
      await field.fill(wrong);
      await submit.click();
      await expect
        .poll(messages)
        .toEqual([
          "Dieser Ticketcode ist vertippt: ein Zeichen fehlt, ist zu viel oder stimmt nicht. Bitte prüfen Sie den Code auf dem Ticket.",
        ]);
      expect(await field.getAttribute("aria-invalid")).toBe("true");
      expect(await page.evaluate((s) => localStorage.getItem(`nw.checkIn.queue.${s}`), SESSION)).toBe("[]");
      await screenshot(page, "check-in-ticket-typo-375");
      await expectNoAxeViolations(page);

      // A well-formed code of nobody: the server says so, once, and "vorgemerkt" is not left standing beside it.
      const nobody = `ZZZZZZZ${checkCharacter("ZZZZZZZ")}`;
      await field.fill(nobody);
      await submit.click();
      await expect.poll(messages, { timeout: 15_000 }).toEqual([`${nobody}: Anmeldung nicht gefunden`]);
      expect(await page.getByText("vorgemerkt").count()).toBe(0);
      await screenshot(page, "check-in-ticket-unknown-375");
      // The 404 of the unknown ticket is the point of the exercise, not a fault.
      page.failedRequests.splice(
        0,
        page.failedRequests.length,
        ...page.failedRequests.filter((r) => !(r.includes("/check-ins") && r.endsWith("HTTP 404"))),
      );
      page.consoleErrors.splice(
        0,
        page.consoleErrors.length,
        ...page.consoleErrors.filter((e) => !e.includes("status of 404")),
      );
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });

  it("scans a QR ticket with the camera where the browser has no BarcodeDetector (the ponyfill, wasm from our origin)", async () => {
    const first = await openPage(browser, "/kinderschutzcluster-9");
    let person: ListItem;
    try {
      await signInThroughMailbox(first, ORGANISER);
      await first.goto(checkInPage(first), { waitUntil: "networkidle" });
      person = (await listOf(first)).find((i) => i.status === "none" && i.ticketCode)!;
    } finally {
      await first.close();
    }
    // A camera that films the person's QR ticket: a Y4M clip for Chromium's fake capture device.
    const qr = encode(`NW:${person.ticketCode}`, { ecc: "M", border: 4 });
    const [width, height, scale] = [640, 480, 10];
    const y = new Uint8Array(width * height).fill(235);
    const left = (width - qr.size * scale) / 2;
    const top = (height - qr.size * scale) / 2;
    for (const [r, row] of qr.data.entries()) {
      for (const [c, dark] of row.entries()) {
        if (!dark) continue;
        for (let dy = 0; dy < scale; dy++) {
          const start = (top + r * scale + dy) * width + left + c * scale;
          y.fill(16, start, start + scale);
        }
      }
    }
    const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
    const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma]);
    const clip = `${tmpdir()}/check-in-ticket-${process.pid}.y4m`;
    await writeFile(
      clip,
      Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]),
    );

    const camera = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        `--use-file-for-fake-video-capture=${clip}`,
      ],
    });
    try {
      const page = await openPage(camera, "/kinderschutzcluster-9");
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await signInThroughMailbox(page, ORGANISER);
      await page.context().grantPermissions(["camera"]);
      await page.goto(checkInPage(page), { waitUntil: "networkidle" });
      await expect.poll(() => tickButtons(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => "BarcodeDetector" in window)).toBe(false);
      await page.getByLabel(/^Trotzdem einchecken/).check();
      await page.getByRole("button", { name: "Kamera scannen" }).click();
      await expect.poll(() => status(page), { timeout: 20_000 }).toContain(`${person.name} ist eingecheckt.`);
      await expect
        .poll(async () => (await listOf(page)).find((i) => i.registrationId === person.registrationId)?.status, {
          timeout: 15_000,
        })
        .toBe("present");
      const origin = new URL(page.url()).origin;
      const wasm = requests.filter((u) => u.endsWith(".wasm"));
      expect(wasm).toHaveLength(1);
      expect(wasm[0]!.startsWith(`${origin}/assets/zxing_reader-`)).toBe(true);
      expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"))).toEqual([]);
      expectCleanPage(page);
      await page.close();
    } finally {
      await camera.close();
    }
  });
});
