import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXPORT_HEADER,
  type ExistingInstitution,
  editDistance,
  guessMapping,
  IMPORT_FIELDS,
  mapRows,
  matchMunicipality,
  matchSector,
  normaliseValues,
  planImport,
} from "./directory-import";

const SECTORS = [
  { key: "youth_office", nameDe: "Jugendamt / ASD", nameEn: "Youth office" },
  { key: "midwifery", nameDe: "Hebammen / Familienhebammen", nameEn: "Midwives" },
  { key: "daycare", nameDe: "Kindertagesstätte (Kita)", nameEn: "Daycare" },
  { key: "police", nameDe: "Polizei", nameEn: "Police" },
];
const MUNICIPALITIES = [
  { id: "kh", name: "Bad Kreuznach", role: "model" as const },
  { id: "lu", name: "Ludwigshafen am Rhein", role: "partner" as const },
  { id: "mz", name: "Landkreis Mainz-Bingen", role: "partner" as const },
];

describe("guessMapping", () => {
  it("reads the headers German lists use", () => {
    expect(
      guessMapping([
        "Einrichtung",
        "Bereich/Profession",
        "Kommune/Ort",
        "Straße",
        "PLZ",
        "Telefon",
        "E-Mail (Funktionspostfach)",
        "Homepage",
        "Angebote",
        "Erreichbarkeit",
        "Ansprechperson",
        "E-Mail Ansprechperson",
        "Funktion",
        "Bemerkung",
      ]),
    ).toEqual([
      "name",
      "sector",
      "municipality",
      "street",
      "postalCode",
      "phone",
      "email",
      "website",
      "offers",
      "reachability",
      "contactName",
      "contactEmail",
      "contactFunction",
      null,
    ]);
    expect(guessMapping(["Träger/Name", "Tel.", "Internet", "Ort"])).toEqual([
      "name",
      "phone",
      "website",
      "municipality",
    ]);
  });

  it("maps the export's own header exactly, whatever the order", () => {
    const header = IMPORT_FIELDS.map((f) => EXPORT_HEADER[f]);
    expect(guessMapping(header)).toEqual([...IMPORT_FIELDS]);
    expect(guessMapping([...header].reverse())).toEqual([...IMPORT_FIELDS].reverse());
  });

  it("never gives one field to two columns", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...Object.values(EXPORT_HEADER), "Name", "E-Mail", "Ort", "x")),
        (headers) => {
          const fields = guessMapping(headers).filter((f) => f !== null);
          return new Set(fields).size === fields.length;
        },
      ),
    );
  });
});

describe("mapRows", () => {
  it("skips blank rows, numbers rows as in the sheet, and leaves unmapped fields out", () => {
    const rows = mapRows(
      [
        ["Einrichtung", "Notiz"],
        ["A", "x"],
        ["", " "],
        ["B", "y"],
      ],
      ["name", null],
    );
    expect(rows).toEqual([
      { line: 2, values: { name: "A" } },
      { line: 4, values: { name: "B" } },
    ]);
  });
});

describe("matching", () => {
  it("finds sectors by key, label or a part of it, ignoring case, spaces and umlaut spelling", () => {
    for (const v of [
      "midwifery",
      "HEBAMMEN",
      "  hebammen / familienhebammen ",
      "Kita",
      "Kindertagesstaette (Kita)",
      "ASD",
    ])
      expect(matchSector(v, SECTORS).found).not.toBeNull();
  });

  it("offers the closest sector for a typo, and none for something else entirely", () => {
    expect(matchSector("Hebame", SECTORS)).toEqual({ found: null, suggestion: SECTORS[1] });
    expect(matchSector("Polizey", SECTORS)).toEqual({ found: null, suggestion: SECTORS[3] });
    expect(matchSector("Raumfahrt", SECTORS)).toEqual({ found: null, suggestion: null });
  });

  it("finds municipalities by their short names", () => {
    expect(matchMunicipality("Ludwigshafen", MUNICIPALITIES).found?.id).toBe("lu");
    expect(matchMunicipality("mainz-bingen", MUNICIPALITIES).found?.id).toBe("mz");
    expect(matchMunicipality("Mainz", MUNICIPALITIES)).toMatchObject({ found: null, suggestion: { id: "mz" } });
  });

  it("edit distance is a metric on small strings", () => {
    expect(editDistance("hebame", "hebammen")).toBe(2);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => editDistance(a, b) === editDistance(b, a)));
    fc.assert(fc.property(fc.string(), (a) => editDistance(a, a) === 0));
  });
});

