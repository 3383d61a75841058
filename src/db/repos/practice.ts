import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { practices } from '../schema/index.js';
import { readPracticeSettings } from '../../domain/practice/settings.js';
import { notFound } from '../../domain/shared/errors.js';

export const practiceFields = {
  id: practices.practiceId,
  slug: practices.slug,
  name: practices.name,
  timezone: practices.timezone,
  about: practices.about,
  crisisResources: practices.crisisResources,
  settings: practices.settings,
  forceMovements: practices.forceMovements,
  commonFactors: practices.commonFactors,
};

export async function getPractice(db: Db, practiceId: string) {
  const [row] = await db.select(practiceFields).from(practices).where(eq(practices.practiceId, practiceId));
  if (!row) throw notFound('The practice');
  return { ...row, settings: readPracticeSettings(row.settings) };
}

export async function findPracticeBySlug(db: Db, slug: string) {
  const [row] = await db.select(practiceFields).from(practices).where(eq(practices.slug, slug.toLowerCase()));
  return row ?? null;
}

export async function listPublicPractices(db: Db) {
  return db.select({ slug: practices.slug, name: practices.name }).from(practices).orderBy(asc(practices.name)).limit(100);
}
