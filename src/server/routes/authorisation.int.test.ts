import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { newMap } from '../../domain/maps/map.js';
import { inventedGardenCheck } from '../../domain/measures/testing/invented.js';
import { createHeldSession, createTestApp, createTestPractice, signIn, type TestPractice } from '../testing/harness.js';

/**
 * Every route that takes an id is called by people who must not reach the record behind it.
 * The routes come from the OpenAPI document, so a route added later is checked too, or the
 * test fails and says which parameter it does not know how to fill.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Route {
  method: Method;
  /** As in the OpenAPI document: /api/clients/{id}/journey */
  path: string;
  params: string[];
  hasBody: boolean;
}

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let a: TestPractice;
let b: TestPractice;
let routes: Route[] = [];
const cookies: Record<string, string> = {};

/** Records of practice A that A's practitioner legitimately sees; the ids the routes are called with. */
const rec = {
  chapterId: '',
  associateChapterId: '',
  sessionId: '',
  associateSessionId: '',
  inquiryId: '',
  inviteId: '',
  colleagueId: '',
  heldSessionId: '',
  associateHeldSessionId: '',
  noteId: '',
  associateNoteId: '',
  relationalNoteId: '',
  associateRelationalNoteId: '',
  themeId: '',
  associateThemeId: '',
  diagnosisId: '',
  associateDiagnosisId: '',
  alertId: '',
  associateAlertId: '',
  responseId: '',
  associateResponseId: '',
  mapVersionId: '',
  associateMapVersionId: '',
  consentId: '',
  associateConsentId: '',
  disclosureId: '',
  associateDisclosureId: '',
  portalConsentId: '',
  portalRequestId: '',
  unitId: '',
  associateUnitId: '',
  memberId: '',
  associateMemberId: '',
  instrumentKey: '',
};

type Kind = 'client' | 'admin' | 'intake' | 'private' | 'portal' | 'practice';

/** Paths reachable without signing in, by design: the reach-out form, invite links, the secret calendar address. */
const isPublic = (path: string) => path.startsWith('/api/public/') || path.startsWith('/api/calendar/');

/** What each path parameter means depends on the area the path belongs to: `{id}` is a client under /clients, a session under /sessions. */
function idsFor(forAssociateClient = false): Array<{ prefix: string; kind: Kind; params: Record<string, string> }> {
  const x = forAssociateClient;
  return [
    // Relational notes are the author's alone: not even an admin reads them.
    { prefix: '/api/relational-notes/', kind: 'private', params: { noteId: x ? rec.associateRelationalNoteId : rec.relationalNoteId } },
    { prefix: '/api/progress-notes/', kind: 'client', params: { noteId: x ? rec.associateNoteId : rec.noteId } },
    // The client's own portal routes: for the client, and nobody else.
    { prefix: '/api/portal/', kind: 'portal', params: { noteId: rec.noteId, id: rec.heldSessionId, requestId: rec.portalRequestId, consentId: rec.portalConsentId } },
    // Practice-wide, not about a client: every clinician of the practice reads the instruments it imported.
    { prefix: '/api/instruments/', kind: 'practice', params: { key: rec.instrumentKey } },
    { prefix: '/api/risk-alerts/', kind: 'client', params: { alertId: x ? rec.associateAlertId : rec.alertId } },
    // Longest prefixes first: /people/invites before /people.
    { prefix: '/api/people/invites/', kind: 'admin', params: { id: rec.inviteId } },
    { prefix: '/api/people/', kind: 'admin', params: { id: a.practitioner } },
    { prefix: '/api/inquiries/', kind: 'intake', params: { id: rec.inquiryId } },
    {
      prefix: '/api/clients/',
      kind: 'client',
      params: forAssociateClient
        ? { id: a.associateClientId, chapterId: rec.associateChapterId, practitionerId: a.associate, themeId: rec.associateThemeId, diagnosisId: rec.associateDiagnosisId, version: '1', responseId: rec.associateResponseId, versionId: rec.associateMapVersionId, consentId: rec.associateConsentId, disclosureId: rec.associateDisclosureId }
        : { id: a.clientId, chapterId: rec.chapterId, practitionerId: rec.colleagueId, themeId: rec.themeId, diagnosisId: rec.diagnosisId, version: '1', responseId: rec.responseId, versionId: rec.mapVersionId, consentId: rec.consentId, disclosureId: rec.disclosureId },
    },
    { prefix: '/api/sessions/', kind: 'client', params: { id: forAssociateClient ? rec.associateHeldSessionId : rec.heldSessionId } },
    // A couple, family or group is as closed as the records of the clients in it.
    { prefix: '/api/units/', kind: 'client', params: { unitId: x ? rec.associateUnitId : rec.unitId, memberId: x ? rec.associateMemberId : rec.memberId } },
  ];
}

