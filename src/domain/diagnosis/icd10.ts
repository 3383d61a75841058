/**
 * ICD-10-CM (FY2026) for mental-health practice: look a code up, tell a billable code from a
 * category heading, and search by code or by words.
 *
 * The table is icd10cm.json, derived from the shared, verified extract by
 * scripts/derive-icd10cm.ts (see SOURCE.md beside this file). It is read once, when this module
 * is first imported; tsc copies the JSON into dist/ beside the compiled module.
 */
import data from './icd10cm.json' with { type: 'json' };
import { icd10AttributionText, icd10Edition } from './attribution.js';

export interface Icd10Code {
  code: string;
  description: string;
  /** Only billable codes can be recorded as a diagnosis; the others are category headings. */
  billable: boolean;
}

/** Edition and credit line, for the About page and the API. */
export const icd10Attribution = { edition: icd10Edition, source: data.source, attribution: icd10AttributionText } as const;

/** Lower case, accents and other marks removed: "Dépression" and "DEPRESSION" read the same. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A code as typed ("f41.1", "F411", " F41.1 ") in the shape the table keys on: "F411". */
function codeKey(text: string): string {
  return fold(text).replace(/[\s.]/g, '').toUpperCase();
}

/**
 * Everyday words for circumstances whose official titles use other ones, so a practitioner
 * searching the way people speak still finds the Z-codes for social, family and systemic
 * circumstances. Search only: the official title is what is shown and recorded.
 */
const plainWords: Record<string, string> = {
  'Z60.2': 'lonely loneliness isolation isolated',
  'Z60.4': 'lonely loneliness isolation isolated ostracism',
  'Z60.5': 'racism prejudice bias oppression',
  'Z60.3': 'migration immigration immigrant refugee culture',
  'Z63.0': 'couple marriage marital relationship',
  'Z63.4': 'bereavement grief loss',
  'Z63.5': 'breakup',
  'Z59.5': 'money',
  'Z59.6': 'poverty money',
  'Z59.869': 'debt money',
  'Z56.0': 'jobless',
};

interface Entry extends Icd10Code {
  key: string;
  words: string[];
}

/** The description's words, folded; hyphenated words also count joined up ("Burn-out" → "burnout"). */
function wordsOf(text: string): string[] {
  const folded = fold(text);
  const words = folded.split(/[^\p{L}\p{N}]+/u);
  const joined = folded.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu)?.map((w) => w.replace(/-/g, '')) ?? [];
  return [...new Set([...words, ...joined])].filter((w) => w !== '');
}

const entries: readonly Entry[] = data.codes.map((row) => {
  const [code, description, billable] = row as [string, string, number];
  return { code, description, billable: billable === 1, key: codeKey(code), words: wordsOf(`${description} ${plainWords[code] ?? ''}`) };
});

const byKey = new Map(entries.map((entry) => [entry.key, entry]));

function publicShape(entry: Entry): Icd10Code {
  return { code: entry.code, description: entry.description, billable: entry.billable };
}

/** The code as published (with its dot), or null when ICD-10-CM (as far as this table goes) has no such code. */
export function findCode(code: string): Icd10Code | null {
  const entry = byKey.get(codeKey(code));
  return entry ? publicShape(entry) : null;
}

/** True only for a code that may be reported; a category heading such as F41 is not. */
export function isBillable(code: string): boolean {
  return byKey.get(codeKey(code))?.billable ?? false;
}

const looksLikeCode = /^[a-z]\d[\da-z]*$/;

/**
 * How well one entry answers the query: 0 the exact code, 1 a code starting with what was typed,
 * 2 every word found at the start of a word of the title; null when it does not match.
 */
function matchRank(entry: Entry, query: { key: string; tokens: string[][] }): number | null {
  if (query.key !== '' && entry.key === query.key) return 0;
  if (query.key !== '' && looksLikeCode.test(query.key.toLowerCase()) && entry.key.startsWith(query.key)) return 1;
  // Each typed word (its parts, when it holds punctuation such as "self-harm") must begin a word of
  // the title; a word shaped like a code may instead begin the code ("F43 grief").
  const all = query.tokens.every((parts) => {
    const joined = parts.join('');
    if (looksLikeCode.test(joined) && entry.key.startsWith(joined.toUpperCase())) return true;
    return (
      parts.every((part) => entry.words.some((word) => word.startsWith(part))) || entry.words.some((word) => word.startsWith(joined))
    );
  });
  return all ? 2 : null;
}

/**
 * Search by code ("F41", "f41.1", "F411") or by words in any order ("housing", "anxiety
 * generalized"), ignoring case and accents. Billable codes come first; within each, the exact
 * code, then codes that start with it, then title matches, each in tabular order.
 */
export function searchIcd10(query: string, limit = 20): Icd10Code[] {
  const folded = fold(query).trim();
  if (folded === '' || limit <= 0) return [];
  const tokens = folded
    .split(/\s+/)
    .map((token) => token.split(/[^\p{L}\p{N}]+/u).filter((part) => part !== ''))
    .filter((parts) => parts.length > 0);
  if (tokens.length === 0) return [];
  const parsed = { key: codeKey(folded), tokens };

  const found: { entry: Entry; rank: number; order: number }[] = [];
  entries.forEach((entry, order) => {
    const rank = matchRank(entry, parsed);
    if (rank !== null) found.push({ entry, rank, order });
  });
  found.sort((a, b) => Number(b.entry.billable) - Number(a.entry.billable) || a.rank - b.rank || a.order - b.order);
  return found.slice(0, limit).map((hit) => publicShape(hit.entry));
}
