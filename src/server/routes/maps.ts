import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clientName as getClientName, compareMapVersions, getMap, getMapVersion, listMapVersions, saveMapDraft, saveMapVersion, versionWithMap } from '../../db/repos/maps.js';
import { getPractice } from '../../db/repos/practice.js';
import { mapNodeOut, mapTieOut, relationalMapOut, relationalMapSchema } from '../../domain/maps/map.js';
import { mapToSvg } from '../../domain/maps/svg.js';
import { mapToFhir } from '../fhir/maps.js';
import { audit, inCareOf, readerOf, safeFileName, staff } from '../guards.js';
import { idempotent } from '../idempotency.js';
import { errors, isoDate, text, uuid } from './schemas.js';

const metricsOut = z.object({
  networkSize: z.number(),
  strongSupportive: z.number(),
  strainShare: z.number().nullable(),
  levelsCovered: z.number(),
  levels: z.array(z.string()),
  turnTo: z.number(),
  isolationIndex: z.number(),
  density: z.number().nullable(),
  effectiveSize: z.number().nullable(),
  constraint: z.number().nullable(),
  brokerage: z.number().nullable(),
});
const person = z.object({ id: z.string(), name: z.string() });
const versionOut = z.object({
  id: z.string(),
  number: z.number(),
  savedAt: isoDate,
  savedBy: person.nullable(),
  sessionId: z.string().nullable(),
  sessionStartsAt: isoDate.nullable(),
  label: z.string(),
  metrics: metricsOut,
  nodeCount: z.number(),
  tieCount: z.number(),
});
const mapOut = relationalMapOut;
const mapViewOut = z.object({
  map: mapOut,
  version: z.number(),
  updatedAt: isoDate.nullable(),
  updatedBy: person.nullable(),
  problems: z.record(z.string(), z.string()),
  metrics: metricsOut,
  versions: z.array(versionOut),
});
const tieChange = z.enum(['strengthened', 'weakened', 'quality', 'direction', 'note', 'other']);
const diffOut = z.object({
  nodes: z.object({
    added: z.array(mapNodeOut),
    removed: z.array(mapNodeOut),
    changed: z.array(z.object({ before: mapNodeOut, after: mapNodeOut, fields: z.array(z.string()) })),
  }),
  ties: z.object({
    added: z.array(mapTieOut),
    removed: z.array(mapTieOut),
    changed: z.array(z.object({ before: mapTieOut, after: mapTieOut, fields: z.array(z.string()), changes: z.array(tieChange) })),
  }),
  alterTiesRecorded: z.object({ before: z.boolean(), after: z.boolean() }).nullable(),
});
const versionParams = z.object({ id: uuid, versionId: uuid });

/**
 * The relational map: drawn by the practitioners in the client's care (with the client, in the
 * session), read by everyone who may see the client; every read and write audited.
 */