/** A valid body for every write, so that a refusal comes from access and never from validation. */
const bodies = (): Record<string, object> => ({
  'PATCH /api/people/{id}': { credentials: 'LCSW' },
  'PUT /api/people/{id}/supervisors': { supervisorIds: [] },
  'POST /api/inquiries/{id}/replies': { body: 'Thank you for writing. Could we talk on Tuesday?' },
  'POST /api/inquiries/{id}/accept': {},
  'POST /api/inquiries/{id}/decline': { reason: 'We have no space this season.' },
  'PATCH /api/clients/{id}': { version: 1, pronouns: 'she/her' },
  'POST /api/clients/{id}/practitioners': { practitionerId: rec.colleagueId, kind: 'additional' },
  'POST /api/clients/{id}/chapters/{chapterId}/moves': { to: 'assessment', note: 'First meeting' },
  'POST /api/clients/{id}/chapters/{chapterId}/end': { whatWasLived: 'A season', whatRemainsOpen: 'Nothing for now', doorLeftOpen: 'Always' },
  'POST /api/clients/{id}/chapters': { openingNote: 'A return' },
  'PATCH /api/sessions/{id}': { version: 1, minutes: 60 },
  'POST /api/sessions/{id}/status': { version: 1, status: 'cancelled', note: 'Unwell' },
  'PUT /api/sessions/{id}/progress-note': { version: null, format: 'dap', fields: noteFields, risk: { level: 'none', summary: '', actions: '' }, serviceCode: '90834' },
  'PUT /api/sessions/{id}/relational-note': { version: null, fields: relationalFields },
  'POST /api/progress-notes/{noteId}/sign': { version: 1 },
  'POST /api/progress-notes/{noteId}/addenda': { body: 'Added later.' },
  'POST /api/progress-notes/{noteId}/return': { comment: 'Please say more.' },
  'PUT /api/progress-notes/{noteId}/sharing': { shared: false },
  'PUT /api/relational-notes/{noteId}/supervision': { supervisorId: null },
  'POST /api/clients/{id}/themes': { name: 'A theme from outside' },
  'POST /api/clients/{id}/themes/{themeId}/arc': { stage: 'integrated' },
  'POST /api/clients/{id}/diagnoses': { code: 'F41.1', context: '', primary: false, startsOn: '2026-01-05' },
  'PATCH /api/clients/{id}/diagnoses/{diagnosisId}': { version: 1, context: 'Rewritten from outside' },
  'PUT /api/clients/{id}/chapters/{chapterId}/plan/draft': { draftVersion: 1, content: { clientIntentions: 'From outside', problems: [], themeIds: [] }, reviewDate: null },
  'POST /api/clients/{id}/chapters/{chapterId}/plan/versions': { draftVersion: 1 },
  'POST /api/portal/notes/{noteId}/comments': { body: 'A comment' },
  'PUT /api/portal/sessions/{id}/reflection': { body: 'What stayed with me', version: null },
  'POST /api/clients/{id}/measure-requests': { instrumentKey: 'phq-9', channel: 'portal' },
  'PUT /api/clients/{id}/measure-schedules': { instrumentKey: 'gad-7', rule: 'every_n_weeks', everyWeeks: 2 },
  'POST /api/clients/{id}/measures': { instrumentKey: 'phq-2', answers: { '1': 1, '2': 1 } },
  'POST /api/risk-alerts/{alertId}/acknowledge': { note: 'Acknowledged from outside' },
  'PUT /api/clients/{id}/map': { map: newMap('Drawn from outside'), version: 1 },
  'POST /api/clients/{id}/map/versions': { map: { ...newMap('Drawn from outside'), alterTiesRecorded: true }, version: 1 },
  'POST /api/clients/{id}/consents': { purpose: 'research', givenOn: '2026-01-05', via: 'on_paper' },
  'POST /api/clients/{id}/consents/{consentId}/revoke': { note: 'Revoked from outside' },
  'POST /api/clients/{id}/disclosures': { consentId: rec.consentId, category: 'chapter_summary', recordId: rec.chapterId },
  'POST /api/portal/consents/{consentId}/revoke': { note: 'Revoked from outside' },
  'PUT /api/sessions/{id}/attendance': { attendees: [{ memberId: rec.memberId, attendance: 'attended' }] },
  'PATCH /api/units/{unitId}': { version: 1, name: 'Renamed from outside' },
  'POST /api/units/{unitId}/members': { relatedPerson: { name: 'Added from outside' } },
  'PATCH /api/units/{unitId}/members/{memberId}': { relationship: 'changed from outside' },
  'POST /api/portal/measures/{requestId}': { answers: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0, '9': 0 } },
});

