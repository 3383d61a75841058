import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestApp, createTestPractice, signIn, type TestPractice } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
let cookie: string;

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  cookie = await signIn(app, p.slug, p.emails.practitioner);
});
afterAll(() => close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('from reaching out to a return', () => {
  let clientId = '';
  let chapterId = '';

  it('a person reaches out on the public page and the practitioner accepts, opening chapter 1 in reaching out', async () => {
    const sent = await app.inject({
      method: 'POST',
      url: `/api/public/practices/${p.slug}/inquiries`,
      payload: { name: 'Dalia Haddad', contact: 'dalia@example.org', whatBrings: 'Since the move I feel far from everyone.', preferredPractitionerId: p.practitioner, website: '' },
    });
    expect(sent.statusCode).toBe(201);
    const list = await call('GET', '/api/inquiries?status=new');
    const inquiry = list.json().find((i: { name: string }) => i.name === 'Dalia Haddad');
    expect(inquiry.preferredPractitionerName).toBe('practitioner');
    const replied = await call('POST', `/api/inquiries/${inquiry.id}/replies`, { body: 'Thank you for writing. Could we talk on Tuesday?' });
    expect(replied.json().status).toBe('replied');
    const accepted = await call('POST', `/api/inquiries/${inquiry.id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    clientId = accepted.json().clientId;
    const again = await call('POST', `/api/inquiries/${inquiry.id}/accept`, {});
    expect(again.statusCode).toBe(409);

    const client = await call('GET', `/api/clients/${clientId}`);
    expect(client.json()).toMatchObject({ name: 'Dalia Haddad', email: 'dalia@example.org', currentPhase: 'reaching_out', access: 'care' });
    const journey = (await call('GET', `/api/clients/${clientId}/journey`)).json();
    expect(journey.chapters).toHaveLength(1);
    chapterId = journey.chapters[0].id;
    expect(journey.chapters[0].phase).toBe('reaching_out');
  });

  it('the work does not begin without the client’s consent to treatment', async () => {
    for (const to of ['assessment', 'planning']) expect((await call('POST', `/api/clients/${clientId}/chapters/${chapterId}/moves`, { to })).statusCode).toBe(200);
    const refused = await call('POST', `/api/clients/${clientId}/chapters/${chapterId}/moves`, { to: 'the_work' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/consent to treatment/);
    // Yesterday in UTC is today or yesterday wherever the practice is.
    const givenOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const consent = await call('POST', `/api/clients/${clientId}/consents`, { purpose: 'treatment', scope: 'Weekly sessions; can stop at any time.', givenOn, via: 'in_session' });
    expect(consent.statusCode, consent.body).toBe(201);
    expect(consent.json().status).toBe('active');
    // Back to where the next test starts.
    expect((await call('POST', `/api/clients/${clientId}/chapters/${chapterId}/moves`, { to: 'reaching_out' })).statusCode).toBe(200);
  });

  it('the chapter moves forward and back, each move dated with its note', async () => {
    for (const to of ['assessment', 'planning', 'the_work', 'assessment']) {
      const res = await call('POST', `/api/clients/${clientId}/chapters/${chapterId}/moves`, { to, note: `to ${to}` });
      expect(res.statusCode).toBe(200);
    }
    const same = await call('POST', `/api/clients/${clientId}/chapters/${chapterId}/moves`, { to: 'assessment' });
    expect(same.statusCode).toBe(400);
    const journey = (await call('GET', `/api/clients/${clientId}/journey`)).json();
    const moves = journey.chapters[0].moves.map((m: { fromPhase: string | null; toPhase: string }) => `${m.fromPhase}>${m.toPhase}`);
    expect(moves.slice(-4)).toEqual(['reaching_out>assessment', 'assessment>planning', 'planning>the_work', 'the_work>assessment']);
    expect(journey.chapters[0].moves.at(-1).note).toBe('to assessment');
    const listed = (await call('GET', '/api/clients?phase=assessment')).json();
    expect(listed.rows.map((r: { id: string }) => r.id)).toContain(clientId);
  });

  it('sessions are scheduled weekly, held with the FORCE movements visited, and shown on the week calendar', async () => {
    const past = new Date(Date.now() - 2 * 86400_000);
    past.setUTCHours(15, 0, 0, 0);
    const made = await call('POST', '/api/sessions', { clientId, startsAt: past.toISOString(), minutes: 50, format: 'individual', modality: 'video', recurrence: 'weekly', count: 4 });
    expect(made.statusCode).toBe(201);
    const sessions = made.json().sessions;
    expect(sessions).toHaveLength(4);
    expect(new Set(sessions.map((s: { seriesId: string }) => s.seriesId)).size).toBe(1);

    const clash = await call('POST', '/api/sessions', { clientId, startsAt: new Date(past.getTime() + 20 * 60_000).toISOString(), minutes: 50, format: 'individual', modality: 'phone' });
    expect(clash.statusCode).toBe(409);

    const first = sessions[0];
    const held = await call('POST', `/api/sessions/${first.id}/status`, { version: first.version, status: 'held', movements: ['f', 'o', 'r', 'r', 'e'] });
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', movements: ['f', 'o', 'r', 'r', 'e'] });
    const stale = await call('POST', `/api/sessions/${first.id}/status`, { version: first.version, status: 'no_show' });
    expect(stale.statusCode).toBe(409);
    const futureHeld = await call('POST', `/api/sessions/${sessions[3].id}/status`, { version: 1, status: 'held', movements: [] });
    expect(futureHeld.statusCode).toBe(400);

    const moved = await call('PATCH', `/api/sessions/${sessions[2].id}`, { version: 1, startsAt: new Date(new Date(sessions[2].startsAt).getTime() + 86400_000).toISOString() });
    expect(moved.statusCode).toBe(200);
    const cancelled = await call('POST', `/api/sessions/${sessions[1].id}/status`, { version: 1, status: 'cancelled', note: 'Client unwell' });
    expect(cancelled.json().status).toBe('cancelled');

    const from = new Date(past.getTime() - 86400_000).toISOString();
    const to = new Date(past.getTime() + 6 * 86400_000).toISOString();
    const week = (await call('GET', `/api/sessions?from=${from}&to=${to}`)).json();
    expect(week.map((s: { id: string }) => s.id)).toContain(first.id);
  });

  it('ending a chapter asks for the transition summary, and a return opens chapter 2 linked to it', async () => {
    const missing = await call('POST', `/api/clients/${clientId}/chapters/${chapterId}/end`, { whatWasLived: 'A season of grief', whatRemainsOpen: '', doorLeftOpen: 'Welcome back any time' });
    expect(missing.statusCode).toBe(400);
    const ended = await call('POST', `/api/clients/${clientId}/chapters/${chapterId}/end`, {
      whatWasLived: 'A season of grief and finding ground',
      whatRemainsOpen: 'Her relationship with her sister',
      doorLeftOpen: 'She knows she can return',
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endedAt).toBeTruthy();
    const moveAfter = await call('POST', `/api/clients/${clientId}/chapters/${chapterId}/moves`, { to: 'the_work' });
    expect(moveAfter.statusCode).toBe(423);
    expect((await call('GET', `/api/clients/${clientId}`)).json().currentPhase).toBe('ended');

    const back = await call('POST', `/api/clients/${clientId}/chapters`, { openingNote: 'Returned after the summer' });
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ number: 2, previousChapterId: chapterId, phase: 'reaching_out' });
    const twice = await call('POST', `/api/clients/${clientId}/chapters`, {});
    expect(twice.statusCode).toBe(409);
    const journey = (await call('GET', `/api/clients/${clientId}/journey`)).json();
    expect(journey.chapters.map((c: { number: number }) => c.number)).toEqual([1, 2]);
    expect(journey.chapters[0].whatRemainsOpen).toBe('Her relationship with her sister');
    expect(journey.sessions.length).toBe(4);
  });

  it('a stale profile edit gets a conflict instead of overwriting', async () => {
    const client = (await call('GET', `/api/clients/${clientId}`)).json();
    const first = await call('PATCH', `/api/clients/${clientId}`, { version: client.version, pronouns: 'she/her', resilience: 'Her garden' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ pronouns: 'she/her', resilience: 'Her garden', email: 'dalia@example.org' });
    const second = await call('PATCH', `/api/clients/${clientId}`, { version: client.version, pronouns: 'they/them' });
    expect(second.statusCode).toBe(409);
    expect((await call('GET', `/api/clients/${clientId}`)).json().pronouns).toBe('she/her');
  });

  it('the practitioner’s calendar feed lists sessions by initials, at a secret address', async () => {
    const feed = (await call('POST', '/api/account/calendar-feed')).json().url as string;
    const path = new URL(feed).pathname;
    const ics = await app.inject({ method: 'GET', url: path });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('SUMMARY:Session · D. H.');
    expect(ics.body).not.toContain('Dalia');
    expect(ics.body).toContain('STATUS:CANCELLED');
    const wrong = await app.inject({ method: 'GET', url: path.replace(/.{6}\.ics$/, 'abcdef.ics') });
    expect(wrong.statusCode).toBe(404);
  });

  it('every read and write of the client was audited, and the chain verifies', async () => {
    const admin = await signIn(app, p.slug, p.emails.admin);
    const rows = (await app.inject({ method: 'GET', url: `/api/audit?clientId=${clientId}&pageSize=200`, headers: { cookie: admin } })).json().rows;
    const actions = new Set(rows.map((r: { action: string }) => r.action));
    for (const a of ['inquiry.accept', 'client.read', 'journey.read', 'chapter.move', 'session.create', 'session.held', 'chapter.end', 'chapter.open', 'client.update']) {
      expect(actions).toContain(a);
    }
    expect(rows[0]).toMatchObject({ actorRole: expect.any(String), clientName: 'Dalia Haddad', ip: expect.any(String) });
    const verify = (await app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: admin } })).json();
    expect(verify.ok).toBe(true);
  });
});
