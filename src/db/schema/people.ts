import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practice.js';

/** A person who signs in: staff (admin, practitioner, associate, supervisor) or a client. */
export const users = pgTable(
  'users',
  {
    practiceId: uuid('practice_id').notNull().references(() => practices.practiceId),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    pronouns: text('pronouns').notNull().default(''),
    roles: text('roles').array().notNull(),
    credentials: text('credentials').notNull().default(''),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The 30-second step of the last code accepted: a code works once. */
    totpLastStep: integer('totp_last_step'),
    icalToken: text('ical_token'),
    clientId: uuid('client_id'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('users_email_unique').on(t.practiceId, t.email),
    unique('users_ical_token_unique').on(t.practiceId, t.icalToken),
  ],
);

/** Server-side sign-in sessions; the cookie holds the token, we keep only its hash. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    practiceId: uuid('practice_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    mfaPending: boolean('mfa_pending').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.tokenHash] }),
    foreignKey({ columns: [t.practiceId, t.userId], foreignColumns: [users.practiceId, users.id] }).onDelete('cascade'),
    index('auth_sessions_user_idx').on(t.practiceId, t.userId),
  ],
);

/** Failed sign-ins, counted per account and per address. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    practiceId: uuid('practice_id').notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.key] })],
);

export const invites = pgTable(
  'invites',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    roles: text('roles').array().notNull(),
    clientId: uuid('client_id'),
    invitedBy: uuid('invited_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.id] }), unique('invites_token_unique').on(t.practiceId, t.tokenHash)],
);

/** Supervisor and supervisee; a supervisor sees the clients of the associates they supervise. */
export const supervisions = pgTable(
  'supervisions',
  {
    practiceId: uuid('practice_id').notNull(),
    supervisorId: uuid('supervisor_id').notNull(),
    superviseeId: uuid('supervisee_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.supervisorId, t.superviseeId] }),
    foreignKey({ columns: [t.practiceId, t.supervisorId], foreignColumns: [users.practiceId, users.id] }),
    foreignKey({ columns: [t.practiceId, t.superviseeId], foreignColumns: [users.practiceId, users.id] }),
  ],
);

/** Outgoing messages. There is no mail server yet: staff read and copy them from the outbox page. */
export const outbox = pgTable(
  'outbox',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    kind: text('kind').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.id] }), index('outbox_created_idx').on(t.practiceId, t.createdAt)],
);