const noteFields = {
  clientReport: 'Spoke of her week.',
  observations: 'Calm.',
  interventions: 'Listening.',
  response: 'Settled.',
  assessment: 'Steady.',
  plan: 'Weekly.',
};
const relationalFields = { relationshipNow: 'Warm.', patterns: '', ownReactions: '', culturalSystemic: '', whatEmerged: '' };

interface Call {
  route: Route;
  kind: Kind;
  url: string;
  payload: object | undefined;
}

/** Every :id route with real ids of practice A filled in. Throws on a parameter or area it does not know. */
function calls(forAssociateClient = false): Call[] {
  return routes.map((route) => {
    const area = idsFor(forAssociateClient).find((x) => route.path.startsWith(x.prefix));
    if (!area) throw new Error(`No ids known for ${route.method} ${route.path}: add its area to idsFor() in authorisation.int.test.ts`);
    const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = area.params[name];
      if (!value) throw new Error(`No id known for {${name}} in ${route.method} ${route.path}: add it to idsFor() in authorisation.int.test.ts`);
      return value;
    });
    const key = `${route.method} ${route.path}`;
    // Routes whose query is required: a valid one, so a refusal comes from access.
    const query = route.path === '/api/clients/{id}/map/compare' ? `?from=${area.params['versionId']}&to=working` : '';
    const payload = bodies()[key];
    if (route.hasBody && !payload) throw new Error(`No valid body for ${key}: add one to bodies() in authorisation.int.test.ts`);
    return { route, kind: area.kind, url: url + query, payload };
  });
}

