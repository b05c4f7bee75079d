// Importing the directory from the list an organiser already keeps (Excel, CSV).
// Pure rules shared by the web (which parses the file and maps its columns) and the
// worker (which classifies every row against the network's directory and writes).
import { foldForSearch } from "./directory";

/** The fields a column can be mapped to, in the order of the export's columns. */
export const IMPORT_FIELDS = [
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
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ImportRow = Partial<Record<ImportField, string>>;

/**
 * The export's header, one German label per field. Each label is also the
 * first guess for its field, so an exported file maps itself exactly.
 */
export const EXPORT_HEADER: Record<ImportField, string> = {
  name: "Einrichtung",
  sector: "Bereich",
  municipality: "Kommune",
  street: "Straße",
  postalCode: "PLZ",
  phone: "Telefon",
  email: "E-Mail (Funktionspostfach)",
  website: "Homepage",
  offers: "Angebote",
  reachability: "Erreichbarkeit",
  contactName: "Ansprechperson",
  contactEmail: "E-Mail Ansprechperson",
  contactFunction: "Funktion Ansprechperson",
};

// Header words as German lists write them, most specific first: a header is
// given the first field whose rule matches and that no earlier column took.
const GUESSES: [ImportField, (h: string) => boolean][] = [
  ["contactEmail", (h) => /mail/.test(h) && /(ansprech|kontaktperson|person|partner)/.test(h)],
  ["contactFunction", (h) => /(funktion|position|rolle)/.test(h)],
  ["contactName", (h) => /(ansprech|kontaktperson)/.test(h)],
  ["email", (h) => /mail|funktionspostfach/.test(h)],
  ["sector", (h) => /(bereich|profession|sektor|arbeitsfeld|fachbereich|berufsgruppe|sparte)/.test(h)],
  ["postalCode", (h) => /^(plz|postleitzahl)\b/.test(h) || h === "plz"],
  ["municipality", (h) => /(kommune|gemeinde|landkreis|stadt|^ort\b|ort$)/.test(h)],
  ["street", (h) => /(strasse|str\b|anschrift|adresse|hausnummer)/.test(h)],
  ["phone", (h) => /(telefon|tel\b|fon\b|rufnummer)/.test(h)],
  ["website", (h) => /(homepage|website|webseite|internet|url|www)/.test(h)],
  ["offers", (h) => /(angebot|leistung|profil)/.test(h)],
  ["reachability", (h) => /(erreichbar|sprechzeit|oeffnungszeit)/.test(h)],
  ["name", (h) => /(einrichtung|traeger|name|institution|organisation)/.test(h)],
];

/** A field for each column (null: not imported), guessed from the header row. */
export function guessMapping(headers: readonly string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const h = foldForSearch(header);
    if (!h) return null;
    const exact = IMPORT_FIELDS.find((f) => !taken.has(f) && foldForSearch(EXPORT_HEADER[f]) === h);
    const field = exact ?? GUESSES.find(([f, test]) => !taken.has(f) && test(h))?.[0];
    if (!field) return null;
    taken.add(field);
    return field;
  });
}

/**
 * The data rows of a sheet (its first row is the header) as field values, by the
 * mapping; blank rows are left out. `line` is the row's number in the sheet, for
 * the preview. Only mapped fields appear, so an unmapped column changes nothing.
 */
export function mapRows(table: readonly (readonly string[])[], mapping: readonly (ImportField | null)[]) {
  const rows: { line: number; values: ImportRow }[] = [];
  table.slice(1).forEach((cells, index) => {
    if (cells.every((c) => c.trim() === "")) return;
    const values: ImportRow = {};
    mapping.forEach((field, col) => {
      if (field) values[field] = cells[col] ?? "";
    });
    rows.push({ line: index + 2, values });
  });
  return rows;
}

