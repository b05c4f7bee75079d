// Directory import and export through the worker, against real D1: dry run,
// all-or-nothing commit, re-import unchanged, the export round trip through the
// browser's own parsing code, the 500-row figure and the tenant boundary.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeCsv, parseCsv, parseXlsx } from "../../web/src/lib/spreadsheet";
import { guessMapping, mapRows } from "../../worker/domain/directory-import";
import { authed, json, OTHER, seed, seedOtherNetwork, signIn } from "../helpers";

let organiser: string;
let otherOrganiser: string;
let otherContact: string;

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;
const importInto = (cookie: string, networkId: string, body: object) =>
  authed(cookie, `/api/networks/${networkId}/directory/import`, { method: "POST", body });

const HEADER = [
  "Einrichtung",
  "Bereich/Profession",
  "Kommune/Ort",
  "Straße",
  "PLZ",
  "Telefon",
  "Ansprechperson",
  "E-Mail Ansprechperson",
];
const sheet = (n: number, prefix: string) => [
  HEADER,
  ...Array.from({ length: n }, (_, i) => [
    `${prefix} ${i + 1}`,
    i % 2 ? "Kita" : "hebammen",
    i % 3 ? "Bad Kreuznach" : "ludwigshafen",
    `Hauptstraße ${i + 1}`,
    "55543",
    `+49 671 ${1000 + i}`,
    `Person ${i + 1}`,
    `person.${i + 1}@${prefix.toLowerCase().replace(/\W/g, "")}.example`,
  ]),
];
const rowsOf = (table: string[][]) => mapRows(table, guessMapping(table[0]));

beforeAll(async () => {
  await seed();
  await seedOtherNetwork();
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  otherOrganiser = await signIn(OTHER.organiserEmail);
  otherContact = await signIn(OTHER.contactEmail);
});

