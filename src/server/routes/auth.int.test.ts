import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { authSessions, practices } from '../../db/schema/index.js';
import { currentTotp } from '../auth/totp.js';
import { cookieFrom, createTestApp, createTestPractice, signIn, TEST_PASSWORD, type TestPractice } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
});
afterAll(() => close());

const signInRaw = (email: string, password: string, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { practice: p.slug, email, password }, headers: extra });

describe('signing in and out', () => {
  it('health answers ok without signing in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('sets an HttpOnly SameSite cookie, gives a new session at each sign-in, and ends it at sign-out', async () => {
    const first = await signInRaw(p.emails.practitioner, TEST_PASSWORD);
    expect(first.statusCode).toBe(200);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const a = cookieFrom(first);
    const second = await signInRaw(p.emails.practitioner, TEST_PASSWORD, { cookie: a });
    const b = cookieFrom(second);
    expect(b).not.toBe(a);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: a } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b } })).json().user.email).toBe(p.emails.practitioner);
    await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: b } });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b } })).statusCode).toBe(401);
  });

  it('a wrong password and an unknown account get the same answer', async () => {
    const wrong = await signInRaw(p.emails.admin, 'not-the-password');
    const unknown = await signInRaw(`nobody@${p.slug}.example`, 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('repeated failures throttle the account, whether or not it exists, without saying which', async () => {
    const emails = [p.emails.unrelated, `ghost@${p.slug}.example`];
    const last: number[] = [];
    for (const email of emails) {
      let status = 0;
      for (let i = 0; i < 6; i++) status = (await signInRaw(email, `wrong-${i}-password`, { 'x-forwarded-for': '10.0.0.9' })).statusCode;
      last.push(status);
    }
    expect(last).toEqual([429, 429]);
    const blocked = await signInRaw(p.emails.unrelated, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/wait \d+ minutes?/);
  });

  it('changing the password ends the other sessions and refuses weak passwords', async () => {
    const a = await signIn(app, p.slug, p.emails.supervisor);
    const b = await signIn(app, p.slug, p.emails.supervisor);
    const weak = await app.inject({ method: 'POST', url: '/api/account/password', headers: { cookie: b }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'password123' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields.newPassword).toMatch(/commonly used/);
    const changed = await app.inject({ method: 'POST', url: '/api/account/password', headers: { cookie: b }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'ένας καινούργιος κωδικός' } });
    expect(changed.statusCode).toBe(200);
    const c = cookieFrom(changed);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: a } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c } })).statusCode).toBe(200);
    expect((await signInRaw(p.emails.supervisor, 'ένας καινούργιος κωδικός')).statusCode).toBe(200);
  });

  it('two-factor: set up, confirmed by a code, then asked for at sign-in', async () => {
    const cookie = await signIn(app, p.slug, p.emails.associate);
    const setup = (await app.inject({ method: 'POST', url: '/api/account/mfa/setup', headers: { cookie } })).json();
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const bad = await app.inject({ method: 'POST', url: '/api/account/mfa/enable', headers: { cookie }, payload: { code: '000000' } });
    expect(bad.statusCode).toBe(400);
    const on = await app.inject({ method: 'POST', url: '/api/account/mfa/enable', headers: { cookie }, payload: { code: currentTotp(setup.secret) } });
    expect(on.statusCode).toBe(200);

    const step1 = await signInRaw(p.emails.associate, TEST_PASSWORD);
    expect(step1.json()).toEqual({ status: 'mfa_required' });
    const pending = cookieFrom(step1);
    const blocked = await app.inject({ method: 'GET', url: `/api/clients/${p.associateClientId}`, headers: { cookie: pending } });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().code).toBe('mfa_required');
    // The code that turned two-factor on cannot be used again: the next one can.
    const replay = await app.inject({ method: 'POST', url: '/api/auth/mfa', headers: { cookie: pending }, payload: { code: currentTotp(setup.secret) } });
    expect(replay.statusCode).toBe(400);
    const next = currentTotp(setup.secret, Date.now() + 30_000);
    const step2 = await app.inject({ method: 'POST', url: '/api/auth/mfa', headers: { cookie: pending }, payload: { code: next } });
    expect(step2.json().status).toBe('signed_in');
    const full = cookieFrom(step2);
    expect(full).not.toBe(pending);
    expect((await app.inject({ method: 'GET', url: `/api/clients/${p.associateClientId}`, headers: { cookie: full } })).statusCode).toBe(200);
  });

  it('an admin can require two-factor for clinical roles: a clinician without it is sent to set it up', async () => {
    const admin = await signIn(app, p.slug, p.emails.admin);
    const set = await app.inject({ method: 'PATCH', url: '/api/practice', headers: { cookie: admin }, payload: { requireMfaForClinicians: true } });
    expect(set.json().settings.requireMfaForClinicians).toBe(true);
    const cookie = await signIn(app, p.slug, p.emails.practitioner);
    const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.mustSetUpMfa).toBe(true);
    const client = await app.inject({ method: 'GET', url: `/api/clients/${p.clientId}`, headers: { cookie } });
    expect(client.statusCode).toBe(403);
    expect(client.json().message).toMatch(/two-factor/);
    await app.inject({ method: 'PATCH', url: '/api/practice', headers: { cookie: admin }, payload: { requireMfaForClinicians: false } });
  });

  it('a session idle past the practice’s time-out ends, with a message that typed text is kept', async () => {
    const cookie = await signIn(app, p.slug, p.emails.admin);
    const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.practice.idleTimeoutMinutes).toBe(30);
    expect(new Date(me.idleExpiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    await database.db
      .update(authSessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(and(eq(authSessions.practiceId, p.practiceId), eq(authSessions.userId, p.admin)));
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toMatch(/without activity/);
    const [row] = await database.db.select({ s: practices.settings }).from(practices).where(eq(practices.practiceId, p.practiceId));
    expect(row?.s.idleTimeoutMinutes).toBe(30);
  });

  it('an invite link lets a new person choose a password and arrive signed in', async () => {
    const admin = await signIn(app, p.slug, p.emails.admin);
    const made = await app.inject({ method: 'POST', url: '/api/people/invites', headers: { cookie: admin }, payload: { email: 'new.person@example.org', displayName: 'Rosa Nkemelu', roles: ['practitioner'] } });
    expect(made.statusCode).toBe(201);
    const token = made.json().inviteUrl.split('/invite/')[1];
    const outbox = (await app.inject({ method: 'GET', url: '/api/outbox', headers: { cookie: admin } })).json();
    expect(outbox[0].body).toContain(made.json().inviteUrl);
    const seen = await app.inject({ method: 'GET', url: `/api/public/invites/${token}` });
    expect(seen.json()).toMatchObject({ email: 'new.person@example.org', roles: ['practitioner'] });
    const short = await app.inject({ method: 'POST', url: `/api/public/invites/${token}/accept`, payload: { password: 'short' } });
    expect(short.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: `/api/public/invites/${token}/accept`, payload: { password: 'river stones at dusk' } });
    expect(ok.json().me.user.displayName).toBe('Rosa Nkemelu');
    const reused = await app.inject({ method: 'POST', url: `/api/public/invites/${token}/accept`, payload: { password: 'river stones at dusk' } });
    expect(reused.statusCode).toBe(404);
  });
});
