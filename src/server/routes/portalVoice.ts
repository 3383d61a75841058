import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acknowledgePlan, addNoteComment, portalNotes, portalPlan, portalSessions, saveReflection } from '../../db/repos/voice.js';
import { draftText } from '../../domain/shared/text.js';
import { unitKinds } from '../../domain/units/units.js';
import { audit, portalClient, signedIn } from '../guards.js';
import { idempotent } from '../idempotency.js';
import { portalNoteOut, portalPlanOut, reflectionOut } from './recordShapes.js';
import { errors, isoDate, requiredText, uuid } from './schemas.js';

/** The client's voice in the portal: shared notes and comments, reflections, the plan. */
export const portalVoiceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const client = (request: Parameters<typeof signedIn>[1]) => portalClient(db, request);

  app.get(
    '/portal/notes',
    {
      schema: {
        operationId: 'listPortalNotes',
        tags: ['portal'],
        summary: 'The notes my practitioner chose to share with me (open notes), with addenda and my comments',
        response: { 200: z.array(portalNoteOut), ...errors(401, 404) },
      },
    },
    async (request) => {
      const { me, clientId } = await client(request);
      const notes = await portalNotes(db, me.actor);
      await audit(db, request, me, { action: 'portal.notes.read', clientId, recordType: 'progress_note', recordId: null });
      return notes;
    },
  );

  app.post(
    '/portal/notes/:noteId/comments',
    {
      schema: {
        operationId: 'commentOnPortalNote',
        tags: ['portal'],
        summary: 'Add my comment to a note shared with me (the note itself is never changed)',
        params: z.object({ noteId: uuid }),
        body: z.object({ body: requiredText(4000, 'Your comment') }),
        response: { 200: portalNoteOut, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { me, clientId } = await client(request);
      const note = await idempotent(db, request, me, `portal.comment:${request.params.noteId}`, () => addNoteComment(db, me.actor, request.params.noteId, request.body.body));
      await audit(db, request, me, { action: 'portal.note.comment', clientId, recordType: 'progress_note', recordId: request.params.noteId });
      return note;
    },
  );

  app.get(
    '/portal/sessions',
    {
      schema: {
        operationId: 'listPortalSessions',
        tags: ['portal'],
        summary: 'My sessions that took place, newest first, with my reflection on each',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              startsAt: isoDate,
              minutes: z.number(),
              practitionerName: z.string(),
              /** A couple's, family's or group's session I came to. */
              unitName: z.string().nullable(),
              unitKind: z.enum(unitKinds).nullable(),
              reflection: z.object({ body: z.string(), version: z.number(), updatedAt: isoDate }).nullable(),
            }),
          ),
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const { me, clientId } = await client(request);
      const list = await portalSessions(db, me.actor);
      await audit(db, request, me, { action: 'portal.sessions.read', clientId, recordType: 'session', recordId: null });
      return list;
    },
  );

  app.put(
    '/portal/sessions/:id/reflection',
    {
      schema: {
        operationId: 'savePortalReflection',
        tags: ['portal'],
        summary: 'Write or edit my reflection on a session ("what stayed with me"); a stale version gets 409',
        params: z.object({ id: uuid }),
        body: z.object({ body: draftText(4000).refine((s) => s.trim().length > 0, 'Your reflection cannot be empty'), version: z.number().int().min(1).nullable() }),
        response: { 200: reflectionOut, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const { me, clientId } = await client(request);
      const run = () => saveReflection(db, me.actor, request.params.id, request.body);
      const saved = request.body.version === null ? await idempotent(db, request, me, `portal.reflection:${request.params.id}`, run) : await run();
      await audit(db, request, me, { action: 'portal.reflection.save', clientId, recordType: 'session', recordId: request.params.id });
      return saved;
    },
  );

  app.get(
    '/portal/plan',
    {
      schema: {
        operationId: 'getPortalPlan',
        tags: ['portal'],
        summary: 'My current plan, in plain words, and whether I have acknowledged this version',
        response: { 200: z.object({ plan: portalPlanOut.nullable() }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const { me, clientId } = await client(request);
      const plan = await portalPlan(db, me.actor);
      await audit(db, request, me, { action: 'portal.plan.read', clientId, recordType: 'treatment_plan', recordId: plan?.planId ?? null });
      return { plan };
    },
  );

  app.post(
    '/portal/plan/acknowledge',
    {
      schema: {
        operationId: 'acknowledgePortalPlan',
        tags: ['portal'],
        summary: 'Acknowledge that I have read this version of my plan, with my name; the time is recorded',
        body: z.object({ planId: uuid, version: z.number().int().min(1), name: requiredText(200, 'Your name') }),
        response: { 200: z.object({ plan: portalPlanOut.nullable() }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const { me, clientId } = await client(request);
      const plan = await acknowledgePlan(db, me.actor, request.body);
      await audit(db, request, me, { action: 'portal.plan.acknowledge', clientId, recordType: 'treatment_plan', recordId: request.body.planId });
      return { plan };
    },
  );
};
