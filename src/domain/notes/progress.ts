import { z } from 'zod';
import { draftText } from '../shared/text.js';
import { emptySections, firstFieldOf, type NoteFormat, type ProgressFields, renderNote } from './format.js';

export const riskLevels = ['none', 'low', 'moderate', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const riskLevelLabels: Record<RiskLevel, string> = {
  none: 'No current risk indicated',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
};

export const riskSchema = z.object({
  level: z.enum(riskLevels).default('none'),
  summary: draftText(5000).default(''),
  actions: draftText(5000).default(''),
});
export type Risk = z.infer<typeof riskSchema>;
export const emptyRisk = (): Risk => ({ level: 'none', summary: '', actions: '' });

/**
 * CPT-style service codes with our own plain descriptions (the codes are identifiers; the
 * official descriptors are not reproduced). The default follows the session's length and format.
 */
export interface ServiceCode {
  code: string;
  label: string;
  formats: readonly string[];
  minMinutes?: number;
  maxMinutes?: number;
}

export const serviceCodes: readonly ServiceCode[] = [
  { code: '90791', label: 'Diagnostic evaluation (first assessment)', formats: ['individual', 'couple', 'family'] },
  { code: '90832', label: 'Psychotherapy, about 30 minutes (16–37)', formats: ['individual'], minMinutes: 16, maxMinutes: 37 },
  { code: '90834', label: 'Psychotherapy, about 45 minutes (38–52)', formats: ['individual'], minMinutes: 38, maxMinutes: 52 },
  { code: '90837', label: 'Psychotherapy, about 60 minutes (53 or more)', formats: ['individual'], minMinutes: 53 },
  { code: '90846', label: 'Family or couple psychotherapy, without the client present', formats: ['couple', 'family'] },
  { code: '90847', label: 'Family or couple psychotherapy, with the client present', formats: ['couple', 'family'], minMinutes: 26 },
  { code: '90853', label: 'Group psychotherapy', formats: ['group'] },
  { code: '90839', label: 'Psychotherapy for crisis, first 60 minutes', formats: ['individual', 'couple', 'family'], minMinutes: 30 },
];

export const serviceCodeSchema = z
  .string()
  .max(10)
  .refine((c) => c === '' || serviceCodes.some((s) => s.code === c), 'Choose one of the service codes offered.');

export function serviceLabel(code: string): string {
  return serviceCodes.find((s) => s.code === code)?.label ?? '';
}

/** The code a session of this length and format most likely bills as. */
export function suggestServiceCode(format: string, minutes: number): string {
  const fits = serviceCodes.filter(
    (s) => s.code !== '90791' && s.code !== '90839' && s.code !== '90846' && s.formats.includes(format) && (s.minMinutes ?? 0) <= minutes && minutes <= (s.maxMinutes ?? Infinity),
  );
  return fits[0]?.code ?? '';
}

export interface SignableNote {
  format: NoteFormat;
  fields: ProgressFields;
  risk: Risk;
  serviceCode: string;
}

/**
 * What stands between a draft and a signature, as field messages a form can show. An empty
 * object means the note can be signed.
 */
export function signingProblems(note: SignableNote): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const heading of emptySections(note.format, note.fields)) {
    const key = firstFieldOf(note.format, heading);
    if (key) problems[key] = `The ${heading} section is empty. Write something there before signing.`;
  }
  if (note.risk.level !== 'none' && note.risk.summary.trim() === '') {
    problems['risk.summary'] = 'Describe the risk you noticed before signing.';
  }
  if (note.serviceCode === '') problems['serviceCode'] = 'Choose the service code for this session.';
  return problems;
}

export type NoteStatus = 'draft' | 'signed';
export type CosignStatus = 'pending' | 'cosigned' | 'returned';

/** Why a progress note cannot be edited now, or null when it can. */
export function editBlock(note: { status: NoteStatus }): string | null {
  return note.status === 'signed' ? 'This note is signed and locked. Add an addendum instead.' : null;
}

/** An associate's signature is not the last word: their supervisor co-signs. */
export const needsCosign = (authorRoles: readonly string[]): boolean => authorRoles.includes('associate');

export interface SessionFacts {
  date: string;
  minutes: number;
  modality: string;
  format: string;
  participants: string[];
  serviceCode: string;
  /** For a unit's session, `person` names whose diagnosis it is. */
  diagnoses: Array<{ code: string; description: string; primary: boolean; person?: string }>;
  movements: Array<{ key: string; name: string }>;
}

/** A unit note's section for one client who attended (written where one is needed). */
export interface PersonSection {
  clientId: string;
  text: string;
}

export const personSectionsSchema = z
  .array(z.object({ clientId: z.string().uuid('Name the client by their id.'), text: draftText(20_000) }))
  .max(40)
  .default([])
  .refine((list) => new Set(list.map((s) => s.clientId)).size === list.length, 'Give each person one section.');

/** The sections a note keeps: those with something written (an empty section says nothing). */
export const keptSections = (sections: readonly PersonSection[]): PersonSection[] => sections.filter((s) => s.text.trim() !== '');

/**
 * The exact text a signature covers, independent of key order: format, rendered sections,
 * risk, facts, signer and time. Hash it to get the content hash.
 */
export function canonicalNoteContent(
  input: SignableNote & { facts: SessionFacts; signedBy: string; signedAt: string; personSections?: readonly PersonSection[] | undefined },
): string {
  const persons = keptSections(input.personSections ?? []);
  return JSON.stringify({
    format: input.format,
    sections: renderNote(input.format, input.fields),
    fields: sortKeys(input.fields),
    risk: sortKeys(input.risk),
    serviceCode: input.serviceCode,
    facts: sortKeys(input.facts),
    // Present only on a unit's note, so every note signed before units existed hashes as it did.
    ...(persons.length > 0 ? { personSections: [...persons].sort((a, b) => a.clientId.localeCompare(b.clientId)).map((p) => sortKeys(p)) } : {}),
    signedBy: input.signedBy,
    signedAt: input.signedAt,
  });
}

/** What an addendum's signature covers: its text, the original's hash, the signer and the time. */
export function canonicalAddendumContent(input: { noteHash: string; body: string; signedBy: string; signedAt: string }): string {
  return JSON.stringify({ noteHash: input.noteHash, body: input.body, signedBy: input.signedBy, signedAt: input.signedAt });
}

/**
 * Keys sorted at every depth: a stored copy (PostgreSQL's jsonb reorders keys) hashes the same
 * as the object that was signed.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** Days between a session and now, for the "unsigned for N days" to-do item. */
export function daysSince(from: Date, now: Date): number {
  return Math.floor((now.getTime() - from.getTime()) / 86_400_000);
}

/** Diagnoses in effect on a day: started on or before it, not ended before it (dates as YYYY-MM-DD). */
export function inEffectOn<T extends { startsOn: string; endsOn: string | null }>(list: readonly T[], day: string): T[] {
  return list.filter((d) => d.startsOn <= day && (d.endsOn === null || d.endsOn >= day));
}
