import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

let common: Set<string> | undefined;
/** About 50,000 of the most used passwords, from zxcvbn's public list. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Why a new password is refused, or null. Any Unicode is allowed; length counts characters, not bytes. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const normalised = password.normalize('NFC');
  const length = [...normalised].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (normalised.trim().length === 0) return 'A password cannot be only spaces.';
  const lower = normalised.toLowerCase();
  if (commonPasswords().has(lower)) return 'This password is among the most commonly used ones; choose another.';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Do not use your email address in your password.';
  return null;
}
