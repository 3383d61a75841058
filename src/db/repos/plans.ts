import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import { chapters, planAcknowledgements, planVersions, themes, treatmentPlans, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import { describePlanChanges, type PlanContent, publishProblems } from '../../domain/plans/plan.js';
import { conflict, invalid, notFound } from '../../domain/shared/errors.js';
import { localDay } from './notes.js';
import { getPractice } from './practice.js';

type PlanRow = typeof treatmentPlans.$inferSelect;

export async function chapterOf(db: Db, practiceId: string, clientId: string, chapterId: string) {
  const [row] = await db
    .select()
    .from(chapters)
    .where(and(eq(chapters.practiceId, practiceId), eq(chapters.clientId, clientId), eq(chapters.id, chapterId)));
  if (!row) throw notFound('The chapter');
  return row;
}

async function planView(db: Db, practiceId: string, plan: PlanRow) {
  const versions = await db
    .select({
      version: planVersions.version,
      content: planVersions.content,
      reviewDate: planVersions.reviewDate,
      createdAt: planVersions.createdAt,
      createdByName: users.displayName,
      changes: planVersions.changes,
    })
    .from(planVersions)
    .leftJoin(users, and(eq(users.practiceId, planVersions.practiceId), eq(users.id, planVersions.createdBy)))
    .where(and(eq(planVersions.practiceId, practiceId), eq(planVersions.planId, plan.id)))
    .orderBy(desc(planVersions.version));
  const acks = await db
    .select({ version: planAcknowledgements.version, name: planAcknowledgements.name, at: planAcknowledgements.acknowledgedAt })
    .from(planAcknowledgements)
    .where(and(eq(planAcknowledgements.practiceId, practiceId), eq(planAcknowledgements.planId, plan.id)))
    .orderBy(asc(planAcknowledgements.acknowledgedAt));
  return {
    id: plan.id,
    clientId: plan.clientId,
    chapterId: plan.chapterId,
    draft: plan.draft,
    draftReviewDate: plan.draftReviewDate,
    draftVersion: plan.draftVersion,
    updatedAt: plan.updatedAt,
    versions: versions.map((v) => ({
      ...v,
      createdByName: v.createdByName ?? '',
      acknowledgements: acks.filter((a) => a.version === v.version).map(({ name, at }) => ({ name, at })),
    })),
  };
}
export type PlanView = Awaited<ReturnType<typeof planView>>;

async function planRow(db: Db, practiceId: string, chapterId: string) {
  const [row] = await db.select().from(treatmentPlans).where(and(eq(treatmentPlans.practiceId, practiceId), eq(treatmentPlans.chapterId, chapterId)));
  return row ?? null;
}

export async function getPlan(db: Db, actor: Actor, clientId: string, chapterId: string) {
  await chapterOf(db, actor.practiceId, clientId, chapterId);
  const row = await planRow(db, actor.practiceId, chapterId);
  return row ? planView(db, actor.practiceId, row) : null;
}

async function checkPlanThemes(db: Db, practiceId: string, clientId: string, content: PlanContent) {
  if (content.themeIds.length === 0) return;
  const own = await db.select({ id: themes.id }).from(themes).where(and(eq(themes.practiceId, practiceId), eq(themes.clientId, clientId)));
  const ids = new Set(own.map((t) => t.id));
  if (content.themeIds.some((t) => !ids.has(t))) throw invalid('A linked theme does not belong to this client.', { themeIds: 'Choose themes of this client.' });
}

/** Autosaves the plan draft (creating the plan on the first save). */
export async function savePlanDraft(
  db: Db,
  actor: Actor,
  clientId: string,
  chapterId: string,
  input: { draftVersion: number | null; content: PlanContent; reviewDate: string | null },
) {
  const chapter = await chapterOf(db, actor.practiceId, clientId, chapterId);
  if (chapter.endedAt) throw invalid('This chapter has ended; its plan is kept as it was.');
  await checkPlanThemes(db, actor.practiceId, clientId, input.content);
  let row: PlanRow | undefined;
  if (input.draftVersion === null) {
    [row] = await db
      .insert(treatmentPlans)
      .values({ practiceId: actor.practiceId, clientId, chapterId, draft: input.content, draftReviewDate: input.reviewDate, draftUpdatedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
  } else {
    [row] = await db
      .update(treatmentPlans)
      .set({
        draft: input.content,
        draftReviewDate: input.reviewDate,
        draftVersion: sql`${treatmentPlans.draftVersion} + 1`,
        draftUpdatedBy: actor.userId,
        updatedAt: new Date(),
      })
      .where(and(eq(treatmentPlans.practiceId, actor.practiceId), eq(treatmentPlans.chapterId, chapterId), eq(treatmentPlans.draftVersion, input.draftVersion)))
      .returning();
  }
  if (!row) {
    const current = await planRow(db, actor.practiceId, chapterId);
    if (!current) throw notFound('The plan');
    throw conflict('The plan draft was changed elsewhere since you opened it. Both versions are shown so nothing is lost.', await planView(db, actor.practiceId, current));
  }
  return planView(db, actor.practiceId, row);
}

/** Publishes the draft as the next immutable version, with its changes described in words. */
export async function publishPlanVersion(db: Db, actor: Actor, clientId: string, chapterId: string, draftVersion: number, now = new Date()) {
  await chapterOf(db, actor.practiceId, clientId, chapterId);
  const row = await planRow(db, actor.practiceId, chapterId);
  if (!row) throw invalid('Write the plan draft first.');
  if (row.draftVersion !== draftVersion) {
    throw conflict('The plan draft was changed elsewhere since you opened it. Read the latest before saving a version.', await planView(db, actor.practiceId, row));
  }
  const practice = await getPractice(db, actor.practiceId);
  const problems = publishProblems(row.draft, row.draftReviewDate, localDay(now, practice.timezone));
  const first = Object.values(problems)[0];
  if (first) throw invalid(`Not ready to save as a version yet: ${first}`, problems);
  const [latest] = await db
    .select({ version: planVersions.version, content: planVersions.content })
    .from(planVersions)
    .where(and(eq(planVersions.practiceId, actor.practiceId), eq(planVersions.planId, row.id)))
    .orderBy(desc(planVersions.version))
    .limit(1);
  const names = new Map(
    (await db.select({ id: themes.id, name: themes.name }).from(themes).where(and(eq(themes.practiceId, actor.practiceId), eq(themes.clientId, clientId)))).map((t) => [t.id, t.name]),
  );
  const changes = describePlanChanges(latest?.content ?? null, row.draft, (id) => names.get(id) ?? 'a theme');
  const inserted = await db
    .insert(planVersions)
    .values({
      practiceId: actor.practiceId,
      planId: row.id,
      version: (latest?.version ?? 0) + 1,
      content: row.draft,
      reviewDate: row.draftReviewDate ?? '',
      changes,
      createdBy: actor.userId,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ version: planVersions.version });
  if (inserted.length === 0) throw conflict('Another version was saved at the same moment. Reload the plan.');
  return planView(db, actor.practiceId, row);
}

/** Plans of my clients whose current version's review date has come (open chapters only). */
export async function plansDueReview(db: Db, actor: Actor, today: string) {
  type Due = { client_id: string; client_name: string; chapter_id: string; review_date: string };
  const rows = await db.execute(sql`
    select tp.client_id, c.name as client_name, tp.chapter_id, pv.review_date::text as review_date
    from treatment_plans tp
    join chapters ch on ch.practice_id = tp.practice_id and ch.id = tp.chapter_id and ch.ended_at is null
    join clients c on c.practice_id = tp.practice_id and c.id = tp.client_id
    join care_relationships cr on cr.practice_id = tp.practice_id and cr.client_id = tp.client_id and cr.practitioner_id = ${actor.userId}
    join lateral (
      select review_date from plan_versions v where v.practice_id = tp.practice_id and v.plan_id = tp.id order by v.version desc limit 1
    ) pv on true
    where tp.practice_id = ${actor.practiceId} and pv.review_date <= ${today}
    order by pv.review_date`);
  return rowsOf<Due>(rows).map((r) => ({ clientId: r.client_id, clientName: r.client_name, chapterId: r.chapter_id, reviewDate: r.review_date }));
}
