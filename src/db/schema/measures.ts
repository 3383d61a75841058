import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { sessions } from './sessions.js';

const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Instruments a practice imported (licensed ones it holds, as Questionnaire JSON with scoring
 * rules). The shipped, free-to-reproduce instruments live in code (src/domain/measures).
 */
export const importedInstruments = pgTable(
  'imported_instruments',
  {
    practiceId: uuid('practice_id').notNull(),
    key: text('key').notNull(),
    version: text('version').notNull(),
    definition: jsonb('definition').notNull(),
    active: boolean('active').notNull().default(true),
    importedBy: uuid('imported_by'),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.key, t.version] })],
);

/** When a client is asked to complete a measure: every session, every n weeks, or at phase changes. */
export const measureSchedules = pgTable(
  'measure_schedules',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    rule: text('rule').notNull(), // every_session | every_n_weeks | phase_change
    everyWeeks: integer('every_weeks'),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: created(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('measure_schedules_uq').on(t.practiceId, t.clientId, t.instrumentKey),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
  ],
);

/**
 * A measure waiting to be completed: in the portal, through a single-use link that expires
 * (only its hash is stored), or on the practitioner's screen in session.
 */
export const measureRequests = pgTable(
  'measure_requests',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    channel: text('channel').notNull(), // portal | link | in_session
    tokenHash: text('token_hash'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    sessionId: uuid('session_id'),
    status: text('status').notNull().default('open'), // open | completed | expired | cancelled
    createdBy: uuid('created_by'),
    createdAt: created(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('measure_requests_token_uq').on(t.practiceId, t.tokenHash),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('measure_requests_client_idx').on(t.practiceId, t.clientId, t.status),
  ],
);

/** A completed measure, scored exactly as published at the moment it was completed. */
export const measureResponses = pgTable(
  'measure_responses',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    /** linkId → answer value, as given. */
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    total: real('total').notNull(),
    severityKey: text('severity_key'),
    subscales: jsonb('subscales').$type<Record<string, number>>(),
    risk: boolean('risk').notNull().default(false),
    riskRules: text('risk_rules').array().notNull().default([]),
    /** client | practitioner (the connection profile is rated by both, separately). */
    ratedBy: text('rated_by').notNull().default('client'),
    raterId: uuid('rater_id'),
    via: text('via').notNull(), // portal | link | in_session
    requestId: uuid('request_id'),
    sessionId: uuid('session_id'),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('measure_responses_request_uq').on(t.practiceId, t.requestId),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.sessionId], foreignColumns: [sessions.practiceId, sessions.id] }),
    // A client's scores in time order; with rater and total in it, the outcomes report reads a
    // series' scores in a period from the index alone.
    index('measure_responses_client_idx').on(t.practiceId, t.clientId, t.instrumentKey, t.completedAt, t.ratedBy, t.total),
    index('measure_responses_time_idx').on(t.practiceId, t.completedAt),
  ],
);

/**
 * Each client's series on each instrument (by rater): how many scores, the first and the latest.
 * Kept by a trigger on measure_responses (migration 0008), so a report over a long period reads one
 * row per series instead of every score; responses are never edited or removed one by one (only
 * with their client, and this table goes with it).
 */
export const measureSeries = pgTable(
  'measure_series',
  {
    practiceId: uuid('practice_id').notNull(),
    clientId: uuid('client_id').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    ratedBy: text('rated_by').notNull(),
    n: integer('n').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    firstTotal: real('first_total').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    lastTotal: real('last_total').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.clientId, t.instrumentKey, t.ratedBy] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
  ],
);

/** A risk answer raises an alert at once; it stays open until a practitioner acknowledges it with a note. */
export const riskAlerts = pgTable(
  'risk_alerts',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    responseId: uuid('response_id').notNull(),
    rules: text('rules').array().notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgementNote: text('acknowledgement_note'),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('risk_alerts_response_uq').on(t.practiceId, t.responseId),
    foreignKey({ columns: [t.practiceId, t.responseId], foreignColumns: [measureResponses.practiceId, measureResponses.id] }).onDelete('cascade'),
    index('risk_alerts_open_idx').on(t.practiceId, t.acknowledgedAt),
  ],
);
