import { z } from 'zod';
import { personText } from '../../domain/shared/text.js';

/** Shared wire shapes. Response schemas name every field we send: nothing else can leak. */
export const uuid = z.uuid({ error: 'must be an id (uuid)' });
export const idParams = z.object({ id: uuid });
export const ok = z.object({ ok: z.literal(true) });
/** A timestamp sent as a Date (JSON writes it as an ISO string) or already a string (a replayed answer). */
export const isoDate = z.union([z.date(), z.string()]);

/** Text a person types (see domain/shared/text.ts). */
export const text = personText;

export const requiredText = (max: number, what = 'this') =>
  text(max).refine((s) => s.length > 0, `${what} cannot be empty`);

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  /** On a 409 for an edited record: the latest saved copy, in the shape of the route's 200 answer. */
  current: z.unknown().optional(),
});

/** The error answers each route may give, for the OpenAPI document. */
export const errors = (...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 423 | 429>) =>
  Object.fromEntries(statuses.map((s) => [s, errorBody])) as Record<number, typeof errorBody>;

export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    pronouns: z.string(),
    roles: z.array(z.string()),
    clientId: z.string().nullable(),
    mfaEnabled: z.boolean(),
  }),
  practice: z.object({ id: z.string(), slug: z.string(), name: z.string(), timezone: z.string(), idleTimeoutMinutes: z.number() }),
  mustSetUpMfa: z.boolean(),
  idleExpiresAt: z.string(),
});
