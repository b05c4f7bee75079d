// What the browser gets beyond the pages' content: the personal link's token leaves the
// address bar and the history at once (and a reload in the tab still works), and only the
// door's check-in page may use the camera, as served by `wrangler dev` from web/public/_headers.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askForLinks, baseURL, expectCleanPage, launchBrowser, openPage, signInThroughMailbox } from "./browser";

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

async function personalLinkOf(email: string): Promise<string> {
  await askForLinks(email);
  const mailbox = await fetch(url(`/api/dev/mailbox?to=${encodeURIComponent(email)}`));
  const { items } = (await mailbox.json()) as { items: { text: string }[] };
  for (const mail of items) {
    const token = /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no personal link to ${email}`);
}

describe("the personal link's token", () => {
  it("is gone from the address bar and the history after load, and the page survives a reload", async () => {
    const token = await personalLinkOf(PARTICIPANT);
    const page = await openPage(browser, "/");
    const status = () => page.locator(".status-panel[role=status]").textContent();
    try {
      await page.goto(url(`/teilnahme#t=${token}`), { waitUntil: "networkidle" });
      await expect.poll(status, { timeout: 10_000 }).toContain("Platz bestätigt");
      expect(page.url()).toBe(url("/teilnahme"));
      expect(await page.evaluate(() => location.href)).not.toContain(token);

      // The entry before is the start page; the personal page's own entry holds no token either.
      await page.goBack({ waitUntil: "networkidle" });
      expect(page.url()).toBe(url("/"));
      await page.goForward({ waitUntil: "networkidle" });
      expect(page.url()).toBe(url("/teilnahme"));
      await expect.poll(status, { timeout: 10_000 }).toContain("Platz bestätigt");

      await page.reload({ waitUntil: "networkidle" });
      expect(page.url()).toBe(url("/teilnahme"));
      await expect.poll(status, { timeout: 10_000 }).toContain("Platz bestätigt");
      expectCleanPage(page);
    } finally {
      await page.close();
    }
  });
});

describe("the camera", () => {
  const allowed = (page: Awaited<ReturnType<typeof openPage>>) =>
    page.evaluate(() =>
      (document as unknown as { featurePolicy: { allowsFeature(f: string): boolean } }).featurePolicy.allowsFeature(
        "camera",
      ),
    );

  it("is allowed on the check-in page only, also when it is reached by its link", async () => {
    const page = await openPage(browser, "/");
    try {
      for (const path of ["/", "/teilnahme", "/kinderschutzcluster-9/veranstaltungen/evt-qe-werkstatt/platzvergabe"]) {
        const res = await page.goto(url(path), { waitUntil: "networkidle" });
        expect(res?.headers()["permissions-policy"], path).toContain("camera=()");
        expect(res?.headers()["strict-transport-security"], path).toContain("max-age=");
        expect(await allowed(page), path).toBe(false);
      }
      const asset = await fetch(url("/favicon.svg"));
      expect(asset.headers.get("permissions-policy")).toContain("camera=()");
      expect(asset.headers.get("strict-transport-security")).toContain("max-age=");

      const checkIn = await page.goto(
        url("/kinderschutzcluster-9/veranstaltungen/evt-qe-werkstatt/termine/ses-qe-1/einlass"),
      );
      expect(checkIn?.headers()["permissions-policy"]).toContain("camera=(self)");
      expect(checkIn?.headers()["permissions-policy"]).toContain("microphone=()");
      expect(await allowed(page)).toBe(true);

      // From the board the link opens the check-in page as a new document, with its own headers.
      await signInThroughMailbox(page, ORGANISER);
      await page.goto(url("/kinderschutzcluster-9/veranstaltungen/evt-qe-werkstatt/platzvergabe"), {
        waitUntil: "networkidle",
      });
      expect(await allowed(page)).toBe(false);
      const link = page.locator('a[href$="/termine/ses-qe-1/einlass"]');
      await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
      await Promise.all([page.waitForEvent("load"), link.click()]);
      expect(page.url()).toBe(url("/kinderschutzcluster-9/veranstaltungen/evt-qe-werkstatt/termine/ses-qe-1/einlass"));
      expect(await allowed(page)).toBe(true);
    } finally {
      await page.close();
    }
  });
});
