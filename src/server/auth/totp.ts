import { Secret, TOTP } from 'otpauth';

const make = (secret: string, label: string) =>
  new TOTP({ issuer: 'Liminal', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUri = (secret: string, label: string): string => make(secret, label).toString();

/** Accepts the code of this 30-second step or the one either side (clock drift). */
export function checkTotp(secret: string, code: string): boolean {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return false;
  return make(secret, 'x').validate({ token: clean, window: 1 }) !== null;
}

/** The current code, for tests and the demo. */
export const currentTotp = (secret: string): string => make(secret, 'x').generate();
