import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { UnitKind } from '../../domain/units/units.js';
import { clients } from './clients.js';

/**
 * A couple, family or group seen together. Each client in it keeps their own record, consent and
 * portal account; the unit only says who belongs together.
 */
export const relationalUnits = pgTable(
  'relational_units',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<UnitKind>().notNull(),
    name: text('name').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.id] })],
);

/**
 * Someone in a unit: a client of the practice, or a related person without an account (a child,
 * a partner who does not come). A member is never deleted, because sessions name them; leaving
 * sets `left_at`.
 */
export const unitMembers = pgTable(
  'unit_members',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    /** Null for a related person. */
    clientId: uuid('client_id'),
    /** A related person's name; empty for a client (their record holds it). */
    name: text('name').notNull().default(''),
    relationship: text('relationship').notNull().default(''),
    note: text('note').notNull().default(''),
    /** Put on the attendance list of the unit's new sessions. */
    attends: boolean('attends').notNull().default(true),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.unitId], foreignColumns: [relationalUnits.practiceId, relationalUnits.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('unit_members_unit_idx').on(t.practiceId, t.unitId),
    index('unit_members_client_idx').on(t.practiceId, t.clientId),
    // A client is in a unit once at a time.
    uniqueIndex('unit_members_current_client_uq').on(t.practiceId, t.unitId, t.clientId).where(sql`client_id is not null and left_at is null`),
    check('unit_members_who', sql`client_id is not null or length(name) > 0`),
  ],
);
