import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addMember, canEditUnit, changeMember, createUnit, listClientUnits, memberLeaves, requireUnit, updateUnit, type UnitView } from '../../db/repos/units.js';
import { MAX_UNIT_MEMBERS, relatedPersonSchema, unitKinds } from '../../domain/units/units.js';
import type { SignedIn } from '../auth/session.js';
import { audit, auditEach, staff } from '../guards.js';
import { idempotent } from '../idempotency.js';
import { errors, idParams, isoDate, requiredText, text, uuid } from './schemas.js';

const memberOut = z.object({
  id: z.string(),
  kind: z.enum(['client', 'related']),
  clientId: z.string().nullable(),
  name: z.string(),
  relationship: z.string(),
  note: z.string(),
  attends: z.boolean(),
  joinedAt: isoDate,
  leftAt: isoDate.nullable(),
});

export const unitOut = z.object({
  id: z.string(),
  kind: z.enum(unitKinds),
  name: z.string(),
  note: z.string(),
  version: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
  members: z.array(memberOut),
  /** Whether the signed-in person may change the unit (care or admin; a supervisor reads only). */
  canEdit: z.boolean(),
});

const unitParams = z.object({ unitId: uuid });
const memberParams = z.object({ unitId: uuid, memberId: uuid });

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  /** A unit's reads and writes are logged against each client in it. */
  const auditUnit = (request: Parameters<typeof staff>[1], me: SignedIn, action: string, unit: UnitView) =>
    auditEach(db, request, me, unit.members.flatMap((m) => (m.clientId ? [m.clientId] : [])), { action, recordType: 'unit', recordId: unit.id });

  app.get(
    '/clients/:id/units',
    {
      schema: {
        operationId: 'listClientUnits',
        tags: ['units'],
        summary: 'The couples, families and groups this client belongs to (or belonged to) that you may see',
        params: idParams,
        response: { 200: z.array(unitOut), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const units = await listClientUnits(db, me.actor, request.params.id);
      await audit(db, request, me, { action: 'units.list', clientId: request.params.id, recordType: 'unit', recordId: null });
      return units;
    },
  );

  app.post(
    '/units',
    {
      schema: {
        operationId: 'createUnit',
        tags: ['units'],
        summary: 'Bring clients together as a couple, family or group, with related people who have no account',
        body: z.object({
          kind: z.enum(unitKinds),
          name: requiredText(120, 'The name'),
          note: text(2000).default(''),
          clientIds: z.array(uuid).min(1, 'Name at least one client.').max(MAX_UNIT_MEMBERS),
          clientRelationships: z
            .record(uuid, text(120))
            .optional()
            .describe('How each client is related within the unit ("partner", "mother"), keyed by client id'),
          relatedPeople: z.array(relatedPersonSchema).max(MAX_UNIT_MEMBERS).default([]),
        }),
        response: { 201: unitOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const me = await staff(db, request);
      const unit = await idempotent(db, request, me, 'unit.create', () => createUnit(db, me.actor, request.body));
      await auditUnit(request, me, 'unit.create', unit);
      return reply.status(201).send({ ...unit, canEdit: true });
    },
  );

  app.get(
    '/units/:unitId',
    {
      schema: { operationId: 'getUnit', tags: ['units'], summary: 'One couple, family or group and its people', params: unitParams, response: { 200: unitOut, ...errors(401, 404) } },
    },
    async (request) => {
      const me = await staff(db, request);
      const { unit, access } = await requireUnit(db, me.actor, request.params.unitId);
      await auditUnit(request, me, 'unit.read', unit);
      return { ...unit, canEdit: canEditUnit(access) };
    },
  );

  app.patch(
    '/units/:unitId',
    {
      schema: {
        operationId: 'updateUnit',
        tags: ['units'],
        summary: 'Rename a unit or change its note (send the version you started from)',
        params: unitParams,
        body: z.object({ version: z.number().int().min(1), name: requiredText(120, 'The name').optional(), note: text(2000).optional() }),
        response: { 200: unitOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const unit = await updateUnit(db, me.actor, request.params.unitId, request.body);
      await auditUnit(request, me, 'unit.update', unit);
      return { ...unit, canEdit: true };
    },
  );

  app.post(
    '/units/:unitId/members',
    {
      schema: {
        operationId: 'addUnitMember',
        tags: ['units'],
        summary: 'Add a client, or a related person without an account, to a unit',
        params: unitParams,
        body: z
          .object({ clientId: uuid.optional(), relatedPerson: relatedPersonSchema.optional() })
          .refine((b) => (b.clientId === undefined) !== (b.relatedPerson === undefined), { message: 'Add either a client or a related person.', path: ['relatedPerson'] }),
        response: { 200: unitOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const { clientId, relatedPerson } = request.body;
      // The body's rule guarantees exactly one of the two.
      const member = relatedPerson ? { relatedPerson } : { clientId: clientId ?? '' };
      const unit = await idempotent(db, request, me, `unit.member:${request.params.unitId}`, () => addMember(db, me.actor, request.params.unitId, member));
      await auditUnit(request, me, 'unit.member_add', unit);
      return { ...unit, canEdit: true };
    },
  );

  app.patch(
    '/units/:unitId/members/:memberId',
    {
      schema: {
        operationId: 'changeUnitMember',
        tags: ['units'],
        summary: 'Change how a person is described in the unit, and whether they come to sessions',
        params: memberParams,
        body: z
          .object({
            name: requiredText(120, 'The name').optional(),
            relationship: text(120).optional(),
            note: text(2000).optional(),
            attends: z.boolean().optional(),
          })
          .refine((b) => Object.values(b).some((v) => v !== undefined), 'Change at least one thing: the name, relationship, note or whether they come to sessions.'),
        response: { 200: unitOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const unit = await changeMember(db, me.actor, request.params.unitId, request.params.memberId, request.body);
      await auditUnit(request, me, 'unit.member_change', unit);
      return { ...unit, canEdit: true };
    },
  );

  app.post(
    '/units/:unitId/members/:memberId/leave',
    {
      schema: {
        operationId: 'unitMemberLeaves',
        tags: ['units'],
        summary: 'A person leaves the unit; the sessions they attended keep them',
        params: memberParams,
        response: { 200: unitOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const unit = await memberLeaves(db, me.actor, request.params.unitId, request.params.memberId);
      await auditUnit(request, me, 'unit.member_leave', unit);
      return { ...unit, canEdit: true };
    },
  );
};
