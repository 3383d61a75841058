import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireClientAccess } from '../../db/repos/access.js';
import { createInvite, listInvites, revokeInvite } from '../../db/repos/invites.js';
import { listPeople, listPractitioners } from '../../db/repos/people.js';
import { supervisions, users } from '../../db/schema/index.js';
import { checkRoleSet, roleSchema } from '../../domain/people/roles.js';
import { invalid, notFound } from '../../domain/shared/errors.js';
import { endSessionsOf } from '../auth/session.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import { admin, audit, staff } from '../guards.js';
import { errors, idParams, ok, requiredText, text, uuid } from './schemas.js';

const personOut = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  pronouns: z.string(),
  credentials: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  supervisorIds: z.array(z.string()),
  clientId: z.string().nullable(),
});

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const db = database.db;
  const personById = async (practiceId: string, id: string) => {
    const person = (await listPeople(db, practiceId)).find((p) => p.id === id);
    if (!person) throw notFound('That person');
    return person;
  };

  app.get(
    '/people',
    { schema: { operationId: 'listPeople', tags: ['people'], summary: 'Everyone with an account at the practice', response: { 200: z.array(personOut), ...errors(401, 403) } } },
    async (request) => {
      const me = await admin(db, request);
      return listPeople(db, me.actor.practiceId);
    },
  );

  app.get(
    '/practitioners',
    {
      schema: {
        operationId: 'listPractitioners',
        tags: ['people'],
        summary: 'The practice’s clinicians, for choosing',
        response: {
          200: z.array(z.object({ id: z.string(), displayName: z.string(), pronouns: z.string(), credentials: z.string(), roles: z.array(z.string()), supervisorIds: z.array(z.string()) })),
          ...errors(401),
        },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      return listPractitioners(db, me.actor.practiceId);
    },
  );

  app.post(
    '/people/invites',
    {
      schema: {
        operationId: 'invitePerson',
        tags: ['people'],
        summary: 'Invite someone: a link to copy (also placed in the outbox)',
        body: z.object({
          email: z.email({ error: 'give a valid email address' }).max(320),
          displayName: requiredText(200, 'The name'),
          roles: z.array(roleSchema).min(1, 'choose at least one role').max(5),
          clientId: uuid.optional(),
        }),
        response: { 201: z.object({ id: z.string(), inviteUrl: z.string(), expiresAt: z.date() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const me = await admin(db, request);
      const roles = [...new Set(request.body.roles)];
      const problem = checkRoleSet(roles);
      if (problem) throw invalid(problem, { roles: problem });
      const isClient = roles.includes('client');
      if (isClient && !request.body.clientId) throw invalid('Choose the client record this portal account belongs to.', { clientId: 'Required for a client.' });
      if (!isClient && request.body.clientId) throw invalid('Only a client account is linked to a client record.');
      if (request.body.clientId) await requireClientAccess(db, me.actor, request.body.clientId);
      const token = newToken();
      const link = `${config.publicUrl}/invite/${me.actor.practiceId}.${token}`;
      const row = await createInvite(db, me.actor.practiceId, {
        email: request.body.email,
        displayName: request.body.displayName,
        roles,
        clientId: request.body.clientId ?? null,
        invitedBy: me.actor.userId,
        tokenHash: tokenHash(token),
        link,
        practiceName: me.practice.name,
      });
      await audit(db, request, me, { action: 'invite.create', clientId: request.body.clientId ?? null, recordType: 'invite', recordId: row.id });
      return reply.status(201).send({ id: row.id, inviteUrl: link, expiresAt: row.expiresAt });
    },
  );

  app.get(
    '/people/invites',
    {
      schema: {
        operationId: 'listInvites',
        tags: ['people'],
        summary: 'Invites sent, open and used',
        response: {
          200: z.array(
            z.object({ id: z.string(), email: z.string(), displayName: z.string(), roles: z.array(z.string()), createdAt: z.date(), expiresAt: z.date(), acceptedAt: z.date().nullable(), revokedAt: z.date().nullable() }),
          ),
          ...errors(401, 403),
        },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      return listInvites(db, me.actor.practiceId);
    },
  );

  app.delete(
    '/people/invites/:id',
    { schema: { operationId: 'revokeInvite', tags: ['people'], summary: 'Revoke an open invite', params: idParams, response: { 200: ok, ...errors(401, 403, 404) } } },
    async (request) => {
      const me = await admin(db, request);
      await revokeInvite(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'invite.revoke', clientId: null, recordType: 'invite', recordId: request.params.id });
      return { ok: true as const };
    },
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        operationId: 'updatePerson',
        tags: ['people'],
        summary: 'Change a person’s roles, credentials, or switch the account off',
        params: idParams,
        body: z.object({ roles: z.array(roleSchema).min(1).max(5).optional(), active: z.boolean().optional(), credentials: text(200).optional() }),
        response: { 200: personOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      const person = await personById(me.actor.practiceId, request.params.id);
      const roles = request.body.roles ? [...new Set(request.body.roles)] : undefined;
      if (roles) {
        const problem = checkRoleSet(roles);
        if (problem) throw invalid(problem, { roles: problem });
        if (person.roles.includes('client') !== roles.includes('client')) throw invalid('A client account cannot become a staff account, or the other way round. Invite them again instead.');
      }
      if (person.id === me.actor.userId && (request.body.active === false || (roles && !roles.includes('practice_admin')))) {
        throw invalid('You cannot remove your own admin role or switch off your own account; ask another admin.');
      }
      await db
        .update(users)
        .set({ ...(roles ? { roles } : {}), ...(request.body.active !== undefined ? { active: request.body.active } : {}), ...(request.body.credentials !== undefined ? { credentials: request.body.credentials } : {}) })
        .where(and(eq(users.practiceId, me.actor.practiceId), eq(users.id, person.id)));
      if (request.body.active === false) await endSessionsOf(db, me.actor.practiceId, person.id);
      await audit(db, request, me, { action: 'user.update', clientId: null, recordType: 'user', recordId: person.id });
      return personById(me.actor.practiceId, person.id);
    },
  );

  app.put(
    '/people/:id/supervisors',
    {
      schema: {
        operationId: 'setSupervisors',
        tags: ['people'],
        summary: 'Set who supervises this person (supervisors see an associate’s clients)',
        params: idParams,
        body: z.object({ supervisorIds: z.array(uuid).max(10) }),
        response: { 200: personOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      const person = await personById(me.actor.practiceId, request.params.id);
      const people = await listPeople(db, me.actor.practiceId);
      for (const id of request.body.supervisorIds) {
        const sup = people.find((p) => p.id === id);
        if (!sup || !sup.roles.includes('supervisor')) throw invalid('Choose people who hold the supervisor role.', { supervisorIds: 'Not a supervisor.' });
        if (id === person.id) throw invalid('Nobody supervises themselves.');
      }
      await db.transaction(async (tx) => {
        await tx.delete(supervisions).where(and(eq(supervisions.practiceId, me.actor.practiceId), eq(supervisions.superviseeId, person.id)));
        if (request.body.supervisorIds.length) {
          await tx.insert(supervisions).values([...new Set(request.body.supervisorIds)].map((supervisorId) => ({ practiceId: me.actor.practiceId, supervisorId, superviseeId: person.id })));
        }
      });
      await audit(db, request, me, { action: 'supervision.update', clientId: null, recordType: 'user', recordId: person.id });
      return personById(me.actor.practiceId, person.id);
    },
  );
};
