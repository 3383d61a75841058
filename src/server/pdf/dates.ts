import { DateTime } from 'luxon';

/**
 * Dates as the PDFs print them: day, short English month name and year ("4 Mar 2026"), with a
 * 24-hour clock. Month names come from a fixed list rather than the runtime's locale data, so the
 * same input prints the same text on every machine and cannot be misread across countries.
 */
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number): string => String(n).padStart(2, '0');

/** A moment in the practice's time zone: "4 Mar 2026, 15:05 (America/Toronto)". */
export function formatDateTime(at: Date, timezone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const zoned = local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' });
  const zone = local.isValid ? timezone : 'UTC';
  return `${zoned.day} ${months[zoned.month - 1] ?? ''} ${zoned.year}, ${two(zoned.hour)}:${two(zoned.minute)} (${zone})`;
}

/** The calendar day of a moment in the practice's time zone: "4 Mar 2026". */
export function formatDayOf(at: Date, timezone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const zoned = local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' });
  return `${zoned.day} ${months[zoned.month - 1] ?? ''} ${zoned.year}`;
}

/** A date without a time ('YYYY-MM-DD'), printed as "4 Mar 2026"; anything else is printed as given. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = match ? months[Number(match[2]) - 1] : undefined;
  if (!match || !month) return day;
  return `${Number(match[3])} ${month} ${match[1]}`;
}
