import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDiagnosis, listDiagnoses, updateDiagnosis } from '../../db/repos/diagnoses.js';
import { getPlan, publishPlanVersion, savePlanDraft } from '../../db/repos/plans.js';
import { createTheme, listThemes, setThemeStage } from '../../db/repos/themes.js';
import { searchIcd10 } from '../../domain/diagnosis/icd10.js';
import { planContentSchema, planDaySchema } from '../../domain/plans/plan.js';
import { themeStageSchema } from '../../domain/themes/arc.js';
import { audit, inCareOf, readerOf, staff } from '../guards.js';
import { idempotent } from '../idempotency.js';
import { diagnosisOut, planOut, themeOut } from './recordShapes.js';
import { errors, idParams, requiredText, text, uuid } from './schemas.js';

const chapterParams = z.object({ id: uuid, chapterId: uuid });

export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  /** Clinical writing (diagnoses, plans, themes) belongs to the practitioners in the client’s care. */
  const clinician = (request: Parameters<typeof staff>[1], clientId: string) => inCareOf(db, request, clientId, 'Only the practitioners in this client’s care can change their clinical record.');
  const reader = (request: Parameters<typeof staff>[1], clientId: string) => readerOf(db, request, clientId);

  // Themes and the emergence view.

  app.get(
    '/clients/:id/themes',
    {
      schema: {
        operationId: 'listClientThemes',
        tags: ['emergence'],
        summary: 'The emergence view: every theme, when it first appeared, the sessions it returned in, its arc, and the plan’s goals beside them',
        params: idParams,
        response: {
          200: z.object({
            themes: z.array(themeOut),
            planGoals: z.array(z.object({ chapterId: z.string(), chapterNumber: z.number(), version: z.number(), goal: z.string() })),
          }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      const view = await listThemes(db, me.actor, request.params.id);
      await audit(db, request, me, { action: 'themes.read', clientId: request.params.id, recordType: 'theme', recordId: null });
      return view;
    },
  );

  app.post(
    '/clients/:id/themes',
    {
      schema: {
        operationId: 'createClientTheme',
        tags: ['emergence'],
        summary: 'Name a theme or pattern (201), or get the client’s existing theme of that name (200)',
        params: idParams,
        body: z.object({ name: requiredText(120, 'The theme’s name'), description: text(2000).default('') }),
        response: { 200: themeOut, 201: themeOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const me = await clinician(request, request.params.id);
      const { created, theme } = await createTheme(db, me.actor, request.params.id, request.body);
      if (created) await audit(db, request, me, { action: 'theme.create', clientId: request.params.id, recordType: 'theme', recordId: theme.id });
      return reply.status(created ? 201 : 200).send(theme);
    },
  );

  app.post(
    '/clients/:id/themes/:themeId/arc',
    {
      schema: {
        operationId: 'setThemeStage',
        tags: ['emergence'],
        summary: 'Move a theme along its arc (emerging, recurring, transforming, integrated), dated, with an optional note',
        params: z.object({ id: uuid, themeId: uuid }),
        body: z.object({ stage: themeStageSchema, note: text(2000).default('') }),
        response: { 200: themeOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await clinician(request, request.params.id);
      const theme = await setThemeStage(db, me.actor, request.params.id, request.params.themeId, request.body.stage, request.body.note);
      await audit(db, request, me, { action: 'theme.arc', clientId: request.params.id, recordType: 'theme', recordId: theme.id });
      return theme;
    },
  );

  // Diagnoses.

  app.get(
    '/icd10cm',
    {
      schema: {
        operationId: 'searchIcd10cm',
        tags: ['diagnoses'],
        summary: 'Search ICD-10-CM (FY2026 mental-health and psychosocial codes, including Z-codes) by code or words',
        querystring: z.object({ q: text(100).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) }),
        response: { 200: z.array(z.object({ code: z.string(), description: z.string(), billable: z.boolean() })), ...errors(400, 401) },
      },
    },
    async (request) => {
      await staff(db, request);
      return searchIcd10(request.query.q, request.query.limit);
    },
  );

  app.get(
    '/clients/:id/diagnoses',
    {
      schema: {
        operationId: 'listClientDiagnoses',
        tags: ['diagnoses'],
        summary: 'The client’s diagnoses, current and ended: the history stays visible',
        params: idParams,
        response: { 200: z.array(diagnosisOut), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      const list = await listDiagnoses(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'diagnoses.read', clientId: request.params.id, recordType: 'diagnosis', recordId: null });
      return list;
    },
  );

  app.post(
    '/clients/:id/diagnoses',
    {
      schema: {
        operationId: 'addClientDiagnosis',
        tags: ['diagnoses'],
        summary: 'Add a diagnosis (billable ICD-10-CM codes only) with its context narrative, primary flag and dates',
        params: idParams,
        body: z.object({
          code: z.string().trim().max(10),
          context: text(5000).default(''),
          primary: z.boolean().default(false),
          startsOn: planDaySchema,
          endsOn: planDaySchema.nullable().default(null),
        }),
        response: { 201: diagnosisOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const me = await clinician(request, request.params.id);
      const row = await idempotent(db, request, me, `diagnosis.create:${request.params.id}`, () => addDiagnosis(db, me.actor, request.params.id, request.body));
      await audit(db, request, me, { action: 'diagnosis.create', clientId: request.params.id, recordType: 'diagnosis', recordId: row.id });
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/clients/:id/diagnoses/:diagnosisId',
    {
      schema: {
        operationId: 'updateClientDiagnosis',
        tags: ['diagnoses'],
        summary: 'Edit a diagnosis’s context, primary flag or dates (end it by setting an end date); a stale version gets 409',
        params: z.object({ id: uuid, diagnosisId: uuid }),
        body: z.object({
          version: z.number().int().min(1),
          context: text(5000).optional(),
          primary: z.boolean().optional(),
          startsOn: planDaySchema.optional(),
          endsOn: planDaySchema.nullable().optional(),
        }),
        response: { 200: diagnosisOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await clinician(request, request.params.id);
      const row = await updateDiagnosis(db, me.actor, request.params.id, request.params.diagnosisId, request.body);
      await audit(db, request, me, { action: 'diagnosis.update', clientId: request.params.id, recordType: 'diagnosis', recordId: row.id });
      return row;
    },
  );

  // Treatment plans.

  app.get(
    '/clients/:id/chapters/:chapterId/plan',
    {
      schema: {
        operationId: 'getChapterPlan',
        tags: ['plans'],
        summary: 'The chapter’s treatment plan: the draft and every version with its changes and acknowledgements',
        params: chapterParams,
        response: { 200: z.object({ plan: planOut.nullable() }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      const plan = await getPlan(db, me.actor, request.params.id, request.params.chapterId);
      await audit(db, request, me, { action: 'plan.read', clientId: request.params.id, recordType: 'treatment_plan', recordId: plan?.id ?? request.params.chapterId });
      return { plan };
    },
  );

  app.put(
    '/clients/:id/chapters/:chapterId/plan/draft',
    {
      schema: {
        operationId: 'saveChapterPlanDraft',
        tags: ['plans'],
        summary: 'Create (draftVersion null) or autosave the plan draft; a stale version gets 409 with the saved copy',
        params: chapterParams,
        body: z.object({ draftVersion: z.number().int().min(1).nullable(), content: planContentSchema, reviewDate: planDaySchema.nullable().default(null) }),
        response: { 200: planOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await clinician(request, request.params.id);
      const run = () => savePlanDraft(db, me.actor, request.params.id, request.params.chapterId, request.body);
      const plan = request.body.draftVersion === null ? await idempotent(db, request, me, `plan.create:${request.params.chapterId}`, run) : await run();
      await audit(db, request, me, { action: 'plan.draft', clientId: request.params.id, recordType: 'treatment_plan', recordId: plan.id });
      return plan;
    },
  );

  app.post(
    '/clients/:id/chapters/:chapterId/plan/versions',
    {
      schema: {
        operationId: 'publishChapterPlanVersion',
        tags: ['plans'],
        summary: 'Save the draft as the next plan version (needs a review date), with its changes described in words',
        params: chapterParams,
        body: z.object({ draftVersion: z.number().int().min(1) }),
        response: { 200: planOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await clinician(request, request.params.id);
      const plan = await idempotent(db, request, me, `plan.publish:${request.params.chapterId}`, () =>
        publishPlanVersion(db, me.actor, request.params.id, request.params.chapterId, request.body.draftVersion),
      );
      await audit(db, request, me, { action: 'plan.publish', clientId: request.params.id, recordType: 'treatment_plan', recordId: plan.id });
      return plan;
    },
  );
};
