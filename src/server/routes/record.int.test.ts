import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { planVersions } from '../../db/schema/index.js';
import { extractPdfText } from '../pdf/text.js';
import { createHeldSession, createTestApp, createTestPractice, signIn, type TestPractice } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
let chapterId = '';
const cookies: Record<string, string> = {};
const as = (who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[who] ?? '', ...headers } });
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  for (const who of ['admin', 'practitioner', 'supervisor', 'associate', 'clientUser'] as const) cookies[who] = await signIn(app, p.slug, p.emails[who]);
  chapterId = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/journey`)).json().chapters[0].id;
});
afterAll(() => close());

describe('diagnosis as a starting point', () => {
  it('searches ICD-10-CM by words and code, Z-codes for circumstances included', async () => {
    const gad = (await as('practitioner', 'GET', '/api/icd10cm?q=generalized%20anxiety')).json();
    expect(gad[0]).toMatchObject({ code: 'F41.1', billable: true });
    const housing = (await as('practitioner', 'GET', '/api/icd10cm?q=housing')).json();
    expect(housing.some((c: { code: string }) => c.code.startsWith('Z59'))).toBe(true);
    expect((await as('clientUser', 'GET', '/api/icd10cm?q=anxiety')).statusCode).toBe(404);
  });

  it('accepts only billable codes, keeps one primary at a time, and keeps ended diagnoses in the history', async () => {
    const header = await as('practitioner', 'POST', `/api/clients/${p.clientId}/diagnoses`, { code: 'F41', context: '', primary: true, startsOn: day(-10) });
    expect(header.statusCode).toBe(400);
    expect(header.json().fields.code).toMatch(/specific/);
    const unknown = await as('practitioner', 'POST', `/api/clients/${p.clientId}/diagnoses`, { code: 'X99.9', startsOn: day(-10) });
    expect(unknown.statusCode).toBe(400);
    const first = (await as('practitioner', 'POST', `/api/clients/${p.clientId}/diagnoses`, { code: 'f41.1', context: 'Worry that began with the move.', primary: true, startsOn: day(-60) })).json();
    expect(first.code).toBe('F41.1');
    const second = (await as('practitioner', 'POST', `/api/clients/${p.clientId}/diagnoses`, { code: 'F43.21', context: 'After her mother died.', primary: true, startsOn: day(-5) })).json();
    const list = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/diagnoses`)).json();
    expect(list.filter((d: { primary: boolean }) => d.primary).map((d: { id: string }) => d.id)).toEqual([second.id]);
    const current = list.find((d: { id: string }) => d.id === first.id);
    const ended = await as('practitioner', 'PATCH', `/api/clients/${p.clientId}/diagnoses/${first.id}`, { version: current.version, endsOn: day(-1) });
    expect(ended.statusCode, ended.body).toBe(200);
    const stale = await as('practitioner', 'PATCH', `/api/clients/${p.clientId}/diagnoses/${first.id}`, { version: current.version, context: 'late' });
    expect(stale.statusCode).toBe(409);
    const backwards = await as('practitioner', 'PATCH', `/api/clients/${p.clientId}/diagnoses/${first.id}`, { version: ended.json().version, endsOn: day(-90) });
    expect(backwards.statusCode).toBe(400);
    const history = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/diagnoses`)).json();
    expect(history.map((d: { code: string; endsOn: string | null }) => [d.code, d.endsOn])).toEqual([
      ['F43.21', null],
      ['F41.1', day(-1)],
    ]);
    // Supervisors and admins read; only the practitioners in care write.
    expect((await as('admin', 'POST', `/api/clients/${p.clientId}/diagnoses`, { code: 'F41.1', startsOn: day(0) })).statusCode).toBe(403);
  });
});

const interventionId = randomUUID();
const plan = (intentions: string, goal: string, ids: { problem: string; goal: string; objective: string }, themeIds: string[] = []) => ({
  clientIntentions: intentions,
  problems: [
    {
      id: ids.problem,
      statement: 'Isolation since the move',
      goals: [
        {
          id: ids.goal,
          statement: goal,
          targetDate: day(90),
          objectives: [{ id: ids.objective, statement: 'Meets a friend weekly', measure: 'Self-report, weekly', targetDate: day(45) }],
          interventions: [{ id: interventionId, statement: 'Relational mapping' }],
        },
      ],
    },
  ],
  themeIds,
});

describe('the treatment plan', () => {
  it('autosaves a draft, refuses a stale one, publishes versions with their changes in words, and the client acknowledges', async () => {
    const itemIds = { problem: randomUUID(), goal: randomUUID(), objective: randomUUID() };
    const created = await as('practitioner', 'PUT', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/draft`, { draftVersion: null, content: plan('To feel at home here.', 'Build two steady friendships', itemIds), reviewDate: null }, { 'idempotency-key': 'plan-create-0001' });
    expect(created.statusCode, created.body).toBe(200);
    const noReview = await as('practitioner', 'POST', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/versions`, { draftVersion: 1 });
    expect(noReview.statusCode).toBe(400);
    expect(noReview.json().fields.reviewDate).toBeDefined();
    const saved = await as('practitioner', 'PUT', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/draft`, { draftVersion: 1, content: plan('To feel at home here.', 'Build two steady friendships', itemIds), reviewDate: day(60) });
    expect(saved.json().draftVersion).toBe(2);
    const stale = await as('practitioner', 'PUT', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/draft`, { draftVersion: 1, content: plan('Other tab', 'x', itemIds), reviewDate: day(60) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.draft.clientIntentions).toBe('To feel at home here.');
    const v1 = await as('practitioner', 'POST', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/versions`, { draftVersion: 2 }, { 'idempotency-key': 'plan-publish-0001' });
    expect(v1.statusCode, v1.body).toBe(200);
    // A retry of the same publish makes no second version.
    await as('practitioner', 'POST', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/versions`, { draftVersion: 2 }, { 'idempotency-key': 'plan-publish-0001' });
    expect((await as('practitioner', 'GET', `/api/clients/${p.clientId}/chapters/${chapterId}/plan`)).json().plan.versions).toHaveLength(1);

    const theme = (await as('practitioner', 'POST', `/api/clients/${p.clientId}/themes`, { name: 'Longing for home' })).json();
    await as('practitioner', 'PUT', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/draft`, { draftVersion: 2, content: plan('To feel at home here.', 'Build three steady friendships', itemIds, [theme.id]), reviewDate: day(60) });
    const v2 = (await as('practitioner', 'POST', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/versions`, { draftVersion: 3 })).json();
    expect(v2.versions[0].version).toBe(2);
    expect(v2.versions[0].changes).toEqual(['Goal reworded: “Build two steady friendships” became “Build three steady friendships”.', 'Theme linked in: Longing for home.']);
    const themes = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/themes`)).json();
    expect(themes.themes.find((t: { id: string }) => t.id === theme.id).inPlan).toBe(true);
    expect(themes.planGoals.map((g: { goal: string }) => g.goal)).toEqual(['Build three steady friendships']);

    const portal = (await as('clientUser', 'GET', '/api/portal/plan')).json().plan;
    expect(portal).toMatchObject({ version: 2, clientIntentions: 'To feel at home here.', acknowledged: null });
    const wrongVersion = await as('clientUser', 'POST', '/api/portal/plan/acknowledge', { planId: portal.planId, version: 1, name: 'Amara Okafor' });
    expect(wrongVersion.statusCode).toBe(409);
    const ack = await as('clientUser', 'POST', '/api/portal/plan/acknowledge', { planId: portal.planId, version: 2, name: 'Amara Okafor' });
    expect(ack.json().plan.acknowledged.name).toBe('Amara Okafor');
    const seen = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/chapters/${chapterId}/plan`)).json().plan;
    expect(seen.versions[0].acknowledgements).toEqual([expect.objectContaining({ name: 'Amara Okafor' })]);

    const pdf = await as('practitioner', 'GET', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/versions/2/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await extractPdfText(pdf.rawPayload);
    expect(text).toContain('To feel at home here.');
    expect(text).toContain('Build three steady friendships');
    expect(text).toContain('Amara Okafor');
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('puts a plan whose review date has come on the practitioner’s to-do list', async () => {
    expect((await as('practitioner', 'GET', '/api/todo')).json().plansDueReview).toEqual([]);
    // Time passes: the current version's review date arrives.
    await database.db.update(planVersions).set({ reviewDate: day(-1) }).where(eq(planVersions.practiceId, p.practiceId));
    const todo = (await as('practitioner', 'GET', '/api/todo')).json();
    expect(todo.plansDueReview).toEqual([{ clientId: p.clientId, clientName: 'Amara Okafor', chapterId, reviewDate: day(-1) }]);
    expect((await as('associate', 'GET', '/api/todo')).json().plansDueReview).toEqual([]);
  });
});

describe('the client’s voice', () => {
  it('shows the client only shared notes; they comment and reflect, and the practitioner sees both', async () => {
    const sessionId = await createHeldSession(database, p);
    const fields = { clientReport: 'We spoke about the garden.', observations: 'Bright.', interventions: 'Mapping.', response: 'Hopeful.', assessment: 'Improving.', plan: 'Fortnightly.' };
    const draft = (await as('practitioner', 'PUT', `/api/sessions/${sessionId}/progress-note`, { version: null, format: 'birp', fields, risk: { level: 'none', summary: '', actions: '' }, serviceCode: '90837' })).json();
    expect((await as('clientUser', 'GET', '/api/portal/notes')).json()).toEqual([]);
    const signed = (await as('practitioner', 'POST', `/api/progress-notes/${draft.id}/sign`, { version: draft.version })).json();
    expect((await as('clientUser', 'GET', '/api/portal/notes')).json()).toEqual([]);
    await as('practitioner', 'PUT', `/api/progress-notes/${signed.id}/sharing`, { shared: true });
    const notes = (await as('clientUser', 'GET', '/api/portal/notes')).json();
    expect(notes).toHaveLength(1);
    expect(notes[0].sections.map((s: { heading: string }) => s.heading)).toEqual(['Behaviour', 'Intervention', 'Response', 'Plan']);
    const comment = await as('clientUser', 'POST', `/api/portal/notes/${signed.id}/comments`, { body: 'I would add: the garden was my mother’s.' }, { 'idempotency-key': 'comment-000000001' });
    expect(comment.statusCode).toBe(200);
    await as('clientUser', 'POST', `/api/portal/notes/${signed.id}/comments`, { body: 'I would add: the garden was my mother’s.' }, { 'idempotency-key': 'comment-000000001' });
    expect(comment.json().comments).toEqual([expect.objectContaining({ body: 'I would add: the garden was my mother’s.', mine: true })]);
    const reflection = await as('clientUser', 'PUT', `/api/portal/sessions/${sessionId}/reflection`, { body: 'That I am allowed to miss her.', version: null });
    expect(reflection.statusCode).toBe(200);
    const edited = await as('clientUser', 'PUT', `/api/portal/sessions/${sessionId}/reflection`, { body: 'That I am allowed to miss her, and still plant.', version: 1 });
    expect(edited.json().version).toBe(2);

    const seen = (await as('practitioner', 'GET', `/api/sessions/${sessionId}/progress-note`)).json();
    expect(seen.reflection.body).toBe('That I am allowed to miss her, and still plant.');
    expect(seen.note.comments).toEqual([expect.objectContaining({ body: 'I would add: the garden was my mother’s.' })]);
    // The note itself is untouched by the comment.
    expect(seen.note.contentHash).toBe(signed.contentHash);
    expect(seen.note.fields).toEqual(fields);
  });

  it('never lets a client write into a note or a signature', async () => {
    const sessionId = await createHeldSession(database, p);
    for (const [method, url, body] of [
      ['PUT', `/api/sessions/${sessionId}/progress-note`, { version: null, format: 'dap', fields: {}, risk: {} }],
      ['POST', `/api/clients/${p.clientId}/themes`, { name: 'x' }],
      ['PUT', `/api/clients/${p.clientId}/chapters/${chapterId}/plan/draft`, { draftVersion: 1, content: {}, reviewDate: null }],
    ] as const) {
      const res = await as('clientUser', method, url, body);
      expect(res.statusCode, url).toBe(404);
    }
  });
});

describe('the chapter summary PDF', () => {
  it('holds the chapter’s signed notes, diagnoses, plan versions and, once ended, the transition summary', async () => {
    await as('practitioner', 'POST', `/api/clients/${p.clientId}/chapters/${chapterId}/end`, { whatWasLived: 'A year of finding ground.', whatRemainsOpen: 'The anniversary in spring.', doorLeftOpen: 'Write any time.' });
    const res = await as('practitioner', 'GET', `/api/clients/${p.clientId}/chapters/${chapterId}/summary.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="chapter-1-summary.pdf"/);
    const text = await extractPdfText(res.rawPayload);
    for (const expected of ['A year of finding ground.', 'F43.21', 'F41.1', 'To feel at home here.', 'We spoke about the garden.', 'Page 1 of']) expect(text).toContain(expected);
    const audit = (await as('admin', 'GET', `/api/audit?clientId=${p.clientId}`)).json();
    expect(audit.rows.map((r: { action: string }) => r.action)).toContain('chapter.summary_pdf');
  });
});
