import { and, asc, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireClientAccess } from '../../db/repos/access.js';
import { practiceInstruments } from '../../db/repos/measures.js';
import { getPractice } from '../../db/repos/practice.js';
import { listClientSessions } from '../../db/repos/sessions.js';
import { auditLog, careRelationships, clients, outbox, practices, users } from '../../db/schema/index.js';
import { defaultCommonFactors, defaultForceMovements } from '../../domain/practice/defaults.js';
import { noteFormatSchema } from '../../domain/notes/format.js';
import { commonFactorsSchema, forceMovementsSchema, timezoneSchema } from '../../domain/practice/settings.js';
import { DomainError, invalid } from '../../domain/shared/errors.js';
import { verifyAuditChain } from '../audit/log.js';
import { admin, audit, signedIn, staff } from '../guards.js';
import { errors, text, uuid } from './schemas.js';

const promptOut = z.object({ key: z.string(), name: z.string(), prompt: z.string() });
const practiceOut = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timezone: z.string(),
  about: z.string(),
  crisisResources: z.string(),
  settings: z.object({
    idleTimeoutMinutes: z.number(),
    requireMfaForClinicians: z.boolean(),
    forceMovementsAreDefault: z.boolean(),
    commonFactorsAreDefault: z.boolean(),
    noteFormat: noteFormatSchema,
    unsignedNoteDays: z.number(),
    planReviewDays: z.number(),
    notOnTrackAfter: z.number(),
    measureChange: z.record(z.string(), z.object({ sd: z.number(), reliability: z.number() })),
  }),
  forceMovements: z.array(promptOut),
  commonFactors: z.array(promptOut),
  defaults: z.object({ forceMovements: z.array(promptOut), commonFactors: z.array(promptOut) }),
});

