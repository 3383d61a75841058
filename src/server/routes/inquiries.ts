import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptInquiry, declineInquiry, getInquiry, listInquiries, replyToInquiry } from '../../db/repos/inquiries.js';
import { isClinician } from '../../domain/people/roles.js';
import { invalid } from '../../domain/shared/errors.js';
import { audit, staff } from '../guards.js';
import { errors, idParams, requiredText, text, uuid } from './schemas.js';

const inquiryOut = z.object({
  id: z.string(),
  name: z.string(),
  contact: z.string(),
  whatBrings: z.string(),
  preferredPractitionerId: z.string().nullable(),
  preferredPractitionerName: z.string().nullable(),
  status: z.string(),
  createdAt: z.date(),
  clientId: z.string().nullable(),
});
const inquiryFull = inquiryOut.extend({
  replies: z.array(z.object({ id: z.string(), authorId: z.string(), authorName: z.string().nullable(), body: z.string(), createdAt: z.date() })),
});

export const inquiryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const rec = (id: string) => ({ clientId: null, recordType: 'inquiry', recordId: id });

  app.get(
    '/inquiries',
    {
      schema: {
        operationId: 'listInquiries',
        tags: ['inquiries'],
        summary: 'People who reached out, new ones first',
        querystring: z.object({ status: z.enum(['new', 'replied', 'accepted', 'declined']).optional() }),
        response: { 200: z.array(inquiryOut), ...errors(400, 401) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const rows = await listInquiries(db, me.actor.practiceId, request.query.status);
      await audit(db, request, me, { action: 'inquiry.list', ...rec('all') });
      return rows;
    },
  );

  app.get(
    '/inquiries/:id',
    { schema: { operationId: 'getInquiry', tags: ['inquiries'], summary: 'One inquiry with its replies', params: idParams, response: { 200: inquiryFull, ...errors(401, 404) } } },
    async (request) => {
      const me = await staff(db, request);
      const inquiry = await getInquiry(db, me.actor.practiceId, request.params.id);
      await audit(db, request, me, { action: 'inquiry.read', ...rec(inquiry.id) });
      return inquiry;
    },
  );

  app.post(
    '/inquiries/:id/replies',
    {
      schema: {
        operationId: 'replyToInquiry',
        tags: ['inquiries'],
        summary: 'Reply to someone who reached out (the message goes to the outbox)',
        params: idParams,
        body: z.object({ body: requiredText(5000, 'The reply') }),
        response: { 200: inquiryFull, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      await replyToInquiry(db, me.actor.practiceId, request.params.id, me.actor.userId, request.body.body, me.practice.name);
      await audit(db, request, me, { action: 'inquiry.reply', ...rec(request.params.id) });
      return getInquiry(db, me.actor.practiceId, request.params.id);
    },
  );

  app.post(
    '/inquiries/:id/accept',
    {
      schema: {
        operationId: 'acceptInquiry',
        tags: ['inquiries'],
        summary: 'Accept: the person becomes a client and their first chapter opens in reaching out',
        params: idParams,
        body: z.object({ primaryPractitionerId: uuid.optional() }),
        response: { 200: z.object({ clientId: z.string() }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      const inquiry = await getInquiry(db, me.actor.practiceId, request.params.id);
      const primary =
        request.body.primaryPractitionerId ?? inquiry.preferredPractitionerId ?? (isClinician(me.actor.roles) ? me.actor.userId : undefined);
      if (!primary) throw invalid('Choose the practitioner who will meet this person.', { primaryPractitionerId: 'Required.' });
      const clientId = await acceptInquiry(db, me.actor.practiceId, request.params.id, me.actor.userId, primary);
      await audit(db, request, me, { action: 'inquiry.accept', clientId, recordType: 'inquiry', recordId: request.params.id });
      return { clientId };
    },
  );

  app.post(
    '/inquiries/:id/decline',
    {
      schema: {
        operationId: 'declineInquiry',
        tags: ['inquiries'],
        summary: 'Decline an inquiry, with a reason kept beside it',
        params: idParams,
        body: z.object({ reason: text(2000).default('') }),
        response: { 200: inquiryFull, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const me = await staff(db, request);
      await declineInquiry(db, me.actor.practiceId, request.params.id, me.actor.userId, request.body.reason);
      await audit(db, request, me, { action: 'inquiry.decline', ...rec(request.params.id) });
      return getInquiry(db, me.actor.practiceId, request.params.id);
    },
  );
};
