import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditLog, measureRequests } from '../../db/schema/index.js';
import { inventedGardenCheck } from '../../domain/measures/testing/invented.js';
import { createHeldSession, createTestApp, createTestPractice, signIn, type TestPractice } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
const cookies: Record<string, string> = {};
const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, payload, headers: who ? { cookie: cookies[who] ?? '' } : {} });
const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  for (const who of ['admin', 'practitioner', 'unrelated', 'clientUser'] as const) cookies[who] = await signIn(app, p.slug, p.emails[who]);
});
afterAll(() => close());

describe('giving and scoring measures', () => {
  it('lists the shipped instruments with their sources', async () => {
    const list = (await as('practitioner', 'GET', '/api/instruments')).json();
    expect(list.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(['phq-9', 'phq-2', 'gad-7', 'gad-2', 'ucla-3', 'k10']));
    expect(list.find((i: { id: string }) => i.id === 'phq-9').citations.join(' ')).toMatch(/Kroenke/);
  });

  it('scores a PHQ-9 given in session and raises a risk alert for item 9 at any total, until acknowledged with a note', async () => {
    const res = await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'phq-9', answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 1]) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ score: { total: 1, severity: { key: 'none-minimal' }, risk: true }, alertRaised: true, crisisResources: 'Call 988.' });
    const alerts = (await as('practitioner', 'GET', '/api/risk-alerts')).json();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ clientName: 'Amara Okafor', instrumentKey: 'phq-9', total: 1 });
    expect((await as('unrelated', 'GET', '/api/risk-alerts')).json()).toEqual([]);
    expect((await as('practitioner', 'GET', '/api/todo')).json().riskAlerts.map((a: { id: string }) => a.id)).toEqual([alerts[0].id]);
    expect((await as('unrelated', 'POST', `/api/risk-alerts/${alerts[0].id}/acknowledge`, { note: 'x' })).statusCode).toBe(404);
    expect((await as('practitioner', 'POST', `/api/risk-alerts/${alerts[0].id}/acknowledge`, { note: '' })).statusCode).toBe(400);
    const ack = await as('practitioner', 'POST', `/api/risk-alerts/${alerts[0].id}/acknowledge`, { note: 'Called her the same hour; safety plan reviewed, she is safe tonight.' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().acknowledgedByName).toBe('practitioner');
    expect((await as('practitioner', 'GET', '/api/risk-alerts')).json()).toEqual([]);
    const logged = await database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.practiceId, p.practiceId), eq(auditLog.recordId, alerts[0].id)));
    expect(logged.map((l) => l.action)).toContain('risk_alert.acknowledge');
  });

  it('refuses answers that are incomplete or out of range, naming the question', async () => {
    const short = await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'phq-9', answers: phq9([0, 1]) });
    expect(short.statusCode).toBe(400);
    const high = await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'phq-9', answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 7]) });
    expect(high.statusCode).toBe(400);
    expect(high.json().message).toMatch(/question 9/);
    expect((await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'nope', answers: {} })).statusCode).toBe(404);
  });

  it('opens a single-use link without sign-in that shows only the questions, and then never again', async () => {
    const made = await as('practitioner', 'POST', `/api/clients/${p.clientId}/measure-requests`, { instrumentKey: 'gad-7', channel: 'link' });
    expect(made.statusCode, made.body).toBe(201);
    const url = new URL(made.json().linkUrl);
    const token = url.pathname.replace('/m/', '');
    const open = await as('', 'GET', `/api/public/measure-links/${token}`);
    expect(open.statusCode).toBe(200);
    expect(open.body).not.toContain('Amara');
    expect(open.json().definition.questionnaire.id).toBe('gad-7');
    const sent = await as('', 'POST', `/api/public/measure-links/${token}`, { answers: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [String(i), 2])) });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ alertRaised: false, crisisResources: null });
    expect(sent.body).not.toContain('total');
    expect((await as('', 'GET', `/api/public/measure-links/${token}`)).statusCode).toBe(409);
    expect((await as('', 'POST', `/api/public/measure-links/${token}`, { answers: {} })).statusCode).toBe(409);
    expect((await as('', 'GET', `/api/public/measure-links/${p.practiceId}.not-a-real-token`)).statusCode).toBe(404);
    // The link reaches nothing else: it is not a session.
    expect((await app.inject({ method: 'GET', url: `/api/clients/${p.clientId}`, headers: { cookie: `liminal_session=${token}` } })).statusCode).toBe(401);
  });

  it('refuses an expired link', async () => {
    const made = (await as('practitioner', 'POST', `/api/clients/${p.clientId}/measure-requests`, { instrumentKey: 'phq-2', channel: 'link' })).json();
    await database.db.update(measureRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(eq(measureRequests.practiceId, p.practiceId), eq(measureRequests.id, made.id)));
    const res = await as('', 'GET', `/api/public/measure-links/${new URL(made.linkUrl).pathname.replace('/m/', '')}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/expired/);
  });

  it('lets the client complete a portal request, shows crisis resources on a risk answer, and shows change over time to the practitioner', async () => {
    const made = (await as('practitioner', 'POST', `/api/clients/${p.clientId}/measure-requests`, { instrumentKey: 'phq-9', channel: 'portal' })).json();
    const open = (await as('clientUser', 'GET', '/api/portal/measures')).json();
    expect(open.map((r: { id: string }) => r.id)).toContain(made.id);
    const done = await as('clientUser', 'POST', `/api/portal/measures/${made.id}`, { answers: phq9([3, 3, 3, 3, 2, 2, 2, 1, 2]) });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ score: { total: 21, severity: { key: 'severe' } }, alertRaised: true, crisisResources: 'Call 988.' });
    expect((await as('clientUser', 'POST', `/api/portal/measures/${made.id}`, { answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]) })).statusCode).toBe(404);
    await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'phq-9', answers: phq9([1, 1, 1, 1, 0, 0, 1, 0, 0]) });
    const view = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/measures`)).json();
    const s = view.summaries.find((x: { instrumentKey: string }) => x.instrumentKey === 'phq-9');
    expect(s.scores.map((x: { total: number }) => x.total)).toEqual([1, 21, 5]);
    expect(s.change).toMatchObject({ before: 1, after: 5, reliable: false });
    expect(s.change.rule).toMatch(/NHS Talking Therapies/);

    const bundle = await as('practitioner', 'GET', `/api/clients/${p.clientId}/measures/${s.scores[1].responseId}/fhir`);
    expect(bundle.statusCode, bundle.body).toBe(200);
    const resources = bundle.json().entry.map((e: { resource: { resourceType: string } }) => e.resource);
    expect(resources.map((r: { resourceType: string }) => r.resourceType)).toContain('QuestionnaireResponse');
    const total = resources.find((r: { resourceType: string; code?: { coding: Array<{ code: string }> } }) => r.resourceType === 'Observation' && r.code?.coding.some((c) => c.code === '44261-6'));
    expect(total.valueQuantity.value).toBe(21);
    expect((await as('unrelated', 'GET', `/api/clients/${p.clientId}/measures/${s.scores[1].responseId}/fhir`)).statusCode).toBe(404);
  });

  it('imports a licensed instrument the practice holds only when its definition is sound, and says what is wrong', async () => {
    const bad = await as('admin', 'POST', '/api/instruments', { definition: { questionnaire: { resourceType: 'Questionnaire', id: 'phq-9' } } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).length).toBeGreaterThan(0);
    expect((await as('practitioner', 'POST', '/api/instruments', { definition: {} })).statusCode).toBe(403);
    const good = inventedGardenCheck();
    const imported = await as('admin', 'POST', '/api/instruments', { definition: good });
    expect(imported.statusCode, imported.body).toBe(201);
    expect((await as('admin', 'POST', '/api/instruments', { definition: good })).statusCode).toBe(409);
    const list = (await as('practitioner', 'GET', '/api/instruments')).json();
    expect(list.find((i: { id: string }) => i.id === good.questionnaire.id)).toMatchObject({ source: 'imported' });
    // Another practice does not see it.
    const other = await createTestPractice(database);
    const otherCookie = await signIn(app, other.slug, other.emails.practitioner);
    const theirs = (await app.inject({ method: 'GET', url: '/api/instruments', headers: { cookie: otherCookie } })).json();
    expect(theirs.map((i: { id: string }) => i.id)).not.toContain(good.questionnaire.id);
  });

  it('asks through the portal on schedule: after each held session, at a phase change, and every n weeks', async () => {
    const client = await createTestPractice(database);
    const c: Record<string, string> = {};
    for (const who of ['practitioner', 'clientUser'] as const) c[who] = await signIn(app, client.slug, client.emails[who]);
    const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, payload, headers: { cookie: c[who] ?? '' } });
    const portalKeys = async () => ((await call('clientUser', 'GET', '/api/portal/measures')).json() as Array<{ instrumentKey: string }>).map((r) => r.instrumentKey).sort();
    expect((await call('practitioner', 'PUT', `/api/clients/${client.clientId}/measure-schedules`, { instrumentKey: 'gad-7', rule: 'phase_change' })).statusCode).toBe(200);
    expect((await call('practitioner', 'PUT', `/api/clients/${client.clientId}/measure-schedules`, { instrumentKey: 'ucla-3', rule: 'every_n_weeks', everyWeeks: 4 })).statusCode).toBe(200);
    // Never asked before: the every-4-weeks one is due at once; the phase one waits.
    expect(await portalKeys()).toEqual(['ucla-3']);
    const chapterId = (await call('practitioner', 'GET', `/api/clients/${client.clientId}/journey`)).json().chapters[0].id;
    await call('practitioner', 'POST', `/api/clients/${client.clientId}/chapters/${chapterId}/moves`, { to: 'assessment' });
    expect(await portalKeys()).toEqual(['gad-7', 'ucla-3']);
    // Still open: moving again does not ask twice.
    await call('practitioner', 'POST', `/api/clients/${client.clientId}/chapters/${chapterId}/moves`, { to: 'diagnosis' });
    expect(await portalKeys()).toEqual(['gad-7', 'ucla-3']);
    const list = (await call('practitioner', 'GET', `/api/clients/${client.clientId}/measure-schedules`)).json();
    expect(list.map((s: { instrumentKey: string; rule: string }) => [s.instrumentKey, s.rule])).toEqual([
      ['gad-7', 'phase_change'],
      ['ucla-3', 'every_n_weeks'],
    ]);
    expect((await call('practitioner', 'PUT', `/api/clients/${client.clientId}/measure-schedules`, { instrumentKey: 'phq-9', rule: 'every_n_weeks', everyWeeks: 0 })).statusCode).toBe(400);
  });

  it('takes the connection profile from the client and, separately, from the practitioner, and flags a drop in the relationship check-in', async () => {
    const places = ['relationships', 'emotions', 'thoughts', 'body-environment', 'physical-health'];
    const levels = ['personal', 'familial', 'social', 'ecological', 'spiritual'];
    const profile = (v: number) => Object.fromEntries([...places, ...levels].map((k) => [k, v]));
    const mine = await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'connection-profile', answers: profile(3), ratedBy: 'practitioner' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().score.subscales).toMatchObject({ places: 3, levels: 3 });
    await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'connection-profile', answers: profile(5) });
    const checkin = (v: number) => Object.fromEntries(['listened', 'mattered', 'way-of-working', 'could-say', 'connected'].map((k) => [k, v]));
    for (const v of [9, 9, 9, 6]) await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'relationship-checkin', answers: checkin(v) });
    const got = await as('practitioner', 'GET', `/api/clients/${p.clientId}/measures`);
    expect(got.statusCode, got.body).toBe(200);
    const view = got.json();
    const ratings = view.summaries.filter((x: { instrumentKey: string }) => x.instrumentKey === 'connection-profile').map((x: { ratedBy: string; scores: Array<{ total: number }> }) => [x.ratedBy, x.scores[0]?.total]);
    expect(ratings).toEqual(expect.arrayContaining([['practitioner', 3], ['client', 5]]));
    const c = view.summaries.find((x: { instrumentKey: string }) => x.instrumentKey === 'relationship-checkin');
    expect(c.checkinDrop.dropped).toBe(true);
    expect(c.checkinDrop.rule).toMatch(/below/);
  });

  it('reports caseload outcomes for a period without names: rates, average change and who is not on track', async () => {
    const o = await createTestPractice(database);
    const c: Record<string, string> = {};
    for (const who of ['admin', 'practitioner', 'unrelated', 'clientUser'] as const) c[who] = await signIn(app, o.slug, o.emails[who]);
    const give = (key: string, values: number[]) =>
      app.inject({ method: 'POST', url: `/api/clients/${o.clientId}/measures`, headers: { cookie: c.practitioner! }, payload: { instrumentKey: key, answers: Object.fromEntries(values.map((v, i) => [String(i + 1), v])) } });
    await give('phq-9', [2, 2, 2, 2, 2, 2, 1, 1, 0]); // 14, a case
    await give('gad-7', [2, 2, 2, 2, 1, 1, 0]); // 10, a case
    await give('phq-9', [1, 1, 1, 0, 0, 0, 0, 0, 0]); // 3
    await give('gad-7', [1, 1, 1, 0, 0, 0, 0]); // 3
    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 86400_000).toISOString();
    const url = `/api/outcomes?from=${from}&to=${to}`;
    // Without the client's consent to outcome research, their scores are not counted: only the fact that one client is left out.
    const before = (await app.inject({ method: 'GET', url, headers: { cookie: c.admin! } })).json();
    expect(before).toMatchObject({ clients: 0, withoutResearchConsent: 1, measures: [] });
    const yesterday = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
    const consent = await app.inject({ method: 'POST', url: '/api/portal/consents', headers: { cookie: c.clientUser! }, payload: { purpose: 'research', givenOn: yesterday } });
    expect(consent.statusCode, consent.body).toBe(201);
    expect(consent.json()).toMatchObject({ via: 'portal', status: 'active' });
    const report = await app.inject({ method: 'GET', url, headers: { cookie: c.admin! } });
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(r.clients).toBe(1);
    expect(r.withoutResearchConsent).toBe(0);
    expect(r.measures.find((m: { instrumentKey: string }) => m.instrumentKey === 'phq-9')).toMatchObject({ clientsWithChange: 1, averageChange: -11, reliableImprovementRate: 1 });
    expect(r.nhsTalkingTherapies).toMatchObject({ pairedClients: 1, casesAtStart: 1, recoveryRate: 1, reliableRecoveryRate: 1 });
    expect(report.body).not.toContain('Amara');
    expect(report.body).not.toContain(o.clientId);
    // A practitioner sees their own caseload; a colleague without those clients sees none of it.
    expect((await app.inject({ method: 'GET', url, headers: { cookie: c.practitioner! } })).json().clients).toBe(1);
    expect((await app.inject({ method: 'GET', url, headers: { cookie: c.unrelated! } })).json().clients).toBe(0);
    expect((await app.inject({ method: 'GET', url: `${url}&practitionerId=${o.practitioner}`, headers: { cookie: c.unrelated! } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url, headers: { cookie: c.clientUser! } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/outcomes?from=${to}&to=${from}`, headers: { cookie: c.admin! } })).statusCode).toBe(400);
    // Revoked in the portal: from now on the scores are out of the research again.
    const revoked = await app.inject({ method: 'POST', url: `/api/portal/consents/${consent.json().id}/revoke`, headers: { cookie: c.clientUser! }, payload: { note: 'I would rather not, for now.' } });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedVia: 'portal', revocationNote: 'I would rather not, for now.' });
    expect((await app.inject({ method: 'GET', url, headers: { cookie: c.admin! } })).json()).toMatchObject({ clients: 0, withoutResearchConsent: 1 });
    expect((await app.inject({ method: 'POST', url: `/api/portal/consents/${consent.json().id}/revoke`, headers: { cookie: c.clientUser! }, payload: { note: '' } })).statusCode).toBe(409);
  });

  it('shows change for a screener that has no caseness cut-off without failing', async () => {
    await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'k10', answers: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => [String(i), 3])) });
    await as('practitioner', 'POST', `/api/clients/${p.clientId}/measures`, { instrumentKey: 'k10', answers: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => [String(i), 2])) });
    const res = await as('practitioner', 'GET', `/api/clients/${p.clientId}/measures`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summaries.find((x: { instrumentKey: string }) => x.instrumentKey === 'k10').scores).toHaveLength(2);
  });

  it('shows each relationship check-in beside its session, with a gentle flag when it drops', async () => {
    const o = await createTestPractice(database);
    const c = await signIn(app, o.slug, o.emails.practitioner);
    const sessions = [];
    for (const daysAgo of [21, 14, 7]) sessions.push(await createHeldSession(database, o, { clientId: o.clientId, practitionerId: o.practitioner, daysAgo }));
    const checkin = (v: number) => Object.fromEntries(['listened', 'mattered', 'way-of-working', 'could-say', 'connected'].map((k) => [k, v]));
    for (const [i, v] of [9, 9, 5].entries()) {
      const res = await app.inject({ method: 'POST', url: `/api/clients/${o.clientId}/measures`, headers: { cookie: c }, payload: { instrumentKey: 'relationship-checkin', answers: checkin(v), sessionId: sessions[i] } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const got = await app.inject({ method: 'GET', url: `/api/clients/${o.clientId}/relationship-checkins`, headers: { cookie: c } });
    expect(got.statusCode, got.body).toBe(200);
    const list = got.json().checkins;
    expect(list.map((x: { sessionId: string; total: number; dropped: boolean; low: boolean }) => [x.sessionId, x.total, x.dropped, x.low])).toEqual([
      [sessions[0], 45, false, false],
      [sessions[1], 45, false, false],
      [sessions[2], 25, true, true],
    ]);
    expect(list[2].rule).toMatch(/44% below 45/);
    expect(list[2].items[0]).toMatchObject({ linkId: 'listened', answer: 5 });
    expect(list[2].items[0].text).toMatch(/listened to/);
    const colleague = await signIn(app, o.slug, o.emails.unrelated);
    expect((await app.inject({ method: 'GET', url: `/api/clients/${o.clientId}/relationship-checkins`, headers: { cookie: colleague } })).statusCode).toBe(404);
  });

  it('judges change by the practice’s own SD and reliability and not-on-track count once an admin sets them', async () => {
    const o = await createTestPractice(database);
    const admin = await signIn(app, o.slug, o.emails.admin);
    const practitioner = await signIn(app, o.slug, o.emails.practitioner);
    const instruments = (await app.inject({ method: 'GET', url: '/api/instruments', headers: { cookie: admin } })).json();
    expect(instruments.find((i: { id: string }) => i.id === 'phq-9')).toMatchObject({ higherIsBetter: false, reliableChange: { threshold: 6 } });
    expect(instruments.find((i: { id: string }) => i.id === 'relationship-checkin')).toMatchObject({ higherIsBetter: true, reliableChange: null });
    const ucla = (values: number[]) => ({ instrumentKey: 'ucla-3', answers: Object.fromEntries(values.map((v, i) => [String(i + 1), v])) });
    // UCLA-3 ships without a reliable-change rule: 9 then 6 is reported without a change label or rates.
    for (const v of [[3, 3, 3], [2, 2, 2], [2, 2, 2], [2, 2, 2]]) await app.inject({ method: 'POST', url: `/api/clients/${o.clientId}/measures`, headers: { cookie: practitioner }, payload: ucla(v) });
    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 86400_000).toISOString();
    const research = await app.inject({ method: 'POST', url: `/api/clients/${o.clientId}/consents`, headers: { cookie: practitioner }, payload: { purpose: 'research', givenOn: from.slice(0, 10), via: 'on_paper' } });
    expect(research.statusCode, research.body).toBe(201);
    const outcomes = async () => (await app.inject({ method: 'GET', url: `/api/outcomes?from=${from}&to=${to}`, headers: { cookie: admin } })).json();
    const summary = async () =>
      (await app.inject({ method: 'GET', url: `/api/clients/${o.clientId}/measures`, headers: { cookie: practitioner } })).json().summaries.find((x: { instrumentKey: string }) => x.instrumentKey === 'ucla-3');
    expect((await summary()).change).toBeNull();
    expect((await outcomes()).measures.find((m: { instrumentKey: string }) => m.instrumentKey === 'ucla-3')).toMatchObject({ rule: null, reliableImprovementRate: null, averageChange: -3 });

    const bad = await app.inject({ method: 'PUT', url: '/api/practice/measure-change', headers: { cookie: admin }, payload: { notOnTrackAfter: 1, instruments: [{ instrumentKey: 'ucla-3', sd: 1, reliability: 1 }] } });
    expect(bad.statusCode).toBe(400);
    const unknown = await app.inject({ method: 'PUT', url: '/api/practice/measure-change', headers: { cookie: admin }, payload: { notOnTrackAfter: 3, instruments: [{ instrumentKey: 'core-10', sd: 1, reliability: 0.8 }] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toMatchObject({ 'instruments.0.instrumentKey': expect.any(String) });
    expect((await app.inject({ method: 'PUT', url: '/api/practice/measure-change', headers: { cookie: practitioner }, payload: { notOnTrackAfter: 3, instruments: [] } })).statusCode).toBe(403);

    // SD 1.5, reliability 0.8: a reliable change is 1.96 × 1.5 × √2 × √0.2 ≈ 1.86 points, so 9 → 6 is reliable improvement.
    const set = await app.inject({ method: 'PUT', url: '/api/practice/measure-change', headers: { cookie: admin }, payload: { notOnTrackAfter: 3, instruments: [{ instrumentKey: 'ucla-3', sd: 1.5, reliability: 0.8 }] } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().settings).toMatchObject({ notOnTrackAfter: 3, measureChange: { 'ucla-3': { sd: 1.5, reliability: 0.8 } } });
    const change = (await summary()).change;
    expect(change).toMatchObject({ reliable: true, direction: 'improvement' });
    expect(change.rule).toMatch(/SD 1.5 and reliability 0.8 set by the practice/);
    expect((await outcomes()).measures.find((m: { instrumentKey: string }) => m.instrumentKey === 'ucla-3')).toMatchObject({ reliableImprovementRate: 1, reliableDeteriorationRate: 0 });

    // A fifth score of 8: 9 → 8 is not a reliable improvement, and with the count set to 3 the series is listed as
    // not on track, by pseudonym.
    await app.inject({ method: 'POST', url: `/api/clients/${o.clientId}/measures`, headers: { cookie: practitioner }, payload: ucla([3, 3, 2]) });
    const report = await outcomes();
    expect(report.notOnTrackAfter).toBe(3);
    expect(report.notOnTrack).toEqual([
      expect.objectContaining({ client: expect.stringMatching(/^Client [0-9a-f]{8}$/), instrumentKey: 'ucla-3', reason: 'No reliable improvement after 5 scores' }),
    ]);
    expect(report.notOnTrack[0].rule).toMatch(/by score 3/);
  });
});

