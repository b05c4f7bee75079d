// Events happen in Germany: a date and time typed into a form is Berlin wall-clock time,
// whatever time zone the organiser's browser is set to. The API speaks ISO instants.

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Berlin",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

const pad = (n: number) => String(n).padStart(2, "0");

/** Wall-clock fields of an instant in Berlin (month 1-based). */
function berlinParts(instant: Date) {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far Berlin's clocks are ahead of UTC at this instant, in milliseconds. */
function offsetAt(instant: number) {
  const p = berlinParts(new Date(instant));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The ISO instant at which Berlin clocks show `date` ("2026-12-03") and `time` ("09:30"),
 * or undefined when either is not a valid value. Near a DST switch the offset is taken at the answer.
 */
export function berlinToIso(date: string, time: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!d || !t) return undefined;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return undefined;
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString();
}

/** A `datetime-local` value ("2026-12-03T09:30") read as Berlin time. */
export function berlinLocalToIso(value: string): string | undefined {
  const [date, time] = value.split("T");
  return date && time ? berlinToIso(date, time) : undefined;
}

/** The Berlin date ("2026-12-03") and time ("09:30") of an ISO instant, for date and time inputs. */
export function isoToBerlin(iso: string): { date: string; time: string } {
  const p = berlinParts(new Date(iso));
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** An ISO instant as a `datetime-local` value in Berlin time. */
export function isoToBerlinLocal(iso: string): string {
  const { date, time } = isoToBerlin(iso);
  return `${date}T${time}`;
}

/** "15.01.2027" and "07:00": a day and a 24-hour clock time in Berlin, as the API's problems say them too. */
export function isoToBerlinDayAndClock(iso: string): { day: string; clock: string } {
  const { date, time } = isoToBerlin(iso);
  const [year, month, day] = date.split("-");
  return { day: `${day}.${month}.${year}`, clock: time };
}
