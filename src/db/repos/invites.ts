import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { invites, outbox, users } from '../schema/index.js';
import { DomainError, invalid, notFound } from '../../domain/shared/errors.js';
import { normaliseEmail } from './people.js';

const INVITE_DAYS = 7;

export async function createInvite(
  db: Db,
  practiceId: string,
  input: { email: string; displayName: string; roles: string[]; clientId: string | null; invitedBy: string; tokenHash: string; link: string; practiceName: string },
) {
  const email = normaliseEmail(input.email);
  const [existing] = await db.select({ id: users.id }).from(users).where(and(eq(users.practiceId, practiceId), eq(users.email, email)));
  if (existing) throw new DomainError('conflict', 'Someone with that email already has an account here.', { fields: { email: 'Already has an account.' } });
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86400_000);
  return db.transaction(async (tx) => {
    // A new invite replaces any open one for the same email.
    await tx
      .update(invites)
      .set({ revokedAt: new Date() })
      .where(and(eq(invites.practiceId, practiceId), eq(invites.email, email), isNull(invites.acceptedAt), isNull(invites.revokedAt)));
    const [row] = await tx
      .insert(invites)
      .values({ practiceId, tokenHash: input.tokenHash, email, displayName: input.displayName, roles: input.roles, clientId: input.clientId, invitedBy: input.invitedBy, expiresAt })
      .returning({ id: invites.id, expiresAt: invites.expiresAt });
    await tx.insert(outbox).values({
      practiceId,
      toAddress: email,
      subject: `You are invited to ${input.practiceName} on Liminal`,
      body: `Hello ${input.displayName},\n\nYou have been invited to join ${input.practiceName} on Liminal. Open this link to choose your password (it works for ${INVITE_DAYS} days):\n\n${input.link}\n`,
      kind: 'invite',
      createdBy: input.invitedBy,
    });
    return row!;
  });
}

export async function listInvites(db: Db, practiceId: string) {
  return db
    .select({
      id: invites.id,
      email: invites.email,
      displayName: invites.displayName,
      roles: invites.roles,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      acceptedAt: invites.acceptedAt,
      revokedAt: invites.revokedAt,
    })
    .from(invites)
    .where(eq(invites.practiceId, practiceId))
    .orderBy(desc(invites.createdAt))
    .limit(200);
}

export async function revokeInvite(db: Db, practiceId: string, id: string) {
  const done = await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.practiceId, practiceId), eq(invites.id, id), isNull(invites.acceptedAt)))
    .returning({ id: invites.id });
  if (done.length === 0) throw notFound('An open invite');
}

/** An invite that can still be accepted, or a 404 that does not say why. */
export async function openInvite(db: Db, practiceId: string, tokenHash: string, now = new Date()) {
  const [row] = await db.select().from(invites).where(and(eq(invites.practiceId, practiceId), eq(invites.tokenHash, tokenHash)));
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt < now) {
    throw notFound('This invite link has expired or was already used. Ask your practice admin for a new one; it');
  }
  return row;
}

export async function acceptInvite(db: Db, practiceId: string, tokenHash: string, passwordHash: string) {
  const invite = await openInvite(db, practiceId, tokenHash);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(and(eq(users.practiceId, practiceId), eq(users.email, invite.email)));
    if (existing) throw invalid('An account with this email already exists. Sign in instead.');
    const [user] = await tx
      .insert(users)
      .values({ practiceId, email: invite.email, displayName: invite.displayName, roles: invite.roles, clientId: invite.clientId, passwordHash, passwordChangedAt: new Date() })
      .returning({ id: users.id });
    await tx.update(invites).set({ acceptedAt: new Date() }).where(and(eq(invites.practiceId, practiceId), eq(invites.id, invite.id)));
    return user!.id;
  });
}
