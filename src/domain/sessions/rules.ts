import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError, invalid } from '../shared/errors.js';

export const sessionFormats = ['individual', 'couple', 'family', 'group'] as const;
export const sessionModalities = ['in_person', 'video', 'phone'] as const;
export const sessionStatuses = ['scheduled', 'held', 'cancelled', 'no_show'] as const;
export const recurrences = ['none', 'weekly', 'fortnightly'] as const;

export type SessionStatus = (typeof sessionStatuses)[number];
export type Recurrence = (typeof recurrences)[number];

export const formatLabels: Record<(typeof sessionFormats)[number], string> = {
  individual: 'Individual',
  couple: 'Couple',
  family: 'Family',
  group: 'Group',
};
export const modalityLabels: Record<(typeof sessionModalities)[number], string> = {
  in_person: 'In person',
  video: 'Video',
  phone: 'Phone',
};
export const statusLabels: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  held: 'Held',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const MAX_OCCURRENCES = 52;

/**
 * The start times of a series. Repeats keep the local wall-clock time in the practice's time
 * zone, so a 9:00 session stays at 9:00 across a daylight-saving change.
 */
export function occurrences(firstStart: Date, recurrence: Recurrence, count: number, timezone: string): Date[] {
  if (recurrence === 'none') return [firstStart];
  if (!Number.isInteger(count) || count < 2 || count > MAX_OCCURRENCES) {
    throw invalid(`A recurring series has between 2 and ${MAX_OCCURRENCES} sessions.`, { count: 'Choose 2 to 52.' });
  }
  const weeks = recurrence === 'weekly' ? 1 : 2;
  const local = DateTime.fromJSDate(firstStart, { zone: timezone });
  return Array.from({ length: count }, (_, i) => local.plus({ weeks: i * weeks }).toJSDate());
}

/**
 * What may happen to a session next. A held or no-show session can be corrected back to
 * scheduled (mistakes happen); a cancelled one can be restored.
 */
const allowed: Record<SessionStatus, readonly SessionStatus[]> = {
  scheduled: ['held', 'cancelled', 'no_show'],
  held: ['scheduled', 'no_show'],
  no_show: ['scheduled', 'held'],
  cancelled: ['scheduled'],
};

export function checkStatusChange(from: SessionStatus, to: SessionStatus, startsAt: Date, now: Date): void {
  if (from === to) throw invalid(`The session is already ${statusLabels[to].toLowerCase()}.`);
  if (!allowed[from].includes(to)) {
    throw invalid(`A ${statusLabels[from].toLowerCase()} session cannot be marked ${statusLabels[to].toLowerCase()}.`);
  }
  if ((to === 'held' || to === 'no_show') && startsAt.getTime() > now.getTime() + 60 * 60 * 1000) {
    throw invalid('A session can be marked held or no-show only once its time has come.');
  }
}

/** Movements visited must be the practice's current movement keys. */
export function checkMovements(visited: readonly string[], movementKeys: readonly string[]): string[] {
  const unknown = visited.filter((k) => !movementKeys.includes(k));
  if (unknown.length) throw invalid(`Unknown movement: ${unknown.join(', ')}.`, { movements: 'Choose from the practice’s FORCE movements.' });
  if (visited.length > 50) throw invalid('At most 50 movements can be recorded for one session.');
  return [...visited];
}

export function checkReschedulable(status: SessionStatus): void {
  if (status !== 'scheduled') {
    throw new DomainError('locked', `A ${statusLabels[status].toLowerCase()} session cannot be moved; mark it scheduled first.`);
  }
}

export const sessionTimeSchema = z.object({
  startsAt: z.coerce.date({ error: 'Give the start as a date and time.' }),
  minutes: z.number().int().min(5, 'At least 5 minutes.').max(480, 'At most 8 hours.'),
});
