import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addAddendum,
  cosignQueue,
  decideCosign,
  getProgressNote,
  listClientNotes,
  localDay,
  notesTodo,
  progressNoteForSession,
  saveProgressNote,
  setNoteSharing,
  signProgressNote,
} from '../../db/repos/notes.js';
import { openRiskAlerts } from '../../db/repos/measures.js';
import { plansDueReview } from '../../db/repos/plans.js';
import { getPractice } from '../../db/repos/practice.js';
import { mySupervisors, myRelationalNote, readRelationalNote, saveRelationalNote, sharedWithMe, shareForSupervision } from '../../db/repos/relational.js';
import { requireClientAccess } from '../../db/repos/access.js';
import { clientsOfSession } from '../../db/repos/sessions.js';
import { noteFormatSchema, progressFieldsSchema } from '../../domain/notes/format.js';
import { personSectionsSchema, riskSchema, serviceCodes, serviceCodeSchema } from '../../domain/notes/progress.js';
import { relationalFieldsSchema } from '../../domain/notes/relational.js';
import { audit, auditEach, staff } from '../guards.js';
import { idempotent } from '../idempotency.js';
import { factsOut, progressNoteOut, relationalNoteOut } from './recordShapes.js';
import { errors, idParams, isoDate, requiredText, uuid } from './schemas.js';

/** The clients whose record a progress note is in: its client, and on a unit's session each client who attended. */
const clientsOfNote = (note: { clientId: string; personSections: ReadonlyArray<{ clientId: string }> }): string[] => [
  note.clientId,
  ...note.personSections.map((p) => p.clientId),
];

const noteParams = z.object({ noteId: uuid });
const version = z.number().int().min(1);

