/**
 * An agent's working hours (design §4 rule 3) in its own time zone. Every window is turned
 * into real instants first, so "is it open" and "when does it open" agree with each other
 * across DST changes.
 *
 * A window opens at `open` on each listed day and closes at `close` the same day; when
 * `close` is not after `open` it closes on the next day (22:00–06:00 is overnight, and
 * 00:00–00:00 is the whole day). Opening is inclusive, closing exclusive.
 */
import type { WorkingHours } from "../db/schema";

export type { WorkingHours };

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const minuteMs = 60_000;
const dayMs = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `ms`, written as if it were a UTC timestamp. */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  // Older ICU builds print midnight as "24" of the day that is starting.
  return Date.UTC(year, month - 1, day, hour === 24 ? 0 : hour, minute, second);
}

/** UTC offset of `timeZone` at instant `ms`, in milliseconds (east of UTC positive). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

/**
 * The instant at which the wall clock in `timeZone` shows `wall` (a wall time written as a
 * UTC timestamp). A time that happens twice (autumn) gives the earlier instant; a time that
 * never happens (spring-forward gap) gives the first instant after the gap, i.e. the moment
 * of the change.
 */
export function zonedWallTimeToInstant(wall: number, timeZone: string): number {
  // Offsets can only change at a transition; one day either side brackets the one that
  // could affect `wall`.
  const offsets = new Set([offsetAt(wall - dayMs, timeZone), offsetAt(wall + dayMs, timeZone)]);
  const candidates = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];

  // In a gap: find the transition between the two readings of `wall` by bisection.
  const [a, b] = [...offsets].map((offset) => wall - offset).sort((x, y) => x - y);
  let lo = a ?? wall;
  let hi = b ?? wall;
  const after = offsetAt(hi, timeZone);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

function parseTime(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`working hours time "${hhmm}" is not HH:MM`);
  return (Number(m[1]) * 60 + Number(m[2])) * minuteMs;
}

function localDateOf(ms: number, timeZone: string): LocalDate {
  const d = new Date(wallClockMs(ms, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function midnight(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

function weekday(date: LocalDate): number {
  return new Date(midnight(date)).getUTCDay();
}

/** The window that opens on local `date`, or null when that day is not a working day. */
function windowOn(hours: WorkingHours, date: LocalDate): { start: number; end: number } | null {
  if (!hours.days.includes(weekday(date))) return null;
  const open = parseTime(hours.open);
  const close = parseTime(hours.close);
  const closeDate = close > open ? date : addDays(date, 1);
  return {
    start: zonedWallTimeToInstant(midnight(date) + open, hours.timezone),
    end: zonedWallTimeToInstant(midnight(closeDate) + close, hours.timezone),
  };
}

/** Whether an agent with these hours takes calls at `now`; null hours means always. */
export function isOpen(hours: WorkingHours | null, now: Date): boolean {
  if (!hours) return true;
  const t = now.getTime();
  const today = localDateOf(t, hours.timezone);
  // A window lasts at most a day (plus a DST hour), so only one that opened today or
  // yesterday can still be open.
  return [addDays(today, -1), today].some((date) => {
    const w = windowOn(hours, date);
    return w !== null && w.start <= t && t < w.end;
  });
}

/**
 * When the agent next opens after `now`: null when it is open now, when it is always open,
 * and when no day is listed (it never opens).
 */
export function nextOpenAt(hours: WorkingHours | null, now: Date): Date | null {
  if (!hours || isOpen(hours, now)) return null;
  const t = now.getTime();
  const today = localDateOf(t, hours.timezone);
  for (let i = 0; i <= 7; i++) {
    const w = windowOn(hours, addDays(today, i));
    if (w && w.start > t) return new Date(w.start);
  }
  return null;
}
