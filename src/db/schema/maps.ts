import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { RelationalMap } from '../../domain/maps/map.js';
import type { ConnectionMetrics } from '../../domain/maps/metrics.js';
import { clients } from './clients.js';

/**
 * The client's relational map as it is being drawn: one working copy per client, autosaved with
 * an optimistic version like every edited record.
 */
export const relationalMaps = pgTable(
  'relational_maps',
  {
    practiceId: uuid('practice_id').notNull(),
    clientId: uuid('client_id').notNull(),
    map: jsonb('map').$type<RelationalMap>().notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.clientId] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
  ],
);

/**
 * A dated version of the map, kept as it was (a trigger refuses edits): canonical, with the
 * connection metrics worked out when it was saved, optionally tied to the session it was drawn in.
 */
export const relationalMapVersions = pgTable(
  'relational_map_versions',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    number: integer('number').notNull(),
    map: jsonb('map').$type<RelationalMap>().notNull(),
    metrics: jsonb('metrics').$type<ConnectionMetrics>().notNull(),
    label: text('label').notNull().default(''),
    /** The session it was drawn in; sessions are never deleted, only cancelled. */
    sessionId: uuid('session_id'),
    /** sha256 of the canonical map, so "nothing changed" is one comparison. */
    contentHash: text('content_hash').notNull(),
    savedBy: uuid('saved_by'),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.id] }),
    unique('relational_map_versions_number_uq').on(t.practiceId, t.clientId, t.number),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('relational_map_versions_saved_idx').on(t.practiceId, t.clientId, t.savedAt),
  ],
);
