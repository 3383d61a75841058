import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { requireClientAccess } from '../db/repos/access.js';
import { isAdmin, isClientUser, primaryRole } from '../domain/people/roles.js';
import { DomainError, notFound } from '../domain/shared/errors.js';
import { type AuditEntry, recordAudit } from './audit/log.js';
import { lookupSession, SESSION_COOKIE, type SignedIn } from './auth/session.js';

declare module 'fastify' {
  interface FastifyRequest {
    signedInCache?: SignedIn;
  }
}

interface GuardOptions {
  /** Only the second-factor step may run while the password is accepted but the code is not. */
  allowMfaPending?: boolean;
  /** Account routes stay open to a person who must set up two-factor before anything else. */
  allowMfaSetup?: boolean;
}

/** The signed-in person, or a 401 that says why. */
export async function signedIn(db: Db, request: FastifyRequest, options: GuardOptions = {}): Promise<SignedIn> {
  let me = request.signedInCache;
  if (!me) {
    const found = await lookupSession(db, request.cookies[SESSION_COOKIE]);
    if (found.state === 'expired') {
      throw new DomainError('unauthenticated', 'You were signed out after a while without activity, for privacy. Sign in again; what you typed is still on the page.');
    }
    if (found.state === 'none') throw new DomainError('unauthenticated', 'Please sign in.');
    me = found.signedIn;
    request.signedInCache = me;
  }
  if (me.mfaPending && !options.allowMfaPending) throw new DomainError('mfa_required', 'Enter the code from your authenticator app to finish signing in.');
  if (me.mustSetUpMfa && !options.allowMfaSetup) {
    throw new DomainError('forbidden', 'Your practice asks clinical staff to use two-factor sign-in. Set it up on your Account page first.');
  }
  return me;
}

/** Practice staff: everyone but clients. */
export async function staff(db: Db, request: FastifyRequest): Promise<SignedIn> {
  const me = await signedIn(db, request);
  if (isClientUser(me.actor.roles)) throw new DomainError('not_found', 'There is nothing here for a client account.');
  return me;
}

/**
 * Staff in the client's care: the practitioners who write their record. Others who may read it
 * (an admin, a supervisor) get a 403 saying `why`; anyone else the same 404 as a missing client.
 */
export async function inCareOf(db: Db, request: FastifyRequest, clientId: string, why: string): Promise<SignedIn> {
  const me = await staff(db, request);
  if ((await requireClientAccess(db, me.actor, clientId)) !== 'care') throw new DomainError('forbidden', why);
  return me;
}

/** Staff who may see the client (in their care, supervising, admin); anyone else gets the same 404 as a missing client. */
export async function readerOf(db: Db, request: FastifyRequest, clientId: string): Promise<SignedIn> {
  const me = await staff(db, request);
  await requireClientAccess(db, me.actor, clientId);
  return me;
}

/** The client signed in to the portal, with their own client id; nobody else finds a portal. */
export async function portalClient(db: Db, request: FastifyRequest): Promise<{ me: SignedIn; clientId: string }> {
  const me = await signedIn(db, request);
  if (!isClientUser(me.actor.roles) || !me.actor.clientId) throw notFound('The portal');
  return { me, clientId: me.actor.clientId };
}

/** A file name without anything a header could trip on. */
export const safeFileName = (s: string): string => s.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/-+/g, '-').slice(0, 80);

export async function admin(db: Db, request: FastifyRequest): Promise<SignedIn> {
  const me = await staff(db, request);
  if (!isAdmin(me.actor.roles)) throw new DomainError('forbidden', 'Only a practice admin can do this.');
  return me;
}

/** Writes one audit row for what the signed-in person just did. */
export function audit(
  db: Db,
  request: FastifyRequest,
  me: SignedIn | null,
  entry: Omit<AuditEntry, 'practiceId' | 'actorId' | 'actorRole' | 'ip'> & { practiceId?: string },
): Promise<void> {
  const practiceId = entry.practiceId ?? me?.actor.practiceId;
  if (!practiceId) throw new Error('audit entry without a practice');
  return recordAudit(db, {
    practiceId,
    actorId: me?.actor.userId ?? null,
    actorRole: me ? primaryRole(me.actor.roles) : 'public',
    action: entry.action,
    clientId: entry.clientId,
    recordType: entry.recordType,
    recordId: entry.recordId,
    ip: request.ip,
  });
}

/**
 * One audit row for each client a record speaks of (a unit's session or note is in the record of
 * every client on it), so each client's audit trail shows it.
 */
export async function auditEach(
  db: Db,
  request: FastifyRequest,
  me: SignedIn,
  clientIds: readonly string[],
  entry: Omit<AuditEntry, 'practiceId' | 'actorId' | 'actorRole' | 'ip' | 'clientId'>,
): Promise<void> {
  for (const clientId of new Set(clientIds)) await audit(db, request, me, { ...entry, clientId });
}

export function setSessionCookie(reply: FastifyReply, value: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
