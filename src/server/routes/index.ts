import type { FastifyPluginAsync } from 'fastify';
import { accountRoutes } from './account.js';
import { authRoutes } from './auth.js';
import { clientRoutes } from './clients.js';
import { inquiryRoutes } from './inquiries.js';
import { journeyRoutes } from './journey.js';
import { peopleRoutes } from './people.js';
import { practiceRoutes } from './practice.js';
import { publicRoutes } from './public.js';
import { sessionRoutes } from './sessions.js';
import { noteRoutes } from './notes.js';
import { portalVoiceRoutes } from './portalVoice.js';
import { recordRoutes } from './record.js';

export const registerRoutes: FastifyPluginAsync = async (app) => {
  await app.register(publicRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(peopleRoutes);
  await app.register(practiceRoutes);
  await app.register(inquiryRoutes);
  await app.register(clientRoutes);
  await app.register(journeyRoutes);
  await app.register(sessionRoutes);
  await app.register(noteRoutes);
  await app.register(recordRoutes);
  await app.register(portalVoiceRoutes);
};
