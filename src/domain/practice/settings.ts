import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const namedPromptSchema = z.object({
  key: z.string().trim().min(1).max(40).regex(/^[a-z0-9_-]+$/, 'Use lower-case letters, digits, - or _ for the key.'),
  name: text(80),
  prompt: text(500),
});
export type NamedPrompt = z.infer<typeof namedPromptSchema>;

const uniqueKeys = (list: NamedPrompt[]) => new Set(list.map((m) => m.key)).size === list.length;

/** Five ordered, repeatable movements: the count is part of what FORCE is. */
export const forceMovementsSchema = z
  .array(namedPromptSchema)
  .length(5, 'FORCE has exactly five movements.')
  .refine(uniqueKeys, 'Each movement needs its own key.');

export const commonFactorsSchema = z
  .array(namedPromptSchema)
  .length(8, 'There are eight common factors of connection.')
  .refine(uniqueKeys, 'Each factor needs its own key.');

export const practiceSettingsSchema = z.object({
  idleTimeoutMinutes: z.number().int().min(5, 'At least 5 minutes.').max(240, 'At most 240 minutes.'),
  requireMfaForClinicians: z.boolean(),
  forceMovementsAreDefault: z.boolean(),
  commonFactorsAreDefault: z.boolean(),
  /** The progress-note format the practice writes in; a practitioner may override it per note. */
  noteFormat: z.enum(['soap', 'dap', 'birp']).default('dap'),
  /** Days after a session before its unsigned note shows on the practitioner's to-do list. */
  unsignedNoteDays: z.number().int().min(1).max(30).default(3),
  /** Default interval between treatment-plan reviews. */
  planReviewDays: z.number().int().min(30).max(365).default(90),
  /**
   * The score count by which a client should show reliable improvement on a measure, or is
   * flagged as not on track (Liminal's not-on-track rule).
   */
  notOnTrackAfter: z.number().int().min(2).max(52).default(6),
  /** Per instrument, the SD and reliability the practice uses for reliable change instead of the published rule. */
  measureChange: z.record(z.string(), z.object({ sd: z.number().positive(), reliability: z.number().min(0).lt(1) })).default({}),
});

/**
 * Settings as stored, with the defaults of settings added after the practice was created. Stored
 * values are not re-validated here: the routes that write them have their own bounds.
 */
export const readPracticeSettings = (stored: PracticeSettings | Partial<PracticeSettings>): PracticeSettings => ({
  ...settingDefaults,
  ...stored,
});

/** Defaults for settings a practice may not have stored yet (added by later versions). */
export const settingDefaults: PracticeSettings = {
  idleTimeoutMinutes: 30,
  requireMfaForClinicians: false,
  forceMovementsAreDefault: true,
  commonFactorsAreDefault: true,
  noteFormat: 'dap',
  unsignedNoteDays: 3,
  planReviewDays: 90,
  notOnTrackAfter: 6,
  measureChange: {},
};
export type PracticeSettings = z.infer<typeof practiceSettingsSchema>;

/** IANA time zone names only (validated against the runtime's own list). */
export const timezoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Use a time zone name such as Europe/London or America/Chicago.');