/** Levenshtein distance, for suggesting the closest sector or municipality. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

export type SectorRef = { key: string; nameDe: string; nameEn: string };

/** The names a sector is known by: key, labels and the parts of a label like "Hebammen / Familienhebammen". */
const sectorAliases = (s: SectorRef) =>
  [s.key.replaceAll("_", " "), s.nameDe, s.nameEn, ...s.nameDe.split(/\s*[/()]\s*/)]
    .map(foldForSearch)
    .filter((a) => a.length > 1);

type Match<T> = { found: T } | { found: null; suggestion: T | null };

/** The entry a cell names (case, spacing, umlauts ignored), or the closest one as a suggestion. */
function matchByName<T>(value: string, entries: readonly T[], aliases: (entry: T) => string[]): Match<T> {
  const v = foldForSearch(value);
  const found = entries.find((e) => aliases(e).includes(v));
  if (found) return { found };
  let best: { entry: T; score: number } | null = null;
  for (const entry of entries)
    for (const alias of aliases(entry)) {
      // A typo costs its edits; a label that contains the cell (or the other way round) is close too.
      const score = alias.includes(v) || v.includes(alias) ? 1 : editDistance(v, alias);
      if (!best || score < best.score) best = { entry, score };
    }
  const near = best && best.score <= Math.max(2, Math.floor(v.length / 3));
  return { found: null, suggestion: near ? best!.entry : null };
}

export const matchSector = (value: string, sectors: readonly SectorRef[]) => matchByName(value, sectors, sectorAliases);

export type MunicipalityRef = { id: string; name: string; role: "model" | "partner" };
/** "Landkreis Mainz-Bingen" is also "Mainz-Bingen", "Ludwigshafen am Rhein" also "Ludwigshafen". */
const municipalityAliases = (m: MunicipalityRef) => {
  const full = foldForSearch(m.name);
  const short = full.replace(/^(landkreis|kreis|stadt|gemeinde|verbandsgemeinde) /, "");
  return [full, short, short.replace(/ (am|an der|in der|im|ob der) .*$/, "")];
};
export const matchMunicipality = (value: string, municipalities: readonly MunicipalityRef[]) =>
  matchByName(value, municipalities, municipalityAliases);

/** Folded name: the key that finds an institution again on the next import. */
export const institutionKey = (name: string) => foldForSearch(name);

