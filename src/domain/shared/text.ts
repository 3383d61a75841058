import { z } from 'zod';

/** Text a person types: NFC, trimmed, bounded, no control characters but newlines and tabs, no half-emoji. */
export const personText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/u.test(s), 'contains control characters or a broken character');
