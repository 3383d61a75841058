import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { signInFailures } from '../../db/schema/index.js';
import { DomainError } from '../../domain/shared/errors.js';

/**
 * Failed sign-ins are counted per account (the email as typed, whether or not it exists) and
 * per address. Past the limit within the window, both are refused for a while with the same
 * message, so throttling never reveals whether an account exists.
 */
export const throttleRules = {
  account: { limit: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
  address: { limit: 30, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
  mfa: { limit: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
} as const;

export type ThrottleKind = keyof typeof throttleRules;

export async function checkThrottle(db: Db, practiceId: string, keys: Array<[ThrottleKind, string]>, now = new Date()): Promise<void> {
  for (const [, key] of keys) {
    const [row] = await db
      .select({ blockedUntil: signInFailures.blockedUntil })
      .from(signInFailures)
      .where(and(eq(signInFailures.practiceId, practiceId), eq(signInFailures.key, key)));
    if (row?.blockedUntil && row.blockedUntil > now) {
      const minutes = Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 60_000);
      throw new DomainError(
        'rate_limited',
        `Too many attempts to sign in. For your safety, wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
        { retryAfterSeconds: Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000) },
      );
    }
  }
}

export async function recordFailure(db: Db, practiceId: string, keys: Array<[ThrottleKind, string]>, now = new Date()): Promise<void> {
  for (const [kind, key] of keys) {
    const rule = throttleRules[kind];
    const windowStart = new Date(now.getTime() - rule.windowMs);
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(signInFailures)
        .values({ practiceId, key, failures: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: [signInFailures.practiceId, signInFailures.key],
          set: {
            failures: sql`case when ${signInFailures.windowStartedAt} < ${windowStart.toISOString()} then 1 else ${signInFailures.failures} + 1 end`,
            windowStartedAt: sql`case when ${signInFailures.windowStartedAt} < ${windowStart.toISOString()} then ${now.toISOString()}::timestamptz else ${signInFailures.windowStartedAt} end`,
          },
        })
        .returning({ failures: signInFailures.failures });
      if (row && row.failures >= rule.limit) {
        await tx
          .update(signInFailures)
          .set({ blockedUntil: new Date(now.getTime() + rule.blockMs), failures: 0, windowStartedAt: now })
          .where(and(eq(signInFailures.practiceId, practiceId), eq(signInFailures.key, key)));
      }
    });
  }
}

export async function clearFailures(db: Db, practiceId: string, key: string): Promise<void> {
  await db.delete(signInFailures).where(and(eq(signInFailures.practiceId, practiceId), eq(signInFailures.key, key)));
}
