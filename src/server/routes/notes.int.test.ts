import type { FastifyInstance } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { verifyNoteHash } from '../../db/repos/notes.js';
import { auditLog, progressNotes } from '../../db/schema/index.js';
import { createHeldSession, createTestApp, createTestPractice, signIn, type TestPractice } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  for (const who of ['admin', 'practitioner', 'unrelated', 'associate', 'supervisor', 'clientUser'] as const) {
    cookies[who] = await signIn(app, p.slug, p.emails[who]);
  }
});
afterAll(() => close());

const fields = {
  clientReport: 'Spoke about the first winter since her mother died.',
  observations: 'Tearful at times, warm, engaged.',
  interventions: 'Grounding; we traced her support circle.',
  response: 'Settled by the end; named two friends to call.',
  assessment: 'Grief with isolation; connection growing.',
  plan: 'Weekly; bring the letter next time.',
};
const risk = { level: 'none', summary: '', actions: '' };

function call(who: string, method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method, url, payload: payload as object, headers: { cookie: cookies[who] ?? '', ...headers } });
}

async function draft(sessionId: string, who = 'practitioner', extra: Record<string, unknown> = {}) {
  const res = await call(who, 'PUT', `/api/sessions/${sessionId}/progress-note`, { version: null, format: 'dap', fields, risk, serviceCode: '90834', themeIds: [], ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('progress notes: drafts that are never lost', () => {
  it('creates a draft, autosaves it with rising versions, and restores it on reopening', async () => {
    const sessionId = await createHeldSession(database, p);
    const first = await draft(sessionId);
    expect(first.version).toBe(1);
    expect(first.status).toBe('draft');
    const second = await call('practitioner', 'PUT', `/api/sessions/${sessionId}/progress-note`, {
      version: 1,
      format: 'soap',
      fields: { ...fields, plan: 'Weekly; bring the letter next time. ' },
      risk,
      serviceCode: '90834',
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().version).toBe(2);
    // A trailing space someone just typed is kept.
    expect(second.json().fields.plan).toBe('Weekly; bring the letter next time. ');
    const reopened = await call('practitioner', 'GET', `/api/sessions/${sessionId}/progress-note`);
    expect(reopened.json().note.format).toBe('soap');
    expect(reopened.json().facts.participants).toEqual(['Amara Okafor', 'practitioner']);
    expect(reopened.json().facts.movements.map((m: { name: string }) => m.name)).toHaveLength(2);
  });

  it('answers a stale autosave with 409 and the saved copy, so both versions can be shown', async () => {
    const sessionId = await createHeldSession(database, p);
    await draft(sessionId);
    const tabA = await call('practitioner', 'PUT', `/api/sessions/${sessionId}/progress-note`, { version: 1, format: 'dap', fields: { ...fields, plan: 'from tab A' }, risk });
    expect(tabA.statusCode).toBe(200);
    const tabB = await call('practitioner', 'PUT', `/api/sessions/${sessionId}/progress-note`, { version: 1, format: 'dap', fields: { ...fields, plan: 'from tab B' }, risk });
    expect(tabB.statusCode).toBe(409);
    expect(tabB.json().current.fields.plan).toBe('from tab A');
    expect(tabB.json().current.version).toBe(2);
    const stored = await call('practitioner', 'GET', `/api/sessions/${sessionId}/progress-note`);
    expect(stored.json().note.fields.plan).toBe('from tab A');
  });

  it('makes one note however often a create is retried with the same idempotency key', async () => {
    const sessionId = await createHeldSession(database, p);
    const body = { version: null, format: 'dap', fields, risk };
    const headers = { 'idempotency-key': 'create-note-retry-0001' };
    const [a, b] = await Promise.all([
      call('practitioner', 'PUT', `/api/sessions/${sessionId}/progress-note`, body, headers),
      call('practitioner', 'PUT', `/api/sessions/${sessionId}/progress-note`, body, headers),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    // One runs; the racing copy either replays it or is told it is still in progress. Never two notes.
    expect(statuses[0]).toBe(200);
    const again = await call('practitioner', 'PUT', `/api/sessions/${sessionId}/progress-note`, body, headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(a.statusCode === 200 ? a.json().id : b.json().id);
    const [{ n }] = (await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(progressNotes)
      .where(and(eq(progressNotes.practiceId, p.practiceId), eq(progressNotes.sessionId, sessionId)))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('refuses notes for sessions that have not been held, and by anyone but the practitioner who held it', async () => {
    const sessionId = await createHeldSession(database, p);
    const other = await call('unrelated', 'PUT', `/api/sessions/${sessionId}/progress-note`, { version: null, format: 'dap', fields, risk });
    expect(other.statusCode).toBe(404);
    const admin = await call('admin', 'PUT', `/api/sessions/${sessionId}/progress-note`, { version: null, format: 'dap', fields, risk });
    expect(admin.statusCode).toBe(403);
    const client = await call('clientUser', 'GET', `/api/sessions/${sessionId}/progress-note`);
    expect(client.statusCode).toBe(404);
  });
});

describe('signing locks a note; addenda only after that', () => {
  it('says what is missing before signing, field by field', async () => {
    const sessionId = await createHeldSession(database, p);
    const note = await draft(sessionId, 'practitioner', { fields: { ...fields, assessment: '', response: '' }, risk: { level: 'moderate', summary: '', actions: '' }, serviceCode: '' });
    const res = await call('practitioner', 'POST', `/api/progress-notes/${note.id}/sign`, { version: note.version });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields).sort()).toEqual(['assessment', 'risk.summary', 'serviceCode']);
  });

  it('signs with who, when and a content hash, then refuses edits and accepts signed addenda', async () => {
    const sessionId = await createHeldSession(database, p);
    const note = await draft(sessionId);
    const signed = await call('practitioner', 'POST', `/api/progress-notes/${note.id}/sign`, { version: note.version }, { 'idempotency-key': 'sign-note-000001' });
    expect(signed.statusCode, signed.body).toBe(200);
    const s = signed.json();
    expect(s.status).toBe('signed');
    expect(s.signedByName).toBe('practitioner');
    expect(s.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.cosign).toBeNull();
    // A retried sign replays the answer rather than failing.
    const retry = await call('practitioner', 'POST', `/api/progress-notes/${note.id}/sign`, { version: note.version }, { 'idempotency-key': 'sign-note-000001' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().contentHash).toBe(s.contentHash);

    const edit = await call('practitioner', 'PUT', `/api/sessions/${sessionId}/progress-note`, { version: s.version, format: 'dap', fields: { ...fields, plan: 'changed' }, risk });
    expect(edit.statusCode).toBe(423);

    const add = await call('practitioner', 'POST', `/api/progress-notes/${note.id}/addenda`, { body: 'She called the next day: safe, and reached her sister.' }, { 'idempotency-key': 'addendum-000001' });
    expect(add.statusCode).toBe(200);
    await call('practitioner', 'POST', `/api/progress-notes/${note.id}/addenda`, { body: 'She called the next day: safe, and reached her sister.' }, { 'idempotency-key': 'addendum-000001' });
    const after = (await call('practitioner', 'GET', `/api/progress-notes/${note.id}`)).json();
    expect(after.addenda).toHaveLength(1);
    expect(after.addenda[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(after.fields.plan).toBe(fields.plan);
    expect(after.contentHash).toBe(s.contentHash);
    const [row] = await database.db.select().from(progressNotes).where(and(eq(progressNotes.practiceId, p.practiceId), eq(progressNotes.id, note.id)));
    expect(verifyNoteHash(row!)).toBe(true);
  });

  it('keeps a signed note locked even against a direct database update', async () => {
    const sessionId = await createHeldSession(database, p);
    const note = await draft(sessionId);
    await call('practitioner', 'POST', `/api/progress-notes/${note.id}/sign`, { version: note.version });
    await expect(
      database.db.update(progressNotes).set({ fields: { ...fields, plan: 'tampered' } }).where(and(eq(progressNotes.practiceId, p.practiceId), eq(progressNotes.id, note.id))),
    ).rejects.toThrow();
  });

  it('freezes the diagnoses in effect on the session date into the signed note', async () => {
    const sessionId = await createHeldSession(database, p, { daysAgo: 2 });
    const today = new Date().toISOString().slice(0, 10);
    const old = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const dx = await call('practitioner', 'POST', `/api/clients/${p.clientId}/diagnoses`, { code: 'F43.21', context: 'After her mother’s death.', primary: true, startsOn: old });
    expect(dx.statusCode, dx.body).toBe(201);
    const later = await call('practitioner', 'POST', `/api/clients/${p.clientId}/diagnoses`, { code: 'Z60.2', context: 'Living alone.', primary: false, startsOn: today });
    expect(later.statusCode).toBe(201);
    const note = await draft(sessionId);
    const signed = (await call('practitioner', 'POST', `/api/progress-notes/${note.id}/sign`, { version: note.version })).json();
    expect(signed.facts.diagnoses.map((d: { code: string }) => d.code)).toEqual(['F43.21']);
  });
});

describe('associates and their supervisor', () => {
  it('puts an associate’s signed note in the supervisor’s queue; co-signing clears it', async () => {
    const sessionId = await createHeldSession(database, p, { clientId: p.associateClientId, practitionerId: p.associate });
    const note = await draft(sessionId, 'associate');
    const signed = (await call('associate', 'POST', `/api/progress-notes/${note.id}/sign`, { version: note.version })).json();
    expect(signed.cosign.status).toBe('pending');
    const queue = (await call('supervisor', 'GET', '/api/cosign-queue')).json();
    expect(queue.map((q: { noteId: string }) => q.noteId)).toContain(note.id);
    expect((await call('practitioner', 'POST', `/api/progress-notes/${note.id}/cosign`)).statusCode).toBe(404);
    const share = await call('associate', 'PUT', `/api/progress-notes/${note.id}/sharing`, { shared: true });
    expect(share.statusCode).toBe(400);
    const cosigned = await call('supervisor', 'POST', `/api/progress-notes/${note.id}/cosign`);
    expect(cosigned.statusCode).toBe(200);
    expect(cosigned.json().cosign).toMatchObject({ status: 'cosigned', supervisorName: 'supervisor' });
    expect((await call('supervisor', 'GET', '/api/cosign-queue')).json().map((q: { noteId: string }) => q.noteId)).not.toContain(note.id);
  });

  it('lets the supervisor return a note with a comment: it is a draft again and on the associate’s to-do list', async () => {
    const sessionId = await createHeldSession(database, p, { clientId: p.associateClientId, practitionerId: p.associate });
    const note = await draft(sessionId, 'associate');
    await call('associate', 'POST', `/api/progress-notes/${note.id}/sign`, { version: note.version });
    const returned = await call('supervisor', 'POST', `/api/progress-notes/${note.id}/return`, { comment: 'Say more about the safety plan.' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().status).toBe('draft');
    expect(returned.json().cosign).toMatchObject({ status: 'returned', comment: 'Say more about the safety plan.' });
    const todo = (await call('associate', 'GET', '/api/todo')).json();
    expect(todo.returnedNotes.map((r: { noteId: string }) => r.noteId)).toContain(note.id);
    const again = await call('associate', 'PUT', `/api/sessions/${sessionId}/progress-note`, { version: returned.json().version, format: 'dap', fields: { ...fields, plan: 'Safety plan reviewed.' }, risk, serviceCode: '90834' });
    expect(again.statusCode).toBe(200);
  });
});

describe('the to-do list', () => {
  it('lists held sessions without a note and drafts older than the practice’s number of days', async () => {
    const fresh = await createHeldSession(database, p, { daysAgo: 1 });
    const old = await createHeldSession(database, p, { daysAgo: 6 });
    const oldNote = await draft(old);
    const recent = await createHeldSession(database, p, { daysAgo: 1 });
    await draft(recent);
    const todo = (await call('practitioner', 'GET', '/api/todo')).json();
    expect(todo.sessionsWithoutNote.map((s: { sessionId: string }) => s.sessionId)).toContain(fresh);
    const unsigned = todo.unsignedNotes.map((n: { noteId: string }) => n.noteId);
    expect(unsigned).toContain(oldNote.id);
    expect(todo.unsignedNotes.find((n: { noteId: string }) => n.noteId === oldNote.id).daysOld).toBeGreaterThanOrEqual(5);
    expect(todo.unsignedNotes.map((n: { sessionId: string }) => n.sessionId)).not.toContain(recent);
  });
});

describe('relational notes are the author’s alone', () => {
  it('answers only the author; a supervisor reads one only when it is shared, and that read is logged', async () => {
    const sessionId = await createHeldSession(database, p, { clientId: p.associateClientId, practitionerId: p.associate });
    const saved = await call('associate', 'PUT', `/api/sessions/${sessionId}/relational-note`, {
      version: null,
      fields: { relationshipNow: 'I felt pulled to rescue.', patterns: '', ownReactions: 'My own brother.', culturalSystemic: '', whatEmerged: '' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const noteId = saved.json().id;
    for (const who of ['supervisor', 'admin', 'unrelated']) {
      const res = await call(who, 'GET', `/api/sessions/${sessionId}/relational-note`);
      expect(res.statusCode === 404 || res.json().note === null, `${who} must not see it`).toBe(true);
      expect((await call(who, 'GET', `/api/relational-notes/${noteId}`)).statusCode).toBe(404);
    }
    expect((await call('clientUser', 'GET', `/api/relational-notes/${noteId}`)).statusCode).toBe(404);
    // Sharing only with one's own supervisor.
    expect((await call('associate', 'PUT', `/api/relational-notes/${noteId}/supervision`, { supervisorId: p.unrelated })).statusCode).toBe(400);
    const shared = await call('associate', 'PUT', `/api/relational-notes/${noteId}/supervision`, { supervisorId: p.supervisor });
    expect(shared.json().sharedWithSupervisorName).toBe('supervisor');
    const list = (await call('supervisor', 'GET', '/api/supervision/relational-notes')).json();
    expect(list.find((n: { noteId: string }) => n.noteId === noteId).clientInitials).toBe('B. L.');
    const read = await call('supervisor', 'GET', `/api/relational-notes/${noteId}`);
    expect(read.json().fields.relationshipNow).toBe('I felt pulled to rescue.');
    const logged = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.practiceId, p.practiceId), eq(auditLog.actorId, p.supervisor), eq(auditLog.recordId, noteId)));
    expect(logged.map((l) => l.action)).toContain('relational_note.read_in_supervision');
    await call('associate', 'PUT', `/api/relational-notes/${noteId}/supervision`, { supervisorId: null });
    expect((await call('supervisor', 'GET', `/api/relational-notes/${noteId}`)).statusCode).toBe(404);
  });
});

describe('emergence: themes tagged while writing', () => {
  it('reuses a theme of the same name, tracks the sessions it returns in and its dated arc', async () => {
    const s1 = await createHeldSession(database, p, { daysAgo: 14 });
    const s2 = await createHeldSession(database, p, { daysAgo: 7 });
    const made = await call('practitioner', 'POST', `/api/clients/${p.clientId}/themes`, { name: 'Being the strong one' });
    expect(made.statusCode).toBe(201);
    const again = await call('practitioner', 'POST', `/api/clients/${p.clientId}/themes`, { name: '  being the STRONG one ' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(made.json().id);
    const themeId = made.json().id;
    await draft(s1, 'practitioner', { themeIds: [themeId] });
    // Tagged only in the relational note of s2: the author sees it; others do not.
    await call('practitioner', 'PUT', `/api/sessions/${s2}/relational-note`, {
      version: null,
      fields: { relationshipNow: '', patterns: 'Holding everyone', ownReactions: '', culturalSystemic: '', whatEmerged: '' },
      themeIds: [themeId],
    });
    const arc = await call('practitioner', 'POST', `/api/clients/${p.clientId}/themes/${themeId}/arc`, { stage: 'recurring', note: 'Back again with her sister.' });
    expect(arc.json().stage).toBe('recurring');
    const mine = (await call('practitioner', 'GET', `/api/clients/${p.clientId}/themes`)).json();
    const t = mine.themes.find((x: { id: string }) => x.id === themeId);
    expect(t.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([s1, s2]);
    expect(t.arc.map((a: { stage: string }) => a.stage)).toEqual(['emerging', 'recurring']);
    expect(t.inPlan).toBe(false);
    const admins = (await call('admin', 'GET', `/api/clients/${p.clientId}/themes`)).json();
    expect(admins.themes.find((x: { id: string }) => x.id === themeId).sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([s1]);
    // Themes of another client cannot be tagged.
    const other = await createHeldSession(database, p, { clientId: p.associateClientId, practitionerId: p.associate });
    const bad = await call('associate', 'PUT', `/api/sessions/${other}/progress-note`, { version: null, format: 'dap', fields, risk, themeIds: [themeId] });
    expect(bad.statusCode).toBe(400);
  });
});
