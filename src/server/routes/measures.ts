import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireClientAccess } from '../../db/repos/access.js';
import {
  acknowledgeRiskAlert,
  clientMeasures,
  createRequest,
  findInstrument,
  importInstrument,
  newLinkExpiry,
  openLink,
  openRiskAlerts,
  portalRequests,
  practiceInstruments,
  recordResponse,
  relationshipCheckins,
  responseForExport,
  applySchedules,
  listSchedules,
  setSchedule,
} from '../../db/repos/measures.js';
import { getPractice } from '../../db/repos/practice.js';
import { caseloadOutcomes } from '../../db/repos/outcomes.js';
import { visiblePractitionerIds } from '../../db/repos/access.js';
import { scoreResponse } from '../../domain/measures/score.js';
import { measureBundle } from '../fhir/measures.js';
import { isClientUser } from '../../domain/people/roles.js';
import { forbidden, invalid, notFound } from '../../domain/shared/errors.js';
import { newToken, splitScopedToken, tokenHash } from '../auth/tokens.js';
import { admin, audit, inCareOf, signedIn, staff } from '../guards.js';
import { idempotent } from '../idempotency.js';
import { errors, idParams, isoDate, requiredText, uuid } from './schemas.js';

const answers = z.record(z.string().max(40), z.number().finite()).refine((a) => Object.keys(a).length <= 200, 'too many answers');
const definitionOut = z.looseObject({ questionnaire: z.looseObject({ id: z.string() }), scoring: z.looseObject({}), citations: z.array(z.string()) });
const ruleHit = z.object({ key: z.string(), label: z.string(), source: z.string() });
const scoreOut = z.object({
  instrument: z.string(),
  version: z.string(),
  title: z.string(),
  total: z.number(),
  range: z.object({ min: z.number(), max: z.number() }),
  severity: z.object({ key: z.string(), label: z.string(), source: z.string() }),
  isCase: z.boolean().optional(),
  positiveScreen: z.boolean().optional(),
  risk: z.boolean(),
  riskRules: z.array(ruleHit),
  flags: z.array(ruleHit),
  subscales: z.record(z.string(), z.number()),
  answers: z.record(z.string(), z.number()),
});
const completedOut = z.object({ responseId: z.string(), score: scoreOut, alertRaised: z.boolean(), crisisResources: z.string().nullable() });
const requestOut = z.object({
  id: z.string(),
  clientId: z.string(),
  instrumentKey: z.string(),
  channel: z.string(),
  status: z.string(),
  expiresAt: isoDate.nullable(),
  createdAt: isoDate,
  completedAt: isoDate.nullable(),
});

const rateOut = z.number().nullable();
const outcomesOut = z.object({
  from: z.string(),
  to: z.string(),
  clients: z.number(),
  /** Clients whose scores were left out: no consent to the practice's outcome research today. */
  withoutResearchConsent: z.number(),
  measures: z.array(
    z.object({
      instrumentKey: z.string(),
      title: z.string(),
      higherIsBetter: z.boolean(),
      clients: z.number(),
      clientsWithChange: z.number(),
      averageChange: z.number().nullable(),
      reliableImprovementRate: rateOut,
      reliableDeteriorationRate: rateOut,
      rule: z.string().nullable(),
    }),
  ),
  nhsTalkingTherapies: z.object({
    pairedClients: z.number(),
    casesAtStart: z.number(),
    recoveryRate: rateOut,
    reliableRecoveryRate: rateOut,
    reliableImprovementRate: rateOut,
    reliableDeteriorationRate: rateOut,
    rule: z.string(),
  }),
  notOnTrack: z.array(z.object({ client: z.string(), instrumentKey: z.string(), reason: z.string(), rule: z.string() })),
  notOnTrackAfter: z.number(),
});

