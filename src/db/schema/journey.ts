import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients.js';

/** A chapter of care; a return opens a new chapter linked to the one before. */
export const chapters = pgTable(
  'chapters',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    number: integer('number').notNull(),
    phase: text('phase').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    openedBy: uuid('opened_by'),
    openingNote: text('opening_note').notNull().default(''),
    previousChapterId: uuid('previous_chapter_id'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by'),
    /** Transition summary, written at the ending. */
    whatWasLived: text('what_was_lived'),
    whatRemainsOpen: text('what_remains_open'),
    doorLeftOpen: text('door_left_open'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('chapters_client_idx').on(t.practiceId, t.clientId, t.number),
  ],
);

/** Each move between phases, dated, with an optional note. */
export const phaseMoves = pgTable(
  'phase_moves',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    chapterId: uuid('chapter_id').notNull(),
    clientId: uuid('client_id').notNull(),
    fromPhase: text('from_phase'),
    toPhase: text('to_phase').notNull(),
    movedAt: timestamp('moved_at', { withTimezone: true }).notNull().defaultNow(),
    movedBy: uuid('moved_by'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.chapterId], foreignColumns: [chapters.practiceId, chapters.id] }).onDelete('cascade'),
    index('phase_moves_client_idx').on(t.practiceId, t.clientId, t.movedAt),
  ],
);
