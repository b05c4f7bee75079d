// Networks are German: "9:00" in a demo, an ICS file or a certificate means 9:00 in Berlin,
// whatever clock the worker runs on (UTC on Cloudflare).
export const TIME_ZONE = "Europe/Berlin";

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Wall-clock fields of an instant in Berlin (month 0-based, like Date). */
export function berlinParts(instant: Date) {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const offsetMs = (instant: Date) => {
  const p = berlinParts(instant);
  return Date.UTC(p.year, p.month, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
};

/** The instant at which Berlin clocks show this date and time (days may overflow, like Date.UTC). */
export function berlinTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const wall = Date.UTC(year, month, day, hour, minute);
  const first = wall - offsetMs(new Date(wall));
  // Near a DST switch the offset at the guess can differ from the offset at the answer.
  return new Date(wall - offsetMs(new Date(first)));
}

/** `days` calendar days after `now` (in Berlin), at hour:minute Berlin time. */
export function berlinDayAt(now: Date, days: number, hour: number, minute = 0): Date {
  const p = berlinParts(now);
  return berlinTime(p.year, p.month, p.day + days, hour, minute);
}

// ---------------------------------------------------------------------------
// Dates for people (mails, certificates): Berlin wall-clock time, German or English.

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "15.01.2027" and "07:00": a day and a 24-hour clock time in Berlin, the same in both languages. */
export function berlinDayAndClock(instant: Date) {
  const p = berlinParts(instant);
  return { day: `${pad2(p.day)}.${pad2(p.month + 1)}.${p.year}`, clock: `${pad2(p.hour)}:${pad2(p.minute)}` };
}

type DateLocale = "de" | "en";

const WEEKDAYS = {
  de: ["So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."],
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
} as const;
const MONTHS = {
  de: [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
} as const;

type Parts = ReturnType<typeof berlinParts>;

const sameDay = (a: Parts, b: Parts) => a.year === b.year && a.month === b.month && a.day === b.day;

/** "3. Dezember 2026" / "3 December 2026". */
const dayText = (p: Parts, locale: DateLocale) =>
  locale === "de" ? `${p.day}. ${MONTHS.de[p.month]} ${p.year}` : `${p.day} ${MONTHS.en[p.month]} ${p.year}`;

/** "Do., 3. Dezember 2026" / "Thu, 3 December 2026". */
const weekdayText = (p: Parts, locale: DateLocale) =>
  `${WEEKDAYS[locale][new Date(Date.UTC(p.year, p.month, p.day)).getUTCDay()]}, ${dayText(p, locale)}`;

/** "9:00" */
const clockText = (p: Parts) => `${p.hour}:${String(p.minute).padStart(2, "0")}`;

const uhr = (locale: DateLocale) => (locale === "de" ? " Uhr" : "");

/** One instant as Berlin time: "Do., 3. Dezember 2026, 9:00 Uhr" / "Thu, 3 December 2026, 9:00". */
export function formatBerlinDateTime(instant: Date, locale: DateLocale): string {
  const p = berlinParts(instant);
  return `${weekdayText(p, locale)}, ${clockText(p)}${uhr(locale)}`;
}

/**
 * The dates of an event for a mail, in Berlin time. One session:
 * "Do., 3. Dezember 2026, 9:00–12:30 Uhr" ("Thu, 3 December 2026, 9:00–12:30");
 * several: "5 Termine, 3. Dezember 2026 – 4. März 2027" ("5 dates, 3 December 2026 – 4 March 2027").
 */
export function formatEventDates(sessions: { startsAt: Date; endsAt: Date }[], locale: DateLocale): string {
  if (sessions.length === 0) return "";
  const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (sorted.length === 1) {
    const start = berlinParts(sorted[0].startsAt);
    const end = berlinParts(sorted[0].endsAt);
    if (sameDay(start, end))
      return `${weekdayText(start, locale)}, ${clockText(start)}–${clockText(end)}${uhr(locale)}`;
    return `${formatBerlinDateTime(sorted[0].startsAt, locale)} – ${formatBerlinDateTime(sorted[0].endsAt, locale)}`;
  }
  const first = berlinParts(sorted[0].startsAt);
  const last = berlinParts(sorted.reduce((a, b) => (b.endsAt > a.endsAt ? b : a)).endsAt);
  const count = locale === "de" ? `${sorted.length} Termine` : `${sorted.length} dates`;
  const range = sameDay(first, last) ? dayText(first, locale) : `${dayText(first, locale)} – ${dayText(last, locale)}`;
  return `${count}, ${range}`;
}
