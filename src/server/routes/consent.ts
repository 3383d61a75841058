import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getDisclosure, listConsents, listDisclosures, recordConsent, recordDisclosure, releasable, revokeConsent } from '../../db/repos/consent.js';
import { clientName, getMapVersion } from '../../db/repos/maps.js';
import { categoryLabels, consentInputSchema, consentPurposes, consentVia, sharedCategories } from '../../domain/consent/consent.js';
import { mapToSvg } from '../../domain/maps/svg.js';
import { invalid } from '../../domain/shared/errors.js';
import { renderChapterSummaryPdf, renderPlanPdf } from '../pdf/render.js';
import { chapterSummaryPdfInput, planPdfInput } from '../records/pdfInputs.js';
import { audit, inCareOf, portalClient, readerOf, safeFileName, signedIn, staff } from '../guards.js';
import { errors, isoDate, text, uuid } from './schemas.js';

const person = z.object({ id: z.string(), name: z.string() });
const consentOut = z.object({
  id: z.string(),
  purpose: z.enum(consentPurposes),
  collaboratorName: z.string(),
  collaboratorRole: z.string(),
  categories: z.array(z.string()),
  scope: z.string(),
  givenOn: z.string(),
  expiresOn: z.string().nullable(),
  via: z.enum(consentVia),
  recordedBy: person.nullable(),
  recordedAt: isoDate,
  revokedAt: isoDate.nullable(),
  revokedBy: person.nullable(),
  revokedVia: z.string().nullable(),
  revocationNote: z.string(),
  status: z.enum(['active', 'expired', 'revoked', 'not_yet']),
});
const disclosureOut = z.object({
  id: z.string(),
  consentId: z.string(),
  category: z.string(),
  recordId: z.string(),
  recordLabel: z.string(),
  collaboratorName: z.string(),
  disclosedBy: person,
  disclosedAt: isoDate,
});
/** The client may revoke without a reason; staff revoking on the client's word write down what was said. */
const revokeBody = z.object({ note: text(1000).default('') });
const staffRevokeBody = z.object({ note: text(1000).refine((s) => s.length > 0, 'Write down what the client said, in a few words.') });
const consentParams = z.object({ id: uuid, consentId: uuid });

/**
 * Consent per person, and releases to collaborators under it. Practitioners in the client's care
 * record and revoke consents (on the client's word); the client gives and revokes their own in the
 * portal; what a consent does not cover is refused here, not only hidden in the page.
 */
