import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { newMap } from '../../domain/maps/map.js';
import { createHeldSession, createTestApp, createTestPractice, createTestUnit, signIn, TEST_PASSWORD, type TestPractice, type TestUnit } from '../testing/harness.js';

/**
 * Bad input of any shape gets a clear 4xx and changes nothing: wrong types, missing fields,
 * huge bodies, bodies that are not JSON, control characters, overlong text, injection attempts,
 * ids and dates that are not ids and dates. Names in any script are welcome and come back intact.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
let cookie: string;
let chapterId = '';
let sessionId = '';
let heldSessionId = '';
let signedNoteId = '';
let clientCookie = '';
let unit: TestUnit;
const noteFields = { clientReport: 'Her week.', observations: 'Calm.', interventions: 'Listening.', response: 'Settled.', assessment: 'Steady.', plan: 'Weekly.' };
const noRisk = { level: 'none', summary: '', actions: '' };
/** Each request from its own address, so the public form's rate limit never answers in place of validation. */
let address = 0;

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  cookie = await signIn(app, p.slug, p.emails.practitioner);
  chapterId = (await send('GET', `/api/clients/${p.clientId}/journey`)).json().chapters[0].id;
  const made = await send('POST', '/api/sessions', { clientId: p.clientId, startsAt: inDays(5), minutes: 50, format: 'individual', modality: 'video' });
  expect(made.statusCode).toBe(201);
  sessionId = made.json().sessions[0].id;
  heldSessionId = await createHeldSession(database, p);
  unit = await createTestUnit(database, p);
  const signedSession = await createHeldSession(database, p, { daysAgo: 3 });
  const note = await send('PUT', `/api/sessions/${signedSession}/progress-note`, { version: null, format: 'dap', fields: noteFields, risk: noRisk, serviceCode: '90834' });
  signedNoteId = note.json().id;
  expect((await send('POST', `/api/progress-notes/${signedNoteId}/sign`, { version: 1 })).statusCode).toBe(200);
  expect((await send('PUT', `/api/progress-notes/${signedNoteId}/sharing`, { shared: true })).statusCode).toBe(200);
  clientCookie = await signIn(app, p.slug, p.emails.clientUser);
});
afterAll(() => close());

function inDays(n: number): string {
  const d = new Date(Date.now() + n * 86400_000);
  d.setUTCHours(15, 0, 0, 0);
  return d.toISOString();
}