const as = (who: string, method: Method, url: string, payload?: object) => {
  const cookie = cookies[who];
  if (!cookie) throw new Error(`nobody signed in as ${who}`);
  const options: InjectOptions = { method, url, headers: { cookie } };
  if (payload) options.payload = payload;
  return app.inject(options);
};

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  a = await createTestPractice(database);
  b = await createTestPractice(database);
  for (const who of ['admin', 'practitioner', 'unrelated', 'associate', 'supervisor', 'clientUser'] as const) {
    cookies[`a.${who}`] = await signIn(app, a.slug, a.emails[who]);
  }
  for (const who of ['admin', 'practitioner', 'clientUser'] as const) {
    cookies[`b.${who}`] = await signIn(app, b.slug, b.emails[who]);
  }

  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>;
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.includes('{') || isPublic(path)) continue;
    for (const [method, op] of Object.entries(ops)) {
      routes.push({
        method: method.toUpperCase() as Method,
        path,
        params: (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name),
        hasBody: op.requestBody !== undefined,
      });
    }
  }

  // Practice A's records, made the way people make them.
  const journey = (await as('a.practitioner', 'GET', `/api/clients/${a.clientId}/journey`)).json();
  rec.chapterId = journey.chapters[0].id;
  rec.associateChapterId = (await as('a.associate', 'GET', `/api/clients/${a.associateClientId}/journey`)).json().chapters[0].id;
  const soon = new Date(Date.now() + 3 * 86400_000);
  soon.setUTCHours(15, 0, 0, 0);
  const session = await as('a.practitioner', 'POST', '/api/sessions', { clientId: a.clientId, startsAt: soon.toISOString(), minutes: 50, format: 'individual', modality: 'video' });
  expect(session.statusCode).toBe(201);
  rec.sessionId = session.json().sessions[0].id;
  const other = await as('a.associate', 'POST', '/api/sessions', {
    clientId: a.associateClientId,
    startsAt: new Date(soon.getTime() + 2 * 3600_000).toISOString(),
    minutes: 50,
    format: 'individual',
    modality: 'phone',
  });
  expect(other.statusCode).toBe(201);
  rec.associateSessionId = other.json().sessions[0].id;

  const reached = await app.inject({
    method: 'POST',
    url: `/api/public/practices/${a.slug}/inquiries`,
    payload: { name: 'Noor Haddad', contact: 'noor@example.org', whatBrings: 'I would like to talk about my family.', website: '' },
  });
  expect(reached.statusCode).toBe(201);
  rec.inquiryId = (await as('a.practitioner', 'GET', '/api/inquiries')).json().find((i: { name: string }) => i.name === 'Noor Haddad').id;

  // A colleague who joins through an invite and is added to the client's care team, so the
  // DELETE …/practitioners/{practitionerId} route has a real relationship to aim at.
  const joining = await as('a.admin', 'POST', '/api/people/invites', { email: 'colleague@example.org', displayName: 'Colleague', roles: ['practitioner'] });
  expect(joining.statusCode).toBe(201);
  const token = new URL(joining.json().inviteUrl).pathname.replace('/invite/', '');
  const joined = await app.inject({ method: 'POST', url: `/api/public/invites/${token}/accept`, payload: { password: 'moss-on-the-north-side' } });
  expect(joined.statusCode).toBe(200);
  rec.colleagueId = joined.json().me.user.id;
  const added = await as('a.admin', 'POST', `/api/clients/${a.clientId}/practitioners`, { practitionerId: rec.colleagueId, kind: 'additional' });
  expect(added.statusCode).toBe(200);
  const open = await as('a.admin', 'POST', '/api/people/invites', { email: 'still-open@example.org', displayName: 'Still Open', roles: ['associate'] });
  expect(open.statusCode).toBe(201);
  rec.inviteId = open.json().id;

  const imported = await as('a.admin', 'POST', '/api/instruments', { definition: inventedGardenCheck() });
  expect(imported.statusCode, imported.body).toBe(201);
  rec.instrumentKey = imported.json().questionnaire.id;

  // Documentation: held sessions with signed, shared progress notes, relational notes, a theme,
  // a diagnosis and a published plan for each client.
  for (const [who, clientId, key] of [
    ['practitioner', a.clientId, ''],
    ['associate', a.associateClientId, 'associate'],
  ] as const) {
    const held = await createHeldSession(database, a, { clientId, practitionerId: who === 'practitioner' ? a.practitioner : a.associate });
    const note = await as(`a.${who}`, 'PUT', `/api/sessions/${held}/progress-note`, bodies()['PUT /api/sessions/{id}/progress-note']);
    expect(note.statusCode, note.body).toBe(200);
    const signed = await as(`a.${who}`, 'POST', `/api/progress-notes/${note.json().id}/sign`, { version: note.json().version });
    expect(signed.statusCode, signed.body).toBe(200);
    if (who === 'associate') expect((await as('a.supervisor', 'POST', `/api/progress-notes/${note.json().id}/cosign`)).statusCode).toBe(200);
    expect((await as(`a.${who}`, 'PUT', `/api/progress-notes/${note.json().id}/sharing`, { shared: true })).statusCode).toBe(200);
    const relational = await as(`a.${who}`, 'PUT', `/api/sessions/${held}/relational-note`, { version: null, fields: relationalFields });
    expect(relational.statusCode).toBe(200);
    const theme = await as(`a.${who}`, 'POST', `/api/clients/${clientId}/themes`, { name: 'Belonging' });
    expect(theme.statusCode).toBe(201);
    const dx = await as(`a.${who}`, 'POST', `/api/clients/${clientId}/diagnoses`, { code: 'F43.21', context: 'Grief.', primary: true, startsOn: '2026-01-05' });
    expect(dx.statusCode).toBe(201);
    const chapterId = key === 'associate' ? rec.associateChapterId : rec.chapterId;
    const reviewDate = new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10);
    const plan = await as(`a.${who}`, 'PUT', `/api/clients/${clientId}/chapters/${chapterId}/plan/draft`, { draftVersion: null, content: { clientIntentions: 'To feel less alone.', problems: [], themeIds: [] }, reviewDate });
    expect(plan.statusCode, plan.body).toBe(200);
    expect((await as(`a.${who}`, 'POST', `/api/clients/${clientId}/chapters/${chapterId}/plan/versions`, { draftVersion: 1 })).statusCode).toBe(200);
    const item9 = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0, '9': 1 };
    const measured = await as(`a.${who}`, 'POST', `/api/clients/${clientId}/measures`, { instrumentKey: 'phq-9', answers: item9 });
    expect(measured.statusCode, measured.body).toBe(201);
    const alerts = (await as(`a.${who}`, 'GET', '/api/risk-alerts')).json();
    const alertId = alerts.find((x: { clientId: string }) => x.clientId === clientId).id;
    const mapVersion = await as(`a.${who}`, 'POST', `/api/clients/${clientId}/map/versions`, { map: newMap('Their own map'), version: 0 });
    expect(mapVersion.statusCode, mapVersion.body).toBe(200);
    if (key === 'associate') rec.associateMapVersionId = mapVersion.json().version.id;
    else rec.mapVersionId = mapVersion.json().version.id;
    const sharing = await as(`a.${who}`, 'POST', `/api/clients/${clientId}/consents`, {
      purpose: 'sharing',
      collaboratorName: 'Dr. Amal Haddad',
      categories: ['chapter_summary'],
      givenOn: '2026-01-05',
      via: 'in_session',
    });
    expect(sharing.statusCode, sharing.body).toBe(201);
    const released = await as(`a.${who}`, 'POST', `/api/clients/${clientId}/disclosures`, { consentId: sharing.json().id, category: 'chapter_summary', recordId: chapterId });
    expect(released.statusCode, released.body).toBe(201);
    if (key === 'associate') Object.assign(rec, { associateConsentId: sharing.json().id, associateDisclosureId: released.json().disclosure.id });
    else Object.assign(rec, { consentId: sharing.json().id, disclosureId: released.json().disclosure.id });
    const unit = await as(`a.${who}`, 'POST', '/api/units', { kind: 'group', name: 'Their group', clientIds: [clientId], relatedPeople: [{ name: 'A friend', attends: true }] });
    expect(unit.statusCode, unit.body).toBe(201);
    if (key === 'associate') Object.assign(rec, { associateUnitId: unit.json().id, associateMemberId: unit.json().members[1].id });
    else Object.assign(rec, { unitId: unit.json().id, memberId: unit.json().members[1].id });
    if (key === 'associate') rec.associateResponseId = measured.json().responseId;
    else rec.responseId = measured.json().responseId;
    if (key === 'associate') rec.associateAlertId = alertId;
    else {
      rec.alertId = alertId;
      rec.portalRequestId = (await as('a.practitioner', 'POST', `/api/clients/${clientId}/measure-requests`, { instrumentKey: 'phq-9', channel: 'portal' })).json().id;
      const mine = await as('a.clientUser', 'POST', '/api/portal/consents', { purpose: 'research', givenOn: '2026-01-05' });
      expect(mine.statusCode, mine.body).toBe(201);
      rec.portalConsentId = mine.json().id;
    }
    if (key === 'associate') {
      rec.associateHeldSessionId = held;
      rec.associateNoteId = note.json().id;
      rec.associateRelationalNoteId = relational.json().id;
      rec.associateThemeId = theme.json().id;
      rec.associateDiagnosisId = dx.json().id;
    } else {
      rec.heldSessionId = held;
      rec.noteId = note.json().id;
      rec.relationalNoteId = relational.json().id;
      rec.themeId = theme.json().id;
      rec.diagnosisId = dx.json().id;
    }
  }
});
afterAll(() => close());

