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
