// The writer's day: a calendar date in the writer's time zone that starts at the hour they
// choose (`fic.goals.dayStartsAt`), so that writing at 1 a.m. still counts for "yesterday".
// The clock and the zone are passed in. The boundary is taken on the wall clock, not by
// subtracting hours from the instant, so a day starting at 04:00 starts at 04:00 on the
// day clocks change too.

/** A writer's day: `YYYY-MM-DD`. */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA zone (`Europe/Berlin`). */
export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** `HH:MM` (or `H`) to minutes after midnight; anything unreadable is midnight. */
export function parseDayStart(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 24) return value * 60;
  if (typeof value !== 'string') return 0;
  const m = /^\s*(\d{1,2})(?::(\d{2}))?\s*$/.exec(value);
  if (!m) return 0;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : 0;
}

/** The zone that means the computer's own: read through Date's local time, which needs none
 * of the locale data a first Intl.DateTimeFormat loads (about 20 ms of the main thread, and
 * several MB, as a writer's first story opens). */
export const LOCAL_ZONE = '';

/** The writer's day holding an instant (ms since the epoch), in an IANA zone or the
 * computer's own (LOCAL_ZONE). */
export function writerDay(instant: number, zone: string, dayStartMinutes: number): Day {
  if (zone === LOCAL_ZONE) {
    const local = new Date(instant);
    const date = toDay(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
    return local.getHours() * 60 + local.getMinutes() < dayStartMinutes ? addDays(date, -1) : date;
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatFor(zone).formatToParts(instant);
  } catch {
    parts = formatFor('UTC').formatToParts(instant);
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const date = toDay(Date.UTC(get('year'), get('month') - 1, get('day')));
  return get('hour') * 60 + get('minute') < dayStartMinutes ? addDays(date, -1) : date;
}

export function isDay(value: unknown): value is Day {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return toDay(t) === value;
}

function epochDays(day: Day): number {
  const m = DAY.exec(day);
  if (!m) return NaN;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

function toDay(utcMs: number): Day {
  return new Date(utcMs).toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
  return toDay((epochDays(day) + n) * MS_PER_DAY);
}

/** Calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: Day, b: Day): number {
  return epochDays(b) - epochDays(a);
}

/** The last day of a day's month. */
export function endOfMonth(day: Day): Day {
  const m = DAY.exec(day);
  if (!m) return day;
  return toDay(Date.UTC(Number(m[1]), Number(m[2]), 0));
}
