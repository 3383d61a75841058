import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients.js';

/** A session with a client; recurring ones share a series id. */
export const sessions = pgTable(
  'sessions',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    chapterId: uuid('chapter_id'),
    practitionerId: uuid('practitioner_id').notNull(),
    seriesId: uuid('series_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    format: text('format').notNull(), // individual | couple | family | group
    modality: text('modality').notNull(), // in_person | video | phone
    status: text('status').notNull().default('scheduled'), // scheduled | held | cancelled | no_show
    statusNote: text('status_note').notNull().default(''),
    /** Keys of the FORCE movements visited, in the order they were visited (repeats allowed). */
    movements: text('movements').array().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('sessions_practitioner_time_idx').on(t.practiceId, t.practitionerId, t.startsAt),
    index('sessions_client_time_idx').on(t.practiceId, t.clientId, t.startsAt),
  ],
);