/** What practice A's records look like before anyone else calls; compared at the end. */
async function snapshot() {
  const client = (await as('a.practitioner', 'GET', `/api/clients/${a.clientId}`)).json();
  const journey = (await as('a.practitioner', 'GET', `/api/clients/${a.clientId}/journey`)).json();
  const assocJourney = (await as('a.admin', 'GET', `/api/clients/${a.associateClientId}/journey`)).json();
  const session = (await as('a.practitioner', 'GET', `/api/sessions/${rec.sessionId}`)).json();
  const inquiry = (await as('a.practitioner', 'GET', `/api/inquiries/${rec.inquiryId}`)).json();
  const invites = (await as('a.admin', 'GET', '/api/people/invites')).json();
  const people = (await as('a.admin', 'GET', '/api/people')).json();
  const notes = [];
  for (const [who, id, rid] of [
    ['a.practitioner', rec.noteId, rec.relationalNoteId],
    ['a.associate', rec.associateNoteId, rec.associateRelationalNoteId],
  ] as const) {
    const n = (await as(who, 'GET', `/api/progress-notes/${id}`)).json();
    const r = (await as(who, 'GET', `/api/relational-notes/${rid}`)).json();
    notes.push({ version: n.version, status: n.status, cosign: n.cosign?.status, shared: n.sharedWithClient, addenda: n.addenda.length, comments: n.comments.length, relational: [r.version, r.sharedWithSupervisorId] });
  }
  const record = [];
  for (const [id, chapterId] of [
    [a.clientId, rec.chapterId],
    [a.associateClientId, rec.associateChapterId],
  ] as const) {
    const themes = (await as('a.admin', 'GET', `/api/clients/${id}/themes`)).json();
    const dx = (await as('a.admin', 'GET', `/api/clients/${id}/diagnoses`)).json();
    const plan = (await as('a.admin', 'GET', `/api/clients/${id}/chapters/${chapterId}/plan`)).json();
    record.push({
      themes: themes.themes.map((t: { name: string; stage: string }) => [t.name, t.stage]),
      diagnoses: dx.map((d: { code: string; version: number }) => [d.code, d.version]),
      plan: [plan.plan?.draftVersion, plan.plan?.versions.length],
    });
  }
  const portal = (await as('a.clientUser', 'GET', '/api/portal/sessions')).json();
  const alerts = (await as('a.admin', 'GET', '/api/risk-alerts')).json();
  const measures = (await as('a.admin', 'GET', `/api/clients/${a.clientId}/measures`)).json();
  const maps = [];
  const consentLists = [];
  for (const id of [a.clientId, a.associateClientId]) {
    const c = (await as('a.admin', 'GET', `/api/clients/${id}/consents`)).json();
    consentLists.push({ consents: c.consents, disclosures: c.disclosures.length });
    const m = (await as('a.admin', 'GET', `/api/clients/${id}/map`)).json();
    maps.push({ version: m.version, map: m.map, versions: m.versions.map((v: { id: string }) => v.id) });
  }
  const units = [];
  for (const id of [rec.unitId, rec.associateUnitId]) units.push((await as('a.admin', 'GET', `/api/units/${id}`)).json());
  return {
    units,
    maps,
    consentLists,
    alerts: alerts.map((x: { id: string }) => x.id).sort(),
    measures: measures.summaries.map((x: { instrumentKey: string; scores: unknown[] }) => [x.instrumentKey, x.scores.length]),
    openRequests: (await as('a.clientUser', 'GET', '/api/portal/measures')).json().length,
    schedules: (await as('a.admin', 'GET', `/api/clients/${a.clientId}/measure-schedules`)).json().length,
    notes,
    record,
    reflections: portal.map((x: { reflection: unknown }) => x.reflection),
    client: { version: client.version, pronouns: client.pronouns, practitioners: client.practitioners },
    chapters: journey.chapters.map((c: { phase: string; endedAt: string | null; moves: unknown[] }) => [c.phase, c.endedAt, c.moves.length]),
    assocChapters: assocJourney.chapters.map((c: { phase: string; endedAt: string | null; moves: unknown[] }) => [c.phase, c.endedAt, c.moves.length]),
    session: { version: session.version, status: session.status, minutes: session.minutes },
    inquiry: { status: inquiry.status, replies: inquiry.replies.length },
    invite: invites.find((i: { id: string }) => i.id === rec.inviteId),
    people,
  };
}

