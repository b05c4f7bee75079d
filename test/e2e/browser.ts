// Browser helpers for the e2e tests: Debian's Chromium driven by playwright-core, axe-core checks, screenshots.
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { AxeResults, Result } from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);

export const chromiumPath = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium";

/** A page that records what went wrong while it was open, so tests can assert that nothing did. */
export type E2EPage = Page & {
  /** `console.error` messages and uncaught page errors. */
  consoleErrors: string[];
  /** Requests that failed at the network level or answered with HTTP status >= 400. */
  failedRequests: string[];
};

export function baseURL(): string {
  return inject("baseURL");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

export async function openPage(browser: Browser, path: string, { locale = "de-DE" } = {}): Promise<E2EPage> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = (await context.newPage()) as E2EPage;
  page.consoleErrors = [];
  page.failedRequests = [];
  page.on("console", (message) => {
    if (message.type() === "error") page.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => page.consoleErrors.push(`${error.name}: ${error.message}`));
  page.on("requestfailed", (request) =>
    page.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "failed"}`),
  );
  page.on("response", (response) => {
    if (response.status() >= 400) {
      page.failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
    }
  });
  page.on("close", () => {
    void context.close().catch(() => {});
  });
  await page.goto(new URL(path, baseURL()).href, { waitUntil: "networkidle" });
  return page;
}

/** Asserts that nothing went wrong on the page so far (console errors, page errors, failed requests). */
export function expectCleanPage(page: E2EPage): void {
  // An aborted request (the favicon, when a test navigates on before it arrived) is the
  // browser leaving a page, not a fault of the page.
  const failed = page.failedRequests.filter((r) => !r.endsWith("net::ERR_ABORTED"));
  const problems = [...page.consoleErrors.map((e) => `console: ${e}`), ...failed];
  if (problems.length > 0) {
    throw new Error(`Problems on ${page.url()}:\n  ${problems.join("\n  ")}`);
  }
}

let axeSource: string | undefined;

function formatViolation(violation: Result): string {
  const nodes = violation.nodes.slice(0, 3).map((node) => {
    const html = node.html.length > 200 ? `${node.html.slice(0, 200)}…` : node.html;
    return `    - ${node.target.join(" ")}\n      ${html}`;
  });
  const more = violation.nodes.length > 3 ? `\n    … and ${violation.nodes.length - 3} more` : "";
  return `  [${violation.impact ?? "unknown"}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes.join("\n")}${more}`;
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and throws a readable summary if anything is violated. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  axeSource ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(() => "axe" in window);
  // Evaluated through the DevTools protocol rather than as a <script> tag, which the page's strict
  // Content-Security-Policy rightly refuses.
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return results.violations;
  });
  if (violations.length > 0) {
    throw new Error(
      `${violations.length} axe violation(s) on ${page.url()}:\n${violations.map(formatViolation).join("\n")}`,
    );
  }
}

/** Saves a full-page PNG to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = `${root}test-results/screenshots`;
  await mkdir(dir, { recursive: true });
  const path = `${dir}/${name.replace(/[^\w.-]+/g, "-")}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The newest mail to `email` in the dev mailbox (id and first link), if any. */
export async function newestMail(email: string): Promise<{ id: string; link?: string } | undefined> {
  const res = await fetch(new URL(`/api/dev/mailbox?to=${encodeURIComponent(email)}`, baseURL()));
  const { items } = (await res.json()) as { items: { id: string; text: string }[] };
  if (!items[0]) return undefined;
  return { id: items[0].id, link: /https?:\/\/\S+/.exec(items[0].text)?.[0] };
}

/** The id of the newest mail to `email`: pass it to `newestMailLink` to wait for a newer one. */
export const newestMailId = async (email: string) => (await newestMail(email))?.id;

/**
 * Asks for a sign-in link (or a participant's links) for `email`, as the sign-in page does, and
 * waits until the mail is in the dev mailbox: it is written just after the answer.
 */
export async function askForLinks(email: string): Promise<void> {
  const before = await newestMailId(email);
  const res = await fetch(new URL("/api/auth/sign-in-links", baseURL()), {
    method: "POST",
    headers: { "content-type": "application/json", origin: new URL(baseURL()).origin },
    body: JSON.stringify({ email }),
  });
  expect(res.status).toBe(202);
  await expect.poll(async () => (await newestMail(email))?.id).not.toBe(before);
}

/**
 * On the dev mailbox page: waits for a mail to `email` newer than the one with id `before`
 * (mails are written just after the answer, so it may take a moment and a click on
 * "Aktualisieren"), and returns its link as the page shows it.
 */
export async function newestMailLink(page: Page, email: string, before: string | undefined): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const newest = await newestMail(email);
      link = newest && newest.id !== before ? newest.link : undefined;
      return link;
    })
    .toBeTruthy();
  const shown = page.locator(".mail").filter({ hasText: email }).locator(`.mail-body a[href="${link}"]`);
  await expect
    .poll(async () => {
      if ((await shown.count()) > 0) return true;
      await page.getByRole("button", { name: "Aktualisieren" }).click();
      return false;
    })
    .toBe(true);
  return (await shown.first().getAttribute("href"))!;
}

/** Signs in the honest way: asks for a link on /anmelden and follows it from the dev mailbox. */
export async function signInThroughMailbox(page: E2EPage, email: string): Promise<void> {
  const h1 = () => page.getByRole("heading", { level: 1 }).textContent();
  await page.goto(new URL("/anmelden", baseURL()).href);
  await expect.poll(h1).toBe("Anmelden");
  const before = await newestMailId(email);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Anmeldelink senden" }).click();
  await expect.poll(() => page.getByText("Bitte sehen Sie in Ihr Postfach.").count()).toBe(1);
  await page.getByRole("link", { name: "Entwicklungs-Postfach" }).click();
  await expect.poll(h1).toBe("Entwicklungs-Postfach");
  await page.goto(await newestMailLink(page, email, before));
  await expect.poll(h1, { timeout: 10_000 }).toBe("Mein Konto");
}
