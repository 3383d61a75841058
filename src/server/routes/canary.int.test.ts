import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { newMap } from '../../domain/maps/map.js';
import { extractPdfText } from '../pdf/text.js';
import { createHeldSession, createTestApp, createTestPractice, createTestUnit, signIn, type TestPractice } from '../testing/harness.js';

/**
 * Relational notes are psychotherapy notes: a unique canary written into one must appear in no
 * other answer of the API, for any role — not in notes, PDFs, search, themes, the portal, the
 * audit log or the supervision list. The GET routes come from the OpenAPI document, so a route
 * added later is read too (or the test fails and says how to fill its parameters).
 */
const CANARY = `canary-${randomUUID()}`;
const roles = ['admin', 'practitioner', 'unrelated', 'associate', 'supervisor', 'clientUser'] as const;
/** The only two answers that carry a relational note: to its author, or the supervisor it is shared with. */
const relationalNoteRoutes = new Set(['/api/sessions/{id}/relational-note', '/api/relational-notes/{noteId}']);

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
const cookies: Record<string, string> = {};
const ids = { response: '', associateResponse: '', mapVersion: '', associateMapVersion: '', disclosure: '', associateDisclosure: '', session: '', associateSession: '', note: '', associateNote: '', relational: '', associateRelational: '', chapter: '', associateChapter: '', theme: '', diagnosis: '', unit: '', associateUnit: '' };
let getRoutes: string[] = [];

const as = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[who] ?? '', ...headers } });

