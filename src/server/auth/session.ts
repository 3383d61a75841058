import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { authSessions, practices, users } from '../../db/schema/index.js';
import { isClinician, type Actor, type Role } from '../../domain/people/roles.js';
import { newToken, splitScopedToken, tokenHash } from './tokens.js';

export const SESSION_COOKIE = 'liminal_session';

export interface SignedIn {
  actor: Actor;
  tokenHash: string;
  mfaPending: boolean;
  /** The practice requires two-factor for clinical roles and this person has not set it up. */
  mustSetUpMfa: boolean;
  idleExpiresAt: Date;
  user: { id: string; email: string; displayName: string; pronouns: string; mfaEnabled: boolean };
  practice: { id: string; slug: string; name: string; timezone: string; idleTimeoutMinutes: number };
}

export type SessionLookup = { state: 'none' } | { state: 'expired' } | { state: 'active'; signedIn: SignedIn };

/** Starts a server-side session and returns the cookie value (practice id + secret). */
export async function startSession(
  db: Db,
  input: { practiceId: string; userId: string; mfaPending: boolean; ip: string },
): Promise<string> {
  const token = newToken();
  await db.insert(authSessions).values({
    practiceId: input.practiceId,
    tokenHash: tokenHash(token),
    userId: input.userId,
    mfaPending: input.mfaPending,
    ip: input.ip,
  });
  return `${input.practiceId}.${token}`;
}

// Touching last_seen_at on every request would turn every read into a write; a minute's slack is enough.
const TOUCH_AFTER_MS = 30_000;

export async function lookupSession(db: Db, cookie: string | undefined, now = new Date(), touch = true): Promise<SessionLookup> {
  if (!cookie) return { state: 'none' };
  const parts = splitScopedToken(cookie);
  if (!parts) return { state: 'none' };
  const hash = tokenHash(parts.token);
  const [row] = await db
    .select({
      userId: authSessions.userId,
      mfaPending: authSessions.mfaPending,
      lastSeenAt: authSessions.lastSeenAt,
      email: users.email,
      displayName: users.displayName,
      pronouns: users.pronouns,
      roles: users.roles,
      clientId: users.clientId,
      active: users.active,
      totpEnabledAt: users.totpEnabledAt,
      slug: practices.slug,
      practiceName: practices.name,
      timezone: practices.timezone,
      settings: practices.settings,
    })
    .from(authSessions)
    .innerJoin(users, and(eq(users.practiceId, authSessions.practiceId), eq(users.id, authSessions.userId)))
    .innerJoin(practices, eq(practices.practiceId, authSessions.practiceId))
    .where(and(eq(authSessions.practiceId, parts.practiceId), eq(authSessions.tokenHash, hash)))
    .limit(1);
  if (!row || !row.active) return { state: 'none' };
  const idleMs = row.settings.idleTimeoutMinutes * 60_000;
  if (now.getTime() - row.lastSeenAt.getTime() > idleMs) {
    await endSession(db, parts.practiceId, hash);
    return { state: 'expired' };
  }
  let lastSeen = row.lastSeenAt;
  if (touch && now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(authSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(authSessions.practiceId, parts.practiceId), eq(authSessions.tokenHash, hash)));
    lastSeen = now;
  }
  const roles = row.roles as Role[];
  const mfaEnabled = row.totpEnabledAt !== null;
  return {
    state: 'active',
    signedIn: {
      actor: { practiceId: parts.practiceId, userId: row.userId, roles, clientId: row.clientId },
      tokenHash: hash,
      mfaPending: row.mfaPending,
      mustSetUpMfa: row.settings.requireMfaForClinicians && isClinician(roles) && !mfaEnabled,
      idleExpiresAt: new Date(lastSeen.getTime() + idleMs),
      user: { id: row.userId, email: row.email, displayName: row.displayName, pronouns: row.pronouns, mfaEnabled },
      practice: {
        id: parts.practiceId,
        slug: row.slug,
        name: row.practiceName,
        timezone: row.timezone,
        idleTimeoutMinutes: row.settings.idleTimeoutMinutes,
      },
    },
  };
}

export async function touchSession(db: Db, practiceId: string, hash: string, now = new Date()): Promise<void> {
  await db
    .update(authSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(authSessions.practiceId, practiceId), eq(authSessions.tokenHash, hash)));
}

export async function endSession(db: Db, practiceId: string, hash: string): Promise<void> {
  await db.delete(authSessions).where(and(eq(authSessions.practiceId, practiceId), eq(authSessions.tokenHash, hash)));
}

/** Ends every session of a person, except optionally the one in use. */
export async function endSessionsOf(db: Db, practiceId: string, userId: string, exceptHash?: string): Promise<void> {
  const where = exceptHash
    ? and(eq(authSessions.practiceId, practiceId), eq(authSessions.userId, userId), ne(authSessions.tokenHash, exceptHash))
    : and(eq(authSessions.practiceId, practiceId), eq(authSessions.userId, userId));
  await db.delete(authSessions).where(where);
}