/** Sends as the signed-in practitioner; `raw` sends the string as is, with the given content type. */
function send(method: Method, url: string, body?: unknown, options: { raw?: string; contentType?: string; signedOut?: boolean; asClient?: boolean } = {}) {
  address += 1;
  const headers: Record<string, string> = {};
  if (!options.signedOut) headers.cookie = options.asClient ? clientCookie : cookie;
  const request: InjectOptions = { method, url, headers, remoteAddress: `10.9.${(address >> 8) & 255}.${address & 255}` };
  if (options.raw !== undefined) {
    request.payload = options.raw;
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (body !== undefined) {
    request.payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  return app.inject(request);
}

/** A refusal a person can read: a 4xx, a code, and a sentence, not a stack trace or a file path. */
function expectClearRefusal(res: LightMyRequestResponse, what: string, status?: number) {
  const label = `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (status) expect(res.statusCode, label).toBe(status);
  expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, label).toBeLessThan(500);
  expect(res.headers['content-type'], label).toContain('application/json');
  const body = res.json() as { code?: unknown; message?: unknown };
  expect(typeof body.code, label).toBe('string');
  expect(typeof body.message, label).toBe('string');
  const message = body.message as string;
  expect(message.trim().length, label).toBeGreaterThan(5);
  expect(message, label).toMatch(/\p{L}{2,}/u);
  expect(message.length, label).toBeLessThan(400);
  expect(message, label).not.toMatch(/\n\s+at |at Object\.|at async|node_modules|\/src\/|\.[cm]?[jt]s:\d+|FST_|ZodError|TypeError|SyntaxError|\[object Object\]/);
  expect(JSON.stringify(body), label).not.toMatch(/"stack"/);
}

/** Rows that a refused write must not have touched. */
async function state() {
  const n = async (table: string) =>
    (await database.query<{ n: number }>(`select count(*)::int as n from ${table} where practice_id = $1`, [p.practiceId]))[0]?.n;
  const [client] = await database.query('select name, pronouns, version, date_of_birth from clients where practice_id = $1 and id = $2', [p.practiceId, p.clientId]);
  const [chapter] = await database.query('select phase, version from chapters where practice_id = $1 and id = $2', [p.practiceId, chapterId]);
  const [session] = await database.query('select starts_at, minutes, status, version from sessions where practice_id = $1 and id = $2', [p.practiceId, sessionId]);
  return {
    clients: await n('clients'),
    inquiries: await n('inquiries'),
    sessions: await n('sessions'),
    chapters: await n('chapters'),
    phaseMoves: await n('phase_moves'),
    careRelationships: await n('care_relationships'),
    authSessions: await n('auth_sessions'),
    progressNotes: await n('progress_notes'),
    relationalNotes: await n('psychotherapy_notes'),
    addenda: await n('note_addenda'),
    comments: await n('note_comments'),
    diagnoses: await n('diagnoses'),
    plans: await n('treatment_plans'),
    themes: await n('themes'),
    reflections: await n('session_reflections'),
    measures: await n('measure_responses'),
    measureRequests: await n('measure_requests'),
    maps: await database.query('select version, map from relational_maps where practice_id = $1', [p.practiceId]),
    mapVersions: await n('relational_map_versions'),
    consents: await n('consents'),
    disclosures: await n('disclosures'),
    units: await database.query('select name, note, version from relational_units where practice_id = $1 order by id', [p.practiceId]),
    members: await database.query('select name, relationship, note, attends, left_at from unit_members where practice_id = $1 order by id', [p.practiceId]),
    attendance: await database.query('select member_id, attendance, note from session_attendees where practice_id = $1 order by session_id, member_id', [p.practiceId]),
    settings: (await database.query('select settings from practices where practice_id = $1', [p.practiceId]))[0],
    client,
    chapter,
    session,
  };
}

interface WriteRoute {
  name: string;
  method: Method;
  url: () => string;
  /** A valid body, never sent itself: each case breaks one thing in it. */
  valid: () => Record<string, unknown>;
  required: string[];
  /** Free-text fields, for control characters and overlong text. */
  text: string[];
  signedOut?: boolean;
  /** Sent by the client signed in to the portal. */
  asClient?: boolean;
  /** See the lone-surrogate test. */
  loneSurrogateBug?: boolean;
  /** Routes that take big documents (a relational map) accept more than the 1 MB default. */
  bodyLimitMb?: number;
}

const writeRoutes: WriteRoute[] = [
  {
    name: 'reaching out on the public page',
    method: 'POST',
    url: () => `/api/public/practices/${p.slug}/inquiries`,
    valid: () => ({ name: 'Dalia Haddad', contact: 'dalia@example.org', whatBrings: 'Since the move I feel far from everyone.', preferredPractitionerId: p.practitioner, website: '' }),
    required: ['name', 'contact', 'whatBrings'],
    text: ['name', 'contact', 'whatBrings'],
    signedOut: true,
  },
  {
    name: 'adding a client',
    method: 'POST',
    url: () => '/api/clients',
    valid: () => ({ name: 'Ada Mensah', pronouns: 'she/her', email: 'ada@example.org', dateOfBirth: '1990-04-01', concerns: 'Sleep' }),
    required: ['name'],
    text: ['name', 'pronouns', 'concerns'],
    loneSurrogateBug: true,
  },
  {
    name: 'editing a client',
    method: 'PATCH',
    url: () => `/api/clients/${p.clientId}`,
    valid: () => ({ version: 1, name: 'Amara O.', pronouns: 'she/her', dateOfBirth: '1985-06-30', resilience: 'Her garden' }),
    required: ['version'],
    text: ['name', 'pronouns', 'resilience'],
    loneSurrogateBug: true,
  },
  {
    name: 'scheduling a session',
    method: 'POST',
    url: () => '/api/sessions',
    valid: () => ({ clientId: p.clientId, startsAt: inDays(9), minutes: 50, format: 'individual', modality: 'video', recurrence: 'weekly', count: 2 }),
    required: ['clientId', 'startsAt', 'minutes', 'format', 'modality'],
    text: [],
  },
  {
    name: 'moving a chapter’s phase',
    method: 'POST',
    url: () => `/api/clients/${p.clientId}/chapters/${chapterId}/moves`,
    valid: () => ({ to: 'assessment', note: 'First meeting' }),
    required: ['to'],
    text: ['note'],
  },
  {
    name: 'signing in',
    method: 'POST',
    url: () => '/api/auth/sign-in',
    valid: () => ({ practice: p.slug, email: p.emails.practitioner, password: TEST_PASSWORD }),
    required: ['practice', 'email', 'password'],
    text: [],
    signedOut: true,
  },
  {
    name: 'writing a progress note',
    method: 'PUT',
    url: () => `/api/sessions/${heldSessionId}/progress-note`,
    valid: () => ({ version: null, format: 'dap', fields: { ...noteFields }, risk: { ...noRisk }, serviceCode: '90834', themeIds: [] }),
    required: ['version', 'format', 'fields', 'risk'],
    text: ['fields.clientReport', 'fields.plan', 'risk.summary'],
  },
  {
    name: 'writing a relational note',
    method: 'PUT',
    url: () => `/api/sessions/${heldSessionId}/relational-note`,
    valid: () => ({ version: null, fields: { relationshipNow: 'Close today.', patterns: '', ownReactions: '', culturalSystemic: '', whatEmerged: '' } }),
    required: ['version', 'fields'],
    text: ['fields.relationshipNow', 'fields.whatEmerged'],
  },
  {
    name: 'adding an addendum to a signed note',
    method: 'POST',
    url: () => `/api/progress-notes/${signedNoteId}/addenda`,
    valid: () => ({ body: 'She called the next day.' }),
    required: ['body'],
    text: ['body'],
  },
  {
    name: 'adding a diagnosis',
    method: 'POST',
    url: () => `/api/clients/${p.clientId}/diagnoses`,
    valid: () => ({ code: 'F41.1', context: 'Since the move.', primary: false, startsOn: '2026-01-05', endsOn: null }),
    required: ['code', 'startsOn'],
    text: ['context'],
  },
  {
    name: 'saving a treatment-plan draft',
    method: 'PUT',
    url: () => `/api/clients/${p.clientId}/chapters/${chapterId}/plan/draft`,
    valid: () => ({ draftVersion: null, content: { clientIntentions: 'To feel at home.', problems: [], themeIds: [] }, reviewDate: null }),
    required: ['draftVersion', 'content'],
    text: ['content.clientIntentions'],
  },
  {
    name: 'a client commenting on a shared note',
    method: 'POST',
    url: () => `/api/portal/notes/${signedNoteId}/comments`,
    valid: () => ({ body: 'Thank you.' }),
    required: ['body'],
    text: ['body'],
    asClient: true,
  },
  {
    name: 'a client writing a reflection',
    method: 'PUT',
    url: () => `/api/portal/sessions/${heldSessionId}/reflection`,
    valid: () => ({ body: 'What stayed with me.', version: null }),
    required: ['body', 'version'],
    text: ['body'],
    asClient: true,
  },
];

writeRoutes.push(
  {
    name: 'completing a measure in session',
    method: 'POST',
    url: () => `/api/clients/${p.clientId}/measures`,
    valid: () => ({ instrumentKey: 'phq-2', answers: { '1': 0, '2': 1 }, ratedBy: 'client' }),
    required: ['instrumentKey', 'answers'],
    text: [],
  },
  {
    name: 'asking for a measure',
    method: 'POST',
    url: () => `/api/clients/${p.clientId}/measure-requests`,
    valid: () => ({ instrumentKey: 'gad-7', channel: 'link' }),
    required: ['instrumentKey', 'channel'],
    text: [],
  },
  {
    name: 'setting how the practice judges change',
    method: 'PUT',
    url: () => '/api/practice/measure-change',
    valid: () => ({ notOnTrackAfter: 6, instruments: [{ instrumentKey: 'ucla-3', sd: 1.5, reliability: 0.8 }] }),
    required: ['notOnTrackAfter', 'instruments'],
    text: [],
  },
  {
    name: 'drawing the relational map',
    method: 'PUT',
    url: () => `/api/clients/${p.clientId}/map`,
    valid: () => ({ map: drawnMap(), version: 0 }),
    required: ['map', 'version'],
    text: [],
    bodyLimitMb: 4,
  },
  {
    name: 'saving a version of the relational map',
    method: 'POST',
    url: () => `/api/clients/${p.clientId}/map/versions`,
    valid: () => ({ map: drawnMap(), version: 0, sessionId: null, label: 'First drawing' }),
    required: ['map', 'version'],
    text: ['label'],
    bodyLimitMb: 4,
  },
);

writeRoutes.push(
  {
    name: 'recording a consent',
    method: 'POST',
    url: () => `/api/clients/${p.clientId}/consents`,
    valid: () => ({ purpose: 'sharing', collaboratorName: 'Dr. Amal Haddad', collaboratorRole: 'Family doctor', categories: ['chapter_summary'], scope: 'Her chapter summary', givenOn: '2026-01-05', expiresOn: null, via: 'in_session' }),
    required: ['purpose', 'givenOn', 'via'],
    text: ['collaboratorName', 'collaboratorRole', 'scope'],
  },
  {
    name: 'giving a consent in the portal',
    method: 'POST',
    url: () => '/api/portal/consents',
    valid: () => ({ purpose: 'research', givenOn: '2026-01-05', expiresOn: null, scope: 'Scores only' }),
    required: ['purpose', 'givenOn'],
    text: ['scope'],
    asClient: true,
  },
);

writeRoutes.push(
  {
    name: 'bringing clients together as a family',
    method: 'POST',
    url: () => '/api/units',
    valid: () => ({ kind: 'family', name: 'The Okafor family', note: 'Seen together on Fridays', clientIds: [p.clientId], relatedPeople: [{ name: 'Ada', relationship: 'daughter, 6', note: '', attends: false }] }),
    required: ['kind', 'name', 'clientIds'],
    text: ['name', 'note'],
  },
  {
    name: 'renaming a couple',
    method: 'PATCH',
    url: () => `/api/units/${unit.unitId}`,
    valid: () => ({ version: 1, name: 'Amara and Kwame', note: 'Married twelve years' }),
    required: ['version'],
    text: ['name', 'note'],
  },
  {
    name: 'adding a related person to a family',
    method: 'POST',
    url: () => `/api/units/${unit.familyId}/members`,
    valid: () => ({ relatedPerson: { name: 'Auntie Efe', relationship: 'aunt', note: 'Lives with them', attends: true } }),
    required: ['relatedPerson'],
    text: ['relatedPerson.name', 'relatedPerson.relationship', 'relatedPerson.note'],
  },
  {
    name: 'describing someone in a unit',
    method: 'PATCH',
    url: () => `/api/units/${unit.familyId}/members/${unit.childMemberId}`,
    valid: () => ({ name: 'Efua', relationship: 'daughter, 5', note: 'Started school', attends: true }),
    required: [],
    text: ['name', 'relationship', 'note'],
  },
  {
    name: 'recording who came to a couple’s session',
    method: 'PUT',
    url: () => `/api/sessions/${unit.sessionId}/attendance`,
    valid: () => ({ attendees: [{ memberId: unit.memberIds.partner, attendance: 'absent', note: 'Travelling for work' }] }),
    required: ['attendees'],
    text: [],
  },
);

/** A small sound map: the client and a friend, supportive. */
function drawnMap() {
  const map = newMap('Ada');
  return {
    ...map,
    nodes: [...map.nodes, { ...map.nodes[0]!, id: 'friend', kind: 'person', label: 'A friend', level: 'social', clientId: null }],
    ties: [{ id: 't1', kind: 'connection', a: 'client', b: 'friend', strength: 'moderate', quality: 'supportive', direction: 'both', note: '' }],
  };
}

/** The body with one field, perhaps nested (`fields.plan`), set to a value. */
function withField(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!head) return body;
  if (rest.length === 0) return { ...body, [head]: value };
  return { ...body, [head]: withField((body[head] ?? {}) as Record<string, unknown>, rest.join('.'), value) };
}

const wrongTypes: Array<[string, unknown]> = [
  ['a number', 12345],
  ['a string of digits', '50'],
  ['a boolean', true],
  ['null', null],
  ['an empty array', []],
  ['an array of strings', ['a', 'b']],
  ['a nested object', { nested: { deeper: ['x'] } }],
];

/** Strings no field should take. Tab and newline are fine in text, so they are not here. */
const controlStrings: Array<[string, string]> = [
  ['a NUL character', 'Ada\u0000Mensah'],
  ['a bell character', 'Ada\u0007'],
  ['an escape sequence', 'Ada \u001b[31mred'],
  ['a DEL character', 'Ada\u007f'],
];

describe.each(writeRoutes)('$name refuses bad input and changes nothing', (route) => {
  const go = (body?: unknown, options: { raw?: string; contentType?: string } = {}) =>
    send(route.method, route.url(), body, { ...options, ...(route.signedOut ? { signedOut: true } : {}), ...(route.asClient ? { asClient: true } : {}) });
  let before: Awaited<ReturnType<typeof state>>;
  beforeAll(async () => {
    before = await state();
  });

  it('a field of the wrong type gets a 400 that names the field', async () => {
    for (const field of Object.keys(route.valid())) {
      for (const [what, value] of wrongTypes) {
        // A few fields may be null on purpose: leaving a date of birth or a preference empty.
        if (value === null && ['dateOfBirth', 'preferredPractitionerId', 'version', 'draftVersion', 'endsOn', 'reviewDate'].includes(field)) continue;
        // A number is the right type for a number field, and digits are a fine string.
        if (typeof value === typeof route.valid()[field]) continue;
        // Versions start as null (nothing saved yet) and are numbers after: a number is their type.
        if (typeof value === 'number' && ['version', 'draftVersion'].includes(field)) continue;
        const res = await go({ ...route.valid(), [field]: value });
        expectClearRefusal(res, `${field} as ${what}`, 400);
        expect(res.json().code).toBe('invalid');
        expect(Object.keys(res.json().fields ?? {}).join(','), `${field} as ${what}`).toContain(field);
      }
    }
  });

  it('a missing required field gets a 400', async () => {
    for (const field of route.required) {
      const body = route.valid();
      delete body[field];
      expectClearRefusal(await go(body), `without ${field}`, 400);
    }
    expectClearRefusal(await go({}), 'an empty object', 400);
  });

  it('a body that is not a JSON object gets a 4xx', async () => {
    expectClearRefusal(await go(undefined, { raw: '{"name": "Ada", ' }), 'truncated JSON', 400);
    expectClearRefusal(await go(undefined, { raw: "{name: 'Ada'}" }), 'JavaScript, not JSON', 400);
    expectClearRefusal(await go(undefined, { raw: '' }), 'an empty body', 400);
    expectClearRefusal(await go(undefined, { raw: 'null' }), 'JSON null', 400);
    expectClearRefusal(await go(undefined, { raw: '[]' }), 'a JSON array', 400);
    expectClearRefusal(await go(undefined, { raw: '"Ada"' }), 'a JSON string', 400);
    expectClearRefusal(await go(undefined, { raw: '42' }), 'a JSON number', 400);
    expectClearRefusal(await go(undefined, { raw: 'name=Ada', contentType: 'text/plain' }), 'text/plain');
    expectClearRefusal(await go(undefined, { raw: 'name=Ada', contentType: 'application/x-www-form-urlencoded' }), 'a form post');
    expectClearRefusal(await go(undefined, { raw: '<client><name>Ada</name></client>', contentType: 'application/xml' }), 'XML');
    const poisoned = JSON.stringify(route.valid()).replace(/^\{/, '{"__proto__": {"isAdmin": true}, ');
    expectClearRefusal(await go(undefined, { raw: poisoned }), 'a __proto__ key');
    // Built as text: the value is too deep for JSON.stringify to write.
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const rest = JSON.stringify({ ...route.valid(), [route.required[0]!]: undefined }).slice(1);
    expectClearRefusal(await go(undefined, { raw: `{${JSON.stringify(route.required[0])}: ${deep}, ${rest}` }), 'a deeply nested value', 400);
  });

  it('a body over the route’s limit (1 MB unless it takes whole documents) gets a 413 with code payload_too_large', async () => {
    const field = route.required[0]!;
    const mb = (route.bodyLimitMb ?? 1) + 1;
    const res = await go({ ...route.valid(), [field]: 'x'.repeat(mb * 1024 * 1024) });
    expectClearRefusal(res, `${mb} MB`, 413);
    expect(res.json().message).toContain(`(${mb - 1} MB)`);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('control characters and overlong text get a 400', async () => {
    for (const field of route.text) {
      for (const [what, value] of controlStrings) {
        expectClearRefusal(await go(withField(route.valid(), field, value)), `${field} with ${what}`, 400);
      }
      expectClearRefusal(await go(withField(route.valid(), field, 'a'.repeat(100_000))), `${field} 100,000 characters long`, 400);
    }
  });

  it('nothing changed', async () => {
    expect(await state()).toEqual(before);
  });

  // KNOWN BUG on the client routes, reported to the lead: src/domain/clients/profile.ts lets a
  // lone surrogate through and the name is saved as “Ada �”. Remove `.fails` once its field()
  // refuses them as src/server/routes/schemas.ts text() does.
  it('half of an emoji (a lone UTF-16 surrogate) gets a 400 instead of being saved as “�”', async () => {
    const start = await state();
    const [fixture] = await database.query<Record<string, unknown>>(
      'select name, pronouns, resilience, date_of_birth, search_text, version, updated_at from clients where practice_id = $1 and id = $2',
      [p.practiceId, p.clientId],
    );
    try {
      for (const field of route.text) {
        expectClearRefusal(await go(withField(route.valid(), field, 'Ada \ud83c')), `${field} with a lone surrogate`, 400);
        expectClearRefusal(await go(withField(route.valid(), field, '\udf3f Ada')), `${field} with a lone low surrogate`, 400);
      }
    } finally {
      // Put back whatever a failure saved, so the tests after this one start from the same place.
      await database.query("delete from care_relationships where practice_id = $1 and client_id in (select id from clients where practice_id = $1 and name like 'Ada %' and id <> $2)", [p.practiceId, p.clientId]);
      await database.query("delete from phase_moves where practice_id = $1 and client_id in (select id from clients where practice_id = $1 and name like 'Ada %' and id <> $2)", [p.practiceId, p.clientId]);
      await database.query("delete from chapters where practice_id = $1 and client_id in (select id from clients where practice_id = $1 and name like 'Ada %' and id <> $2)", [p.practiceId, p.clientId]);
      await database.query("delete from clients where practice_id = $1 and name like 'Ada %' and id <> $2", [p.practiceId, p.clientId]);
      const f = fixture!;
      await database.query(
        'update clients set name = $3, pronouns = $4, resilience = $5, date_of_birth = $6, search_text = $7, version = $8, updated_at = $9 where practice_id = $1 and id = $2',
        [p.practiceId, p.clientId, f.name, f.pronouns, f.resilience, f.date_of_birth, f.search_text, f.version, f.updated_at],
      );
    }
    expect(await state()).toEqual(start);
  });
});

// KNOWN ISSUE, reported to the lead: for a plain string or number field zod's default wording
// reaches people as “Invalid input: expected string, received undefined”. Remove `.fails` once
// src/server/errors.ts (or a zod error map) says the field is required.
it('a missing name is named as required, in words a person uses', async () => {
  const res = await send('POST', '/api/clients', { pronouns: 'she/her' });
  expect(res.statusCode).toBe(400);
  expect(res.json().message).not.toMatch(/undefined|Invalid input/);
});

describe('signing in with strange input', () => {
  it('control characters, overlong and injection-shaped credentials are refused without a session', async () => {
    const before = await state();
    const valid = { practice: p.slug, email: p.emails.practitioner, password: TEST_PASSWORD };
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['a NUL in the practice', { ...valid, practice: `${p.slug}\u0000` }],
      ['a NUL in the email', { ...valid, email: `${p.emails.practitioner}\u0000` }],
      ['a NUL in the password', { ...valid, password: `${TEST_PASSWORD}\u0000` }],
      ['an overlong email', { ...valid, email: `${'a'.repeat(5000)}@example.org` }],
      ['an overlong password', { ...valid, password: 'a'.repeat(5000) }],
      ['SQL in the practice', { ...valid, practice: "' or 1=1 --" }],
      ['SQL in the email', { ...valid, email: "' or ''='" }],
      ['SQL in the password', { ...valid, password: "' or 1=1 --" }],
      ['a LIKE wildcard as the email', { ...valid, email: '%' }],
    ];
    for (const [what, body] of attempts) {
      const res = await send('POST', '/api/auth/sign-in', body, { signedOut: true });
      expectClearRefusal(res, what);
      expect(res.headers['set-cookie'], what).toBeUndefined();
    }
    expect(await state()).toEqual(before);
  });
});

describe('searching clients with injection attempts', () => {
  const attempts = [
    "'; drop table clients; --",
    "%' or 1=1 --",
    "' OR '1'='1",
    "Robert'); DROP TABLE clients;--",
    '%',
    '_',
    '%%',
    '\\',
    '\\%',
    '*',
    '.*',
    '$where: 1',
    '{"$ne": null}',
    '1; select pg_sleep(5)',
  ];

  it.each(attempts)('q=%s answers 200, finds nobody, and the table is still there', async (q) => {
    const before = await state();
    const res = await send('GET', `/api/clients?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([]);
    expect(res.json().total).toBe(0);
    expect(await state()).toEqual(before);
  });

  it('the unrelated practitioner’s wildcard search finds nobody either', async () => {
    const other = await signIn(app, p.slug, p.emails.unrelated);
    for (const q of ['%', '_', "%' or 1=1 --", 'a']) {
      const res = await app.inject({ method: 'GET', url: `/api/clients?q=${encodeURIComponent(q)}`, headers: { cookie: other } });
      expect(res.statusCode).toBe(200);
      expect(res.json().rows).toEqual([]);
    }
  });

  it('an overlong search, or one with a NUL, is refused with a 400', async () => {
    expectClearRefusal(await send('GET', `/api/clients?q=${'a'.repeat(1000)}`), 'a 1,000-character search', 400);
    expectClearRefusal(await send('GET', '/api/clients?q=ama%00ra'), 'a NUL in the search', 400);
  });

  it('page numbers and filters of the wrong shape are refused with a 400', async () => {
    for (const url of [
      '/api/clients?page=0',
      '/api/clients?page=-1',
      '/api/clients?page=abc',
      '/api/clients?pageSize=100000',
      '/api/clients?pageSize=1.5',
      '/api/clients?phase=everything',
      "/api/clients?practitionerId=' or 1=1 --",
      '/api/clients?practitionerId=123',
    ]) {
      expectClearRefusal(await send('GET', url), url, 400);
    }
  });
});

