// From nothing to a working network (issue 14), in Chromium: `npm run network:create` sets up a
// new network beside the demo ones; its organiser signs in through the dev mailbox, reaches the
// import page by clicking from the start page, uploads a 40-row Excel file (3 rows faulty, one
// column guessed wrongly), fixes the mapping, leaves the faulty rows out, commits and finds 37
// institutions in that network only; the same rows again, as a Windows-1252 CSV, are all
// unchanged; the demo network is untouched. Axe and a clean console in every state.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { xlsxFile } from "../../worker/lib/xlsx";
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

const NETWORK = {
  name: "Netzwerk Kinderschutz Teststadt",
  slug: "netzwerk-kinderschutz-teststadt",
  directory: "/netzwerk-kinderschutz-teststadt/verzeichnis",
};
const ORGANISER = "koordination@netzwerk-teststadt.example";
const MUNICIPALITY = "Teststadt";
const root = fileURLToPath(new URL("../..", import.meta.url));

/** The documented command, against the D1 of the running test server. */
function createNetwork() {
  const created = spawnSync(
    "npm",
    [
      "run",
      "-s",
      "network:create",
      "--",
      "--name",
      NETWORK.name,
      "--organiser",
      ORGANISER,
      "--municipality",
      MUNICIPALITY,
    ],
    { cwd: root, encoding: "utf8", env: { ...process.env, NW_PERSIST_TO: inject("persistTo"), NO_COLOR: "1" } },
  );
  expect(created.status, created.stderr).toBe(0);
  expect(created.stdout.trim()).toBe(NETWORK.slug);
}

const apiJson = async (path: string) => (await fetch(new URL(path, baseURL()))).json() as Promise<any>;
const PREFIX = `Importtest ${Date.now()}`;

// "Profil" is guessed as the offers, but holds the sector here: the organiser must remap it.
const HEADER = [
  "Einrichtung",
  "Profil",
  "Kommune",
  "Straße",
  "PLZ",
  "Telefon",
  "Ansprechperson",
  "E-Mail Ansprechperson",
];
const SECTORS = ["Hebammen", "Kita", "Polizei", "Jugendamt", "Beratungsstellen"];
function fixture(): string[][] {
  const rows = Array.from({ length: 40 }, (_, i) => [
    `${PREFIX} – Zentrum für Familien Nr. ${i + 1}`,
    SECTORS[i % SECTORS.length],
    MUNICIPALITY,
    `Mühlenstraße ${i + 1}`,
    "55543",
    `0671 ${2000 + i}`,
    `Jördis Beispiel ${i + 1}`,
    `j.beispiel.${i + 1}@importtest.example`,
  ]);
  rows[4][1] = "Hebame"; // unknown sector, "Hebammen / Familienhebammen" offered
  rows[11][0] = ""; // no name
  rows[25][7] = "keine-adresse"; // contact e-mail invalid
  return [HEADER, ...rows];
}

/** CSV as an older German Excel saves it: Windows-1252, semicolons, CRLF. */
function windows1252Csv(table: string[][]): Buffer {
  const text = table
    .map((r) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(";"))
    .join("\r\n");
  const special: Record<string, number> = { "–": 0x96, "„": 0x84, "“": 0x93, "€": 0x80 };
  return Buffer.from([...text].map((ch) => special[ch] ?? (ch.charCodeAt(0) <= 0xff ? ch.charCodeAt(0) : 0x3f)));
}

let browser: Browser;
let page: E2EPage;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await openPage(browser, "/");
});
afterAll(async () => {
  await browser?.close();
});

const h1 = () => page.getByRole("heading", { level: 1 }).textContent();
const summary = () => page.locator(".result-count").textContent();

async function checkPage(name: string) {
  await screenshot(page, `${name}-1280`);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, `${name}-375`);
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });
  expectCleanPage(page);
}

