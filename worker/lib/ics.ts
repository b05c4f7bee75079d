// Calendar files (RFC 5545) for a participant's sessions. Small enough to write
// by hand: the `ics` package does not load in workerd's test pool (CommonJS
// interop of its validation dependency) and folds after 75 characters, where
// RFC 5545 §3.1 counts octets.

export type CalendarEvent = {
  uid: string;
  summary: string;
  description: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
};

const encoder = new TextEncoder();

/** Folds one content line into lines of at most 75 octets (never inside a character); continuations start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space counts
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** A TEXT value (§3.3.11): backslash, semicolon, comma and line breaks escaped. */
export const escapeText = (value: string) =>
  value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");

/** A DATE-TIME in UTC (§3.3.5, form 2): 20270115T080000Z. */
export const utcDateTime = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;

/** A VCALENDAR (METHOD:PUBLISH) with one VEVENT per entry, times in UTC, lines ending in CRLF. */
export function calendarFile(calendarName: string, entries: CalendarEvent[], now: Date): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//NetzWerkstatt//Teilnahme//DE",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(calendarName)}`,
  ];
  for (const e of entries) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${utcDateTime(now)}`,
      `DTSTART:${utcDateTime(e.startsAt)}`,
      `DTEND:${utcDateTime(e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push("STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map((line) => `${foldLine(line)}\r\n`).join("");
}

/** "Qualitätsentwicklungswerkstatt Kinderschutz 2027" → "qualitaetsentwicklungswerkstatt-kinderschutz-2027". */
export function slugOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replaceAll("ä", "ae")
    .replaceAll("ö", "oe")
    .replaceAll("ü", "ue")
    .replaceAll("ß", "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "veranstaltung";
}
