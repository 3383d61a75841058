import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema/index.js';
import { findUserByEmail, getUser, normaliseEmail } from '../../db/repos/people.js';
import { findPracticeBySlug } from '../../db/repos/practice.js';
import { DomainError } from '../../domain/shared/errors.js';
import { dummyHash, verifyPassword } from '../auth/passwords.js';
import { endSession, lookupSession, startSession, touchSession, type SignedIn } from '../auth/session.js';
import { checkThrottle, clearFailures, recordFailure } from '../auth/throttle.js';
import { checkTotp } from '../auth/totp.js';
import { clearSessionCookie, setSessionCookie, signedIn } from '../guards.js';
import { errors, meSchema, ok, text } from './schemas.js';

export const toMe = (s: SignedIn): z.infer<typeof meSchema> => ({
  user: { ...s.user, roles: [...s.actor.roles], clientId: s.actor.clientId },
  practice: s.practice,
  mustSetUpMfa: s.mustSetUpMfa,
  idleExpiresAt: s.idleExpiresAt.toISOString(),
});

const signInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), me: meSchema }),
  z.object({ status: z.literal('mfa_required') }),
]);

const WRONG = 'That email and password do not match an account at this practice.';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const db = database.db;

  app.post(
    '/auth/sign-in',
    {
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        summary: 'Sign in with email and password; a second step follows when two-factor is on',
        body: z.object({
          practice: text(100).refine((s) => s.length > 0, 'choose your practice'),
          email: text(320).refine((s) => s.length > 0, 'enter your email'),
          password: z.string().min(1, 'enter your password').max(1024),
        }),
        response: { 200: signInResult, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { practice: slug, email, password } = request.body;
      const practice = await findPracticeBySlug(db, slug);
      if (!practice) {
        await verifyPassword(await dummyHash(), password);
        throw new DomainError('unauthenticated', WRONG);
      }
      const keys: Array<['account' | 'address', string]> = [
        ['account', `account:${normaliseEmail(email)}`],
        ['address', `address:${request.ip}`],
      ];
      await checkThrottle(db, practice.id, keys);
      const user = await findUserByEmail(db, practice.id, email);
      const good = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
      if (!user || !good || !user.active || !user.passwordHash) {
        await recordFailure(db, practice.id, keys);
        throw new DomainError('unauthenticated', WRONG);
      }
      await clearFailures(db, practice.id, keys[0]![1]);
      // A new session at every sign-in: whatever cookie came in is ended, never reused.
      const previous = await lookupSession(db, request.cookies.liminal_session, new Date(), false);
      if (previous.state === 'active') await endSession(db, previous.signedIn.actor.practiceId, previous.signedIn.tokenHash);
      const mfaPending = user.totpEnabledAt !== null;
      const cookie = await startSession(db, { practiceId: practice.id, userId: user.id, mfaPending, ip: request.ip });
      setSessionCookie(reply, cookie, config.secureCookies);
      if (mfaPending) return { status: 'mfa_required' as const };
      const now = await lookupSession(db, cookie);
      if (now.state !== 'active') throw new DomainError('unauthenticated', 'Please sign in.');
      return { status: 'signed_in' as const, me: toMe(now.signedIn) };
    },
  );

  app.post(
    '/auth/mfa',
    {
      schema: {
        operationId: 'signInSecondFactor',
        tags: ['auth'],
        summary: 'Finish signing in with the code from an authenticator app',
        body: z.object({ code: text(20) }),
        response: { 200: signInResult, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const me = await signedIn(db, request, { allowMfaPending: true, allowMfaSetup: true });
      if (!me.mfaPending) return { status: 'signed_in' as const, me: toMe(me) };
      const key: Array<['mfa', string]> = [['mfa', `mfa:${me.actor.userId}`]];
      await checkThrottle(db, me.actor.practiceId, key);
      const user = await getUser(db, me.actor.practiceId, me.actor.userId);
      const step = user?.totpSecret ? checkTotp(user.totpSecret, request.body.code, user.totpLastStep) : null;
      if (step === null) {
        await recordFailure(db, me.actor.practiceId, key);
        throw new DomainError('invalid', 'That code is not right. Codes change every 30 seconds: enter the one showing now.', {
          fields: { code: 'Not the current code.' },
        });
      }
      await clearFailures(db, me.actor.practiceId, key[0]![1]);
      await db.update(users).set({ totpLastStep: step }).where(and(eq(users.practiceId, me.actor.practiceId), eq(users.id, me.actor.userId)));
      // Renew the session id once the second factor is in, as at any sign-in.
      await endSession(db, me.actor.practiceId, me.tokenHash);
      const cookie = await startSession(db, { practiceId: me.actor.practiceId, userId: me.actor.userId, mfaPending: false, ip: request.ip });
      setSessionCookie(reply, cookie, config.secureCookies);
      const now = await lookupSession(db, cookie);
      if (now.state !== 'active') throw new DomainError('unauthenticated', 'Please sign in.');
      return { status: 'signed_in' as const, me: toMe(now.signedIn) };
    },
  );

  app.post(
    '/auth/sign-out',
    { schema: { operationId: 'signOut', tags: ['auth'], summary: 'Sign out: the session ends on the server', response: { 200: ok } } },
    async (request, reply) => {
      const found = await lookupSession(db, request.cookies.liminal_session, new Date(), false);
      if (found.state === 'active') await endSession(db, found.signedIn.actor.practiceId, found.signedIn.tokenHash);
      clearSessionCookie(reply, config.secureCookies);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    { schema: { operationId: 'getMe', tags: ['auth'], summary: 'Who is signed in', response: { 200: meSchema, ...errors(401) } } },
    async (request) => toMe(await signedIn(db, request, { allowMfaSetup: true })),
  );

  app.post(
    '/auth/keep-alive',
    {
      schema: {
        operationId: 'keepAlive',
        tags: ['auth'],
        summary: 'Renew the idle timer while the person is active on a page',
        response: { 200: z.object({ idleExpiresAt: z.string() }), ...errors(401) },
      },
    },
    async (request) => {
      const me = await signedIn(db, request, { allowMfaSetup: true });
      const now = new Date();
      await touchSession(db, me.actor.practiceId, me.tokenHash, now);
      return { idleExpiresAt: new Date(now.getTime() + me.practice.idleTimeoutMinutes * 60_000).toISOString() };
    },
  );
};