export const practiceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const withDefaults = async (practiceId: string) => ({
    ...(await getPractice(db, practiceId)),
    defaults: { forceMovements: defaultForceMovements, commonFactors: defaultCommonFactors },
  });
  const save = async (practiceId: string, set: Partial<typeof practices.$inferInsert>) => {
    await db.update(practices).set(set).where(eq(practices.practiceId, practiceId));
    return withDefaults(practiceId);
  };

  app.get(
    '/practice',
    { schema: { operationId: 'getPractice', tags: ['practice'], summary: 'The practice and its settings', response: { 200: practiceOut, ...errors(401) } } },
    async (request) => {
      const me = await staff(db, request);
      return withDefaults(me.actor.practiceId);
    },
  );

  app.patch(
    '/practice',
    {
      schema: {
        operationId: 'updatePractice',
        tags: ['practice'],
        summary: 'Edit the practice’s name, time zone, public text, crisis resources, time-out and two-factor rule',
        body: z.object({
          name: text(200).refine((s) => s.length > 0, 'cannot be empty').optional(),
          timezone: timezoneSchema.optional(),
          about: text(5000).optional(),
          crisisResources: text(5000).optional(),
          idleTimeoutMinutes: z.number().int().min(1, 'at least 1 minute').max(240, 'at most 240 minutes').optional(),
          requireMfaForClinicians: z.boolean().optional(),
          noteFormat: noteFormatSchema.optional(),
          unsignedNoteDays: z.number().int().min(1, 'at least 1 day').max(30, 'at most 30 days').optional(),
          planReviewDays: z.number().int().min(30, 'at least 30 days').max(365, 'at most 365 days').optional(),
        }),
        response: { 200: practiceOut, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      const current = await getPractice(db, me.actor.practiceId);
      const { idleTimeoutMinutes, requireMfaForClinicians, noteFormat, unsignedNoteDays, planReviewDays, ...rest } = request.body;
      const changed = { idleTimeoutMinutes, requireMfaForClinicians, noteFormat, unsignedNoteDays, planReviewDays };
      const settings = {
        ...current.settings,
        ...Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== undefined)),
      };
      await audit(db, request, me, { action: 'practice.update', clientId: null, recordType: 'practice', recordId: me.actor.practiceId });
      return save(me.actor.practiceId, { ...rest, settings });
    },
  );

  app.put(
    '/practice/measure-change',
    {
      schema: {
        operationId: 'setMeasureChange',
        tags: ['practice', 'measures'],
        summary: 'Set when a client counts as not on track, and the SD and reliability used for reliable change per instrument (instead of the published rule)',
        body: z.object({
          notOnTrackAfter: z.number().int('a whole number of scores').min(2, 'at least 2 scores').max(52, 'at most 52 scores'),
          instruments: z
            .array(
              z.object({
                instrumentKey: z.string().min(1).max(80),
                sd: z.number().positive('above 0').max(1000, 'at most 1000'),
                reliability: z.number().min(0, 'between 0 and 1').lt(1, 'below 1 (a reliability of 1 makes every change reliable)'),
              }),
            )
            .max(200),
        }),
        response: { 200: practiceOut, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      const current = await getPractice(db, me.actor.practiceId);
      const known = new Map((await practiceInstruments(db, me.actor.practiceId)).map((i) => [i.definition.questionnaire.id, i.definition.questionnaire.title ?? i.definition.questionnaire.id]));
      const measureChange: Record<string, { sd: number; reliability: number }> = {};
      for (const [index, { instrumentKey, sd, reliability }] of request.body.instruments.entries()) {
        if (!known.has(instrumentKey)) throw invalid(`There is no instrument “${instrumentKey}” in this practice.`, { [`instruments.${index}.instrumentKey`]: 'not an instrument of this practice' });
        if (measureChange[instrumentKey]) throw invalid(`${known.get(instrumentKey)} is listed twice.`, { [`instruments.${index}.instrumentKey`]: 'listed twice' });
        measureChange[instrumentKey] = { sd, reliability };
      }
      await audit(db, request, me, { action: 'practice.measure_change', clientId: null, recordType: 'practice', recordId: me.actor.practiceId });
      return save(me.actor.practiceId, { settings: { ...current.settings, notOnTrackAfter: request.body.notOnTrackAfter, measureChange } });
    },
  );

  app.put(
    '/practice/force-movements',
    {
      schema: {
        operationId: 'setForceMovements',
        tags: ['practice'],
        summary: 'Write the practice’s five FORCE movements (name and prompt each, in order)',
        body: z.object({ movements: forceMovementsSchema }),
        response: { 200: practiceOut, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      const current = await getPractice(db, me.actor.practiceId);
      await audit(db, request, me, { action: 'practice.force_movements', clientId: null, recordType: 'practice', recordId: me.actor.practiceId });
      return save(me.actor.practiceId, { forceMovements: request.body.movements, settings: { ...current.settings, forceMovementsAreDefault: false } });
    },
  );

  app.put(
    '/practice/common-factors',
    {
      schema: {
        operationId: 'setCommonFactors',
        tags: ['practice'],
        summary: 'Write the practice’s eight common factors of connection',
        body: z.object({ factors: commonFactorsSchema }),
        response: { 200: practiceOut, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      const current = await getPractice(db, me.actor.practiceId);
      await audit(db, request, me, { action: 'practice.common_factors', clientId: null, recordType: 'practice', recordId: me.actor.practiceId });
      return save(me.actor.practiceId, { commonFactors: request.body.factors, settings: { ...current.settings, commonFactorsAreDefault: false } });
    },
  );

  for (const which of ['force-movements', 'common-factors'] as const) {
    app.post(
      `/practice/${which}/reset`,
      {
        schema: {
          operationId: which === 'force-movements' ? 'resetForceMovements' : 'resetCommonFactors',
          tags: ['practice'],
          summary: `Restore Liminal’s editable default ${which === 'force-movements' ? 'FORCE movements' : 'common factors'}`,
          response: { 200: practiceOut, ...errors(401, 403) },
        },
      },
      async (request) => {
        const me = await admin(db, request);
        const current = await getPractice(db, me.actor.practiceId);
        await audit(db, request, me, { action: `practice.${which}.reset`, clientId: null, recordType: 'practice', recordId: me.actor.practiceId });
        return which === 'force-movements'
          ? save(me.actor.practiceId, { forceMovements: defaultForceMovements, settings: { ...current.settings, forceMovementsAreDefault: true } })
          : save(me.actor.practiceId, { commonFactors: defaultCommonFactors, settings: { ...current.settings, commonFactorsAreDefault: true } });
      },
    );
  }

  app.get(
    '/outbox',
    {
      schema: {
        operationId: 'listOutbox',
        tags: ['outbox'],
        summary: 'Outgoing messages, newest first (no mail server yet: copy them from here)',
        response: { 200: z.array(z.object({ id: z.string(), toAddress: z.string(), subject: z.string(), body: z.string(), kind: z.string(), createdAt: z.date() })), ...errors(401, 403) },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      return db
        .select({ id: outbox.id, toAddress: outbox.toAddress, subject: outbox.subject, body: outbox.body, kind: outbox.kind, createdAt: outbox.createdAt })
        .from(outbox)
        .where(eq(outbox.practiceId, me.actor.practiceId))
        .orderBy(desc(outbox.createdAt))
        .limit(500);
    },
  );

  const actor = alias(users, 'actor');
  app.get(
    '/audit',
    {
      schema: {
        operationId: 'listAudit',
        tags: ['audit'],
        summary: 'Who read and wrote what, filtered by period, person and client',
        querystring: z.object({
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          actorId: uuid.optional(),
          clientId: uuid.optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            rows: z.array(
              z.object({
                seq: z.number(),
                at: z.date(),
                actorId: z.string().nullable(),
                actorName: z.string().nullable(),
                actorRole: z.string(),
                action: z.string(),
                clientId: z.string().nullable(),
                clientName: z.string().nullable(),
                recordType: z.string(),
                recordId: z.string().nullable(),
                ip: z.string(),
              }),
            ),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      const q = request.query;
      const where: SQL[] = [eq(auditLog.practiceId, me.actor.practiceId)];
      if (q.from) where.push(gte(auditLog.at, q.from));
      if (q.to) where.push(lt(auditLog.at, q.to));
      if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
      if (q.clientId) where.push(eq(auditLog.clientId, q.clientId));
      const filter = and(...where);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            seq: auditLog.seq,
            at: auditLog.at,
            actorId: auditLog.actorId,
            actorName: actor.displayName,
            actorRole: auditLog.actorRole,
            action: auditLog.action,
            clientId: auditLog.clientId,
            clientName: clients.name,
            recordType: auditLog.recordType,
            recordId: auditLog.recordId,
            ip: auditLog.ip,
          })
          .from(auditLog)
          .leftJoin(actor, and(eq(actor.practiceId, auditLog.practiceId), eq(actor.id, auditLog.actorId)))
          .leftJoin(clients, and(eq(clients.practiceId, auditLog.practiceId), eq(clients.id, auditLog.clientId)))
          .where(filter)
          .orderBy(desc(auditLog.seq))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(auditLog).where(filter),
      ]);
      return { rows, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        operationId: 'verifyAudit',
        tags: ['audit'],
        summary: 'Re-compute the audit chain and report the first broken link',
        response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBrokenSeq: z.number().nullable(), message: z.string() }), ...errors(401, 403) },
      },
    },
    async (request) => {
      const me = await admin(db, request);
      return verifyAuditChain(db, me.actor.practiceId);
    },
  );

  app.get(
    '/portal',
    {
      schema: {
        operationId: 'getPortal',
        tags: ['portal'],
        summary: 'What a client sees: their practitioners, upcoming sessions and crisis resources',
        response: {
          200: z.object({
            client: z.object({ id: z.string(), name: z.string(), pronouns: z.string() }),
            practitioners: z.array(z.object({ displayName: z.string(), pronouns: z.string(), credentials: z.string() })),
            upcoming: z.array(z.object({ id: z.string(), startsAt: z.date(), minutes: z.number(), format: z.string(), modality: z.string(), practitionerName: z.string() })),
            crisisResources: z.string(),
          }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const me = await signedIn(db, request);
      const clientId = me.actor.clientId;
      if (!me.actor.roles.includes('client') || !clientId) throw new DomainError('not_found', 'The portal is for client accounts.');
      await requireClientAccess(db, me.actor, clientId);
      const [client] = await db.select({ id: clients.id, name: clients.name, pronouns: clients.pronouns }).from(clients).where(and(eq(clients.practiceId, me.actor.practiceId), eq(clients.id, clientId)));
      if (!client) throw new DomainError('not_found', 'Your record was not found.');
      const practitioners = await db
        .select({ displayName: users.displayName, pronouns: users.pronouns, credentials: users.credentials })
        .from(careRelationships)
        .innerJoin(users, and(eq(users.practiceId, careRelationships.practiceId), eq(users.id, careRelationships.practitionerId)))
        .where(and(eq(careRelationships.practiceId, me.actor.practiceId), eq(careRelationships.clientId, clientId)))
        .orderBy(asc(users.displayName));
      const now = Date.now();
      const upcoming = (await listClientSessions(db, me.actor, clientId))
        .filter((s) => s.status === 'scheduled' && s.startsAt.getTime() >= now - 3600_000)
        .slice(0, 20);
      const practice = await getPractice(db, me.actor.practiceId);
      await audit(db, request, me, { action: 'portal.read', clientId, recordType: 'portal', recordId: clientId });
      return { client, practitioners, upcoming, crisisResources: practice.crisisResources };
    },
  );
};