export const noteRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  app.get(
    '/service-codes',
    {
      schema: {
        operationId: 'listServiceCodes',
        tags: ['notes'],
        summary: 'CPT-style service codes a progress note can carry (our own plain labels)',
        response: {
          200: z.array(z.object({ code: z.string(), label: z.string(), formats: z.array(z.string()), minMinutes: z.number().optional(), maxMinutes: z.number().optional() })),
          ...errors(401),
        },
      },
    },
    async (request) => {
      await staff(db, request);
      return serviceCodes.map((s) => ({ ...s, formats: [...s.formats] }));
    },
  );

  app.get(
    '/sessions/:id/progress-note',
    {
      schema: {
        operationId: 'getSessionProgressNote',
        tags: ['notes'],
        summary: 'The session’s progress note (or none yet), the session facts, the practice’s format and the client’s reflection',
        params: idParams,
        response: {
          200: z.object({
            note: progressNoteOut.nullable(),
            defaultFormat: z.string(),
            facts: factsOut,
            reflection: z.object({ body: z.string(), updatedAt: isoDate }).nullable(),
            /** Every reflection on the session: one per client who wrote one (several for a unit's session). */
            reflections: z.array(z.object({ clientId: z.string(), name: z.string(), body: z.string(), updatedAt: isoDate })),
            canWrite: z.boolean(),
          }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const { session, ...view } = await progressNoteForSession(db, me.actor, request.params.id);
      await auditEach(db, request, me, clientsOfSession(session), { action: 'progress_note.read', recordType: 'progress_note', recordId: view.note?.id ?? session.id });
      return view;
    },
  );

  app.put(
    '/sessions/:id/progress-note',
    {
      schema: {
        operationId: 'saveSessionProgressNote',
        tags: ['notes'],
        summary: 'Create (version null) or autosave the draft progress note; a stale version gets 409 with the saved copy',
        params: idParams,
        body: z.object({
          version: version.nullable(),
          format: noteFormatSchema,
          fields: progressFieldsSchema,
          risk: riskSchema,
          serviceCode: serviceCodeSchema.default(''),
          themeIds: z.array(uuid).max(50).default([]),
          personSections: personSectionsSchema,
        }),
        response: { 200: progressNoteOut, ...errors(400, 401, 403, 404, 409, 423) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const run = () => saveProgressNote(db, me.actor, request.params.id, request.body);
      const note = request.body.version === null ? await idempotent(db, request, me, `progress_note.create:${request.params.id}`, run) : await run();
      await auditEach(db, request, me, clientsOfNote(note), { action: 'progress_note.save', recordType: 'progress_note', recordId: note.id });
      return note;
    },
  );

  app.get(
    '/progress-notes/:noteId',
    {
      schema: { operationId: 'getProgressNote', tags: ['notes'], summary: 'One progress note', params: noteParams, response: { 200: progressNoteOut, ...errors(401, 404) } },
    },
    async (request) => {
      const me = await staff(db, request);
      const note = await getProgressNote(db, me.actor, request.params.noteId);
      await auditEach(db, request, me, clientsOfNote(note), { action: 'progress_note.read', recordType: 'progress_note', recordId: note.id });
      return note;
    },
  );

  app.post(
    '/progress-notes/:noteId/sign',
    {
      schema: {
        operationId: 'signProgressNote',
        tags: ['notes'],
        summary: 'Sign and lock the note (who, when, content hash); an associate’s note then waits for co-signature',
        params: noteParams,
        body: z.object({ version }),
        response: { 200: progressNoteOut, ...errors(400, 401, 403, 404, 409, 423) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const note = await idempotent(db, request, me, `progress_note.sign:${request.params.noteId}`, () =>
        signProgressNote(db, me.actor, request.params.noteId, request.body.version),
      );
      await auditEach(db, request, me, clientsOfNote(note), { action: 'progress_note.sign', recordType: 'progress_note', recordId: note.id });
      return note;
    },
  );

  app.post(
    '/progress-notes/:noteId/addenda',
    {
      schema: {
        operationId: 'addProgressNoteAddendum',
        tags: ['notes'],
        summary: 'Add a signed addendum to a signed note; the original stays as it was',
        params: noteParams,
        body: z.object({ body: requiredText(10_000, 'The addendum') }),
        response: { 200: progressNoteOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const note = await idempotent(db, request, me, `progress_note.addendum:${request.params.noteId}`, () =>
        addAddendum(db, me.actor, request.params.noteId, request.body.body),
      );
      await auditEach(db, request, me, clientsOfNote(note), { action: 'progress_note.addendum', recordType: 'progress_note', recordId: note.id });
      return note;
    },
  );

  app.post(
    '/progress-notes/:noteId/cosign',
    {
      schema: {
        operationId: 'cosignProgressNote',
        tags: ['notes'],
        summary: 'The supervisor co-signs an associate’s signed note',
        params: noteParams,
        response: { 200: progressNoteOut, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const note = await decideCosign(db, me.actor, request.params.noteId, { kind: 'cosign' });
      await auditEach(db, request, me, clientsOfNote(note), { action: 'progress_note.cosign', recordType: 'progress_note', recordId: note.id });
      return note;
    },
  );

  app.post(
    '/progress-notes/:noteId/return',
    {
      schema: {
        operationId: 'returnProgressNote',
        tags: ['notes'],
        summary: 'The supervisor returns an associate’s note to draft with a comment',
        params: noteParams,
        body: z.object({ comment: requiredText(5000, 'The comment') }),
        response: { 200: progressNoteOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const note = await decideCosign(db, me.actor, request.params.noteId, { kind: 'return', comment: request.body.comment });
      await auditEach(db, request, me, clientsOfNote(note), { action: 'progress_note.return', recordType: 'progress_note', recordId: note.id });
      return note;
    },
  );

  app.put(
    '/progress-notes/:noteId/sharing',
    {
      schema: {
        operationId: 'shareProgressNoteWithClient',
        tags: ['notes'],
        summary:
          'Open notes: share a signed note with the client in their portal, or stop sharing. A unit’s note: `shared` is the common part, for everyone who came; `sections` the clients whose own section they see',
        params: noteParams,
        body: z.object({ shared: z.boolean(), sections: z.array(uuid).max(40).optional() }),
        response: { 200: progressNoteOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const note = await setNoteSharing(db, me.actor, request.params.noteId, request.body.shared, request.body.sections);
      await auditEach(db, request, me, clientsOfNote(note), { action: request.body.shared ? 'progress_note.share' : 'progress_note.unshare', recordType: 'progress_note', recordId: note.id });
      return note;
    },
  );

  app.get(
    '/clients/:id/progress-notes',
    {
      schema: {
        operationId: 'listClientProgressNotes',
        tags: ['notes'],
        summary: 'Every progress note of the client, newest session first',
        params: idParams,
        response: { 200: z.array(progressNoteOut), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      await requireClientAccess(db, me.actor, request.params.id);
      const notes = await listClientNotes(db, me.actor, request.params.id);
      await audit(db, request, me, { action: 'progress_note.list', clientId: request.params.id, recordType: 'progress_note', recordId: null });
      return notes;
    },
  );

  const queueItem = z.object({
    noteId: z.string(),
    sessionId: z.string(),
    clientId: z.string(),
    clientName: z.string(),
    /** The couple, family or group, for a unit's session; the list names it rather than one of its clients. */
    unitName: z.string().nullable(),
    authorName: z.string(),
    sessionStartsAt: isoDate,
    signedAt: isoDate.nullable(),
  });

  app.get(
    '/cosign-queue',
    {
      schema: {
        operationId: 'listCosignQueue',
        tags: ['notes'],
        summary: 'Notes of the associates I supervise waiting for my co-signature',
        response: { 200: z.array(queueItem), ...errors(401) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const queue = await cosignQueue(db, me.actor);
      await audit(db, request, me, { action: 'cosign_queue.read', clientId: null, recordType: 'progress_note', recordId: null });
      return queue;
    },
  );

  app.get(
    '/todo',
    {
      schema: {
        operationId: 'getTodo',
        tags: ['notes'],
        summary: 'My documentation to-do list: unsigned notes, held sessions without a note, returned notes, the co-sign queue, plan reviews due',
        response: {
          200: z.object({
            unsignedNotes: z.array(z.object({ noteId: z.string(), sessionId: z.string(), clientId: z.string(), clientName: z.string(), unitName: z.string().nullable(), sessionStartsAt: isoDate, daysOld: z.number() })),
            sessionsWithoutNote: z.array(z.object({ sessionId: z.string(), clientId: z.string(), clientName: z.string(), unitName: z.string().nullable(), startsAt: isoDate })),
            returnedNotes: z.array(z.object({ noteId: z.string(), sessionId: z.string(), clientId: z.string(), clientName: z.string(), unitName: z.string().nullable(), comment: z.string() })),
            cosignQueue: z.array(queueItem),
            plansDueReview: z.array(z.object({ clientId: z.string(), clientName: z.string(), chapterId: z.string(), reviewDate: z.string() })),
            unsignedNoteDays: z.number(),
            riskAlerts: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), rules: z.array(z.string()), raisedAt: isoDate, instrumentKey: z.string(), total: z.number() })),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const practice = await getPractice(db, me.actor.practiceId);
      const todo = await notesTodo(db, me.actor);
      const plans = await plansDueReview(db, me.actor, localDay(new Date(), practice.timezone));
      await audit(db, request, me, { action: 'todo.read', clientId: null, recordType: 'todo', recordId: null });
      return { ...todo, plansDueReview: plans, riskAlerts: await openRiskAlerts(db, me.actor) };
    },
  );

  // Relational (process) notes: psychotherapy notes, author only.

  app.get(
    '/sessions/:id/relational-note',
    {
      schema: {
        operationId: 'getMyRelationalNote',
        tags: ['relational notes'],
        summary: 'My own relational (process) note for the session, if I wrote one; nobody else’s is ever answered here',
        params: idParams,
        response: { 200: z.object({ note: relationalNoteOut.nullable(), supervisors: z.array(z.object({ id: z.string(), displayName: z.string() })) }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const note = await myRelationalNote(db, me.actor, request.params.id);
      if (note) await audit(db, request, me, { action: 'relational_note.read', clientId: note.clientId, recordType: 'relational_note', recordId: note.id });
      return { note, supervisors: await mySupervisors(db, me.actor) };
    },
  );

  app.put(
    '/sessions/:id/relational-note',
    {
      schema: {
        operationId: 'saveMyRelationalNote',
        tags: ['relational notes'],
        summary: 'Create (version null) or autosave my relational note; a stale version gets 409 with the saved copy',
        params: idParams,
        body: z.object({ version: version.nullable(), fields: relationalFieldsSchema, themeIds: z.array(uuid).max(50).default([]) }),
        response: { 200: relationalNoteOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const run = () => saveRelationalNote(db, me.actor, request.params.id, request.body);
      const note = request.body.version === null ? await idempotent(db, request, me, `relational_note.create:${request.params.id}`, run) : await run();
      await audit(db, request, me, { action: 'relational_note.save', clientId: note.clientId, recordType: 'relational_note', recordId: note.id });
      return note;
    },
  );

  app.put(
    '/relational-notes/:noteId/supervision',
    {
      schema: {
        operationId: 'shareRelationalNoteForSupervision',
        tags: ['relational notes'],
        summary: 'Share my relational note with one of my supervisors for supervision (null stops sharing)',
        params: noteParams,
        body: z.object({ supervisorId: uuid.nullable() }),
        response: { 200: relationalNoteOut, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const note = await shareForSupervision(db, me.actor, request.params.noteId, request.body.supervisorId);
      await audit(db, request, me, {
        action: request.body.supervisorId ? 'relational_note.share_for_supervision' : 'relational_note.unshare',
        clientId: note.clientId,
        recordType: 'relational_note',
        recordId: note.id,
      });
      return note;
    },
  );

  app.get(
    '/supervision/relational-notes',
    {
      schema: {
        operationId: 'listRelationalNotesSharedWithMe',
        tags: ['relational notes'],
        summary: 'Relational notes supervisees shared with me for supervision (who and when; the client by initials)',
        response: {
          200: z.array(z.object({ noteId: z.string(), authorName: z.string(), clientInitials: z.string(), sessionStartsAt: isoDate, sharedAt: isoDate.nullable() })),
          ...errors(401),
        },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const list = await sharedWithMe(db, me.actor);
      await audit(db, request, me, { action: 'relational_note.list_shared', clientId: null, recordType: 'relational_note', recordId: null });
      return list;
    },
  );

  app.get(
    '/relational-notes/:noteId',
    {
      schema: {
        operationId: 'getRelationalNote',
        tags: ['relational notes'],
        summary: 'One relational note: for its author, or the supervisor it is shared with (that read is logged)',
        params: noteParams,
        response: { 200: relationalNoteOut, ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const { note, asSupervisor } = await readRelationalNote(db, me.actor, request.params.noteId);
      await audit(db, request, me, {
        action: asSupervisor ? 'relational_note.read_in_supervision' : 'relational_note.read',
        clientId: note.clientId,
        recordType: 'relational_note',
        recordId: note.id,
      });
      return note;
    },
  );
};
