import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { PlanContent } from '../../domain/plans/plan.js';
import type { ProgressFields } from '../../domain/notes/format.js';
import type { PersonSection, Risk, SessionFacts } from '../../domain/notes/progress.js';
import type { RelationalFields } from '../../domain/notes/relational.js';
import { clients } from './clients.js';
import { chapters } from './journey.js';
import { users } from './people.js';
import { sessions } from './sessions.js';

const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updated = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The progress note: part of the client's record; one per session. */
export const progressNotes = pgTable(
  'progress_notes',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    clientId: uuid('client_id').notNull(),
    chapterId: uuid('chapter_id'),
    authorId: uuid('author_id').notNull(),
    format: text('format').notNull(),
    fields: jsonb('fields').$type<ProgressFields>().notNull(),
    risk: jsonb('risk').$type<Risk>().notNull(),
    serviceCode: text('service_code').notNull().default(''),
    themeIds: uuid('theme_ids').array().notNull().default([]),
    /** A unit's note: a section for each client who attended, where one is needed. */
    personSections: jsonb('person_sections').$type<PersonSection[]>().notNull().default([]),
    status: text('status').notNull().default('draft'), // draft | signed
    /** Session facts as they were at signing (diagnoses in effect, length, participants…). */
    facts: jsonb('facts').$type<SessionFacts>(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signedBy: uuid('signed_by'),
    contentHash: text('content_hash'),
    cosignStatus: text('cosign_status'), // null | pending | cosigned | returned
    cosignBy: uuid('cosign_by'),
    cosignAt: timestamp('cosign_at', { withTimezone: true }),
    cosignComment: text('cosign_comment').notNull().default(''),
    sharedWithClient: boolean('shared_with_client').notNull().default(false),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    /** The clients whose own section is shared with them (each sees only their own). */
    sharedSections: uuid('shared_sections').array().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('progress_notes_session_uq').on(t.practiceId, t.sessionId),
    foreignKey({ columns: [t.practiceId, t.sessionId], foreignColumns: [sessions.practiceId, sessions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.authorId], foreignColumns: [users.practiceId, users.id] }),
    index('progress_notes_client_idx').on(t.practiceId, t.clientId),
    index('progress_notes_author_idx').on(t.practiceId, t.authorId, t.status),
  ],
);

/** An addendum to a signed note: signed when written, linked to the untouched original. */
export const noteAddenda = pgTable(
  'note_addenda',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    noteId: uuid('note_id').notNull(),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    contentHash: text('content_hash').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.noteId], foreignColumns: [progressNotes.practiceId, progressNotes.id] }).onDelete('cascade'),
    index('note_addenda_note_idx').on(t.practiceId, t.noteId),
  ],
);

/** A client's comment on a note shared with them (open notes). Never part of the note itself. */
export const noteComments = pgTable(
  'note_comments',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    noteId: uuid('note_id').notNull(),
    clientId: uuid('client_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    body: text('body').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.noteId], foreignColumns: [progressNotes.practiceId, progressNotes.id] }).onDelete('cascade'),
    index('note_comments_note_idx').on(t.practiceId, t.noteId),
  ],
);

/** The client's "what stayed with me" after a session. */
export const sessionReflections = pgTable(
  'session_reflections',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    clientId: uuid('client_id').notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('session_reflections_uq').on(t.practiceId, t.sessionId, t.clientId),
    foreignKey({ columns: [t.practiceId, t.sessionId], foreignColumns: [sessions.practiceId, sessions.id] }).onDelete('cascade'),
  ],
);

/**
 * Relational (process) notes: psychotherapy notes in the legal sense. Kept in their own table,
 * never joined into the record; only the author reads them, or the one supervisor they share
 * a note with.
 */
export const psychotherapyNotes = pgTable(
  'psychotherapy_notes',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    clientId: uuid('client_id').notNull(),
    authorId: uuid('author_id').notNull(),
    fields: jsonb('fields').$type<RelationalFields>().notNull(),
    themeIds: uuid('theme_ids').array().notNull().default([]),
    sharedWithSupervisorId: uuid('shared_with_supervisor_id'),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('psychotherapy_notes_session_author_uq').on(t.practiceId, t.sessionId, t.authorId),
    foreignKey({ columns: [t.practiceId, t.sessionId], foreignColumns: [sessions.practiceId, sessions.id] }).onDelete('cascade'),
    index('psychotherapy_notes_shared_idx').on(t.practiceId, t.sharedWithSupervisorId),
  ],
);

