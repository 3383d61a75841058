import path from 'node:path';
import { z } from 'zod';
import { DomainError } from './domain/shared/errors.js';

/** Start-up configuration, parsed once; a wrong value stops the process with what to set. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LIMINAL_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  LIMINAL_DEMO_PASSWORD: z.string().min(8, 'LIMINAL_DEMO_PASSWORD needs at least 8 characters').optional(),
  LIMINAL_PUBLIC_URL: z.string().url().optional(),
  LIMINAL_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  LIMINAL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoPassword: string | undefined;
  publicUrl: string;
  secureCookies: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset (`DATABASE_URL= npm start`).
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new DomainError('invalid', `Liminal cannot start; fix these settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.LIMINAL_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.LIMINAL_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demoPassword: e.LIMINAL_DEMO_PASSWORD,
    publicUrl: publicUrl.replace(/\/$/, ''),
    secureCookies: e.LIMINAL_SECURE_COOKIES ? e.LIMINAL_SECURE_COOKIES === 'true' : publicUrl.startsWith('https://'),
    logLevel: e.LIMINAL_LOG_LEVEL,
  };
}
