import type { Attendance, UnitKind } from '../../../domain/units/units';
import type { SessionAttendee, Unit, UnitMember } from './types';

/** Pure helpers for the relational-unit screens: names, lists and attendance in words. */

/** "a, b and c" */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const firstWord = (name: string): string => name.trim().split(/\s+/)[0] ?? '';

/**
 * The names to use in a short line: first names, unless two people share a first name (then
 * their full names), so "Dana attended · Kofi absent" never leaves a reader guessing.
 */
export function shortNames(names: readonly string[]): string[] {
  const firsts = names.map(firstWord);
  const count = new Map<string, number>();
  for (const f of firsts) count.set(f.toLowerCase(), (count.get(f.toLowerCase()) ?? 0) + 1);
  return names.map((full, i) => {
    const f = firsts[i] ?? '';
    return f === '' || (count.get(f.toLowerCase()) ?? 0) > 1 ? full.trim() : f;
  });
}

const lastWord = (name: string): string | null => {
  const parts = name.trim().split(/\s+/);
  return parts.length > 1 ? (parts[parts.length - 1] ?? null) : null;
};

/** Names joined for a title: "Dana & Kofi", "Dana, Kofi & Ama". */
function ampersandList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} & ${items[items.length - 1]}`;
}

/**
 * A name to offer for a new unit, from the people in it (clients first, then related people):
 * a couple by first names ("Dana & Kofi"); a family by the surname everyone shares ("The Whitaker
 * family") or else by first names; a group by its first few names. The person can always change it.
 */
export function suggestUnitName(kind: UnitKind, names: readonly string[]): string {
  const people = names.map((n) => n.trim()).filter((n) => n !== '');
  if (people.length === 0) return '';
  const firsts = shortNames(people);
  let name: string;
  if (kind === 'family') {
    const surnames = people.map(lastWord);
    const shared = surnames[0];
    name = shared && surnames.every((s) => s?.toLowerCase() === shared.toLowerCase()) ? `The ${shared} family` : ampersandList(firsts);
  } else if (kind === 'group' && firsts.length > 3) {
    name = `${firsts.slice(0, 2).join(', ')} and ${firsts.length - 2} others`;
  } else {
    name = ampersandList(firsts);
  }
  return name.slice(0, 120);
}

export const isCurrent = (m: Pick<UnitMember, 'leftAt'>): boolean => m.leftAt === null;

/** The unit's current members other than this client, in joining order. */
export function othersInUnit(unit: Pick<Unit, 'members'>, clientId: string): UnitMember[] {
  return unit.members.filter((m) => isCurrent(m) && m.clientId !== clientId);
}

/** Whether this client is (still) a member of the unit. */
export function isCurrentMember(unit: Pick<Unit, 'members'>, clientId: string): boolean {
  return unit.members.some((m) => isCurrent(m) && m.clientId === clientId);
}

/** "Kofi Asante (partner)" or just the name when no relationship was written. */
export function memberWithRelationship(m: Pick<UnitMember, 'name' | 'relationship'>): string {
  const rel = m.relationship.trim();
  return rel ? `${m.name} (${rel})` : m.name;
}

const attendanceWord: Record<Attendance, string> = { attended: 'attended', absent: 'absent', expected: 'expected' };
const attendanceOrder: readonly Attendance[] = ['attended', 'absent', 'expected'];

/**
 * The attendance list of a session in words, people with the same attendance together:
 * "Dana attended · Kofi absent", "Dana and Kofi expected". Empty when there is no list.
 */
export function attendanceInWords(attendees: ReadonlyArray<Pick<SessionAttendee, 'name' | 'attendance'>>): string {
  const names = shortNames(attendees.map((a) => a.name));
  const parts: string[] = [];
  for (const state of attendanceOrder) {
    const who = attendees.flatMap((a, i) => (a.attendance === state ? [names[i] ?? a.name] : []));
    if (who.length > 0) parts.push(`${andList(who)} ${attendanceWord[state]}`);
  }
  return parts.join(' · ');
}

/** The usual length of a unit's session: 80 minutes for a couple or family, 90 for a group. */
export function defaultMinutes(kind: UnitKind): number {
  return kind === 'group' ? 90 : 80;
}

/** "a couple", "a family", "a group" */
export const unitKindArticle: Record<UnitKind, string> = { couple: 'a couple', family: 'a family', group: 'a group' };
