import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid, date } from 'drizzle-orm/pg-core';
import { users } from './people.js';

/** The client, in their own words. */
export const clients = pgTable(
  'clients',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    /** The name they want to be called. */
    name: text('name').notNull(),
    legalName: text('legal_name').notNull().default(''),
    pronouns: text('pronouns').notNull().default(''),
    culturalIdentities: text('cultural_identities').notNull().default(''),
    communities: text('communities').notNull().default(''),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    preferredContact: text('preferred_contact').notNull().default(''),
    dateOfBirth: date('date_of_birth'),
    emergencyContactName: text('emergency_contact_name').notNull().default(''),
    emergencyContactPhone: text('emergency_contact_phone').notNull().default(''),
    emergencyContactRelationship: text('emergency_contact_relationship').notNull().default(''),
    concerns: text('concerns').notNull().default(''),
    resilience: text('resilience').notNull().default(''),
    connection: text('connection').notNull().default(''),
    vitality: text('vitality').notNull().default(''),
    /** Lower-cased name and legal name, for search. */
    searchText: text('search_text').notNull().default(''),
    /** Phase of the newest chapter, or 'ended' when no chapter is open; kept for listing by phase. */
    currentPhase: text('current_phase').notNull().default('reaching_out'),
    primaryPractitionerId: uuid('primary_practitioner_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    index('clients_name_idx').on(t.practiceId, t.name),
    index('clients_phase_idx').on(t.practiceId, t.currentPhase),
  ],
);

/** Who is in relationship with a client: the primary practitioner and any others added. */
export const careRelationships = pgTable(
  'care_relationships',
  {
    practiceId: uuid('practice_id').notNull(),
    clientId: uuid('client_id').notNull(),
    practitionerId: uuid('practitioner_id').notNull(),
    kind: text('kind').notNull(), // 'primary' | 'additional'
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.clientId, t.practitionerId] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.practitionerId], foreignColumns: [users.practiceId, users.id] }),
    index('care_relationships_practitioner_idx').on(t.practiceId, t.practitionerId),
  ],
);

/** Someone reaching out through the public form. */
export const inquiries = pgTable(
  'inquiries',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    contact: text('contact').notNull(),
    whatBrings: text('what_brings').notNull(),
    preferredPractitionerId: uuid('preferred_practitioner_id'),
    status: text('status').notNull().default('new'), // new | replied | accepted | declined
    clientId: uuid('client_id'),
    handledBy: uuid('handled_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.id] }), index('inquiries_status_idx').on(t.practiceId, t.status, t.createdAt)],
);

export const inquiryReplies = pgTable(
  'inquiry_replies',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    inquiryId: uuid('inquiry_id').notNull(),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    foreignKey({ columns: [t.practiceId, t.inquiryId], foreignColumns: [inquiries.practiceId, inquiries.id] }).onDelete('cascade'),
  ],
);

/** Fixed-window counters for public forms (per practice and address). */
export const publicFormHits = pgTable(
  'public_form_hits',
  {
    practiceId: uuid('practice_id').notNull(),
    key: text('key').notNull(),
    hits: integer('hits').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.key] })],
);
