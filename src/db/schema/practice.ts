import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { NamedPrompt, PracticeSettings } from '../../domain/practice/settings.js';

export type { NamedPrompt, PracticeSettings };

/**
 * The tenant. Its primary key is the practice_id every other table carries; the slug is
 * unique across practices because it names the practice in public URLs (a reference table
 * when the schema is distributed).
 */
export const practices = pgTable('practices', {
  practiceId: uuid('practice_id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  about: text('about').notNull().default(''),
  settings: jsonb('settings').$type<PracticeSettings>().notNull(),
  forceMovements: jsonb('force_movements').$type<NamedPrompt[]>().notNull(),
  commonFactors: jsonb('common_factors').$type<NamedPrompt[]>().notNull(),
  crisisResources: text('crisis_resources').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
