import { z } from 'zod';
import { personText } from '../shared/text.js';

/** A couple, a family or a group: several people seen together, each with their own record. */
export const unitKinds = ['couple', 'family', 'group'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitKindLabels: Record<UnitKind, string> = { couple: 'Couple', family: 'Family', group: 'Group' };

/** Whether a person on a unit session's attendance list came. */
export const attendanceValues = ['expected', 'attended', 'absent'] as const;
export type Attendance = (typeof attendanceValues)[number];

/** One person on a unit session's attendance list, as the API answers it. */
export interface SessionAttendee {
  memberId: string;
  /** null for a related person (a child, a partner who does not attend) who has no record of their own. */
  clientId: string | null;
  name: string;
  relationship: string;
  attendance: Attendance;
  note: string;
}

export const MAX_UNIT_MEMBERS = 40;

export const relatedPersonSchema = z.object({
  name: personText(120).refine((s) => s.length > 0, 'Give the person’s name, even a first name.'),
  relationship: personText(120).default(''),
  note: personText(2000).default(''),
  attends: z.boolean().default(false),
});
export type RelatedPersonInput = z.infer<typeof relatedPersonSchema>;

export interface MemberLike {
  kind: 'client' | 'related';
  leftAt: Date | string | null;
}

/**
 * What is wrong with a unit's current membership, in words, or null when it holds together: a unit
 * needs a client (someone whose record the sessions and notes belong to); a couple is two people.
 */
export function membershipProblem(kind: UnitKind, members: readonly MemberLike[]): string | null {
  const current = members.filter((m) => m.leftAt === null);
  if (!current.some((m) => m.kind === 'client')) return 'A couple, family or group needs at least one client of the practice.';
  if (kind === 'couple' && current.length > 2) return 'A couple is two people. Make it a family or a group to include more.';
  if (current.length > MAX_UNIT_MEMBERS) return `A unit holds at most ${MAX_UNIT_MEMBERS} people.`;
  return null;
}

/** The session format a unit's sessions take by default. */
export const formatOfUnit = (kind: UnitKind): 'couple' | 'family' | 'group' => kind;

/**
 * The attendance list of a new session of the unit: every current client member (they are who the
 * session is for) and every related person who comes to sessions, in joining order.
 */
export function expectedAttendees<M extends MemberLike & { attends: boolean }>(members: readonly M[]): M[] {
  return members.filter((m) => m.leftAt === null && (m.kind === 'client' || m.attends));
}

/** Why a unit session's attendance cannot be marked as held, or null. */
export function heldAttendanceProblem(attendees: ReadonlyArray<{ clientId: string | null; attendance: Attendance }>): string | null {
  if (attendees.length === 0) return null;
  const clientsThere = attendees.filter((a) => a.clientId !== null && a.attendance !== 'absent');
  return clientsThere.length === 0 ? 'Nobody from the unit is marked as attending. Mark who came, or record the session as a no-show.' : null;
}
