import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { relationalUnits, unitMembers } from './units.js';

/** A session with a client; recurring ones share a series id. */
export const sessions = pgTable(
  'sessions',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    /** The client; for a unit's session, its first client member (each attendee is in session_attendees). */
    clientId: uuid('client_id').notNull(),
    /** The couple, family or group this session is for; null for one client's session. */
    unitId: uuid('unit_id'),
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
    foreignKey({ columns: [t.practiceId, t.unitId], foreignColumns: [relationalUnits.practiceId, relationalUnits.id] }),
    index('sessions_unit_time_idx').on(t.practiceId, t.unitId, t.startsAt),
  ],
);

/** Who was expected at a unit's session and whether they came, person by person. */
export const sessionAttendees = pgTable(
  'session_attendees',
  {
    practiceId: uuid('practice_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    memberId: uuid('member_id').notNull(),
    /** Copied from the member, so a client's sessions are found without the unit. */
    clientId: uuid('client_id'),
    /** The client's chapter the session belongs to (their open chapter when it was scheduled). */
    chapterId: uuid('chapter_id'),
    attendance: text('attendance').notNull().default('expected'), // expected | attended | absent
    note: text('note').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.sessionId, t.memberId] }),
    foreignKey({ columns: [t.practiceId, t.sessionId], foreignColumns: [sessions.practiceId, sessions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.memberId], foreignColumns: [unitMembers.practiceId, unitMembers.id] }),
    index('session_attendees_client_idx').on(t.practiceId, t.clientId),
  ],
);
