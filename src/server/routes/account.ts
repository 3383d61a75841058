import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { getUser } from '../../db/repos/people.js';
import { getPractice } from '../../db/repos/practice.js';
import { isClinician } from '../../domain/people/roles.js';
import { users } from '../../db/schema/index.js';
import { passwordProblem } from '../../domain/people/password.js';
import { DomainError, invalid } from '../../domain/shared/errors.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { endSession, endSessionsOf, startSession } from '../auth/session.js';
import { newToken } from '../auth/tokens.js';
import { checkTotp, newTotpSecret, totpUri } from '../auth/totp.js';
import { setSessionCookie, signedIn, staff } from '../guards.js';
import { errors, ok, text } from './schemas.js';

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const db = database.db;
  const me = (request: Parameters<typeof signedIn>[1]) => signedIn(db, request, { allowMfaSetup: true });
  const whereMe = (practiceId: string, userId: string) => and(eq(users.practiceId, practiceId), eq(users.id, userId));

  app.post(
    '/account/password',
    {
      schema: {
        operationId: 'changePassword',
        tags: ['account'],
        summary: 'Change your password; every other session of yours ends',
        body: z.object({ currentPassword: z.string().min(1, 'enter your current password').max(1024), newPassword: z.string().max(1024) }),
        response: { 200: ok, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const s = await me(request);
      const user = await getUser(db, s.actor.practiceId, s.actor.userId);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        throw invalid('Your current password is not right.', { currentPassword: 'Not your current password.' });
      }
      const problem = passwordProblem(request.body.newPassword, { email: user.email });
      if (problem) throw invalid(problem, { newPassword: problem });
      await db
        .update(users)
        .set({ passwordHash: await hashPassword(request.body.newPassword), passwordChangedAt: new Date() })
        .where(whereMe(s.actor.practiceId, s.actor.userId));
      // Every session ends, this one included; this one is replaced by a fresh one.
      await endSessionsOf(db, s.actor.practiceId, s.actor.userId, s.tokenHash);
      await endSession(db, s.actor.practiceId, s.tokenHash);
      const cookie = await startSession(db, { practiceId: s.actor.practiceId, userId: s.actor.userId, mfaPending: false, ip: request.ip });
      setSessionCookie(reply, cookie, config.secureCookies);
      return { ok: true as const };
    },
  );

  app.post(
    '/account/mfa/setup',
    {
      schema: {
        operationId: 'startTwoFactorSetup',
        tags: ['account'],
        summary: 'Begin two-factor set-up: a new secret to scan; it is not on until a code confirms it',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }), ...errors(401, 409) },
      },
    },
    async (request) => {
      const s = await me(request);
      if (s.user.mfaEnabled) throw new DomainError('conflict', 'Two-factor sign-in is already on. Turn it off first to set up a new device.');
      const secret = newTotpSecret();
      await db.update(users).set({ totpSecret: secret }).where(whereMe(s.actor.practiceId, s.actor.userId));
      const otpauthUrl = totpUri(secret, `${s.practice.name}:${s.user.email}`);
      return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
    },
  );

  app.post(
    '/account/mfa/enable',
    {
      schema: {
        operationId: 'enableTwoFactor',
        tags: ['account'],
        summary: 'Turn two-factor sign-in on with a code from the app',
        body: z.object({ code: text(20) }),
        response: { 200: ok, ...errors(400, 401, 409) },
      },
    },
    async (request) => {
      const s = await me(request);
      const user = await getUser(db, s.actor.practiceId, s.actor.userId);
      if (user?.totpEnabledAt) throw new DomainError('conflict', 'Two-factor sign-in is already on.');
      if (!user?.totpSecret) throw invalid('Start the set-up first, then enter the code your app shows.');
      const step = checkTotp(user.totpSecret, request.body.code);
      if (step === null) {
        throw invalid('That code is not right. Enter the 6 digits your app shows now.', { code: 'Not the current code.' });
      }
      await db.update(users).set({ totpEnabledAt: new Date(), totpLastStep: step }).where(whereMe(s.actor.practiceId, s.actor.userId));
      return { ok: true as const };
    },
  );

  app.post(
    '/account/mfa/disable',
    {
      schema: {
        operationId: 'disableTwoFactor',
        tags: ['account'],
        summary: 'Turn two-factor sign-in off (your password confirms it)',
        body: z.object({ password: z.string().min(1).max(1024) }),
        response: { 200: ok, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const s = await me(request);
      const user = await getUser(db, s.actor.practiceId, s.actor.userId);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, request.body.password))) {
        throw invalid('Your password is not right.', { password: 'Not your password.' });
      }
      const practice = await getPractice(db, s.actor.practiceId);
      if (practice.settings.requireMfaForClinicians && isClinician(s.actor.roles)) {
        throw new DomainError('forbidden', 'Your practice requires two-factor sign-in for clinical staff, so it cannot be turned off.');
      }
      await db.update(users).set({ totpEnabledAt: null, totpSecret: null }).where(whereMe(s.actor.practiceId, s.actor.userId));
      return { ok: true as const };
    },
  );

  const feedUrl = (practiceId: string, token: string | null) =>
    token ? `${config.publicUrl}/api/calendar/${practiceId}.${token}.ics` : null;

  app.get(
    '/account/calendar-feed',
    {
      schema: {
        operationId: 'getMyCalendarFeed',
        tags: ['account'],
        summary: 'Your secret iCalendar address, if you made one',
        response: { 200: z.object({ url: z.string().nullable() }), ...errors(401) },
      },
    },
    async (request) => {
      const s = await staff(db, request);
      const user = await getUser(db, s.actor.practiceId, s.actor.userId);
      return { url: feedUrl(s.actor.practiceId, user?.icalToken ?? null) };
    },
  );

  app.post(
    '/account/calendar-feed',
    {
      schema: {
        operationId: 'replaceCalendarFeed',
        tags: ['account'],
        summary: 'Make a new secret iCalendar address; the old one stops working',
        response: { 200: z.object({ url: z.string() }), ...errors(401) },
      },
    },
    async (request) => {
      const s = await staff(db, request);
      const token = newToken();
      await db.update(users).set({ icalToken: token }).where(whereMe(s.actor.practiceId, s.actor.userId));
      return { url: feedUrl(s.actor.practiceId, token)! };
    },
  );
};