describe('every route that takes an id refuses people with no claim on the record', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    before = await snapshot();
  });

  it('finds the :id routes in the API document, and knows how to fill each one', () => {
    // A floor, so a broken document cannot make the rest pass by checking nothing.
    expect(routes.length).toBeGreaterThanOrEqual(19);
    for (const must of ['GET /api/clients/{id}', 'POST /api/clients/{id}/chapters/{chapterId}/moves', 'DELETE /api/clients/{id}/practitioners/{practitionerId}', 'PATCH /api/sessions/{id}', 'DELETE /api/people/invites/{id}']) {
      expect(routes.map((r) => `${r.method} ${r.path}`)).toContain(must);
    }
    expect(() => calls()).not.toThrow();
    // A body written for a route that no longer exists is a sign the table has gone stale.
    const known = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const key of Object.keys(bodies())) expect(known, `bodies has ${key}, which the API no longer has`).toContain(key);
  });

  it('the ids are real: the practitioner in care, and the admin, read every one of them', async () => {
    // Without this a 404 below could only mean the id was wrong.
    for (const c of calls().filter((x) => x.route.method === 'GET')) {
      const res = await as('a.practitioner', 'GET', c.url);
      expect(res.statusCode, `${c.url}: ${res.body}`).toBe(200);
    }
    for (const c of calls(true).filter((x) => x.route.method === 'GET' && x.kind !== 'private')) {
      const res = await as('a.admin', 'GET', c.url);
      expect(res.statusCode, `${c.url}: ${res.body}`).toBe(200);
    }
    const people = (await as('a.admin', 'GET', '/api/people')).json().map((x: { id: string }) => x.id);
    expect(people).toContain(a.practitioner);
    const invites = (await as('a.admin', 'GET', '/api/people/invites')).json();
    expect(invites.find((i: { id: string }) => i.id === rec.inviteId)).toMatchObject({ acceptedAt: null, revokedAt: null });
    const client = (await as('a.practitioner', 'GET', `/api/clients/${a.clientId}`)).json();
    expect(client.practitioners).toContainEqual(expect.objectContaining({ id: rec.colleagueId, kind: 'additional' }));
  });

  it('the admin of another practice gets 404 from every one, as if the record did not exist', async () => {
    for (const c of calls()) {
      const res = await as('b.admin', c.route.method, c.url, c.payload);
      expect(res.statusCode, `${c.route.method} ${c.url}: ${res.body}`).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
  });

  it('a practitioner of another practice gets 404, and 403 only where the route is for admins before any lookup', async () => {
    for (const c of calls()) {
      const res = await as('b.practitioner', c.route.method, c.url, c.payload);
      // The people routes check the admin role before they look anything up, so a non-admin
      // learns nothing about the id either way; every other route must answer as for a missing record.
      expect(res.statusCode, `${c.route.method} ${c.url}: ${res.body}`).toBe(c.kind === 'admin' ? 403 : 404);
    }
  });

  it('a client of another practice gets 404 from every one', async () => {
    for (const c of calls()) {
      const res = await as('b.clientUser', c.route.method, c.url, c.payload);
      expect(res.statusCode, `${c.route.method} ${c.url}: ${res.body}`).toBe(404);
    }
  });

  it('a practitioner of the same practice with no relationship to the client gets 404 for everything about the client', async () => {
    let checked = 0;
    for (const forAssociate of [false, true]) {
      for (const c of calls(forAssociate)) {
        // Inquiries come before any relationship: the practice's intake, which every staff member
        // may answer, so they are not a client's record and a colleague reading one is by design.
        if (c.kind === 'intake' || c.kind === 'practice') continue;
        const res = await as('a.unrelated', c.route.method, c.url, c.payload);
        // Admin-only routes (people, invites) refuse a non-admin with 403 before any lookup; either
        // answer gives nothing away. Everything about a client must look like a missing record.
        if (c.kind === 'admin') expect([403, 404], `${c.route.method} ${c.url}: ${res.body}`).toContain(res.statusCode);
        else expect(res.statusCode, `${c.route.method} ${c.url}: ${res.body}`).toBe(404);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('a client signed in to the portal gets no staff route, not even about their own record', async () => {
    for (const forAssociate of [false, true]) {
      for (const c of calls(forAssociate).filter((x) => x.kind !== 'portal')) {
        const res = await as('a.clientUser', c.route.method, c.url, c.payload);
        expect([403, 404], `${c.route.method} ${c.url}: ${res.body}`).toContain(res.statusCode);
      }
    }
  });

  it('the admin and the supervisor never read a relational note that was not shared with them', async () => {
    for (const who of ['a.admin', 'a.supervisor', 'a.practitioner']) {
      const res = await as(who, 'GET', `/api/relational-notes/${rec.associateRelationalNoteId}`);
      expect(res.statusCode, who).toBe(404);
    }
    for (const who of ['a.admin', 'a.supervisor', 'a.associate']) {
      expect((await as(who, 'GET', `/api/relational-notes/${rec.relationalNoteId}`)).statusCode, who).toBe(404);
    }
  });

  it('a client cannot comment on or reflect about another client’s note or session', async () => {
    expect((await as('a.clientUser', 'POST', `/api/portal/notes/${rec.associateNoteId}/comments`, { body: 'Not mine' })).statusCode).toBe(404);
    expect((await as('a.clientUser', 'PUT', `/api/portal/sessions/${rec.associateHeldSessionId}/reflection`, { body: 'Not mine', version: null })).statusCode).toBe(404);
  });

  it('nothing any of them sent changed practice A’s records', async () => {
    expect(await snapshot()).toEqual(before);
  });
});

describe('what each person sees of practice A’s clients', () => {
  it('the portal shows the client their own record and sessions, and nobody else’s', async () => {
    const res = await as('a.clientUser', 'GET', '/api/portal');
    expect(res.statusCode).toBe(200);
    const portal = res.json();
    expect(portal.client.id).toBe(a.clientId);
    const ids = portal.upcoming.map((s: { id: string }) => s.id);
    expect(ids).toContain(rec.sessionId);
    expect(ids).not.toContain(rec.associateSessionId);
    expect(res.body).not.toContain(a.associateClientId);
    expect(res.body).not.toContain('Bo Lindgren');
  });

  it('a client cannot list clients, inquiries or anyone’s calendar', async () => {
    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 30 * 86400_000).toISOString();
    for (const url of ['/api/clients', '/api/clients?q=bo', '/api/inquiries', '/api/people', `/api/sessions?from=${from}&to=${to}&practitionerId=${a.practitioner}`, '/api/sessions/today', '/api/audit']) {
      const res = await as('a.clientUser', 'GET', url);
      expect([403, 404], `${url}: ${res.body}`).toContain(res.statusCode);
    }
  });

  it('the supervisor reads the associate’s client and journey but cannot move its phase or schedule for it', async () => {
    const client = await as('a.supervisor', 'GET', `/api/clients/${a.associateClientId}`);
    expect(client.statusCode).toBe(200);
    expect(client.json()).toMatchObject({ name: 'Bo Lindgren', access: 'supervision' });
    expect((await as('a.supervisor', 'GET', `/api/clients/${a.associateClientId}/journey`)).statusCode).toBe(200);
    expect((await as('a.supervisor', 'GET', `/api/sessions/${rec.associateSessionId}`)).statusCode).toBe(200);
    // The associate's group opens for the supervisor to read, with the answer saying it cannot be changed (the page hides its edit buttons).
    expect((await as('a.supervisor', 'GET', `/api/units/${rec.associateUnitId}`)).json()).toMatchObject({ canEdit: false });
    expect((await as('a.associate', 'GET', `/api/units/${rec.associateUnitId}`)).json()).toMatchObject({ canEdit: true });
    expect((await as('a.supervisor', 'GET', `/api/clients/${a.associateClientId}/units`)).json()).toEqual([expect.objectContaining({ canEdit: false })]);

    const move = await as('a.supervisor', 'POST', `/api/clients/${a.associateClientId}/chapters/${rec.associateChapterId}/moves`, { to: 'assessment' });
    expect(move.statusCode).toBe(403);
    expect(move.json().code).toBe('forbidden');
    const held = await as('a.supervisor', 'POST', `/api/sessions/${rec.associateSessionId}/status`, { version: 1, status: 'cancelled' });
    expect(held.statusCode).toBe(403);
    const soon = new Date(Date.now() + 10 * 86400_000);
    const schedule = await as('a.supervisor', 'POST', '/api/sessions', { clientId: a.associateClientId, startsAt: soon.toISOString(), minutes: 50, format: 'individual', modality: 'video' });
    expect(schedule.statusCode).toBe(403);
    const journey = (await as('a.associate', 'GET', `/api/clients/${a.associateClientId}/journey`)).json();
    expect(journey.chapters[0].phase).toBe('reaching_out');
  });

  it('supervision reaches only the associate’s clients: the supervisor gets 404 for another practitioner’s client', async () => {
    expect((await as('a.supervisor', 'GET', `/api/clients/${a.clientId}`)).statusCode).toBe(404);
    expect((await as('a.supervisor', 'GET', `/api/sessions/${rec.sessionId}`)).statusCode).toBe(404);
    const list = (await as('a.supervisor', 'GET', '/api/clients')).json();
    const ids = list.rows.map((r: { id: string }) => r.id);
    expect(ids).toContain(a.associateClientId);
    expect(ids).not.toContain(a.clientId);
  });

  it('the admin reads any client of the practice', async () => {
    for (const id of [a.clientId, a.associateClientId]) {
      const res = await as('a.admin', 'GET', `/api/clients/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().access).toBe('admin');
      expect((await as('a.admin', 'GET', `/api/clients/${id}/journey`)).statusCode).toBe(200);
    }
    const ids = (await as('a.admin', 'GET', '/api/clients')).json().rows.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([a.clientId, a.associateClientId]));
  });

  it('the unrelated practitioner’s client list and calendar leave out practice A’s clients', async () => {
    const list = await as('a.unrelated', 'GET', '/api/clients');
    expect(list.statusCode).toBe(200);
    const ids = list.json().rows.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(a.clientId);
    expect(ids).not.toContain(a.associateClientId);
    expect(list.json().total).toBe(0);
    const byName = (await as('a.unrelated', 'GET', '/api/clients?q=amara')).json();
    expect(byName.rows).toEqual([]);
    const byPractitioner = (await as('a.unrelated', 'GET', `/api/clients?practitionerId=${a.practitioner}`)).json();
    expect(byPractitioner.rows).toEqual([]);

    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 30 * 86400_000).toISOString();
    const calendar = await as('a.unrelated', 'GET', `/api/sessions?from=${from}&to=${to}&practitionerId=${a.practitioner}`);
    expect(calendar.statusCode).toBe(404);
    expect(calendar.body).not.toContain('Amara');
  });

  it('another practice’s admin sees none of practice A’s clients, inquiries, people or sessions', async () => {
    const list = (await as('b.admin', 'GET', '/api/clients?pageSize=100')).json();
    const ids = list.rows.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(a.clientId);
    expect(ids).not.toContain(a.associateClientId);
    expect(ids).toEqual(expect.arrayContaining([b.clientId, b.associateClientId]));
    const filtered = (await as('b.admin', 'GET', `/api/clients?practitionerId=${a.practitioner}`)).json();
    expect(filtered.rows).toEqual([]);

    const inquiries = await as('b.admin', 'GET', '/api/inquiries');
    expect(inquiries.body).not.toContain(rec.inquiryId);
    expect(inquiries.body).not.toContain('Noor Haddad');
    const people = await as('b.admin', 'GET', '/api/people');
    expect(people.body).not.toContain(a.practitioner);
    expect(people.body).not.toContain(a.slug);
    const invites = await as('b.admin', 'GET', '/api/people/invites');
    expect(invites.body).not.toContain(rec.inviteId);

    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 30 * 86400_000).toISOString();
    const calendar = await as('b.admin', 'GET', `/api/sessions?from=${from}&to=${to}&practitionerId=${a.practitioner}`);
    expect([200, 404]).toContain(calendar.statusCode);
    expect(calendar.body).not.toContain(rec.sessionId);
    const audit = await as('b.admin', 'GET', `/api/audit?clientId=${a.clientId}`);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().rows).toEqual([]);
  });
});