const fields = { clientReport: 'Her week.', observations: 'Calm.', interventions: 'Listening.', response: 'Settled.', assessment: 'Steady.', plan: 'Weekly.' };

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  for (const who of roles) cookies[who] = await signIn(app, p.slug, p.emails[who]);
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  getRoutes = Object.entries(doc.paths)
    .filter(([path, ops]) => 'get' in ops && !path.startsWith('/api/public/') && !path.startsWith('/api/calendar/') && !path.startsWith('/api/docs'))
    .map(([path]) => path);

  for (const [who, clientId, assoc] of [
    ['practitioner', p.clientId, false],
    ['associate', p.associateClientId, true],
  ] as const) {
    const session = await createHeldSession(database, p, { clientId, practitionerId: assoc ? p.associate : p.practitioner });
    const theme = await as(who, 'POST', `/api/clients/${clientId}/themes`, { name: 'Holding everyone' });
    const note = await as(who, 'PUT', `/api/sessions/${session}/progress-note`, { version: null, format: 'soap', fields, risk: { level: 'none', summary: '', actions: '' }, serviceCode: '90834', themeIds: [theme.json().id] });
    expect(note.statusCode, note.body).toBe(200);
    await as(who, 'POST', `/api/progress-notes/${note.json().id}/sign`, { version: note.json().version });
    if (assoc) await as('supervisor', 'POST', `/api/progress-notes/${note.json().id}/cosign`);
    await as(who, 'PUT', `/api/progress-notes/${note.json().id}/sharing`, { shared: true });
    await as(who, 'POST', `/api/progress-notes/${note.json().id}/addenda`, { body: 'A later thought, for the record.' });
    // The canary goes into every field of the relational note, and it is tagged with the theme.
    const relational = await as(who, 'PUT', `/api/sessions/${session}/relational-note`, {
      version: null,
      fields: { relationshipNow: CANARY, patterns: CANARY, ownReactions: CANARY, culturalSystemic: CANARY, whatEmerged: CANARY },
      themeIds: [theme.json().id],
    });
    expect(relational.statusCode, relational.body).toBe(200);
    const journey = (await as(who, 'GET', `/api/clients/${clientId}/journey`)).json();
    const chapter = journey.chapters[0].id;
    const dx = await as(who, 'POST', `/api/clients/${clientId}/diagnoses`, { code: 'F43.21', context: 'Grief.', primary: true, startsOn: '2026-01-05' });
    const review = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    await as(who, 'PUT', `/api/clients/${clientId}/chapters/${chapter}/plan/draft`, { draftVersion: null, content: { clientIntentions: 'To feel less alone.', problems: [], themeIds: [theme.json().id] }, reviewDate: review });
    await as(who, 'POST', `/api/clients/${clientId}/chapters/${chapter}/plan/versions`, { draftVersion: 1 });
    const measured = await as(who, 'POST', `/api/clients/${clientId}/measures`, { instrumentKey: 'phq-2', answers: { '1': 2, '2': 1 } });
    expect(measured.statusCode, measured.body).toBe(201);
    Object.assign(ids, assoc ? { associateResponse: measured.json().responseId } : { response: measured.json().responseId });
    const mapVersion = await as(who, 'POST', `/api/clients/${clientId}/map/versions`, { map: newMap('Their map'), version: 0 });
    expect(mapVersion.statusCode, mapVersion.body).toBe(200);
    Object.assign(ids, assoc ? { associateMapVersion: mapVersion.json().version.id } : { mapVersion: mapVersion.json().version.id });
    const sharing = await as(who, 'POST', `/api/clients/${clientId}/consents`, { purpose: 'sharing', collaboratorName: 'Dr. Amal Haddad', categories: ['chapter_summary'], givenOn: '2026-01-05', via: 'in_session' });
    expect(sharing.statusCode, sharing.body).toBe(201);
    const released = await as(who, 'POST', `/api/clients/${clientId}/disclosures`, { consentId: sharing.json().id, category: 'chapter_summary', recordId: chapter });
    expect(released.statusCode, released.body).toBe(201);
    Object.assign(ids, assoc ? { associateDisclosure: released.json().disclosure.id } : { disclosure: released.json().disclosure.id });
    if (assoc) Object.assign(ids, { associateSession: session, associateNote: note.json().id, associateRelational: relational.json().id, associateChapter: chapter });
    else Object.assign(ids, { session, note: note.json().id, relational: relational.json().id, chapter, theme: theme.json().id, diagnosis: dx.json().id });
  }
  // The associate shares theirs for supervision: the supervisor may read it there, and only there.
  expect((await as('associate', 'PUT', `/api/relational-notes/${ids.associateRelational}/supervision`, { supervisorId: p.supervisor })).statusCode).toBe(200);
  await as('clientUser', 'POST', `/api/portal/notes/${ids.note}/comments`, { body: 'Thank you for writing this.' });
  await as('clientUser', 'PUT', `/api/portal/sessions/${ids.session}/reflection`, { body: 'The part about my mother stayed.', version: null });

  // A couple's session: its note for the unit with a section for each partner, shared; its relational note holds the canary too.
  const couple = await createTestUnit(database, p);
  cookies['partnerUser'] = await signIn(app, p.slug, couple.partnerEmail);
  const unitNote = await as('practitioner', 'PUT', `/api/sessions/${couple.sessionId}/progress-note`, {
    version: null,
    format: 'soap',
    fields,
    risk: { level: 'none', summary: '', actions: '' },
    serviceCode: '90847',
    personSections: [
      { clientId: p.clientId, text: 'For her alone.' },
      { clientId: couple.partnerId, text: 'For him alone.' },
    ],
  });
  expect(unitNote.statusCode, unitNote.body).toBe(200);
  await as('practitioner', 'POST', `/api/progress-notes/${unitNote.json().id}/sign`, { version: unitNote.json().version });
  await as('practitioner', 'PUT', `/api/progress-notes/${unitNote.json().id}/sharing`, { shared: true, sections: [p.clientId, couple.partnerId] });
  const unitRelational = await as('practitioner', 'PUT', `/api/sessions/${couple.sessionId}/relational-note`, {
    version: null,
    fields: { relationshipNow: CANARY, patterns: CANARY, ownReactions: CANARY, culturalSystemic: CANARY, whatEmerged: CANARY },
  });
  expect(unitRelational.statusCode, unitRelational.body).toBe(200);
  ids.unit = couple.unitId;
  const group = await as('associate', 'POST', '/api/units', { kind: 'group', name: 'Their group', clientIds: [p.associateClientId] });
  expect(group.statusCode, group.body).toBe(201);
  ids.associateUnit = group.json().id;
});
afterAll(() => close());