/** German lists drop the "https://" and Excel drops a postcode's leading zero: put them back. */
export function normaliseValues(values: ImportRow): ImportRow {
  const out: ImportRow = {};
  for (const field of IMPORT_FIELDS) {
    const raw = values[field];
    if (raw === undefined) continue;
    // Offers and reachability keep their line breaks; a line break in a name or an address is an accident.
    const multiline = field === "offers" || field === "reachability";
    let value = multiline ? raw.replace(/\r\n?/g, "\n").trim() : raw.replace(/\s+/g, " ").trim();
    // The CSV export neutralises formulas with an apostrophe (+49 … → '+49 …); reading it back undoes that.
    value = value.replace(/^'(?=[=+\-@])/, "");
    if (field === "email" || field === "contactEmail") value = value.toLowerCase();
    if (field === "website" && value && !/^https?:\/\//i.test(value)) value = `https://${value}`;
    if (field === "postalCode" && /^\d{4}$/.test(value)) value = `0${value}`;
    out[field] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------
// What importing a row would do

export const IMPORT_ERRORS = {
  name_missing: { de: "Name der Einrichtung fehlt", en: "The institution's name is missing" },
  sector_missing: { de: "Bereich fehlt", en: "The sector is missing" },
  sector_unknown: { de: "Unbekannter Bereich", en: "Unknown sector" },
  municipality_unknown: { de: "Kommune gehört nicht zum Netzwerk", en: "Municipality is not part of the network" },
  email_invalid: { de: "E-Mail-Adresse ungültig", en: "Invalid e-mail address" },
  website_invalid: { de: "Homepage ungültig", en: "Invalid website" },
  postal_code_invalid: { de: "PLZ muss fünfstellig sein", en: "The postcode must have five digits" },
  too_long: { de: "Text zu lang", en: "Text too long" },
  contact_email_missing: { de: "E-Mail der Ansprechperson fehlt", en: "The contact person's e-mail is missing" },
  contact_name_missing: { de: "Name der Ansprechperson fehlt", en: "The contact person's name is missing" },
  duplicate_row: {
    de: "Einrichtung steht schon weiter oben in der Datei",
    en: "Institution appears earlier in the file",
  },
  institution_archived: { de: "Einrichtung ist archiviert", en: "Institution is archived" },
} as const;
export type ImportErrorCode = keyof typeof IMPORT_ERRORS;

/** An institution of the network as the import compares it, with its contact persons. */
export type ExistingInstitution = InstitutionValues & {
  id: string;
  archived: boolean;
  contacts: { id: string; name: string; email: string; function: string }[];
};
export type InstitutionValues = {
  name: string;
  sectorKey: string;
  municipalityId: string;
  street: string;
  postalCode: string;
  phone: string;
  email: string;
  website: string;
  offers: string;
  reachability: string;
};
const COLUMN_OF: Partial<Record<ImportField, keyof InstitutionValues>> = {
  name: "name",
  sector: "sectorKey",
  municipality: "municipalityId",
  street: "street",
  postalCode: "postalCode",
  phone: "phone",
  email: "email",
  website: "website",
  offers: "offers",
  reachability: "reachability",
};

export type RowError = { code: ImportErrorCode; field: ImportField; suggestion?: string };
export type RowPlan = {
  line: number;
  name: string;
  outcome: "new" | "update" | "unchanged" | "error";
  /** The institution the row found again (null: a new one). */
  institutionId: string | null;
  errors: RowError[];
  /** The fields that change (update) or are set (new). */
  changed: ImportField[];
  /** What to write: the institution as it will be, and a contact person to add or change. */
  institution?: InstitutionValues;
  contact?: { id: string | null; name: string; email: string; function: string; isPrimary: boolean };
};

const MAX_LENGTH: Partial<Record<ImportField, number>> = { offers: 4000, reachability: 2000 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const validUrl = (value: string) => {
  try {
    return /^https?:$/.test(new URL(value).protocol) && value.length <= 300;
  } catch {
    return false;
  }
};

export type ImportContext = {
  sectors: readonly SectorRef[];
  municipalities: readonly MunicipalityRef[];
  existing: readonly ExistingInstitution[];
};

/** Classifies every row: new, update, unchanged, or an error with its reasons. Decides nothing twice. */
export function planImport(rows: readonly { line: number; values: ImportRow }[], context: ImportContext): RowPlan[] {
  const byKey = new Map(context.existing.map((i) => [institutionKey(i.name), i]));
  const seen = new Set<string>();
  const model = context.municipalities.find((m) => m.role === "model") ?? context.municipalities[0];
  return rows.map(({ line, values: raw }) => {
    const v = normaliseValues(raw);
    const errors: RowError[] = [];
    const name = v.name ?? "";
    const key = institutionKey(name);
    const existing = key ? byKey.get(key) : undefined;

    if (name.length < 2) errors.push({ code: "name_missing", field: "name" });
    else if (seen.has(key)) errors.push({ code: "duplicate_row", field: "name" });
    else if (existing?.archived) errors.push({ code: "institution_archived", field: "name" });
    if (key) seen.add(key);

    let sectorKey = existing?.sectorKey ?? "";
    if (v.sector) {
      const match = matchSector(v.sector, context.sectors);
      if (match.found) sectorKey = match.found.key;
      else errors.push({ code: "sector_unknown", field: "sector", suggestion: match.suggestion?.nameDe });
    } else if (!existing || v.sector !== undefined) errors.push({ code: "sector_missing", field: "sector" });

    // An empty municipality means the model municipality, as most rows of a one-town list would.
    let municipalityId = existing?.municipalityId ?? model?.id ?? "";
    if (v.municipality) {
      const match = matchMunicipality(v.municipality, context.municipalities);
      if (match.found) municipalityId = match.found.id;
      else errors.push({ code: "municipality_unknown", field: "municipality", suggestion: match.suggestion?.name });
    }

    for (const field of IMPORT_FIELDS) {
      const value = v[field] ?? "";
      if (value.length > (MAX_LENGTH[field] ?? 200)) errors.push({ code: "too_long", field });
    }
    if (v.email && !EMAIL.test(v.email)) errors.push({ code: "email_invalid", field: "email" });
    if (v.website && !validUrl(v.website)) errors.push({ code: "website_invalid", field: "website" });
    if (v.postalCode && !/^\d{5}$/.test(v.postalCode))
      errors.push({ code: "postal_code_invalid", field: "postalCode" });

    const contact = planContact(v, existing, errors);
    if (errors.length > 0)
      return { line, name, outcome: "error", institutionId: existing?.id ?? null, errors, changed: [] };

    const institution: InstitutionValues = {
      name,
      sectorKey,
      municipalityId,
      street: existing?.street ?? "",
      postalCode: existing?.postalCode ?? "",
      phone: existing?.phone ?? "",
      email: existing?.email ?? "",
      website: existing?.website ?? "",
      offers: existing?.offers ?? "",
      reachability: existing?.reachability ?? "",
    };
    for (const field of ["street", "postalCode", "phone", "email", "website", "offers", "reachability"] as const)
      if (v[field] !== undefined) institution[field] = v[field];

    const changed = IMPORT_FIELDS.filter((field) => {
      const column = COLUMN_OF[field];
      if (column) return existing ? existing[column] !== institution[column] : institution[column] !== "";
      return contact.changed.includes(field);
    });
    const institutionChanged = !existing || changed.some((f) => COLUMN_OF[f]);
    return {
      line,
      name,
      outcome: !existing ? "new" : changed.length > 0 ? "update" : "unchanged",
      institutionId: existing?.id ?? null,
      errors: [],
      changed,
      institution: institutionChanged ? institution : undefined,
      contact: contact.write,
    };
  });
}

/** The contact person of a row: found again by e-mail among the institution's; otherwise added. */
function planContact(v: ImportRow, existing: ExistingInstitution | undefined, errors: RowError[]) {
  const none = { changed: [] as ImportField[], write: undefined };
  const email = v.contactEmail ?? "";
  const name = v.contactName ?? "";
  if (!email) {
    if (name) errors.push({ code: "contact_email_missing", field: "contactEmail" });
    return none;
  }
  if (!EMAIL.test(email)) {
    errors.push({ code: "email_invalid", field: "contactEmail" });
    return none;
  }
  const known = existing?.contacts.find((p) => p.email === email);
  if (!known && name.length < 2) {
    errors.push({ code: "contact_name_missing", field: "contactName" });
    return none;
  }
  const next = {
    id: known?.id ?? null,
    email,
    name: name || known!.name,
    function: v.contactFunction ?? known?.function ?? "",
    isPrimary: !existing || existing.contacts.length === 0,
  };
  const changed: ImportField[] = known
    ? [
        ...(next.name !== known.name ? (["contactName"] as const) : []),
        ...(next.function !== known.function ? (["contactFunction"] as const) : []),
      ]
    : (["contactName", "contactEmail", ...(next.function ? (["contactFunction"] as const) : [])] as ImportField[]);
  return { changed, write: changed.length > 0 ? next : undefined };
}

/** One exported row per institution, in the columns the import guesses exactly. */
export function exportTable(rows: readonly Record<ImportField, string>[]) {
  return {
    header: IMPORT_FIELDS.map((f) => EXPORT_HEADER[f]),
    rows: rows.map((row) => IMPORT_FIELDS.map((f) => row[f])),
  };
}