export const mapRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  const clinician = (request: Parameters<typeof staff>[1], clientId: string) => inCareOf(db, request, clientId, 'Only the practitioners in this client’s care can draw their relational map.');
  const reader = (request: Parameters<typeof staff>[1], clientId: string) => readerOf(db, request, clientId);

  app.get(
    '/clients/:id/map',
    {
      schema: {
        operationId: 'getRelationalMap',
        tags: ['maps'],
        summary: 'The client’s relational map as it is being drawn (version 0 when nothing is saved yet), its problems, metrics and saved versions',
        params: z.object({ id: uuid }),
        response: { 200: mapViewOut, ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      const view = await getMap(db, me.actor, request.params.id);
      await audit(db, request, me, { action: 'relational_map.read', clientId: request.params.id, recordType: 'relational_map', recordId: null });
      return view;
    },
  );

  app.put(
    '/clients/:id/map',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        operationId: 'saveRelationalMap',
        tags: ['maps'],
        summary: 'Autosave the working copy of the map; a stale version gets 409 with the saved copy. A map with problems is kept and its problems returned',
        params: z.object({ id: uuid }),
        body: z.object({ map: relationalMapSchema, version: z.number().int().min(0) }),
        response: { 200: mapViewOut, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const me = await clinician(request, request.params.id);
      const view = await saveMapDraft(db, me.actor, request.params.id, request.body);
      await audit(db, request, me, { action: 'relational_map.save', clientId: request.params.id, recordType: 'relational_map', recordId: null });
      return view;
    },
  );

  app.get(
    '/clients/:id/map/versions',
    {
      schema: {
        operationId: 'listRelationalMapVersions',
        tags: ['maps'],
        summary: 'Every saved version of the map, newest first, with its metrics',
        params: z.object({ id: uuid }),
        response: { 200: z.object({ versions: z.array(versionOut) }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      const versions = await listMapVersions(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'relational_map.read', clientId: request.params.id, recordType: 'relational_map', recordId: null });
      return { versions };
    },
  );

  app.post(
    '/clients/:id/map/versions',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        operationId: 'saveRelationalMapVersion',
        tags: ['maps'],
        summary: 'Save the map as the next dated version (optionally tied to a session), with its metrics; refused while the map has problems or when nothing changed',
        params: z.object({ id: uuid }),
        body: z.object({
          map: relationalMapSchema,
          version: z.number().int().min(0),
          sessionId: uuid.nullable().default(null),
          label: text(200).default(''),
        }),
        response: { 200: z.object({ version: versionOut, workingVersion: z.number() }), ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const me = await clinician(request, request.params.id);
      const saved = await idempotent(db, request, me, `map.version:${request.params.id}`, () => saveMapVersion(db, me.actor, request.params.id, request.body));
      await audit(db, request, me, { action: 'relational_map.version', clientId: request.params.id, recordType: 'relational_map_version', recordId: saved.version.id });
      return saved;
    },
  );

  app.get(
    '/clients/:id/map/versions/:versionId',
    {
      schema: {
        operationId: 'getRelationalMapVersion',
        tags: ['maps'],
        summary: 'One saved version of the map, as it was saved',
        params: versionParams,
        response: { 200: versionOut.extend({ map: mapOut }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      const version = await getMapVersion(db, me.actor.practiceId, request.params.id, request.params.versionId);
      await audit(db, request, me, { action: 'relational_map.read', clientId: request.params.id, recordType: 'relational_map_version', recordId: version.id });
      return versionWithMap(version);
    },
  );

  app.get(
    '/clients/:id/map/compare',
    {
      schema: {
        operationId: 'compareRelationalMapVersions',
        tags: ['maps'],
        summary: 'Two versions compared (or a version with the working copy): ties added, lost, strengthened, weakened and changed in quality, in data and in words',
        params: z.object({ id: uuid }),
        querystring: z.object({ from: uuid, to: z.union([z.literal('working'), uuid], { error: 'to must be a version id or “working”' }) }),
        response: {
          200: z.object({
            from: versionOut,
            to: versionOut.nullable(),
            before: mapOut,
            after: mapOut,
            diff: diffOut,
            sentences: z.array(z.string()),
            counts: z.object({ added: z.number(), lost: z.number(), strengthened: z.number(), weakened: z.number(), qualityChanged: z.number() }),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      const comparison = await compareMapVersions(db, me.actor, request.params.id, request.query.from, request.query.to);
      await audit(db, request, me, { action: 'relational_map.compare', clientId: request.params.id, recordType: 'relational_map_version', recordId: comparison.from.id });
      return comparison;
    },
  );

  /** A version and what it needs to be exported: its map, the client's name, the practice. */
  async function forExport(request: Parameters<typeof staff>[1], params: z.infer<typeof versionParams>, format: string) {
    const me = await reader(request, params.id);
    const version = await getMapVersion(db, me.actor.practiceId, params.id, params.versionId);
    const clientName = await getClientName(db, me.actor.practiceId, params.id);
    const practice = await getPractice(db, me.actor.practiceId);
    await audit(db, request, me, { action: `relational_map.export_${format}`, clientId: params.id, recordType: 'relational_map_version', recordId: version.id });
    const day = version.savedAt.toLocaleDateString('en-GB', { timeZone: practice.timezone, day: 'numeric', month: 'long', year: 'numeric' });
    return { version, clientName, practice, day, fileName: safeFileName(`${clientName} relational map v${version.number}`) };
  }

  app.get(
    '/clients/:id/map/versions/:versionId/export.svg',
    {
      schema: {
        operationId: 'exportRelationalMapSvg',
        tags: ['maps'],
        summary: 'A map version drawn as an SVG image, with its legend (download audited)',
        params: versionParams,
        response: { 200: z.any().describe('image/svg+xml'), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const { version, clientName, day, fileName } = await forExport(request, request.params, 'svg');
      const svg = mapToSvg(version.map, { title: `${clientName} — relational map, version ${version.number}`, subtitle: `Saved ${day}${version.label ? ` · ${version.label}` : ''}` });
      return reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}.svg"`)
        .header('cache-control', 'no-store')
        .send(svg);
    },
  );

  app.get(
    '/clients/:id/map/versions/:versionId/export.json',
    {
      schema: {
        operationId: 'exportRelationalMapJson',
        tags: ['maps'],
        summary: 'A map version’s data as JSON: the map as saved, with its metrics (download audited)',
        params: versionParams,
        response: {
          200: z.object({ format: z.literal('liminal.relational-map'), formatVersion: z.literal(1), client: z.object({ id: z.string(), name: z.string() }), version: versionOut, map: mapOut }),
          ...errors(401, 404),
        },
      },
    },
    async (request, reply) => {
      const { version, clientName, fileName } = await forExport(request, request.params, 'json');
      const { map, ...rest } = versionWithMap(version);
      reply.header('content-disposition', `attachment; filename="${fileName}.json"`).header('cache-control', 'no-store');
      return { format: 'liminal.relational-map' as const, formatVersion: 1 as const, client: { id: request.params.id, name: clientName }, version: rest, map };
    },
  );

  app.get(
    '/clients/:id/map/versions/:versionId/fhir',
    {
      schema: {
        operationId: 'exportRelationalMapFhir',
        tags: ['maps'],
        summary: 'A map version as a FHIR R4 Bundle: RelatedPerson for people, Group for families and groups, Basic for ties, gathered in a List',
        params: versionParams,
        response: { 200: z.looseObject({ resourceType: z.literal('Bundle') }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const { version, clientName, practice } = await forExport(request, request.params, 'fhir');
      const bundle = mapToFhir(version.map, {
        clientId: request.params.id,
        clientName,
        versionId: version.id,
        versionNumber: version.number,
        savedAt: version.savedAt.toISOString(),
        practiceName: practice.name,
      });
      return bundle as unknown as { resourceType: 'Bundle' };
    },
  );
};
