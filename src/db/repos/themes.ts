import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { chapters, planVersions, sessions, themeArcChanges, themes, themeTags, treatmentPlans, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import { isPlanned, summariseTheme, themeKey, type ThemeStage } from '../../domain/themes/arc.js';
import { planGoals, type PlanContent } from '../../domain/plans/plan.js';
import { invalid, notFound } from '../../domain/shared/errors.js';

/** The current (latest) plan version of each chapter of a client. */
export async function latestPlanVersions(db: Db, practiceId: string, clientId: string) {
  const rows = await db
    .select({ chapterId: treatmentPlans.chapterId, chapterNumber: chapters.number, version: planVersions.version, content: planVersions.content })
    .from(planVersions)
    .innerJoin(treatmentPlans, and(eq(treatmentPlans.practiceId, planVersions.practiceId), eq(treatmentPlans.id, planVersions.planId)))
    .innerJoin(chapters, and(eq(chapters.practiceId, treatmentPlans.practiceId), eq(chapters.id, treatmentPlans.chapterId)))
    .where(and(eq(planVersions.practiceId, practiceId), eq(treatmentPlans.clientId, clientId)))
    .orderBy(asc(chapters.number), asc(planVersions.version));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.chapterId, r);
  return [...latest.values()];
}

/** The emergence view: every theme, when it first appeared, where it returned, its arc. */
export async function listThemes(db: Db, actor: Actor, clientId: string) {
  const list = await db.select().from(themes).where(and(eq(themes.practiceId, actor.practiceId), eq(themes.clientId, clientId))).orderBy(asc(themes.createdAt));
  const ids = list.map((t) => t.id);
  const [tags, arcs, plans] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .select({ themeId: themeTags.themeId, sessionId: themeTags.sessionId, layer: themeTags.layer, authorId: themeTags.authorId, startsAt: sessions.startsAt })
          .from(themeTags)
          .innerJoin(sessions, and(eq(sessions.practiceId, themeTags.practiceId), eq(sessions.id, themeTags.sessionId)))
          .where(and(eq(themeTags.practiceId, actor.practiceId), inArray(themeTags.themeId, ids))),
    ids.length === 0
      ? []
      : db
          .select({ themeId: themeArcChanges.themeId, stage: themeArcChanges.stage, at: themeArcChanges.changedAt, byName: users.displayName, note: themeArcChanges.note })
          .from(themeArcChanges)
          .leftJoin(users, and(eq(users.practiceId, themeArcChanges.practiceId), eq(users.id, themeArcChanges.changedBy)))
          .where(and(eq(themeArcChanges.practiceId, actor.practiceId), inArray(themeArcChanges.themeId, ids)))
          .orderBy(asc(themeArcChanges.changedAt)),
    latestPlanVersions(db, actor.practiceId, clientId),
  ]);
  const plannedIds = plans.flatMap((p) => p.content.themeIds);
  const out = list.map((t) => {
    const arc = arcs.filter((a) => a.themeId === t.id).map((a) => ({ stage: a.stage as ThemeStage, at: a.at, byName: a.byName ?? '', note: a.note }));
    const summary = summariseTheme(
      tags.filter((g) => g.themeId === t.id).map((g) => ({ sessionId: g.sessionId, startsAt: g.startsAt, layer: g.layer as 'progress' | 'relational', authorId: g.authorId })),
      arc,
      actor.userId,
    );
    return {
      id: t.id,
      clientId: t.clientId,
      name: t.name,
      description: t.description,
      stage: summary.stage,
      firstSeenAt: summary.firstSeenAt,
      sessions: summary.sessions,
      arc,
      inPlan: isPlanned(t.id, plannedIds),
    };
  });
  return {
    themes: out,
    planGoals: plans.flatMap((p) => planGoals(p.content as PlanContent).map((g) => ({ chapterId: p.chapterId, chapterNumber: p.chapterNumber, version: p.version, goal: g.statement }))),
  };
}
export type ThemeView = Awaited<ReturnType<typeof listThemes>>['themes'][number];

async function oneTheme(db: Db, actor: Actor, clientId: string, themeId: string) {
  const { themes: all } = await listThemes(db, actor, clientId);
  const found = all.find((t) => t.id === themeId);
  if (!found) throw notFound('The theme');
  return found;
}

/** Creates a theme, or returns the client's existing one of the same name. */
export async function createTheme(db: Db, actor: Actor, clientId: string, input: { name: string; description: string }) {
  const nameKey = themeKey(input.name);
  if (nameKey === '') throw invalid('Give the theme a name.', { name: 'Give the theme a name.' });
  const [made] = await db
    .insert(themes)
    .values({ practiceId: actor.practiceId, clientId, name: input.name.trim(), nameKey, description: input.description, createdBy: actor.userId })
    .onConflictDoNothing()
    .returning({ id: themes.id });
  if (made) {
    await db.insert(themeArcChanges).values({ practiceId: actor.practiceId, themeId: made.id, stage: 'emerging', note: '', changedBy: actor.userId });
    return { created: true, theme: await oneTheme(db, actor, clientId, made.id) };
  }
  const [existing] = await db
    .select({ id: themes.id })
    .from(themes)
    .where(and(eq(themes.practiceId, actor.practiceId), eq(themes.clientId, clientId), eq(themes.nameKey, nameKey)));
  if (!existing) throw notFound('The theme');
  return { created: false, theme: await oneTheme(db, actor, clientId, existing.id) };
}

/** Moves a theme along its arc; every change is dated. */
export async function setThemeStage(db: Db, actor: Actor, clientId: string, themeId: string, stage: ThemeStage, note: string) {
  const [t] = await db.select({ id: themes.id }).from(themes).where(and(eq(themes.practiceId, actor.practiceId), eq(themes.clientId, clientId), eq(themes.id, themeId)));
  if (!t) throw notFound('The theme');
  await db.insert(themeArcChanges).values({ practiceId: actor.practiceId, themeId, stage, note, changedBy: actor.userId });
  return oneTheme(db, actor, clientId, themeId);
}