describe('ids in the address that are not ids', () => {
  const notIds = ['not-a-uuid', '1', '0', '-1', "' or 1=1 --", '../../etc/passwd', '%00', 'null', 'undefined', '{id}', `${'a'.repeat(36)}`, `${'b'.repeat(400)}`];
  const templates: Array<[Method, (id: string) => string, object | undefined]> = [
    ['GET', (id) => `/api/clients/${id}`, undefined],
    ['PATCH', (id) => `/api/clients/${id}`, { version: 1, pronouns: 'they/them' }],
    ['GET', (id) => `/api/clients/${id}/journey`, undefined],
    ['POST', (id) => `/api/clients/${id}/chapters/${chapterId}/moves`, { to: 'assessment' }],
    ['POST', (id) => `/api/clients/${p.clientId}/chapters/${id}/moves`, { to: 'assessment' }],
    ['GET', (id) => `/api/sessions/${id}`, undefined],
    ['PATCH', (id) => `/api/sessions/${id}`, { version: 1, minutes: 60 }],
    ['GET', (id) => `/api/inquiries/${id}`, undefined],
    // The signed-out addresses take a slug or a token rather than an id; the same junk must not reach the database either.
    ['GET', (id) => `/api/public/practices/${id}`, undefined],
    ['POST', (id) => `/api/public/practices/${id}/inquiries`, { name: 'Ada', contact: 'ada@example.org', whatBrings: 'Hello' }],
    ['GET', (id) => `/api/public/invites/${id}`, undefined],
    ['GET', (id) => `/api/calendar/${id}`, undefined],
  ];

  it('answer 400 or 404, never 500, and change nothing', async () => {
    const before = await state();
    for (const [method, url, body] of templates) {
      // Encoded as a browser would, and raw NUL and space escapes as a script might send them.
      for (const id of [...notIds.map(encodeURIComponent), '%00', 'ab%00cd', '%20', '%0A']) {
        const res = await send(method, url(id), body);
        expectClearRefusal(res, `${method} ${url(id).slice(0, 80)}`);
        expect([400, 404], `${method} ${url(id).slice(0, 80)}`).toContain(res.statusCode);
      }
    }
    // A well-formed id of nothing: a plain 404.
    const nobody = '5b2a3c1e-0d4f-4e8a-9b6c-7d8e9f0a1b2c';
    expectClearRefusal(await send('GET', `/api/clients/${nobody}`), 'an id of nobody', 404);
    expectClearRefusal(await send('GET', `/api/sessions/${nobody}`), 'an id of nothing', 404);
    expect(await state()).toEqual(before);
  });

  it('an address too long or badly encoded for the router answers 4xx, not 500', async () => {
    // These are refused by Fastify's router before our error handler sees them, so the body is
    // Fastify's own shape; what matters here is a 4xx with a code and a message.
    for (const url of [`/api/clients/${'b'.repeat(600)}`, '/api/clients/%E0%A4%A', '/api/sessions/%']) {
      const res = await send('GET', url);
      expect(res.statusCode, `${url.slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url.slice(0, 60)).toBeLessThan(500);
      expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });
});

describe('dates that are not dates', () => {
  it('a session at an impossible or absurd time is refused', async () => {
    const before = await state();
    const valid = { clientId: p.clientId, startsAt: inDays(12), minutes: 50, format: 'individual', modality: 'video' };
    for (const startsAt of ['not a date', '', '2030-13-01T10:00:00Z', '2030-02-30T10:00:00Z', '2030-02-30T25:00:00Z', '2030-01-01', 'March 7, 2030 10:00', '1899-12-31T10:00:00Z', '9999-12-31T10:00:00Z', '+275760-09-13T00:00:00Z', '0', '-1']) {
      expectClearRefusal(await send('POST', '/api/sessions', { ...valid, startsAt }), `startsAt ${startsAt}`, 400);
    }
    for (const minutes of [0, -50, 4, 481, 50.5, 1e308]) {
      expectClearRefusal(await send('POST', '/api/sessions', { ...valid, minutes }), `minutes ${minutes}`, 400);
    }
    expectClearRefusal(await send('POST', '/api/sessions', { ...valid, count: 53, recurrence: 'weekly' }), 'a 53-week series', 400);
    expectClearRefusal(await send('PATCH', `/api/sessions/${sessionId}`, { version: 1, startsAt: 'yesterday-ish' }), 'a reschedule to no date', 400);
    expect(await state()).toEqual(before);
  });

  it('a date of birth that is not a calendar day, or in the future, is refused', async () => {
    const before = await state();
    const tomorrow = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
    for (const dateOfBirth of ['1990-13-01', '1990-00-10', '1990-01-32', '31/12/1990', '1990-1-1', '1850-01-01', tomorrow, '19900101', '1990-01-01T00:00:00Z']) {
      expectClearRefusal(await send('POST', '/api/clients', { name: 'Ada Mensah', dateOfBirth }), `new client born ${dateOfBirth}`, 400);
      expectClearRefusal(await send('PATCH', `/api/clients/${p.clientId}`, { version: 1, dateOfBirth }), `client edited to born ${dateOfBirth}`, 400);
    }
    expect(await state()).toEqual(before);
  });

  // KNOWN BUG, reported to the lead: src/domain/clients/profile.ts checks a date of birth with
  // Date.parse, which rolls 1990-02-30 over to 2 March, so the value reaches PostgreSQL's date
  // column and fails there with a 500. Remove `.fails` once the domain rule checks calendar days
  // (z.iso.date() does).
  it('a date of birth on a day the month does not have (30 February) gets a 400, not a 500', async () => {
    const before = await state();
    for (const dateOfBirth of ['1990-02-30', '1990-02-31', '1990-04-31', '1991-02-29']) {
      expectClearRefusal(await send('POST', '/api/clients', { name: 'Ada Mensah', dateOfBirth }), `new client born ${dateOfBirth}`, 400);
      expectClearRefusal(await send('PATCH', `/api/clients/${p.clientId}`, { version: 1, dateOfBirth }), `client edited to born ${dateOfBirth}`, 400);
    }
    expect(await state()).toEqual(before);
  });

  it('the calendar and audit filters refuse dates they cannot read', async () => {
    for (const url of [
      '/api/sessions?from=garbage&to=2030-01-01T00:00:00Z',
      '/api/sessions?from=2030-01-01T00:00:00Z&to=',
      '/api/sessions?from=2030-01-08T00:00:00Z&to=2030-01-01T00:00:00Z',
      '/api/sessions?from=2030-01-01T00:00:00Z&to=2031-01-01T00:00:00Z',
      '/api/sessions',
    ]) {
      expectClearRefusal(await send('GET', url), url, 400);
    }
    const admin = await signIn(app, p.slug, p.emails.admin);
    const res = await app.inject({ method: 'GET', url: '/api/audit?from=not-a-date', headers: { cookie: admin } });
    expectClearRefusal(res, 'audit from=not-a-date', 400);
  });
});

describe('names in any script are welcome', () => {
  const names = ['ليلى', 'Zoë 🌿', 'José Álvarez-Núñez', '王秀英', 'Ngũgĩ wa Thiong’o', 'Siân O’Brien', 'Ōkami 👩🏽‍🦱', 'Robert\'); DROP TABLE clients;--'];

  it.each(names)('%s is saved and comes back exactly as typed', async (name) => {
    const made = await send('POST', '/api/clients', { name, pronouns: 'they/them' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().name).toBe(name);
    const read = await send('GET', `/api/clients/${made.json().id}`);
    expect(read.json().name).toBe(name);
    const found = (await send('GET', `/api/clients?q=${encodeURIComponent(name)}`)).json();
    expect(found.rows.map((r: { id: string }) => r.id)).toContain(made.json().id);
  });

  it('a name typed with combining accents is stored in composed form (NFC)', async () => {
    const decomposed = 'Zoe\u0308 Mare\u0301';
    const made = await send('POST', '/api/clients', { name: decomposed });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().name).toBe('Zoë Maré');
    expect(made.json().name).toBe(decomposed.normalize('NFC'));
    const renamed = await send('PATCH', `/api/clients/${made.json().id}`, { version: 1, name: 'Ame\u0301lie' });
    expect(renamed.json().name).toBe('Amélie');
  });

  it('the search ignores accents and case: “zoe” finds Zoë, “jose” finds José', async () => {
    const zoe = (await send('GET', '/api/clients?q=Zoe')).json().rows.map((r: { name: string }) => r.name);
    expect(zoe).toContain('Zoë 🌿');
    const lower = (await send('GET', '/api/clients?q=zoë')).json().rows.map((r: { name: string }) => r.name);
    expect(lower).toContain('Zoë 🌿');
    const jose = (await send('GET', '/api/clients?q=jose alvarez')).json().rows.map((r: { name: string }) => r.name);
    expect(jose).toContain('José Álvarez-Núñez');
    const nunez = (await send('GET', '/api/clients?q=NUNEZ')).json().rows.map((r: { name: string }) => r.name);
    expect(nunez).toContain('José Álvarez-Núñez');
  });

  it('the injection-shaped name was kept as text, and the clients table is still there', async () => {
    const [row] = await database.query<{ n: number }>('select count(*)::int as n from clients where practice_id = $1', [p.practiceId]);
    // The two clients of the test practice, the couple’s partner, and the names sent here.
    expect(row?.n).toBe(3 + names.length + 1);
    const found = (await send('GET', `/api/clients?q=${encodeURIComponent("robert');")}`)).json();
    expect(found.rows.map((r: { name: string }) => r.name)).toEqual(["Robert'); DROP TABLE clients;--"]);
  });

  it('a person reaching out may write their name in any script', async () => {
    const res = await send(
      'POST',
      `/api/public/practices/${p.slug}/inquiries`,
      { name: 'ليلى حداد', contact: 'layla@example.org', whatBrings: 'أشعر بالوحدة منذ الانتقال. 🌙', website: '' },
      { signedOut: true },
    );
    expect(res.statusCode, res.body).toBe(201);
    const list = (await send('GET', '/api/inquiries')).json();
    expect(list.map((i: { name: string }) => i.name)).toContain('ليلى حداد');
  });
});
