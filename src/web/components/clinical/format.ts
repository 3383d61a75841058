import dayjs from 'dayjs';

/** Dates as people read them, in the browser's own time zone: "Tue 3 Mar, 14:00". */

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  const sameYear = d.year() === dayjs().year();
  return d.format(sameYear ? 'ddd D MMM, HH:mm' : 'ddd D MMM YYYY, HH:mm');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.format(d.year() === dayjs().year() ? 'ddd D MMM' : 'ddd D MMM YYYY');
}

export function formatLongDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).format('dddd D MMMM YYYY');
}

export function formatTime(iso: string): string {
  return dayjs(iso).format('HH:mm');
}

/** "14:00–14:50" */
export function formatTimeRange(iso: string, minutes: number): string {
  const start = dayjs(iso);
  return `${start.format('HH:mm')}–${start.add(minutes, 'minute').format('HH:mm')}`;
}

/** A calendar date of birth ("1990-05-02") as "2 May 1990", without time-zone drift. */
export function formatBirthDate(value: string | null | undefined): string {
  if (!value) return '—';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return value;
  return dayjs(new Date(y, m - 1, d)).format('D MMMM YYYY');
}

/** "Amara Okafor" → "Amara O." for compact places such as calendar blocks. */
export function shortName(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return name;
  const last = parts[parts.length - 1] ?? '';
  return `${parts.slice(0, -1).join(' ')} ${last.charAt(0)}.`;
}

/** The browser-local date and time of a form as an ISO instant. */
export function localToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const d = new Date(`${date}T${time}:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An ISO instant as the browser-local {date, time} of a form. */
export function isoToLocal(iso: string): { date: string; time: string } {
  const d = dayjs(iso);
  return { date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') };
}

export function greeting(now = new Date()): string {
  const h = now.getHours();
  if (h < 5) return 'Good evening';
  if (h < 12) return 'Good morning';
  if (h < 18) return 'Good afternoon';
  return 'Good evening';
}
