// Directory search: small networks (20–500 institutions), so matching runs in
// memory where German spelling variants can be handled, which SQLite's LIKE cannot.

/**
 * Folds text so that people find what they mean: case, accents, ß/ss and the
 * umlaut transcriptions (ä/ae) all compare equal. Both sides are folded alike,
 * so over-folding ("Michael" → "michal") never causes a miss.
 */
export function foldForSearch(text: string): string {
  return text
    .toLocaleLowerCase("de")
    .replaceAll("ß", "ss")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
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
