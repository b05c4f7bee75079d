// Directory search: small networks (20–500 institutions), so matching runs in
// memory where German spelling variants can be handled, which SQLite's LIKE cannot.

/**
 * Folds text so that people find what they mean: case, accents, ß/ss and the
 * umlaut transcriptions (ä/ae, as on a keyboard without umlauts) compare equal.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("de")
    .replaceAll("ß", "ss")
    .replaceAll("ä", "ae")
    .replaceAll("ö", "oe")
    .replaceAll("ü", "ue")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Every word of the query must occur in one of the fields (name, offers, ...). */
export function matchesQuery(fields: readonly string[], query: string): boolean {
  const words = foldForSearch(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.map(foldForSearch).join(" ");
  return words.every((word) => haystack.includes(word));
}

const collator = new Intl.Collator("de", { sensitivity: "base", numeric: true });

export const byGermanName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);
