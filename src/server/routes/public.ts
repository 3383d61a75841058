import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countPublicHit, createInquiry } from '../../db/repos/inquiries.js';
import { acceptInvite, openInvite } from '../../db/repos/invites.js';
import { listPractitioners } from '../../db/repos/people.js';
import { findPracticeBySlug, getPractice, listPublicPractices } from '../../db/repos/practice.js';
import { passwordProblem } from '../../domain/people/password.js';
import { invalid, notFound } from '../../domain/shared/errors.js';
import { hashPassword } from '../auth/passwords.js';
import { lookupSession, startSession } from '../auth/session.js';
import { splitScopedToken, tokenHash } from '../auth/tokens.js';
import { audit, setSessionCookie } from '../guards.js';
import { toMe } from './auth.js';
import { errors, meSchema, requiredText, text, uuid } from './schemas.js';

/** Plain signs of junk: links stuffed in, or the same character over and over. */
export function junkProblem(fields: Record<string, string>): Record<string, string> | null {
  const problems: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if ((v.match(/https?:\/\//gi) ?? []).length > 2) problems[k] = 'Please leave out web links.';
    else if (/(.)\1{19,}/u.test(v)) problems[k] = 'This looks like repeated characters.';
    else if (/<\s*(script|iframe|a\s)/i.test(v)) problems[k] = 'Please write plain text, without HTML.';
  }
  return Object.keys(problems).length ? problems : null;
}

export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const db = database.db;

  app.get('/health', { schema: { operationId: 'health', tags: ['health'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/public/practices',
    { schema: { operationId: 'listPublicPractices', tags: ['public'], summary: 'Practices on this server (for the sign-in page)', response: { 200: z.array(z.object({ slug: z.string(), name: z.string() })) } } },
    async () => listPublicPractices(db),
  );

  app.get(
    '/public/practices/:slug',
    {
      schema: {
        operationId: 'getPublicPractice',
        tags: ['public'],
        summary: 'A practice’s public page: about text and its practitioners',
        params: z.object({ slug: text(100) }),
        response: {
          200: z.object({
            slug: z.string(),
            name: z.string(),
            about: z.string(),
            practitioners: z.array(z.object({ id: z.string(), displayName: z.string(), pronouns: z.string(), credentials: z.string() })),
          }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const practice = await findPracticeBySlug(db, request.params.slug);
      if (!practice) throw notFound('That practice');
      const practitioners = await listPractitioners(db, practice.id);
      return { slug: practice.slug, name: practice.name, about: practice.about, practitioners };
    },
  );

  app.post(
    '/public/practices/:slug/inquiries',
    {
      schema: {
        operationId: 'reachOut',
        tags: ['public'],
        summary: 'Reach out to a practice (rate-limited; junk is refused with a reason)',
        params: z.object({ slug: text(100) }),
        body: z.object({
          name: requiredText(200, 'Your name'),
          contact: requiredText(320, 'How to reach you'),
          whatBrings: requiredText(5000, 'What brings you'),
          preferredPractitionerId: uuid.nullable().optional(),
          /** A field people never see: only scripts fill it in. */
          website: z.string().max(500).optional(),
        }),
        response: { 201: z.object({ ok: z.literal(true), message: z.string() }), ...errors(400, 404, 413, 429) },
      },
    },
    async (request, reply) => {
      const practice = await findPracticeBySlug(db, request.params.slug);
      if (!practice) throw notFound('That practice');
      await countPublicHit(db, practice.id, `reach-out:${request.ip}`, 5, 60 * 60_000);
      const { name, contact, whatBrings, website } = request.body;
      if (website) throw invalid('This message could not be sent. If you are a person, please leave the hidden “website” field empty.');
      const junk = junkProblem({ name, contact, whatBrings });
      if (junk) throw invalid(Object.values(junk)[0]!, junk);
      if (!/@/.test(contact) && !/\d{5,}/.test(contact.replace(/[\s()+.-]/g, ''))) {
        throw invalid('Give an email address or a phone number so we can reply.', { contact: 'An email or phone number.' });
      }
      let preferred = request.body.preferredPractitionerId ?? null;
      if (preferred) {
        const list = await listPractitioners(db, practice.id);
        if (!list.some((p) => p.id === preferred)) preferred = null;
      }
      const id = await createInquiry(db, practice.id, { name, contact, whatBrings, preferredPractitionerId: preferred });
      await audit(db, request, null, { practiceId: practice.id, action: 'inquiry.create', clientId: null, recordType: 'inquiry', recordId: id });
      return reply.status(201).send({
        ok: true as const,
        message: `Thank you for reaching out. Someone from ${practice.name} will reply to you soon, usually within two working days.`,
      });
    },
  );

  const inviteParams = z.object({ token: z.string().max(200) });
  async function inviteFor(token: string) {
    const parts = splitScopedToken(token);
    if (!parts) throw notFound('This invite link has expired or was already used. Ask your practice admin for a new one; it');
    const invite = await openInvite(db, parts.practiceId, tokenHash(parts.token));
    return { parts, invite };
  }

  app.get(
    '/public/invites/:token',
    {
      schema: {
        operationId: 'getInvite',
        tags: ['public'],
        summary: 'What an invite link offers',
        params: inviteParams,
        response: { 200: z.object({ email: z.string(), displayName: z.string(), practiceName: z.string(), roles: z.array(z.string()) }), ...errors(404) },
      },
    },
    async (request) => {
      const { parts, invite } = await inviteFor(request.params.token);
      const practice = await getPractice(db, parts.practiceId);
      return { email: invite.email, displayName: invite.displayName, practiceName: practice.name, roles: invite.roles };
    },
  );

  app.post(
    '/public/invites/:token/accept',
    {
      schema: {
        operationId: 'acceptInvite',
        tags: ['public'],
        summary: 'Accept an invite by choosing a password; you are signed in',
        params: inviteParams,
        body: z.object({ password: z.string().max(1024) }),
        response: { 200: z.object({ status: z.literal('signed_in'), me: meSchema }), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const { parts, invite } = await inviteFor(request.params.token);
      const problem = passwordProblem(request.body.password, { email: invite.email });
      if (problem) throw invalid(problem, { password: problem });
      const userId = await acceptInvite(db, parts.practiceId, tokenHash(parts.token), await hashPassword(request.body.password));
      const cookie = await startSession(db, { practiceId: parts.practiceId, userId, mfaPending: false, ip: request.ip });
      setSessionCookie(reply, cookie, config.secureCookies);
      const found = await lookupSession(db, cookie);
      if (found.state !== 'active') throw notFound('The new account');
      await audit(db, request, found.signedIn, { action: 'invite.accept', clientId: invite.clientId, recordType: 'user', recordId: userId });
      return { status: 'signed_in' as const, me: toMe(found.signedIn) };
    },
  );
};
