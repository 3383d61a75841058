/**
 * Calendar days ('YYYY-MM-DD': diagnoses, target and review dates) are days, not instants: they are
 * read and shown without any time zone, so 3 March stays 3 March wherever the reader is.
 */

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const longDayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function asUtcDate(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day.slice(0, 10))) return null;
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Tue 3 Mar 2026" */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const d = asUtcDate(day);
  return d ? dayFormat.format(d).replace(',', '') : day;
}

/** "Tuesday 3 March 2026", for the client's plan. */
export function formatLongDay(day: string | null | undefined): string {
  if (!day) return '—';
  const d = asUtcDate(day);
  return d ? longDayFormat.format(d).replace(',', '') : day;
}

/** Today in the browser's own calendar, as 'YYYY-MM-DD'. */
export function today(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** 'YYYY-MM-DD' N days after a day. */
export function addDays(day: string, days: number): string {
  const d = asUtcDate(day) ?? new Date();
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Has the day passed (strictly before today)? */
export const isPast = (day: string | null | undefined, now: string = today()): boolean => Boolean(day) && (day as string) < now;
