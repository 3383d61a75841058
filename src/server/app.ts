import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { webDistDir } from '../paths.js';
import { installErrorHandling } from './errors.js';
import { registerRoutes } from './routes/index.js';

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'publicUrl' | 'secureCookies' | 'logLevel'>;
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    bodyLimit: 1024 * 1024,
    // Generous but bounded: a URL longer than this is junk.
    routerOptions: { maxParamLength: 500 },
    // Errors the router raises before any route runs (bad %-encoding, overlong ids) speak like ours.
    frameworkErrors: (_error, _request, reply) => {
      void (reply as unknown as { status(n: number): { send(b: unknown): unknown } }).status(400).send({ code: 'invalid', message: 'That address is not valid. Check the link and try again.' });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  const serveWeb = deps.serveWeb === true && existsSync(path.join(webDistDir, 'index.html'));
  installErrorHandling(app, serveWeb ? (reply) => reply.sendFile('index.html') : undefined);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Liminal API',
        version: '0.1.0',
        description:
          'Relationship-centred mental-health care. Every route answers JSON; errors are {code, message, fields?}. ' +
          'Sign in with POST /api/auth/sign-in; the session lives in an HttpOnly cookie.',
      },
      tags: [
        { name: 'health' },
        { name: 'auth', description: 'Signing in and out, two-factor' },
        { name: 'account', description: 'A person’s own password, two-factor and calendar feed' },
        { name: 'people', description: 'Staff and client accounts, invites, supervision (admin)' },
        { name: 'practice', description: 'Practice settings: FORCE movements, common factors, time-out' },
        { name: 'public', description: 'Signed-out pages: reaching out, invites' },
        { name: 'inquiries', description: 'People reaching out' },
        { name: 'clients', description: 'Clients in their own words' },
        { name: 'journey', description: 'Chapters of care and their phases' },
        { name: 'sessions', description: 'Scheduling and holding sessions; the iCalendar feed' },
        { name: 'portal', description: 'What a client sees' },
        { name: 'audit', description: 'Who read and wrote what (admin)' },
        { name: 'outbox', description: 'Outgoing messages (admin)' },
        { name: 'notes', description: 'Progress notes: drafts, signing, addenda, co-signing, open notes, the to-do list' },
        { name: 'relational notes', description: 'Relational (process) notes: psychotherapy notes, readable by their author only' },
        { name: 'emergence', description: 'Themes and patterns and their arcs' },
        { name: 'diagnoses', description: 'ICD-10-CM search and the client’s diagnoses with their context' },
        { name: 'plans', description: 'Treatment plans per chapter, versioned' },
        { name: 'documents', description: 'PDFs for institutions' },
        { name: 'measures', description: 'Instruments, measures given and scored, change, risk alerts' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(registerRoutes, { prefix: '/api' });

  if (serveWeb) await app.register(fastifyStatic, { root: webDistDir });
  return app;
}
