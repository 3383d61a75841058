/**
 * The period an outcomes report covers, as whole calendar days in the practice's time zone: the
 * presets people ask for, and the instants the server is asked about (from the first day's
 * midnight to the midnight after the last day).
 */

export type PeriodPreset = 'last-3-months' | 'last-12-months' | 'this-year' | 'custom';

export const periodPresets: Array<{ value: PeriodPreset; label: string }> = [
  { value: 'last-3-months', label: 'Last 3 months' },
  { value: 'last-12-months', label: 'Last 12 months' },
  { value: 'this-year', label: 'This calendar year' },
  { value: 'custom', label: 'Choose dates' },
];

export const defaultPreset = 'last-12-months' satisfies PeriodPreset;

export function isPreset(value: string | null | undefined): value is PeriodPreset {
  return periodPresets.some((p) => p.value === value);
}

/** A calendar date, YYYY-MM-DD. */
export type Day = string;

/** From the first day to the last, both included. */
export interface Period {
  from: Day;
  to: Day;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(value: string | null | undefined): value is Day {
  if (!value) return false;
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function split(day: Day): [number, number, number] {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new Error(`Not a calendar date: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (t: number): Day => new Date(t).toISOString().slice(0, 10);

/** Today's date where the practice is. */
export function todayIn(timeZone: string, now: Date = new Date()): Day {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: Day, days: number): Day {
  const [y, m, d] = split(day);
  return iso(Date.UTC(y, m - 1, d + days));
}

/** The same date n months earlier or later; the 31st becomes the month's last day where the month is shorter. */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = split(day);
  const lastOfTarget = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m - 1 + months, Math.min(d, lastOfTarget)));
}

/** The days a preset covers, ending today. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: Day): Period {
  switch (preset) {
    case 'last-3-months':
      return { from: addMonths(today, -3), to: today };
    case 'last-12-months':
      return { from: addMonths(today, -12), to: today };
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** The zone's offset from UTC, in milliseconds, at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asIfUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return asIfUtc - Math.floor(instant / 1000) * 1000;
}

/** Midnight at the start of a calendar day in a time zone, as an ISO instant. */
export function startOfDayIn(day: Day, timeZone: string): string {
  const [y, m, d] = split(day);
  const wall = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the first guess may differ from the offset at midnight itself when
  // the clocks change in between (zones far east of UTC).
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The instants to ask the server for: midnight before the first day, midnight after the last. */
export function periodInstants(period: Period, timeZone: string): { from: string; to: string } {
  return { from: startOfDayIn(period.from, timeZone), to: startOfDayIn(addDays(period.to, 1), timeZone) };
}

/** "1 March 2026" */
export function dayLabel(day: Day): string {
  const [y, m, d] = split(day);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}