describe("import", () => {
  it("previews without writing, commits all at once, and then finds everything unchanged", async () => {
    const rows = rowsOf(sheet(12, "Vorschau"));
    const before = await count("select count(*) as n from institutions");
    const outboxBefore = await count("select count(*) as n from outbox");

    const preview = await importInto(organiser, "net-kc9", { rows, dryRun: true });
    expect(preview.status).toBe(200);
    const p = await json(preview);
    expect(p.committed).toBe(false);
    expect(p.summary).toEqual({ new: 12, update: 0, unchanged: 0, error: 0 });
    expect(await count("select count(*) as n from institutions")).toBe(before);

    const commit = await json(await importInto(organiser, "net-kc9", { rows, dryRun: false }));
    expect(commit).toMatchObject({ committed: true, summary: { new: 12, error: 0 } });
    expect(
      await count("select count(*) as n from institutions where name like 'Vorschau %' and network_id = 'net-kc9'"),
    ).toBe(12);
    expect(await count("select count(*) as n from contact_persons where email like '%@vorschau.example'")).toBe(12);
    // Imported contact persons get no mail and no account until an organiser invites them.
    expect(await count("select count(*) as n from outbox")).toBe(outboxBefore);
    expect(await count("select count(*) as n from accounts where email like '%@vorschau.example'")).toBe(0);
    expect(await count("select count(*) as n from audit_log where action = 'institution.imported'")).toBe(12);

    const again = await json(await importInto(organiser, "net-kc9", { rows, dryRun: false }));
    expect(again).toMatchObject({ committed: false, summary: { new: 0, update: 0, unchanged: 12, error: 0 } });
  });

  it("reports changes as updates, and keeps unmapped columns as they are", async () => {
    const table = sheet(3, "Änderung");
    await importInto(organiser, "net-kc9", { rows: rowsOf(table), dryRun: false });
    table[1][5] = "0671 999";
    table[2][6] = "Neuer Name";
    const phoneOnly = rowsOf(table).map((r) => ({ ...r, values: { ...r.values, street: undefined } }));
    const res = await json(await importInto(organiser, "net-kc9", { rows: phoneOnly, dryRun: false }));
    expect(res.rows.map((r: { outcome: string; changed: string[] }) => [r.outcome, r.changed])).toEqual([
      ["update", ["phone"]],
      ["update", ["contactName"]],
      ["unchanged", []],
    ]);
    const street = await env.DB.prepare("select street, phone from institutions where name = 'Änderung 1'").first();
    expect(street).toEqual({ street: "Hauptstraße 1", phone: "0671 999" });
  });

  it("gives every faulty row its reason, suggests the closest sector, and refuses the commit unless told to skip", async () => {
    const table = sheet(5, "Fehler");
    table[1][1] = "Hebame";
    table[2][0] = "";
    table[3][2] = "Mainz";
    table[4][7] = "keine-adresse";
    const rows = rowsOf(table);
    const preview = await json(await importInto(organiser, "net-kc9", { rows, dryRun: true }));
    expect(preview.summary).toEqual({ new: 1, update: 0, unchanged: 0, error: 4 });
    expect(preview.rows[0].errors).toEqual([
      {
        code: "sector_unknown",
        field: "sector",
        message: "Unbekannter Bereich",
        suggestion: "Hebammen / Familienhebammen",
      },
    ]);
    expect(preview.rows[1].errors[0].code).toBe("name_missing");
    expect(preview.rows[2].errors[0]).toMatchObject({
      code: "municipality_unknown",
      suggestion: "Landkreis Mainz-Bingen",
    });
    expect(preview.rows[3].errors[0]).toMatchObject({ code: "email_invalid", field: "contactEmail" });

    const before = await count("select count(*) as n from institutions");
    const refused = await importInto(organiser, "net-kc9", { rows, dryRun: false });
    expect(refused.status).toBe(422);
    expect((await json(refused)).code).toBe("import_has_errors");
    expect(await count("select count(*) as n from institutions")).toBe(before);

    const skipped = await json(await importInto(organiser, "net-kc9", { rows, dryRun: false, skipInvalid: true }));
    expect(skipped).toMatchObject({ committed: true, summary: { new: 1, error: 4 } });
    expect(await count("select count(*) as n from institutions")).toBe(before + 1);
  });

  it("answers the reasons in English when asked", async () => {
    const rows = [{ line: 2, values: { name: "X English", sector: "Polizey" } }];
    const res = await authed(organiser, "/api/networks/net-kc9/directory/import", {
      method: "POST",
      headers: { "accept-language": "en" },
      body: { rows, dryRun: true },
    });
    expect((await json(res)).rows[0].errors[0]).toMatchObject({ message: "Unknown sector", suggestion: "Polizei" });
  });

  it("imports 500 rows in one request (figure printed, not asserted)", async () => {
    const rows = rowsOf(sheet(500, "Massen"));
    const meterBefore = await json(await authed(null, "/api/dev/d1-meter"));
    const started = performance.now();
    const res = await importInto(organiser, "net-kc9", { rows, dryRun: false });
    const ms = Math.round(performance.now() - started);
    const meterAfter = await json(await authed(null, "/api/dev/d1-meter"));
    expect(res.status).toBe(200);
    expect((await json(res)).summary.new).toBe(500);
    console.log(
      `500-row import: ${ms} ms, ${meterAfter.queries - meterBefore.queries} D1 statements, ${meterAfter.rowsWritten - meterBefore.rowsWritten} rows written`,
    );
    expect(await count("select count(*) as n from institutions where name like 'Massen %'")).toBe(500);
  });

  it("refuses the organiser of another network and contacts, and writes nothing", async () => {
    const rows = rowsOf(sheet(2, "Fremd"));
    for (const cookie of [otherOrganiser, otherContact]) {
      const res = await importInto(cookie, "net-kc9", { rows, dryRun: false });
      expect(res.status).toBe(403);
      for (const file of ["directory.csv", "directory.xlsx"])
        expect((await authed(cookie, `/api/networks/net-kc9/${file}`)).status).toBe(403);
    }
    expect(await count("select count(*) as n from institutions where name like 'Fremd %'")).toBe(0);
    // The other network's organiser imports into their own network only.
    const own = await json(
      await importInto(otherOrganiser, OTHER.networkId, {
        rows: rows.map((r) => ({ ...r, values: { ...r.values, municipality: "" } })),
        dryRun: false,
      }),
    );
    expect(own.summary.new).toBe(2);
    expect(
      await count("select count(*) as n from institutions where name like 'Fremd %' and network_id = 'net-kc9'"),
    ).toBe(0);
  });
});

describe("export round trip", () => {
  it("CSV: export, parse as the browser does, import: all unchanged", async () => {
    const res = await authed(organiser, "/api/networks/net-kc9/directory.csv");
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(decodeCsv(bytes));
    expect(table[0]).toEqual([
      "Einrichtung",
      "Bereich",
      "Kommune",
      "Straße",
      "PLZ",
      "Telefon",
      "E-Mail (Funktionspostfach)",
      "Homepage",
      "Angebote",
      "Erreichbarkeit",
      "Ansprechperson",
      "E-Mail Ansprechperson",
      "Funktion Ansprechperson",
    ]);
    const mapping = guessMapping(table[0]);
    expect(mapping.every((f) => f !== null)).toBe(true);
    const total = await count(
      "select count(*) as n from institutions where network_id = 'net-kc9' and archived_at is null",
    );
    expect(table.length - 1).toBe(total);
    const rows = mapRows(table, mapping);
    const result = await json(await importInto(organiser, "net-kc9", { rows, dryRun: true }));
    expect(result.rows.filter((r: { outcome: string }) => r.outcome !== "unchanged")).toEqual([]);
    expect(result.summary.unchanged).toBe(total);
  });

  it("XLSX: export, read with read-excel-file, import: all unchanged", async () => {
    const res = await authed(organiser, "/api/networks/net-kc9/directory.xlsx");
    expect(res.status).toBe(200);
    const table = await parseXlsx(await res.arrayBuffer());
    const rows = mapRows(table, guessMapping(table[0]));
    const result = await json(await importInto(organiser, "net-kc9", { rows, dryRun: true }));
    expect(result.rows.filter((r: { outcome: string }) => r.outcome !== "unchanged")).toEqual([]);
    expect(result.summary.unchanged).toBeGreaterThan(500);
  });
});