export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  const clinician = (request: Parameters<typeof staff>[1], clientId: string) => inCareOf(db, request, clientId, 'Only the practitioners in this client’s care can record or revoke their consent, or release their record.');
  const reader = (request: Parameters<typeof staff>[1], clientId: string) => readerOf(db, request, clientId);
  const client = (request: Parameters<typeof signedIn>[1]) => portalClient(db, request);
  async function disclosuresOf(practiceId: string, clientId: string) {
    const labels = new Map((await releasable(db, practiceId, clientId)).map((r) => [`${r.category}|${r.recordId}`, r.label]));
    return (await listDisclosures(db, practiceId, clientId)).map((d) => ({
      id: d.id,
      consentId: d.consentId,
      category: d.category,
      recordId: d.recordId,
      recordLabel: labels.get(`${d.category}|${d.recordId}`) ?? categoryLabels[d.category],
      collaboratorName: d.collaboratorName,
      disclosedBy: { id: d.disclosedById, name: d.disclosedByName ?? '' },
      disclosedAt: d.disclosedAt,
    }));
  }

  app.get(
    '/clients/:id/consents',
    {
      schema: {
        operationId: 'listClientConsents',
        tags: ['consent'],
        summary: 'The client’s consents (treatment, sharing with named collaborators, outcome research), each with where it stands today, and every release made under them',
        params: z.object({ id: uuid }),
        response: { 200: z.object({ today: z.string(), consents: z.array(consentOut), disclosures: z.array(disclosureOut) }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      const list = await listConsents(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'consent.read', clientId: request.params.id, recordType: 'consent', recordId: null });
      return { ...list, disclosures: await disclosuresOf(me.actor.practiceId, request.params.id) };
    },
  );

  app.post(
    '/clients/:id/consents',
    {
      schema: {
        operationId: 'recordClientConsent',
        tags: ['consent'],
        summary: 'Record a consent the client gave in session or on paper',
        params: z.object({ id: uuid }),
        body: consentInputSchema.extend({ via: z.enum(['in_session', 'on_paper']) }),
        response: { 201: consentOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const me = await clinician(request, request.params.id);
      const { via, ...input } = request.body;
      const consent = await recordConsent(db, me.actor, request.params.id, input, via);
      await audit(db, request, me, { action: 'consent.record', clientId: request.params.id, recordType: 'consent', recordId: consent.id });
      return reply.status(201).send(consent);
    },
  );

  app.post(
    '/clients/:id/consents/:consentId/revoke',
    {
      schema: {
        operationId: 'revokeClientConsent',
        tags: ['consent'],
        summary: 'Revoke a consent on the client’s word, from now on (with a note of what they said)',
        params: consentParams,
        body: staffRevokeBody,
        response: { 200: consentOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const me = await clinician(request, request.params.id);
      const consent = await revokeConsent(db, me.actor, request.params.id, request.params.consentId, request.body.note, 'in_session');
      await audit(db, request, me, { action: 'consent.revoke', clientId: request.params.id, recordType: 'consent', recordId: consent.id });
      return consent;
    },
  );

  app.get(
    '/clients/:id/releasable',
    {
      schema: {
        operationId: 'listReleasableDocuments',
        tags: ['consent'],
        summary: 'The client’s documents that a sharing consent could cover: chapter summaries, plan versions, relational-map versions',
        params: z.object({ id: uuid }),
        response: { 200: z.object({ documents: z.array(z.object({ category: z.enum(sharedCategories), recordId: z.string(), label: z.string() })) }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const me = await reader(request, request.params.id);
      return { documents: await releasable(db, me.actor.practiceId, request.params.id) };
    },
  );

  app.post(
    '/clients/:id/disclosures',
    {
      schema: {
        operationId: 'releaseToCollaborator',
        tags: ['consent'],
        summary: 'Release one document to the collaborator a sharing consent names; refused (403) when the consent does not cover it. Recorded in the accounting of disclosures',
        params: z.object({ id: uuid }),
        body: z.object({ consentId: uuid, category: z.enum(sharedCategories), recordId: z.string().min(1).max(100) }),
        response: { 201: z.object({ disclosure: disclosureOut, downloadUrl: z.string() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const me = await clinician(request, request.params.id);
      const documents = await releasable(db, me.actor.practiceId, request.params.id);
      const document = documents.find((d) => d.category === request.body.category && d.recordId === request.body.recordId);
      if (!document) throw invalid('That document is not one of this client’s.', { recordId: 'Choose one of the client’s documents.' });
      const { disclosure } = await recordDisclosure(db, me.actor, request.params.id, request.body);
      await audit(db, request, me, { action: `disclosure.${request.body.category}`, clientId: request.params.id, recordType: 'disclosure', recordId: disclosure.id });
      return reply.status(201).send({
        disclosure: {
          id: disclosure.id,
          consentId: disclosure.consentId,
          category: disclosure.category,
          recordId: disclosure.recordId,
          recordLabel: document.label,
          collaboratorName: disclosure.collaboratorName,
          disclosedBy: { id: me.actor.userId, name: me.user.displayName },
          disclosedAt: disclosure.disclosedAt,
        },
        downloadUrl: `/api/clients/${request.params.id}/disclosures/${disclosure.id}/document`,
      });
    },
  );

  app.get(
    '/clients/:id/disclosures/:disclosureId/document',
    {
      schema: {
        operationId: 'downloadReleasedDocument',
        tags: ['consent'],
        summary: 'The document of a release, marked with whom it was released to and under which consent (download audited)',
        params: z.object({ id: uuid, disclosureId: uuid }),
        response: { 200: z.any().describe('application/pdf or image/svg+xml'), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      // Anyone who may see the client may read what was released (an admin answering for it, too).
      const me = await reader(request, request.params.id);
      const { d, consent } = await getDisclosure(db, me.actor.practiceId, request.params.id, request.params.disclosureId);
      const name = await clientName(db, me.actor.practiceId, request.params.id);
      const released = `Released to ${consent.collaboratorName}${consent.collaboratorRole ? ` (${consent.collaboratorRole})` : ''} by ${me.user.displayName}, under ${name}’s consent given ${consent.givenOn}`;
      await audit(db, request, me, { action: 'disclosure.download', clientId: request.params.id, recordType: 'disclosure', recordId: d.id });
      const attach = (body: Buffer | string, type: string, file: string) =>
        reply.header('content-type', type).header('content-disposition', `attachment; filename="${safeFileName(file)}"`).header('cache-control', 'no-store').send(body);
      if (d.category === 'chapter_summary') {
        const full = await chapterSummaryPdfInput(db, me.actor, request.params.id, d.recordId, me.user.displayName);
        // The relational map leaves only when the consent names it too.
        const withMap = consent.categories.includes('relational_map');
        const input = {
          ...full,
          relationalMaps: withMap ? full.relationalMaps : [],
          ...(withMap || full.relationalMaps.length === 0 ? {} : { relationalMapsWithheld: `Not included: ${name}’s consent to share with ${consent.collaboratorName} does not extend to the relational map.` }),
          releasedTo: released,
        };
        return attach(await renderChapterSummaryPdf(input), 'application/pdf', `chapter-${input.chapter.number}-summary-for-${consent.collaboratorName}.pdf`);
      }
      if (d.category === 'plan') {
        const [chapterId, version] = d.recordId.split(':');
        const input = { ...(await planPdfInput(db, me.actor, request.params.id, chapterId ?? '', Number(version), me.user.displayName)), releasedTo: released };
        return attach(await renderPlanPdf(input), 'application/pdf', `treatment-plan-v${input.version}-for-${consent.collaboratorName}.pdf`);
      }
      const version = await getMapVersion(db, me.actor.practiceId, request.params.id, d.recordId);
      const svg = mapToSvg(version.map, { title: `${name} — relational map, version ${version.number}`, subtitle: released });
      return attach(svg, 'image/svg+xml; charset=utf-8', `relational-map-v${version.number}-for-${consent.collaboratorName}.svg`);
    },
  );

  // The client's own consents, in the portal.

  app.get(
    '/portal/consents',
    {
      schema: {
        operationId: 'listMyConsents',
        tags: ['portal'],
        summary: 'My consents, each with where it stands today',
        response: { 200: z.object({ today: z.string(), consents: z.array(consentOut) }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const { me, clientId } = await client(request);
      const list = await listConsents(db, me.actor.practiceId, clientId);
      await audit(db, request, me, { action: 'portal.consent.read', clientId, recordType: 'consent', recordId: null });
      return list;
    },
  );

  app.post(
    '/portal/consents',
    {
      schema: {
        operationId: 'giveMyConsent',
        tags: ['portal'],
        summary: 'Give a consent myself, in the portal',
        body: consentInputSchema,
        response: { 201: consentOut, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { me, clientId } = await client(request);
      const consent = await recordConsent(db, me.actor, clientId, request.body, 'portal');
      await audit(db, request, me, { action: 'portal.consent.give', clientId, recordType: 'consent', recordId: consent.id });
      return reply.status(201).send(consent);
    },
  );

  app.post(
    '/portal/consents/:consentId/revoke',
    {
      schema: {
        operationId: 'revokeMyConsent',
        tags: ['portal'],
        summary: 'Revoke one of my consents, from now on',
        params: z.object({ consentId: uuid }),
        body: revokeBody,
        response: { 200: consentOut, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const { me, clientId } = await client(request);
      const consent = await revokeConsent(db, me.actor, clientId, request.params.consentId, request.body.note, 'portal');
      await audit(db, request, me, { action: 'portal.consent.revoke', clientId, recordType: 'consent', recordId: consent.id });
      return consent;
    },
  );
};