/** Measures: instruments, requests (portal, single-use link, in session), responses, risk alerts. */
export const measureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const db = database.db;

  const clinician = (request: Parameters<typeof staff>[1], clientId: string) => inCareOf(db, request, clientId, 'Only the practitioners in this client’s care give measures.');

  app.get(
    '/instruments',
    {
      schema: {
        operationId: 'listInstruments',
        tags: ['measures'],
        summary: 'The instruments this practice can give: the shipped, free ones and those it imported',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              version: z.string(),
              title: z.string(),
              source: z.string(),
              citations: z.array(z.string()),
              questions: z.number(),
              higherIsBetter: z.boolean(),
              reliableChange: z.object({ rule: z.string(), threshold: z.number().optional(), sd: z.number().optional(), reliability: z.number().optional() }).nullable(),
            }),
          ),
          ...errors(401),
        },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      return (await practiceInstruments(db, me.actor.practiceId)).map(({ definition, source }) => ({
        id: definition.questionnaire.id,
        version: String(definition.questionnaire.version ?? '1'),
        title: definition.questionnaire.title ?? definition.questionnaire.id,
        source,
        citations: definition.citations,
        questions: definition.scoring.total.items.length,
        higherIsBetter: definition.scoring.direction === 'higher-is-better',
        reliableChange: definition.scoring.reliableChange
          ? {
              rule: definition.scoring.reliableChange.source,
              ...(definition.scoring.reliableChange.threshold === undefined ? {} : { threshold: definition.scoring.reliableChange.threshold }),
              ...(definition.scoring.reliableChange.sd === undefined ? {} : { sd: definition.scoring.reliableChange.sd }),
              ...(definition.scoring.reliableChange.reliability === undefined ? {} : { reliability: definition.scoring.reliableChange.reliability }),
            }
          : null,
      }));
    },
  );

  app.get(
    '/instruments/:key',
    {
      schema: {
        operationId: 'getInstrument',
        tags: ['measures'],
        summary: 'One instrument’s definition: a FHIR Questionnaire with its scoring rules and sources',
        params: z.object({ key: z.string().max(80) }),
        response: { 200: definitionOut, ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      return findInstrument(db, me.actor.practiceId, request.params.key);
    },
  );

  app.post(
    '/instruments',
    {
      schema: {
        operationId: 'importInstrument',
        tags: ['measures'],
        summary: 'Import a licensed instrument the practice holds, as Questionnaire JSON with scoring rules; every problem is named',
        body: z.object({ definition: z.unknown() }),
        response: { 201: definitionOut, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const me = await admin(db, request);
      const definition = await importInstrument(db, me.actor, request.body.definition);
      await audit(db, request, me, { action: 'instrument.import', clientId: null, recordType: 'instrument', recordId: null });
      return reply.status(201).send(definition);
    },
  );

  app.post(
    '/clients/:id/measure-requests',
    {
      schema: {
        operationId: 'requestMeasure',
        tags: ['measures'],
        summary: 'Ask the client to complete a measure: in the portal, or through a single-use link that expires in 7 days',
        params: idParams,
        body: z.object({ instrumentKey: z.string().max(80), channel: z.enum(['portal', 'link']), sessionId: uuid.nullable().default(null) }),
        response: { 201: requestOut.extend({ title: z.string(), linkUrl: z.string().nullable() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const me = await clinician(request, request.params.id);
      const token = request.body.channel === 'link' ? newToken() : null;
      const made = await idempotent(db, request, me, `measure.request:${request.params.id}`, async () => {
        const row = await createRequest(db, me.actor, request.params.id, {
          instrumentKey: request.body.instrumentKey,
          channel: request.body.channel,
          sessionId: request.body.sessionId,
          tokenHash: token ? tokenHash(token) : null,
          expiresAt: token ? newLinkExpiry() : null,
        });
        // The link is shown once; only its hash is kept.
        return { ...row, linkUrl: token ? `${config.publicUrl}/m/${me.actor.practiceId}.${token}` : null };
      });
      await audit(db, request, me, { action: 'measure.request', clientId: request.params.id, recordType: 'measure_request', recordId: made.id });
      return reply.status(201).send(made);
    },
  );

  app.post(
    '/clients/:id/measures',
    {
      schema: {
        operationId: 'completeMeasureInSession',
        tags: ['measures'],
        summary: 'Complete a measure on the practitioner’s screen in session (the client answers, or the practitioner rates)',
        params: idParams,
        body: z.object({ instrumentKey: z.string().max(80), answers, ratedBy: z.enum(['client', 'practitioner']).default('client'), sessionId: uuid.nullable().default(null) }),
        response: { 201: completedOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const me = await clinician(request, request.params.id);
      const definition = await findInstrument(db, me.actor.practiceId, request.body.instrumentKey);
      const saved = await idempotent(db, request, me, `measure.complete:${request.params.id}`, async () => {
        const r = await recordResponse(db, {
          practiceId: me.actor.practiceId,
          clientId: request.params.id,
          definition,
          answers: request.body.answers,
          via: 'in_session',
          ratedBy: request.body.ratedBy,
          raterId: request.body.ratedBy === 'practitioner' ? me.actor.userId : null,
          sessionId: request.body.sessionId,
        });
        return { responseId: r.id, score: r.score, alertRaised: r.alertId !== null, crisisResources: r.score.risk ? (await getPractice(db, me.actor.practiceId)).crisisResources : null };
      });
      await audit(db, request, me, { action: 'measure.complete', clientId: request.params.id, recordType: 'measure_response', recordId: saved.responseId });
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/clients/:id/measures',
    {
      schema: {
        operationId: 'getClientMeasures',
        tags: ['measures'],
        summary: 'The client’s measures over time, with reliable change, clinical significance, NHS Talking Therapies outcome and not-on-track, each naming its rule',
        params: idParams,
        response: { 200: z.looseObject({ summaries: z.array(z.looseObject({ instrumentKey: z.string() })), openRequests: z.array(requestOut) }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      await requireClientAccess(db, me.actor, request.params.id);
      const view = await clientMeasures(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'measures.read', clientId: request.params.id, recordType: 'measure_response', recordId: null });
      return view;
    },
  );

  app.get(
    '/clients/:id/relationship-checkins',
    {
      schema: {
        operationId: 'listRelationshipCheckins',
        tags: ['measures'],
        summary: 'The client’s after-session relationship check-ins, oldest first, each with its session and its gentle flags (a low total, a drop against the client’s own recent ones)',
        params: idParams,
        response: {
          200: z.object({
            checkins: z.array(
              z.object({
                responseId: z.string(),
                sessionId: z.string().nullable(),
                completedAt: isoDate,
                total: z.number(),
                max: z.number(),
                low: z.boolean(),
                dropped: z.boolean(),
                rule: z.string(),
                items: z.array(z.object({ linkId: z.string(), text: z.string(), answer: z.number().nullable() })),
              }),
            ),
          }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      await requireClientAccess(db, me.actor, request.params.id);
      const checkins = await relationshipCheckins(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'measures.read', clientId: request.params.id, recordType: 'measure_response', recordId: null });
      return { checkins };
    },
  );

  app.get(
    '/clients/:id/measures/:responseId/fhir',
    {
      schema: {
        operationId: 'exportMeasureFhir',
        tags: ['measures'],
        summary: 'A completed measure as a FHIR R4 Bundle: the QuestionnaireResponse and its Observations, LOINC-coded where codes exist',
        params: z.object({ id: uuid, responseId: uuid }),
        response: { 200: z.looseObject({ resourceType: z.literal('Bundle') }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      await requireClientAccess(db, me.actor, request.params.id);
      const found = await responseForExport(db, me.actor.practiceId, request.params.id, request.params.responseId);
      const definition = await findInstrument(db, me.actor.practiceId, found.row.instrumentKey);
      const bundle = measureBundle({
        definition,
        answers: found.row.answers,
        score: scoreResponse(definition, found.row.answers),
        response: { id: found.row.id, completedAt: found.row.completedAt, via: found.row.via as 'portal' | 'link' | 'in_session', ratedBy: found.row.ratedBy as 'client' | 'practitioner' },
        patient: { id: found.row.clientId, display: found.clientName },
        author: found.rater ? { id: found.rater.id, display: found.rater.displayName } : undefined,
        fhirBase: `${config.publicUrl}/fhir`,
      });
      await audit(db, request, me, { action: 'measure.export_fhir', clientId: request.params.id, recordType: 'measure_response', recordId: found.row.id });
      return bundle as unknown as { resourceType: 'Bundle' };
    },
  );

  const scheduleOut = z.object({ id: z.string(), instrumentKey: z.string(), rule: z.string(), everyWeeks: z.number().nullable(), active: z.boolean(), version: z.number() });

  app.get(
    '/clients/:id/measure-schedules',
    {
      schema: {
        operationId: 'listMeasureSchedules',
        tags: ['measures'],
        summary: 'When this client is asked for each measure: every session, every n weeks, or at phase changes',
        params: idParams,
        response: { 200: z.array(scheduleOut), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      await requireClientAccess(db, me.actor, request.params.id);
      const list = await listSchedules(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'measure_schedules.read', clientId: request.params.id, recordType: 'measure_schedule', recordId: null });
      return list;
    },
  );

  app.put(
    '/clients/:id/measure-schedules',
    {
      schema: {
        operationId: 'setMeasureSchedule',
        tags: ['measures'],
        summary: 'Set or pause the schedule of one instrument for this client; requests then go to the portal when due',
        params: idParams,
        body: z.object({
          instrumentKey: z.string().max(80),
          rule: z.enum(['every_session', 'every_n_weeks', 'phase_change']),
          everyWeeks: z.number().int().min(1, 'at least every week').max(52, 'at most every 52 weeks').nullable().default(null),
          active: z.boolean().default(true),
        }),
        response: { 200: z.array(scheduleOut), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await clinician(request, request.params.id);
      const list = await setSchedule(db, me.actor, request.params.id, request.body);
      await audit(db, request, me, { action: 'measure_schedule.set', clientId: request.params.id, recordType: 'measure_schedule', recordId: null });
      // A schedule that is due now (every n weeks, never asked) asks at once.
      await applySchedules(db, me.actor.practiceId, request.params.id, 'time_passed', me.actor.userId);
      return list;
    },
  );

  app.get(
    '/outcomes',
    {
      schema: {
        operationId: 'getCaseloadOutcomes',
        tags: ['measures'],
        summary: 'Caseload outcomes for a period, de-identified: change by measure, reliable improvement and recovery rates, clients not on track',
        querystring: z.object({
          from: z.iso.datetime({ error: 'Use a date and time like 2026-01-01T00:00:00Z.' }),
          to: z.iso.datetime({ error: 'Use a date and time like 2026-12-31T00:00:00Z.' }),
          practitionerId: uuid.optional(),
        }),
        response: { 200: outcomesOut, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      if (!(from < to)) throw invalid('The period must end after it starts.', { to: 'after the start' });
      const visible = await visiblePractitionerIds(db, me.actor);
      const chosen = request.query.practitionerId;
      if (chosen && visible && !visible.includes(chosen)) throw notFound('That practitioner’s caseload');
      const practitionerIds = chosen ? [chosen] : visible;
      const report = await caseloadOutcomes(db, me.actor, { from, to, practitionerIds });
      await audit(db, request, me, { action: 'outcomes.read', clientId: null, recordType: 'outcomes', recordId: null });
      return report;
    },
  );

  app.get(
    '/risk-alerts',
    {
      schema: {
        operationId: 'listRiskAlerts',
        tags: ['measures'],
        summary: 'Risk alerts waiting to be acknowledged, for the clients I see',
        response: {
          200: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), rules: z.array(z.string()), raisedAt: isoDate, instrumentKey: z.string(), total: z.number() })),
          ...errors(401),
        },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const alerts = await openRiskAlerts(db, me.actor);
      await audit(db, request, me, { action: 'risk_alerts.read', clientId: null, recordType: 'risk_alert', recordId: null });
      return alerts;
    },
  );

  app.post(
    '/risk-alerts/:alertId/acknowledge',
    {
      schema: {
        operationId: 'acknowledgeRiskAlert',
        tags: ['measures'],
        summary: 'Acknowledge a risk alert with a note of what was done; the acknowledgement is audited',
        params: z.object({ alertId: uuid }),
        body: z.object({ note: requiredText(4000, 'The note') }),
        response: { 200: z.object({ id: z.string(), clientId: z.string(), acknowledgedAt: isoDate.nullable(), acknowledgedByName: z.string(), note: z.string() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const alerts = await openRiskAlerts(db, me.actor);
      const alert = alerts.find((a) => a.id === request.params.alertId);
      if (!alert) throw notFound('The alert');
      const access = await requireClientAccess(db, me.actor, alert.clientId);
      if (access !== 'care' && access !== 'supervision') throw forbidden('The clinicians in this client’s care acknowledge their alerts.');
      const done = await acknowledgeRiskAlert(db, me.actor, request.params.alertId, request.body.note);
      await audit(db, request, me, { action: 'risk_alert.acknowledge', clientId: done.clientId, recordType: 'risk_alert', recordId: done.id });
      return done;
    },
  );

  // The client's side: the portal and the single-use link.

  async function crisisFor(practiceId: string, risk: boolean) {
    return risk ? (await getPractice(db, practiceId)).crisisResources : null;
  }

  app.get(
    '/portal/measures',
    {
      schema: {
        operationId: 'listPortalMeasures',
        tags: ['portal'],
        summary: 'Questionnaires my practitioner asked me to complete',
        response: { 200: z.array(requestOut.extend({ definition: definitionOut })), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await signedIn(db, request);
      if (!isClientUser(me.actor.roles) || !me.actor.clientId) throw notFound('The portal');
      // Schedules that run on time (every n weeks) are checked when the client comes by.
      await applySchedules(db, me.actor.practiceId, me.actor.clientId, 'time_passed', null);
      return portalRequests(db, me.actor);
    },
  );

  app.post(
    '/portal/measures/:requestId',
    {
      schema: {
        operationId: 'completePortalMeasure',
        tags: ['portal'],
        summary: 'Send my answers to a questionnaire my practitioner asked for',
        params: z.object({ requestId: uuid }),
        body: z.object({ answers }),
        response: { 201: completedOut, ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const me = await signedIn(db, request);
      if (!isClientUser(me.actor.roles) || !me.actor.clientId) throw notFound('The portal');
      const open = (await portalRequests(db, me.actor)).find((r) => r.id === request.params.requestId);
      if (!open) throw notFound('That questionnaire');
      const r = await recordResponse(db, { practiceId: me.actor.practiceId, clientId: me.actor.clientId, definition: open.definition, answers: request.body.answers, via: 'portal', requestId: open.id });
      await audit(db, request, me, { action: 'portal.measure.complete', clientId: me.actor.clientId, recordType: 'measure_response', recordId: r.id });
      return reply.status(201).send({ responseId: r.id, score: r.score, alertRaised: r.alertId !== null, crisisResources: await crisisFor(me.actor.practiceId, r.score.risk) });
    },
  );

  const linkParams = z.object({ token: z.string().max(200) });
  async function link(token: string) {
    const parts = splitScopedToken(token);
    if (!parts) throw notFound('This link');
    const row = await openLink(db, parts.practiceId, tokenHash(parts.token));
    return { practiceId: parts.practiceId, row, definition: await findInstrument(db, parts.practiceId, row.instrumentKey) };
  }

  app.get(
    '/public/measure-links/:token',
    {
      schema: {
        operationId: 'openMeasureLink',
        tags: ['public'],
        summary: 'A single-use questionnaire link: the questions and the practice’s name, nothing else',
        params: linkParams,
        response: { 200: z.object({ practiceName: z.string(), expiresAt: isoDate.nullable(), definition: definitionOut }), ...errors(404, 409) },
      },
    },
    async (request) => {
      const { practiceId, row, definition } = await link(request.params.token);
      const practice = await getPractice(db, practiceId);
      return { practiceName: practice.name, expiresAt: row.expiresAt, definition };
    },
  );

  app.post(
    '/public/measure-links/:token',
    {
      schema: {
        operationId: 'completeMeasureLink',
        tags: ['public'],
        summary: 'Send the answers through a single-use link; a risk answer shows the practice’s crisis resources at once',
        params: linkParams,
        body: z.object({ answers }),
        response: { 201: z.object({ alertRaised: z.boolean(), crisisResources: z.string().nullable(), message: z.string() }), ...errors(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const { practiceId, row, definition } = await link(request.params.token);
      const r = await recordResponse(db, { practiceId, clientId: row.clientId, definition, answers: request.body.answers, via: 'link', requestId: row.id });
      await audit(db, request, null, { practiceId, action: 'link.measure.complete', clientId: row.clientId, recordType: 'measure_response', recordId: r.id });
      // Nothing but a thank-you and, where needed, where to find help now: no score, no record.
      return reply.status(201).send({
        alertRaised: r.alertId !== null,
        crisisResources: await crisisFor(practiceId, r.score.risk),
        message: 'Your answers have reached your practitioner.',
      });
    },
  );
};
