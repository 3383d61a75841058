import { applySchedules } from '../../db/repos/measures.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireClientAccess } from '../../db/repos/access.js';
import { endChapter, getJourney, movePhase, openReturnChapter } from '../../db/repos/journey.js';
import { phaseSchema, transitionSummarySchema } from '../../domain/journey/phases.js';
import { forbidden } from '../../domain/shared/errors.js';
import { audit, staff } from '../guards.js';
import { errors, text, uuid } from './schemas.js';
import { sessionOut } from './sessionShape.js';

const chapterOut = z.object({
  id: z.string(),
  number: z.number(),
  phase: z.string(),
  openedAt: z.date(),
  openingNote: z.string(),
  previousChapterId: z.string().nullable(),
  endedAt: z.date().nullable(),
  whatWasLived: z.string().nullable(),
  whatRemainsOpen: z.string().nullable(),
  doorLeftOpen: z.string().nullable(),
  version: z.number(),
});
const moveOut = z.object({
  id: z.string(),
  fromPhase: z.string().nullable(),
  toPhase: z.string(),
  movedAt: z.date(),
  movedByName: z.string().nullable(),
  note: z.string(),
});
const chapterParams = z.object({ id: uuid, chapterId: uuid });

export const journeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  /** Journey changes belong to the people in care of the client and to admins, not to supervisors. */
  async function writer(request: Parameters<typeof staff>[1], clientId: string) {
    const me = await staff(db, request);
    const access = await requireClientAccess(db, me.actor, clientId);
    if (access === 'supervision') throw forbidden('A supervisor can read this journey but not change it.');
    return me;
  }

  app.get(
    '/clients/:id/journey',
    {
      schema: {
        operationId: 'getJourney',
        tags: ['journey'],
        summary: 'The client’s whole journey: chapters, phase moves and sessions',
        params: z.object({ id: uuid }),
        response: { 200: z.object({ chapters: z.array(chapterOut.extend({ moves: z.array(moveOut) })), sessions: z.array(sessionOut) }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      // The access check and the reads run together; if access fails, the reads are dropped unseen.
      const [, journey] = await Promise.all([requireClientAccess(db, me.actor, request.params.id), getJourney(db, me.actor, request.params.id)]);
      await audit(db, request, me, { action: 'journey.read', clientId: request.params.id, recordType: 'journey', recordId: request.params.id });
      return journey;
    },
  );

  app.post(
    '/clients/:id/chapters/:chapterId/moves',
    {
      schema: {
        operationId: 'moveChapterPhase',
        tags: ['journey'],
        summary: 'Move the chapter to another phase, forward or back, with an optional note',
        params: chapterParams,
        body: z.object({ to: phaseSchema, note: text(2000).default('') }),
        response: { 200: chapterOut, ...errors(400, 401, 403, 404, 409, 423) },
      },
    },
    async (request) => {
      const me = await writer(request, request.params.id);
      const chapter = await movePhase(db, me.actor, request.params.id, request.params.chapterId, request.body.to, request.body.note);
      await applySchedules(db, me.actor.practiceId, request.params.id, 'phase_changed', me.actor.userId);
      await audit(db, request, me, { action: 'chapter.move', clientId: request.params.id, recordType: 'chapter', recordId: chapter.id });
      return chapter;
    },
  );

  app.post(
    '/clients/:id/chapters/:chapterId/end',
    {
      schema: {
        operationId: 'endChapter',
        tags: ['journey'],
        summary: 'End a chapter with its transition summary: what was lived, what remains open, the door left open',
        params: chapterParams,
        body: transitionSummarySchema,
        response: { 200: chapterOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await writer(request, request.params.id);
      const chapter = await endChapter(db, me.actor, request.params.id, request.params.chapterId, request.body);
      await audit(db, request, me, { action: 'chapter.end', clientId: request.params.id, recordType: 'chapter', recordId: chapter.id });
      return chapter;
    },
  );

  app.post(
    '/clients/:id/chapters',
    {
      schema: {
        operationId: 'openReturnChapter',
        tags: ['journey'],
        summary: 'A return: open a new chapter linked to the last one (only when none is open)',
        params: z.object({ id: uuid }),
        body: z.object({ openingNote: text(2000).default('') }),
        response: { 201: chapterOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const me = await writer(request, request.params.id);
      const chapter = await openReturnChapter(db, me.actor, request.params.id, request.body.openingNote);
      await audit(db, request, me, { action: 'chapter.open', clientId: request.params.id, recordType: 'chapter', recordId: chapter.id });
      return reply.status(201).send(chapter);
    },
  );
};
