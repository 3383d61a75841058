import { z } from 'zod';

/** Text a person types: NFC, trimmed, bounded, no control characters but newlines and tabs, no half-emoji. */
export const personText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/u.test(s), 'contains control characters or a broken character');

/**
 * Text being drafted (notes, plans): like personText but not trimmed, so an autosave never
 * eats the space or new line someone has just typed.
 */
export const draftText = (max: number, message = `at most ${max} characters`) =>
  z
    .string()
    .max(max, message)
    .transform((s) => s.normalize('NFC'))
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/u.test(s), 'contains control characters or a broken character');
