import { z } from 'zod';
import { planDaySchema } from '../plans/plan.js';
import { personText } from '../shared/text.js';

/**
 * Consent, per person: what a client agrees may be done with their information. Each consent has
 * a purpose, a scope, the day it was given and (optionally) the day it ends; it can be revoked, by
 * the client in the portal or by their practitioner on their word, and a revoked or expired
 * consent covers nothing. What a consent does not cover is refused by the server.
 */
export const consentPurposes = ['treatment', 'sharing', 'research'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const purposeLabels: Record<ConsentPurpose, string> = {
  treatment: 'Treatment',
  sharing: 'Sharing with a named collaborator',
  research: 'The practice’s outcome research (de-identified)',
};
export const purposeExplanations: Record<ConsentPurpose, string> = {
  treatment: 'Agreeing to begin the work together: what it involves, its limits, and that it can stop at any time.',
  sharing: 'Agreeing that named parts of the record may be shared with one named person or service, such as a family doctor.',
  research: 'Agreeing that scores, without name or anything that identifies the person, may count in the practice’s outcome reports.',
};

/**
 * The parts of the record a sharing consent may name, each one a document the practice can
 * release. Relational (process) notes are never among them.
 */
export const sharedCategories = ['chapter_summary', 'plan', 'relational_map'] as const;
export type SharedCategory = (typeof sharedCategories)[number];
export const categoryLabels: Record<SharedCategory, string> = {
  chapter_summary: 'Chapter summary (signed notes, diagnoses, plans, transition)',
  plan: 'Treatment plan',
  relational_map: 'Relational map',
};

export const consentVia = ['in_session', 'on_paper', 'portal'] as const;
export type ConsentVia = (typeof consentVia)[number];

export const consentInputSchema = z.object({
  purpose: z.enum(consentPurposes),
  /** For sharing: who may receive it. */
  collaboratorName: personText(120).default(''),
  collaboratorRole: personText(120).default(''),
  /** For sharing: which parts of the record. */
  categories: z.array(z.enum(sharedCategories)).max(sharedCategories.length).default([]),
  /** In the client's words: what is covered and any limits. */
  scope: personText(1000).default(''),
  givenOn: planDaySchema,
  expiresOn: planDaySchema.nullable().default(null),
});
export type ConsentInput = z.infer<typeof consentInputSchema>;

/** What keeps a consent from being recorded, as field messages. */
export function consentProblems(input: ConsentInput, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.givenOn > today) problems['givenOn'] = 'A consent is recorded once it has been given: choose today or an earlier day.';
  if (input.expiresOn !== null && input.expiresOn <= input.givenOn) problems['expiresOn'] = 'The end date comes after the day it was given.';
  if (input.expiresOn !== null && input.expiresOn < today) problems['expiresOn'] = 'That end date has passed: this consent would cover nothing.';
  if (input.purpose === 'sharing') {
    if (input.collaboratorName === '') problems['collaboratorName'] = 'Name the person or service it may be shared with.';
    if (input.categories.length === 0) problems['categories'] = 'Choose at least one part of the record that may be shared.';
  } else {
    if (input.collaboratorName !== '' || input.collaboratorRole !== '') problems['collaboratorName'] = 'Only a sharing consent names a collaborator.';
    if (input.categories.length > 0) problems['categories'] = 'Only a sharing consent names parts of the record.';
  }
  if (new Set(input.categories).size !== input.categories.length) problems['categories'] = 'Each part of the record once.';
  return problems;
}

export interface ConsentRecord {
  purpose: ConsentPurpose;
  collaboratorName: string;
  categories: SharedCategory[];
  givenOn: string;
  expiresOn: string | null;
  revokedAt: Date | null;
}

export type ConsentStatus = 'active' | 'expired' | 'revoked' | 'not_yet';

/** Where a consent stands on a day (the practice's local day, YYYY-MM-DD). */
export function consentStatus(c: Pick<ConsentRecord, 'givenOn' | 'expiresOn' | 'revokedAt'>, today: string): ConsentStatus {
  if (c.revokedAt !== null) return 'revoked';
  if (c.givenOn > today) return 'not_yet';
  if (c.expiresOn !== null && c.expiresOn < today) return 'expired';
  return 'active';
}

/**
 * The consent that covers a use on a day, or null. Sharing is covered only by a consent naming
 * that collaborator (same name, ignoring case and spacing) and that part of the record.
 */
export function coveringConsent<C extends ConsentRecord>(
  consents: readonly C[],
  use: { purpose: 'treatment' | 'research' } | { purpose: 'sharing'; collaboratorName: string; category: SharedCategory },
  today: string,
): C | null {
  const same = (a: string, b: string) => a.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase() === b.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return (
    consents.find((c) => {
      if (c.purpose !== use.purpose || consentStatus(c, today) !== 'active') return false;
      if (use.purpose !== 'sharing') return true;
      return same(c.collaboratorName, use.collaboratorName) && c.categories.includes(use.category);
    }) ?? null
  );
}
