import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireClientAccess } from '../../db/repos/access.js';
import { addPractitioner, createClient, getClient, listClients, removePractitioner, updateClient } from '../../db/repos/clients.js';
import { clientProfilePatchSchema, clientProfileSchema } from '../../domain/clients/profile.js';
import { phases } from '../../domain/journey/phases.js';
import { isClinician } from '../../domain/people/roles.js';
import { forbidden, invalid } from '../../domain/shared/errors.js';
import { audit, staff } from '../guards.js';
import { errors, idParams, text, uuid } from './schemas.js';

const clientOut = z.object({
  id: z.string(),
  name: z.string(),
  legalName: z.string(),
  pronouns: z.string(),
  culturalIdentities: z.string(),
  communities: z.string(),
  email: z.string(),
  phone: z.string(),
  preferredContact: z.string(),
  dateOfBirth: z.string().nullable(),
  emergencyContactName: z.string(),
  emergencyContactPhone: z.string(),
  emergencyContactRelationship: z.string(),
  concerns: z.string(),
  resilience: z.string(),
  connection: z.string(),
  vitality: z.string(),
  currentPhase: z.string(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  practitioners: z.array(z.object({ id: z.string(), displayName: z.string(), kind: z.enum(['primary', 'additional']) })),
  access: z.enum(['admin', 'care', 'supervision', 'self']),
});

const listOut = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      pronouns: z.string(),
      currentPhase: z.string(),
      primaryPractitionerId: z.string().nullable(),
      primaryPractitionerName: z.string().nullable(),
      nextSessionAt: z.string().nullable(),
      lastSessionAt: z.string().nullable(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const clientRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  app.get(
    '/clients',
    {
      schema: {
        operationId: 'listClients',
        tags: ['clients'],
        summary: 'Clients you are in relationship with (all, for an admin), by name, practitioner or phase',
        querystring: z.object({
          q: text(200).optional(),
          practitionerId: uuid.optional(),
          phase: z.enum([...phases, 'ended']).optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: { 200: listOut, ...errors(400, 401) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const result = await listClients(db, me.actor, request.query);
      await audit(db, request, me, { action: 'client.list', clientId: null, recordType: 'client_list', recordId: null });
      return result;
    },
  );

  app.post(
    '/clients',
    {
      schema: {
        operationId: 'createClient',
        tags: ['clients'],
        summary: 'Add a client; their first chapter opens in reaching out',
        body: clientProfileSchema.extend({ primaryPractitionerId: uuid.optional() }),
        response: { 201: clientOut, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const me = await staff(db, request);
      const { primaryPractitionerId, ...profile } = request.body;
      const primary = primaryPractitionerId ?? (isClinician(me.actor.roles) ? me.actor.userId : undefined);
      if (!primary) throw invalid('Choose the client’s primary practitioner.', { primaryPractitionerId: 'Required.' });
      if (primary !== me.actor.userId && !me.actor.roles.includes('practice_admin')) {
        throw forbidden('Only a practice admin can add a client for another practitioner.');
      }
      const clientId = await createClient(db, me.actor.practiceId, { profile, primaryPractitionerId: primary, createdBy: me.actor.userId });
      await audit(db, request, me, { action: 'client.create', clientId, recordType: 'client', recordId: clientId });
      const access = await requireClientAccess(db, me.actor, clientId);
      return reply.status(201).send({ ...(await getClient(db, me.actor.practiceId, clientId)), access });
    },
  );

  app.get(
    '/clients/:id',
    {
      schema: {
        operationId: 'getClient',
        tags: ['clients'],
        summary: 'A client’s record in their own words',
        params: idParams,
        response: { 200: clientOut, ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const access = await requireClientAccess(db, me.actor, request.params.id);
      const client = await getClient(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'client.read', clientId: client.id, recordType: 'client', recordId: client.id });
      return { ...client, access };
    },
  );

  app.patch(
    '/clients/:id',
    {
      schema: {
        operationId: 'updateClient',
        tags: ['clients'],
        summary: 'Edit a client’s record; send the version you started from (409 if someone saved since)',
        params: idParams,
        body: clientProfilePatchSchema.extend({ version: z.number().int().min(1) }),
        response: { 200: clientOut, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const access = await requireClientAccess(db, me.actor, request.params.id);
      if (access === 'supervision') throw forbidden('A supervisor can read this record but not change it.');
      const { version, ...changes } = request.body;
      await updateClient(db, me.actor.practiceId, request.params.id, version, changes);
      await audit(db, request, me, { action: 'client.update', clientId: request.params.id, recordType: 'client', recordId: request.params.id });
      return { ...(await getClient(db, me.actor.practiceId, request.params.id)), access };
    },
  );

  app.post(
    '/clients/:id/practitioners',
    {
      schema: {
        operationId: 'addClientPractitioner',
        tags: ['clients'],
        summary: 'Bring another practitioner into relationship with the client, or make one primary',
        params: idParams,
        body: z.object({ practitionerId: uuid, kind: z.enum(['primary', 'additional']).default('additional') }),
        response: { 200: clientOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const access = await requireClientAccess(db, me.actor, request.params.id);
      if (access === 'supervision') throw forbidden('A supervisor cannot change who is in a client’s care team.');
      await addPractitioner(db, me.actor.practiceId, request.params.id, request.body.practitionerId, request.body.kind);
      await audit(db, request, me, { action: 'care_relationship.create', clientId: request.params.id, recordType: 'care_relationship', recordId: request.body.practitionerId });
      return { ...(await getClient(db, me.actor.practiceId, request.params.id)), access };
    },
  );

  app.delete(
    '/clients/:id/practitioners/:practitionerId',
    {
      schema: {
        operationId: 'removeClientPractitioner',
        tags: ['clients'],
        summary: 'End an additional practitioner’s relationship with the client',
        params: z.object({ id: uuid, practitionerId: uuid }),
        response: { 200: clientOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const access = await requireClientAccess(db, me.actor, request.params.id);
      if (access === 'supervision') throw forbidden('A supervisor cannot change who is in a client’s care team.');
      await removePractitioner(db, me.actor.practiceId, request.params.id, request.params.practitionerId);
      await audit(db, request, me, { action: 'care_relationship.delete', clientId: request.params.id, recordType: 'care_relationship', recordId: request.params.practitionerId });
      return { ...(await getClient(db, me.actor.practiceId, request.params.id)), access };
    },
  );
};
