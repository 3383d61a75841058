import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { idempotentRequests } from '../db/schema/index.js';
import { DomainError, invalid } from '../domain/shared/errors.js';
import type { SignedIn } from './auth/session.js';

const KEY = /^[A-Za-z0-9._:-]{8,200}$/;

/**
 * Runs a create/sign request once per `Idempotency-Key`. The key is claimed before the work
 * starts, so two racing copies of one request cannot both run; a retry after success gets the
 * first answer again; a failure releases the key so the person can try again.
 * Requests without the header simply run (the page always sends one).
 */
export async function idempotent<T>(db: Db, request: FastifyRequest, me: SignedIn, operation: string, run: () => Promise<T>): Promise<T> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return run();
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !KEY.test(key)) throw invalid('The Idempotency-Key header must be 8 to 200 letters, digits or . _ : -');
  const where = and(eq(idempotentRequests.practiceId, me.actor.practiceId), eq(idempotentRequests.userId, me.actor.userId), eq(idempotentRequests.key, key));
  const claimed = await db
    .insert(idempotentRequests)
    .values({ practiceId: me.actor.practiceId, userId: me.actor.userId, key, operation })
    .onConflictDoNothing()
    .returning({ key: idempotentRequests.key });
  if (claimed.length === 0) {
    const [seen] = await db.select().from(idempotentRequests).where(where);
    if (!seen || seen.operation !== operation) throw invalid('This Idempotency-Key was already used for a different request. Make a new one for each action.');
    if (seen.response === null) throw new DomainError('conflict', 'The same request is still being handled. Wait a moment; it will not be done twice.');
    return seen.response as T;
  }
  try {
    const result = await run();
    await db.update(idempotentRequests).set({ status: 200, response: JSON.parse(JSON.stringify(result)) as unknown }).where(where);
    return result;
  } catch (error) {
    await db.delete(idempotentRequests).where(where);
    throw error;
  }
}
