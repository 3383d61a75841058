import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { careRelationships } from '../../db/schema/index.js';
import { extractPdfText } from '../pdf/text.js';
import { createTestApp, createTestPractice, createTestUnit, signIn, type TestPractice, type TestUnit } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
let u: TestUnit;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  u = await createTestUnit(database, p);
  for (const who of ['admin', 'practitioner', 'unrelated', 'supervisor', 'clientUser'] as const) cookies[who] = await signIn(app, p.slug, p.emails[who]);
  cookies['partner'] = await signIn(app, p.slug, u.partnerEmail);
});
afterAll(() => close());

function call(who: string, method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return app.inject({ method, url, payload: payload as object, headers: { cookie: cookies[who] ?? '' } });
}

const fields = {
  clientReport: 'Both spoke of the night the baby would not settle.',
  observations: 'They turned toward each other twice when the other was hurt.',
  interventions: 'Slowed the cycle down; each named what they reach for.',
  response: 'Softer by the end; agreed a signal for pausing.',
  assessment: 'A pursue-withdraw cycle under the strain of new parenthood.',
  plan: 'Fortnightly; try the pause signal at home.',
};
const risk = { level: 'none', summary: '', actions: '' };
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

describe('couples, families and groups as relational units', () => {
  it('brings clients together with a related person who has no account, and keeps a couple to two people', async () => {
    const family = await call('practitioner', 'POST', '/api/units', {
      kind: 'family',
      name: 'Okafor-Mensah household',
      clientIds: [p.clientId, u.partnerId],
      clientRelationships: { [u.partnerId]: ' father ' },
      relatedPeople: [{ name: '  Kofi ', relationship: 'son, 9', attends: true }],
    });
    expect(family.statusCode, family.body).toBe(201);
    expect(family.json().members.map((m: { kind: string; name: string; relationship: string }) => `${m.kind}:${m.name}:${m.relationship}`)).toEqual([
      'client:Amara Okafor:',
      'client:Kwame Mensah:father',
      'related:Kofi:son, 9',
    ]);

    const three = await call('practitioner', 'POST', '/api/units', { kind: 'couple', name: 'Three', clientIds: [p.clientId, u.partnerId], relatedPeople: [{ name: 'Someone' }] });
    expect(three.statusCode).toBe(400);
    expect(three.json().message).toMatch(/couple is two people/);
    // A relationship for someone not named is refused, saying what to fix.
    const stray = await call('practitioner', 'POST', '/api/units', { kind: 'group', name: 'Stray', clientIds: [p.clientId], clientRelationships: { [u.partnerId]: 'friend' } });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().message).toMatch(/not among the clients named/);
    const nobody = await call('practitioner', 'POST', '/api/units', { kind: 'group', name: 'Empty', clientIds: [] });
    expect(nobody.statusCode).toBe(400);
    // A client the practitioner does not work with cannot be brought in.
    const stranger = await call('practitioner', 'POST', '/api/units', { kind: 'couple', name: 'Not mine', clientIds: [p.clientId, p.associateClientId] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().message).toMatch(/could not be found among those you work with/);

    // Each partner's record lists the units they belong to.
    const units = (await call('practitioner', 'GET', `/api/clients/${u.partnerId}/units`)).json();
    expect(units.map((x: { name: string }) => x.name).sort()).toEqual(['Amara & Kwame', 'Okafor-Mensah household', 'The Okafor-Mensah family']);
    expect((await call('unrelated', 'GET', `/api/units/${u.unitId}`)).statusCode).toBe(404);
  });

  it('schedules a session for the unit with everyone who comes on its attendance list, and records who came', async () => {
    const future = await call('practitioner', 'POST', '/api/sessions', { unitId: u.familyId, startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), minutes: 80, modality: 'in_person' });
    expect(future.statusCode, future.body).toBe(201);
    const planned = future.json().sessions[0];
    expect(planned).toMatchObject({ unitId: u.familyId, unitName: 'The Okafor-Mensah family', unitKind: 'family', format: 'family' });
    // The daughter does not come to sessions: she is not on the list.
    expect(planned.attendees.map((a: { name: string; attendance: string }) => `${a.name}:${a.attendance}`)).toEqual(['Amara Okafor:expected', 'Kwame Mensah:expected']);
    const early = await call('practitioner', 'PUT', `/api/sessions/${planned.id}/attendance`, { attendees: [{ memberId: planned.attendees[0].memberId, attendance: 'attended' }] });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toMatch(/once the session has begun/);

    const past = (await call('practitioner', 'POST', '/api/sessions', { unitId: u.unitId, startsAt: hoursAgo(3), minutes: 80, modality: 'video' })).json().sessions[0];
    const [amara, kwame] = past.attendees;
    // Nobody there: it is not a held session.
    const bothAbsent = await call('practitioner', 'PUT', `/api/sessions/${past.id}/attendance`, {
      attendees: [
        { memberId: amara.memberId, attendance: 'absent' },
        { memberId: kwame.memberId, attendance: 'absent' },
      ],
    });
    expect(bothAbsent.statusCode).toBe(200);
    const held = await call('practitioner', 'POST', `/api/sessions/${past.id}/status`, { version: bothAbsent.json().version, status: 'held', note: '' });
    expect(held.statusCode).toBe(400);
    expect(held.json().message).toMatch(/Nobody from the unit is marked as attending/);
    const kwameOnly = await call('practitioner', 'PUT', `/api/sessions/${past.id}/attendance`, {
      attendees: [{ memberId: kwame.memberId, attendance: 'expected' }, { memberId: amara.memberId, attendance: 'absent', note: 'Unwell; she sent word.' }],
    });
    const marked = await call('practitioner', 'POST', `/api/sessions/${past.id}/status`, { version: kwameOnly.json().version, status: 'held', note: '' });
    expect(marked.statusCode, marked.body).toBe(200);
    // Marking it held counts whoever was still expected as there.
    expect(marked.json().attendees.map((a: { name: string; attendance: string; note: string }) => `${a.name}:${a.attendance}:${a.note}`)).toEqual([
      'Amara Okafor:absent:Unwell; she sent word.',
      'Kwame Mensah:attended:',
    ]);
    // The unit's session is in each partner's list of sessions, in their own chapter.
    const kwamesSessions = (await call('practitioner', 'GET', `/api/clients/${u.partnerId}/sessions`)).json();
    expect(kwamesSessions.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([past.id, u.sessionId]));
    // The practitioner's to-do list names the couple, not one of its clients, for the note it waits for.
    const todo = (await call('practitioner', 'GET', '/api/todo')).json();
    expect(todo.sessionsWithoutNote).toContainEqual(expect.objectContaining({ sessionId: past.id, unitName: 'Amara & Kwame' }));
    // Someone else on the list cannot be named, and only the practitioner of the session records it.
    const wrong = await call('practitioner', 'PUT', `/api/sessions/${past.id}/attendance`, { attendees: [{ memberId: u.childMemberId, attendance: 'attended' }] });
    expect(wrong.statusCode).toBe(400);
    expect((await call('supervisor', 'PUT', `/api/sessions/${past.id}/attendance`, { attendees: [{ memberId: kwame.memberId, attendance: 'absent' }] })).statusCode).toBe(404);
  });

  it('writes one note for the unit with a section for each person, and each partner’s portal shows only what is theirs', async () => {
    const url = `/api/sessions/${u.sessionId}/progress-note`;
    const blank = (await call('practitioner', 'GET', url)).json();
    expect(blank.facts.participants).toEqual(['Amara Okafor', 'Kwame Mensah', 'practitioner']);
    // The read is in each partner's access log, not only the first's.
    const log = (await call('admin', 'GET', `/api/audit?clientId=${u.partnerId}`)).json();
    expect(log.rows.map((r: { action: string }) => r.action)).toContain('progress_note.read');
    const stray = await call('practitioner', 'PUT', url, { version: null, format: 'dap', fields, risk, serviceCode: '90847', personSections: [{ clientId: p.associateClientId, text: 'Not here' }] });
    expect(stray.statusCode).toBe(400);
    const saved = await call('practitioner', 'PUT', url, {
      version: null,
      format: 'dap',
      fields,
      risk,
      serviceCode: '90847',
      personSections: [
        { clientId: p.clientId, text: 'Amara-only: the loneliness of the night feeds (marigold).' },
        { clientId: u.partnerId, text: 'Kwame-only: his father’s silence at home (tamarind).' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const note = saved.json();
    expect(note.unitName).toBe('Amara & Kwame');
    expect(note.personSections.map((s: { name: string; shared: boolean }) => `${s.name}:${s.shared}`)).toEqual(['Amara Okafor:false', 'Kwame Mensah:false']);

    const signed = await call('practitioner', 'POST', `/api/progress-notes/${note.id}/sign`, { version: note.version });
    expect(signed.statusCode, signed.body).toBe(200);
    // Who came is part of what was signed.
    const locked = await call('practitioner', 'PUT', `/api/sessions/${u.sessionId}/attendance`, { attendees: [{ memberId: u.memberIds.partner, attendance: 'absent' }] });
    expect(locked.statusCode).toBe(423);

    const unwritten = await call('practitioner', 'PUT', `/api/progress-notes/${note.id}/sharing`, { shared: true, sections: [p.associateClientId] });
    expect(unwritten.statusCode).toBe(400);
    const shared = await call('practitioner', 'PUT', `/api/progress-notes/${note.id}/sharing`, { shared: true, sections: [p.clientId] });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().personSections.map((s: { shared: boolean }) => s.shared)).toEqual([true, false]);
    // Writing, signing and sharing the note are in the partner's audit trail too, not only the first client's.
    const trail = (await call('admin', 'GET', `/api/audit?clientId=${u.partnerId}`)).json().rows.map((r: { action: string }) => r.action);
    expect(trail).toEqual(expect.arrayContaining(['progress_note.save', 'progress_note.sign', 'progress_note.share', 'session.attendance']));

    const amaras = await call('clientUser', 'GET', '/api/portal/notes');
    const mine = amaras.json().find((n: { id: string }) => n.id === note.id);
    expect(mine).toMatchObject({ unitName: 'Amara & Kwame', unitKind: 'couple', mySection: 'Amara-only: the loneliness of the night feeds (marigold).' });
    expect(mine.sections.map((s: { text: string }) => s.text)).toContain(fields.plan);
    expect(amaras.body).not.toContain('tamarind');

    const kwames = await call('partner', 'GET', '/api/portal/notes');
    const his = kwames.json().find((n: { id: string }) => n.id === note.id);
    expect(his).toMatchObject({ unitName: 'Amara & Kwame', mySection: null });
    expect(his.sections.length).toBeGreaterThan(0);
    expect(kwames.body).not.toContain('marigold');
    expect(kwames.body).not.toContain('tamarind');

    // Each comments on the shared note; neither sees the other's comment.
    expect((await call('partner', 'POST', `/api/portal/notes/${note.id}/comments`, { body: 'Kwame’s comment: saffron.' })).statusCode).toBe(200);
    expect((await call('clientUser', 'GET', '/api/portal/notes')).body).not.toContain('saffron');
    // Both reflect on the session they came to.
    expect((await call('partner', 'GET', '/api/portal/sessions')).json()).toContainEqual(expect.objectContaining({ id: u.sessionId, unitName: 'Amara & Kwame', unitKind: 'couple' }));
    expect((await call('partner', 'PUT', `/api/portal/sessions/${u.sessionId}/reflection`, { body: 'We laughed on the way home.', version: null })).statusCode).toBe(200);
    expect((await call('practitioner', 'GET', url)).json().reflections.map((r: { name: string }) => r.name)).toEqual(['Kwame Mensah']);

    // In one partner's record and their chapter summary, the unit's note carries only their own section.
    const inKwamesRecord = (await call('practitioner', 'GET', `/api/clients/${u.partnerId}/progress-notes`)).json();
    const unitNote = inKwamesRecord.find((n: { id: string }) => n.id === note.id);
    expect(unitNote.personSections.map((s: { name: string }) => s.name)).toEqual(['Kwame Mensah']);
    const journey = (await call('practitioner', 'GET', `/api/clients/${u.partnerId}/journey`)).json();
    const chapterId = journey.chapters[0].id;
    const pdf = await call('practitioner', 'GET', `/api/clients/${u.partnerId}/chapters/${chapterId}/summary.pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    const text = await extractPdfText(pdf.rawPayload);
    expect(text).toContain('tamarind');
    expect(text).not.toContain('marigold');
  });

  it('keeps a unit’s session and note from anyone who may not see every person in it', async () => {
    // The unrelated practitioner now sees Amara alone (an individual therapist), not Kwame.
    await database.db.insert(careRelationships).values({ practiceId: p.practiceId, clientId: p.clientId, practitionerId: p.unrelated, kind: 'additional' });
    expect((await call('unrelated', 'GET', `/api/clients/${p.clientId}`)).statusCode).toBe(200);
    expect((await call('unrelated', 'GET', `/api/sessions/${u.sessionId}`)).statusCode).toBe(404);
    expect((await call('unrelated', 'GET', `/api/sessions/${u.sessionId}/progress-note`)).statusCode).toBe(404);
    expect((await call('unrelated', 'GET', `/api/units/${u.unitId}`)).statusCode).toBe(404);
    const sessionsSeen = (await call('unrelated', 'GET', `/api/clients/${p.clientId}/sessions`)).json();
    expect(sessionsSeen.some((s: { unitId: string | null }) => s.unitId !== null)).toBe(false);
    const notesSeen = await call('unrelated', 'GET', `/api/clients/${p.clientId}/progress-notes`);
    expect(notesSeen.body).not.toContain('marigold');
    expect((await call('unrelated', 'GET', `/api/clients/${p.clientId}/units`)).json()).toEqual([]);
  });

  it('lets people leave a unit but never its last client, and keeps them on the sessions they came to', async () => {
    const made = (
      await call('practitioner', 'POST', '/api/units', { kind: 'group', name: 'Tuesday grief group', clientIds: [u.partnerId], relatedPeople: [{ name: 'Visiting elder', attends: true }] })
    ).json();
    const [kwame, elder] = made.members;
    const last = await call('practitioner', 'POST', `/api/units/${made.id}/members/${kwame.id}/leave`);
    expect(last.statusCode).toBe(400);
    expect(last.json().message).toMatch(/last client/);
    const renamed = await call('practitioner', 'PATCH', `/api/units/${made.id}/members/${elder.id}`, { name: 'Auntie Efe', relationship: 'elder, visiting' });
    expect(renamed.json().members[1]).toMatchObject({ name: 'Auntie Efe', relationship: 'elder, visiting' });
    const gone = await call('practitioner', 'POST', `/api/units/${made.id}/members/${elder.id}/leave`);
    expect(gone.json().members[1].leftAt).not.toBeNull();
    const stale = await call('practitioner', 'PATCH', `/api/units/${made.id}`, { version: made.version, name: 'Old name' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.members).toHaveLength(2);
  });
});
