import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ConsentPurpose, ConsentVia, SharedCategory } from '../../domain/consent/consent.js';
import { clients } from './clients.js';

/**
 * A client's consent to one use of their information. Kept as given: only its revocation is ever
 * written later (a trigger refuses any other change), so the record shows what was agreed and when.
 */
export const consents = pgTable(
  'consents',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    purpose: text('purpose').$type<ConsentPurpose>().notNull(),
    collaboratorName: text('collaborator_name').notNull().default(''),
    collaboratorRole: text('collaborator_role').notNull().default(''),
    categories: text('categories').array().$type<SharedCategory[]>().notNull().default([]),
    scope: text('scope').notNull().default(''),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    via: text('via').$type<ConsentVia>().notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
    revokedVia: text('revoked_via').$type<ConsentVia>(),
    revocationNote: text('revocation_note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('consents_client_idx').on(t.practiceId, t.clientId, t.purpose),
  ],
);

/** Each time part of a record left the practice under a sharing consent: what, to whom, by whom. */
export const disclosures = pgTable(
  'disclosures',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    consentId: uuid('consent_id').notNull(),
    category: text('category').$type<SharedCategory>().notNull(),
    recordId: text('record_id').notNull().default(''),
    collaboratorName: text('collaborator_name').notNull(),
    disclosedBy: uuid('disclosed_by').notNull(),
    disclosedAt: timestamp('disclosed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.consentId], foreignColumns: [consents.practiceId, consents.id] }).onDelete('cascade'),
    index('disclosures_client_idx').on(t.practiceId, t.clientId, t.disclosedAt),
  ],
);
