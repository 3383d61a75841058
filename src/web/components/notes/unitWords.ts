import type { UnitKind } from '../clinical/types';
import type { PersonSectionText } from './types';

export { unitSessionWord } from '../clinical/types';

/** The relational unit a session was held for, as the notes speak of it. */
export interface UnitOfSession {
  name: string;
  kind: UnitKind | null;
  /** The clients marked as attending, in the order of the attendance list: each may have a section of the note. */
  attending: Array<{ clientId: string; name: string }>;
}

/**
 * Whose sections the note editor shows: every client who attended, and anyone whose section was
 * written before their attendance changed (the server keeps and answers those, so nothing typed is hidden).
 */
export function sectionPeople(
  attending: ReadonlyArray<{ clientId: string; name: string }>,
  saved: ReadonlyArray<{ clientId: string; name: string }>,
): Array<{ clientId: string; name: string }> {
  const ids = new Set(attending.map((p) => p.clientId));
  return [...attending.map(({ clientId, name }) => ({ clientId, name })), ...saved.filter((p) => !ids.has(p.clientId)).map(({ clientId, name }) => ({ clientId, name }))];
}

/**
 * How each person is called in the note's sentences: the first name when no one else on the list
 * shares it, else the whole name ("Only for Dana", but "Only for Sam Lee" beside "Sam Ortiz").
 */
export function callNames(people: ReadonlyArray<{ clientId: string; name: string }>): Map<string, string> {
  const first = (name: string) => name.trim().split(/\s+/)[0] ?? name;
  const counts = new Map<string, number>();
  for (const p of people) counts.set(first(p.name), (counts.get(first(p.name)) ?? 0) + 1);
  return new Map(people.map((p) => [p.clientId, counts.get(first(p.name)) === 1 ? first(p.name) : p.name.trim()]));
}

/**
 * The written person sections in one canonical form (non-empty only, sorted by client id), so the
 * draft and the saved note compare equal whatever order they were typed in (autosave compares them
 * as JSON: a difference in order alone would save again and again).
 */
export function canonicalSections(list: ReadonlyArray<{ clientId: string; text: string }>): PersonSectionText[] {
  return list
    .filter((p) => p.text !== '')
    .map(({ clientId, text }) => ({ clientId, text }))
    .sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
}

/** A person's text in a draft ('' when nothing is written). */
export function sectionText(draft: { personSections?: PersonSectionText[] | undefined }, clientId: string): string {
  return draft.personSections?.find((p) => p.clientId === clientId)?.text ?? '';
}

/** The draft with one person's section replaced (a new value; the draft given is left as it was). */
export function withSection<D extends { personSections?: PersonSectionText[] | undefined }>(draft: D, clientId: string, text: string): D {
  const others = (draft.personSections ?? []).filter((p) => p.clientId !== clientId);
  return { ...draft, personSections: canonicalSections([...others, { clientId, text }]) };
}
