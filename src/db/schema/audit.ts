import { bigint, pgTable, primaryKey, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained per practice: each row's hash covers its fields and the previous
 * row's hash, so `liminal audit verify` finds the first altered row. A trigger refuses
 * UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    practiceId: uuid('practice_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    clientId: uuid('client_id'),
    recordType: text('record_type').notNull(),
    recordId: text('record_id'),
    ip: text('ip').notNull().default(''),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.seq] }),
    index('audit_log_client_idx').on(t.practiceId, t.clientId, t.at),
    index('audit_log_actor_idx').on(t.practiceId, t.actorId, t.at),
    index('audit_log_at_idx').on(t.practiceId, t.at),
  ],
);
