import { z } from 'zod';
import { personText } from '../shared/text.js';

const field = personText;

const email = field(320).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'That does not look like an email address.');
const phone = field(40).refine((s) => s === '' || /^[+()\d\s.-]{5,40}$/.test(s), 'Use digits, spaces, +, -, ( and ) only.');
const dateOfBirth = z.iso
  .date({ error: 'Use a real date in the form YYYY-MM-DD.' })
  .refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), 'Not a possible date of birth.')
  .nullable();

/** The optional parts of the record, each with its limits. */
const optionalFields = {
  legalName: field(200),
  pronouns: field(60),
  culturalIdentities: field(2000),
  communities: field(2000),
  email,
  phone,
  preferredContact: field(200),
  dateOfBirth,
  emergencyContactName: field(200),
  emergencyContactPhone: phone,
  emergencyContactRelationship: field(100),
  concerns: field(5000),
  resilience: field(5000),
  connection: field(5000),
  vitality: field(5000),
};
const name = field(200).refine((s) => s.length > 0, 'Give the name they want to be called.');

/** The client in their own words: every field is theirs to fill or leave empty, but the name. */
export const clientProfileSchema = z.object({
  name,
  ...(Object.fromEntries(
    Object.entries(optionalFields).map(([k, v]) => [k, k === 'dateOfBirth' ? v.default(null as never) : v.default('' as never)]),
  ) as { [K in keyof typeof optionalFields]: z.ZodDefault<(typeof optionalFields)[K]> }),
});

/** An edit: only the fields sent change. */
export const clientProfilePatchSchema = z.object({ name, ...optionalFields }).partial();
export type ClientProfile = z.infer<typeof clientProfileSchema>;

/** Search text: the names, lower-cased and without accents, so "jose" finds "José". */
export function searchTextOf(p: { name: string; legalName: string }): string {
  return `${p.name} ${p.legalName}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();
}

export const normaliseQuery = (q: string): string =>
  q
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();
