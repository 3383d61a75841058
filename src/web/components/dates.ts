/** Readable dates for people: "Tue 3 Mar, 14:00". Times are shown in the browser's time zone unless a zone is given. */

function parts(iso: string | Date): Date {
  return iso instanceof Date ? iso : new Date(iso);
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  const key = JSON.stringify([options, timeZone ?? '']);
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', timeZone ? { ...options, timeZone } : options);
    fmtCache.set(key, f);
  }
  return f;
}

function joinParts(d: Date, options: Intl.DateTimeFormatOptions, timeZone?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of fmt(options, timeZone).formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** "Tue 3 Mar, 14:00" (adds the year when it is not this year). */
export function formatDateTime(iso: string | Date, timeZone?: string): string {
  const d = parts(iso);
  const p = joinParts(
    d,
    { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    timeZone,
  );
  const thisYear = joinParts(new Date(), { year: 'numeric' }, timeZone).year;
  const year = p.year && p.year !== thisYear ? ` ${p.year}` : '';
  return `${p.weekday} ${p.day} ${p.month}${year}, ${p.hour}:${p.minute}`;
}

/** "Tue 3 Mar 2026" */
export function formatDate(iso: string | Date, timeZone?: string): string {
  const p = joinParts(parts(iso), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "14:00" */
export function formatTime(iso: string | Date, timeZone?: string): string {
  const p = joinParts(parts(iso), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** "2026-03-03 14:00:05 UTC" — for records that must be unambiguous. */
export function formatUtc(iso: string | Date): string {
  const d = parts(iso);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "2026-03-03 14:00:05" in the given zone. */
export function formatInZoneFull(iso: string | Date, timeZone: string): string {
  const p = joinParts(
    parts(iso),
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    timeZone,
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "in 3 days", "2 hours ago" */
export function formatRelative(iso: string | Date, now: Date = new Date()): string {
  const diff = parts(iso).getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
  const abs = Math.abs(diff);
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  if (abs < hour) return rtf.format(Math.round(diff / minute), 'minute');
  if (abs < day) return rtf.format(Math.round(diff / hour), 'hour');
  return rtf.format(Math.round(diff / day), 'day');
}