describe("normaliseValues", () => {
  it("puts back what Excel and German lists drop, and undoes the export's formula guard", () => {
    expect(
      normaliseValues({
        postalCode: "1067",
        website: "www.beispiel.de",
        email: " Info@Beispiel.DE ",
        phone: "'+49 671 1",
        name: " Kita   Regenbogen\n",
        offers: "Zeile 1\r\nZeile 2 ",
      }),
    ).toEqual({
      name: "Kita Regenbogen",
      postalCode: "01067",
      phone: "+49 671 1",
      email: "info@beispiel.de",
      website: "https://www.beispiel.de",
      offers: "Zeile 1\nZeile 2",
    });
  });
});

describe("planImport", () => {
  const existing: ExistingInstitution = {
    id: "i1",
    name: "Kita Regenbogen",
    sectorKey: "daycare",
    municipalityId: "kh",
    street: "Hauptstraße 1",
    postalCode: "55543",
    phone: "0671 1",
    email: "kita@example.org",
    website: "",
    offers: "",
    reachability: "",
    archived: false,
    contacts: [{ id: "p1", name: "Anna Beispiel", email: "anna@example.org", function: "Leitung" }],
  };
  const context = { sectors: SECTORS, municipalities: MUNICIPALITIES, existing: [existing] };
  const plan = (values: Record<string, string>) => planImport([{ line: 2, values }], context)[0];

  it("finds an institution again by its folded name, and its contact person by e-mail", () => {
    const p = plan({
      name: "KITA  regenbogen",
      sector: "Kita",
      contactEmail: "ANNA@example.org",
      contactName: "Anna Beispiel",
    });
    expect(p).toMatchObject({ outcome: "update", changed: ["name"], institutionId: "i1" });
    expect(plan({ name: "Kita Regenbogen", sector: "kita", contactEmail: "anna@example.org" }).outcome).toBe(
      "unchanged",
    );
  });

  it("adds a new contact person to a known institution as an update, not as primary", () => {
    const p = plan({
      name: "Kita Regenbogen",
      contactEmail: "ben@example.org",
      contactName: "B",
      contactFunction: "",
    });
    expect(p.outcome).toBe("error"); // a name needs two letters
    const q = plan({ name: "Kita Regenbogen", contactEmail: "ben@example.org", contactName: "Ben Beispiel" });
    expect(q).toMatchObject({ outcome: "update", changed: ["contactName", "contactEmail"], institution: undefined });
    expect(q.contact).toMatchObject({ id: null, isPrimary: false });
  });

  it("puts a new institution in the model municipality when the cell is empty", () => {
    expect(plan({ name: "Neue Beratung", sector: "Polizei", municipality: "" })).toMatchObject({
      outcome: "new",
      institution: { municipalityId: "kh", sectorKey: "police" },
    });
  });

  it("reports every reason of a faulty row, and a name twice in the file", () => {
    const p = plan({ name: "X", sector: "", postalCode: "123", website: "siehe Flyer", contactName: "Nur Name" });
    expect(p.errors.map((e) => e.code)).toEqual([
      "name_missing",
      "sector_missing",
      "website_invalid",
      "postal_code_invalid",
      "contact_email_missing",
    ]);
    const twice = planImport(
      [
        { line: 2, values: { name: "Neu", sector: "Polizei" } },
        { line: 3, values: { name: "neu", sector: "Polizei" } },
      ],
      context,
    );
    expect(twice.map((p) => p.outcome)).toEqual(["new", "error"]);
    expect(twice[1].errors[0].code).toBe("duplicate_row");
  });

  it("re-planning what a plan would write finds it unchanged", () => {
    fc.assert(
      fc.property(
        fc.record({
          name: fc.constantFrom("Kita Regenbogen", "Neu A", "Neu B"),
          sector: fc.constantFrom("Kita", "Polizei", "hebammen"),
          street: fc.string({ maxLength: 20 }),
          phone: fc.string({ maxLength: 12 }),
        }),
        (values) => {
          const p = plan(values);
          if (p.outcome === "error" || !p.institution) return true;
          const after: ExistingInstitution = { ...existing, ...p.institution, id: p.institutionId ?? "new" };
          const again = planImport([{ line: 2, values }], { ...context, existing: [after] })[0];
          return again.outcome === "unchanged";
        },
      ),
    );
  });
});
