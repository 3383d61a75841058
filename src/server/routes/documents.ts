import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { requireClientAccess } from '../../db/repos/access.js';
import { getProgressNote } from '../../db/repos/notes.js';
import { renderChapterSummaryPdf, renderPlanPdf, renderProgressNotePdf } from '../pdf/render.js';
import { chapterSummaryPdfInput, planPdfInput, progressNotePdfInput } from '../records/pdfInputs.js';
import { audit, safeFileName, staff } from '../guards.js';
import { errors, uuid } from './schemas.js';

const pdf = z.any().describe('application/pdf');

function sendPdf(reply: FastifyReply, buffer: Buffer, name: string) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${safeFileName(name)}.pdf"`)
    .header('cache-control', 'no-store')
    .send(buffer);
}

/** PDFs for institutions: generated on the server, every download audited; never a relational note. */
export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  app.get(
    '/progress-notes/:noteId/pdf',
    {
      schema: {
        operationId: 'downloadProgressNotePdf',
        tags: ['documents'],
        summary: 'A signed progress note as PDF, with the practice header, signatures, addenda and page numbers',
        params: z.object({ noteId: uuid }),
        response: { 200: pdf, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const me = await staff(db, request);
      const note = await getProgressNote(db, me.actor, request.params.noteId);
      const buffer = await renderProgressNotePdf(await progressNotePdfInput(db, me.actor, note, me.user.displayName));
      await audit(db, request, me, { action: 'progress_note.pdf', clientId: note.clientId, recordType: 'progress_note', recordId: note.id });
      return sendPdf(reply, buffer, `progress-note-${note.facts?.date.slice(0, 10) ?? ''}`);
    },
  );

  app.get(
    '/clients/:id/chapters/:chapterId/plan/versions/:version/pdf',
    {
      schema: {
        operationId: 'downloadPlanVersionPdf',
        tags: ['documents'],
        summary: 'A treatment-plan version as PDF',
        params: z.object({ id: uuid, chapterId: uuid, version: z.coerce.number().int().min(1) }),
        response: { 200: pdf, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const me = await staff(db, request);
      await requireClientAccess(db, me.actor, request.params.id);
      const input = await planPdfInput(db, me.actor, request.params.id, request.params.chapterId, request.params.version, me.user.displayName);
      const buffer = await renderPlanPdf(input);
      await audit(db, request, me, { action: 'plan.pdf', clientId: request.params.id, recordType: 'treatment_plan', recordId: request.params.chapterId });
      return sendPdf(reply, buffer, `treatment-plan-chapter-${input.chapterNumber}-v${input.version}`);
    },
  );

  app.get(
    '/clients/:id/chapters/:chapterId/summary.pdf',
    {
      schema: {
        operationId: 'downloadChapterSummaryPdf',
        tags: ['documents'],
        summary: 'A chapter summary as PDF: every signed progress note, diagnoses, plan versions and the transition summary',
        params: z.object({ id: uuid, chapterId: uuid }),
        response: { 200: pdf, ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const me = await staff(db, request);
      await requireClientAccess(db, me.actor, request.params.id);
      const input = await chapterSummaryPdfInput(db, me.actor, request.params.id, request.params.chapterId, me.user.displayName);
      const buffer = await renderChapterSummaryPdf(input);
      await audit(db, request, me, { action: 'chapter.summary_pdf', clientId: request.params.id, recordType: 'chapter', recordId: request.params.chapterId });
      return sendPdf(reply, buffer, `chapter-${input.chapter.number}-summary`);
    },
  );
};
