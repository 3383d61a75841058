import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a URL or cookie (256 bits, base64url). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** We keep only hashes of bearer secrets, so a copy of the database signs nobody in. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Cookie and link secrets carry the practice id in front, so lookups stay within one practice. */
export function splitScopedToken(value: string): { practiceId: string; token: string } | null {
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{20,100})$/.exec(value);
  return m ? { practiceId: m[1]!, token: m[2]! } : null;
}