/** A theme or pattern of a client's work, named by the practitioner. */
export const themes = pgTable(
  'themes',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    description: text('description').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('themes_name_uq').on(t.practiceId, t.clientId, t.nameKey),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
  ],
);

/** Each dated change of a theme's arc. */
export const themeArcChanges = pgTable(
  'theme_arc_changes',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    themeId: uuid('theme_id').notNull(),
    stage: text('stage').notNull(),
    note: text('note').notNull().default(''),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.themeId], foreignColumns: [themes.practiceId, themes.id] }).onDelete('cascade'),
    index('theme_arc_theme_idx').on(t.practiceId, t.themeId),
  ],
);

/**
 * A theme seen in a session's note. Tags from relational notes are visible to their author
 * only, like the note itself.
 */
export const themeTags = pgTable(
  'theme_tags',
  {
    practiceId: uuid('practice_id').notNull(),
    themeId: uuid('theme_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    layer: text('layer').notNull(), // progress | relational
    authorId: uuid('author_id').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.themeId, t.sessionId, t.layer, t.authorId] }),
    foreignKey({ columns: [t.practiceId, t.themeId], foreignColumns: [themes.practiceId, themes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.sessionId], foreignColumns: [sessions.practiceId, sessions.id] }).onDelete('cascade'),
    index('theme_tags_session_idx').on(t.practiceId, t.sessionId),
  ],
);

/** A diagnosis as a starting point: code, context narrative, primary flag, dates; never deleted. */
export const diagnoses = pgTable(
  'diagnoses',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    code: text('code').notNull(),
    description: text('description').notNull(),
    context: text('context').notNull().default(''),
    isPrimary: boolean('is_primary').notNull().default(false),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdBy: uuid('created_by'),
    createdAt: created(),
    updatedAt: updated(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('diagnoses_client_idx').on(t.practiceId, t.clientId),
  ],
);

/** One treatment plan per chapter: an autosaved draft and immutable published versions. */
export const treatmentPlans = pgTable(
  'treatment_plans',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    chapterId: uuid('chapter_id').notNull(),
    draft: jsonb('draft').$type<PlanContent>().notNull(),
    draftReviewDate: date('draft_review_date', { mode: 'string' }),
    draftVersion: integer('draft_version').notNull().default(1),
    draftUpdatedBy: uuid('draft_updated_by'),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('treatment_plans_chapter_uq').on(t.practiceId, t.chapterId),
    foreignKey({ columns: [t.practiceId, t.chapterId], foreignColumns: [chapters.practiceId, chapters.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
  ],
);

export const planVersions = pgTable(
  'plan_versions',
  {
    practiceId: uuid('practice_id').notNull(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<PlanContent>().notNull(),
    reviewDate: date('review_date', { mode: 'string' }).notNull(),
    changes: text('changes').array().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.planId, t.version] }),
    foreignKey({ columns: [t.practiceId, t.planId], foreignColumns: [treatmentPlans.practiceId, treatmentPlans.id] }).onDelete('cascade'),
  ],
);

/** The client's acknowledgement of a plan version, with the name they typed. */
export const planAcknowledgements = pgTable(
  'plan_acknowledgements',
  {
    practiceId: uuid('practice_id').notNull(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.planId, t.version, t.userId] }),
    foreignKey({ columns: [t.practiceId, t.planId, t.version], foreignColumns: [planVersions.practiceId, planVersions.planId, planVersions.version] }).onDelete('cascade'),
  ],
);

/**
 * Idempotency keys: the first answer to a create/sign request, replayed for a retry with the
 * same key, so a retried request never makes a second record.
 */
export const idempotentRequests = pgTable(
  'idempotent_requests',
  {
    practiceId: uuid('practice_id').notNull(),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.userId, t.key] })],
);