async function toImportPage() {
  await page.goto(new URL("/", page.url()).href);
  await expect.poll(h1).toBe("Netzwerke auf NetzWerkstatt");
  await page.getByRole("main").getByRole("link", { name: NETWORK.name, exact: true }).first().click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/${NETWORK.slug}`);
  await page.getByRole("navigation").getByRole("link", { name: "Verzeichnis" }).first().click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(NETWORK.directory);
  await page.getByRole("link", { name: "Importieren", exact: true }).click();
  await expect.poll(h1).toBe("Verzeichnis importieren");
}

describe("directory import", () => {
  it("sets up a network by the command, imports 37 of 40 rows after the mapping is fixed, and finds them unchanged the second time", async () => {
    const demoBefore = await apiJson("/api/networks/kinderschutzcluster-9/institutions");
    createNetwork();
    await signInThroughMailbox(page, ORGANISER);
    await toImportPage();
    await checkPage("directory-import-empty");

    const table = fixture();
    await page.setInputFiles("#import-file", {
      name: "einrichtungen.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(xlsxFile("Einrichtungen", table[0], table.slice(1))),
    });
    // The wrong guess: every row lacks its sector.
    await expect.poll(() => page.getByLabel("Profil").inputValue()).toBe("offers");
    await expect.poll(summary).toBe("0 neu, 0 geändert, 0 unverändert, 40 Fehler");
    await expect.poll(() => page.getByRole("button", { name: "Importieren" }).isDisabled()).toBe(true);
    await checkPage("directory-import-wrong-mapping");

    await page.getByLabel("Profil").selectOption("sector");
    await expect.poll(summary).toBe("37 neu, 0 geändert, 0 unverändert, 3 Fehler");
    await expect.poll(() => page.getByText("Meinten Sie „Hebammen / Familienhebammen“?").count()).toBe(1);
    await expect.poll(() => page.locator('tr[data-outcome="error"]').count()).toBe(3);
    expect(await page.getByRole("button", { name: "Importieren" }).isDisabled()).toBe(true);
    await checkPage("directory-import-preview");

    await page.getByLabel(/Die 3 Zeilen mit Fehlern auslassen/).check();
    await page.getByRole("button", { name: "Importieren" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Import abgeschlossen" }).textContent())
      .toContain("37 neu angelegt, 0 geändert, 0 unverändert, 3 ausgelassen");
    await checkPage("directory-import-done");

    await page.getByRole("link", { name: "Zum Verzeichnis", exact: true }).click();
    // The new network holds exactly these, and the demo network is as it was.
    await expect.poll(() => page.locator(".institution-card").count()).toBe(37);
    await expect.poll(() => page.locator(".result-count").textContent()).toBe("37 Einrichtungen");
    const own = await apiJson(`/api/networks/${NETWORK.slug}/institutions`);
    expect(own.items).toHaveLength(37);
    expect(own.items.every((i: { name: string }) => i.name.startsWith(PREFIX))).toBe(true);
    expect(await apiJson("/api/networks/kinderschutzcluster-9/institutions")).toEqual(demoBefore);
    await page.locator("#directory-q").fill(PREFIX);
    await expect.poll(() => page.locator(".institution-card").count()).toBe(37);
    await expect.poll(() => page.locator(".result-count").textContent()).toBe("37 Einrichtungen");
    expect(await page.locator(".institution-card h2").first().textContent()).toContain("Zentrum für Familien");

    // Again, as a Windows-1252 CSV: the remembered mapping applies, nothing changes.
    await toImportPage();
    await page.setInputFiles("#import-file", {
      name: "einrichtungen.csv",
      mimeType: "text/csv",
      buffer: windows1252Csv(table),
    });
    await expect.poll(() => page.getByLabel("Profil").inputValue()).toBe("sector");
    await expect.poll(summary).toBe("0 neu, 0 geändert, 37 unverändert, 3 Fehler");
    await checkPage("directory-import-again");
  });
});