/** Each GET route with real ids; for associate = the associate's client. */
function urlsFor(path: string): string[] {
  const variants = [false, true].map((assoc) => {
    const byArea: Array<[string, Record<string, string>]> = [
      ['/api/progress-notes/', { noteId: assoc ? ids.associateNote : ids.note }],
      ['/api/relational-notes/', { noteId: assoc ? ids.associateRelational : ids.relational }],
      ['/api/sessions/', { id: assoc ? ids.associateSession : ids.session }],
      ['/api/clients/', { id: assoc ? p.associateClientId : p.clientId, chapterId: assoc ? ids.associateChapter : ids.chapter, version: '1', responseId: assoc ? ids.associateResponse : ids.response, versionId: assoc ? ids.associateMapVersion : ids.mapVersion, disclosureId: assoc ? ids.associateDisclosure : ids.disclosure }],
      ['/api/people/', { id: p.practitioner }],
      ['/api/inquiries/', { id: randomUUID() }],
      ['/api/instruments/', { key: 'phq-9' }],
      ['/api/units/', { unitId: assoc ? ids.associateUnit : ids.unit }],
    ];
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const area = byArea.find(([prefix]) => path.startsWith(prefix));
      const value = area?.[1][name];
      if (!value) throw new Error(`canary test: no id for {${name}} in ${path}; add it to urlsFor()`);
      return value;
    });
    return path === '/api/clients/{id}/map/compare' ? `${url}?from=${assoc ? ids.associateMapVersion : ids.mapVersion}&to=working` : url;
  });
  const queries: Record<string, string> = {
    '/api/sessions': `?from=${new Date(Date.now() - 30 * 86400_000).toISOString()}&to=${new Date(Date.now() + 86400_000).toISOString()}`,
    '/api/icd10cm': '?q=grief',
  };
  return [...new Set(variants)].map((u) => u + (queries[path] ?? ''));
}

async function bodyText(res: Awaited<ReturnType<typeof as>>): Promise<string> {
  if (String(res.headers['content-type']).startsWith('application/pdf')) return extractPdfText(res.rawPayload);
  return res.body;
}

describe('a relational note’s words appear nowhere but in the relational note', () => {
  it('is really there for its author, so its absence elsewhere means something', async () => {
    const mine = await as('practitioner', 'GET', `/api/sessions/${ids.session}/relational-note`);
    expect(mine.body).toContain(CANARY);
    const shared = await as('supervisor', 'GET', `/api/relational-notes/${ids.associateRelational}`);
    expect(shared.body).toContain(CANARY);
  });

  it('reads every other GET route of the API as every role and finds the canary in none of them, PDFs included', async () => {
    let read = 0;
    let pdfs = 0;
    expect(getRoutes.length).toBeGreaterThan(30);
    for (const path of getRoutes) {
      if (relationalNoteRoutes.has(path)) continue;
      for (const url of urlsFor(path)) {
        for (const who of [...roles, 'partnerUser']) {
          const res = await as(who, 'GET', url);
          expect(res.statusCode, `${who} GET ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
          const text = await bodyText(res);
          expect(text.includes(CANARY), `${who} GET ${url} leaked the relational note`).toBe(false);
          if (res.statusCode === 200) read += 1;
          if (res.statusCode === 200 && String(res.headers['content-type']).startsWith('application/pdf')) pdfs += 1;
        }
      }
    }
    // Enough answers were real ones: the note, plan and chapter PDFs for both clients, by their readers.
    expect(read).toBeGreaterThan(100);
    expect(pdfs).toBeGreaterThanOrEqual(6);
    // Every GET route, as six roles, PDFs rendered: slower than one request, on purpose.
  }, 120_000);

  it('search by the canary finds no client, for anyone', async () => {
    for (const who of ['admin', 'practitioner', 'associate', 'supervisor']) {
      const res = await as(who, 'GET', `/api/clients?q=${CANARY}`);
      expect(res.json().rows, who).toEqual([]);
    }
  });

  it('the author’s own progress note, its PDF and the portal never carry the relational note', async () => {
    const pdf = await as('practitioner', 'GET', `/api/progress-notes/${ids.note}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = await extractPdfText(pdf.rawPayload);
    expect(text).toContain('Her week.');
    expect(text).not.toContain(CANARY);
    const portal = await as('clientUser', 'GET', '/api/portal/notes');
    expect(portal.body).toContain('Her week.');
    expect(portal.body).not.toContain(CANARY);
    // The couple's note, in each partner's portal: their own section, never the relational note.
    const partner = await as('partnerUser', 'GET', '/api/portal/notes');
    expect(partner.body).toContain('For him alone.');
    expect(partner.body).not.toContain('For her alone.');
    expect(partner.body).not.toContain(CANARY);
  });
});
