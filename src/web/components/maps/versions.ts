import type { Session } from '../clinical/types';

/** "26 Oct 2026" */
export const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

export const sameDay = (iso: string, now = new Date()) => new Date(iso).toDateString() === now.toDateString();

/** The session a new version belongs to by default: today's held session, if there is one. */
export function defaultSession(sessions: readonly Pick<Session, 'id' | 'startsAt' | 'status'>[], now = new Date()): string {
  return sessions.find((s) => s.status === 'held' && sameDay(s.startsAt, now))?.id ?? '';
}
