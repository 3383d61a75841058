import { Secret, TOTP } from 'otpauth';

const make = (secret: string, label: string) =>
  new TOTP({ issuer: 'Liminal', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUri = (secret: string, label: string): string => make(secret, label).toString();

/**
 * Accepts the code of this 30-second step or the one either side (clock drift), and returns the
 * step it belongs to, or null. A step at or before `lastStep` is refused: a code works once.
 */
export function checkTotp(secret: string, code: string, lastStep: number | null = null, now = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = make(secret, 'x').validate({ token: clean, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 30_000) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code at a moment (now by default), for tests. */
export const currentTotp = (secret: string, at = Date.now()): string => make(secret, 'x').generate({ timestamp: at });
