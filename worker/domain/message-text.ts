// The text of a message: placeholders in German or English, filled per recipient, and the
// organiser's plain text turned into safe HTML (paragraphs, line breaks, clickable links).

export type PlaceholderKey = "name" | "event" | "dates" | "venue" | "link";

/** Each placeholder's names, German first; case does not matter. */
export const PLACEHOLDERS: Record<PlaceholderKey, { de: string; en: string }> = {
  name: { de: "Name", en: "name" },
  event: { de: "Veranstaltung", en: "event" },
  dates: { de: "Termine", en: "dates" },
  venue: { de: "Ort", en: "venue" },
  link: { de: "Link", en: "link" },
};

const byName = new Map<string, PlaceholderKey>(
  Object.entries(PLACEHOLDERS).flatMap(([key, names]) => [
    [names.de.toLowerCase(), key as PlaceholderKey],
    [names.en.toLowerCase(), key as PlaceholderKey],
  ]),
);

// Braces with anything but braces and line breaks inside: `{Name}`, `{ name }`, `{Foo bar}`.
const PLACEHOLDER = /\{([^{}\r\n]*)\}/g;

const keyOf = (inner: string) => byName.get(inner.trim().toLowerCase());

/** The placeholders in `text` that have no meaning, as written (e.g. `{Vorname}`), each once. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = [...text.matchAll(PLACEHOLDER)].filter((m) => !keyOf(m[1])).map((m) => m[0]);
  return [...new Set(unknown)];
}

/** Whether `text` uses the placeholder `key` (e.g. to make a personal link only when it is asked for). */
export const usesPlaceholder = (text: string, key: PlaceholderKey) =>
  [...text.matchAll(PLACEHOLDER)].some((m) => keyOf(m[1]) === key);

/** `text` with every known placeholder replaced by its value; unknown ones are left as written. */
export const fillPlaceholders = (text: string, values: Record<PlaceholderKey, string>) =>
  text.replace(PLACEHOLDER, (whole, inner: string) => {
    const key = keyOf(inner);
    return key ? values[key] : whole;
  });

export const escapeHtml = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

// A bare web address up to the next space or quote; punctuation that ends a sentence is not part of it.
const URL_PATTERN = /https?:\/\/[^\s"']*[^\s"'.,;:!?)\]]/g;

const linkify = (line: string) => {
  let html = "";
  let at = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const index = match.index ?? 0;
    html += escapeHtml(line.slice(at, index));
    const url = escapeHtml(match[0]);
    html += `<a href="${url}">${url}</a>`;
    at = index + match[0].length;
  }
  return html + escapeHtml(line.slice(at));
};

/** Plain text as HTML: blank lines part paragraphs, single line breaks stay, bare links become clickable. */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${paragraph.split("\n").map(linkify).join("<br>\n")}</p>`)
    .join("\n");
}
