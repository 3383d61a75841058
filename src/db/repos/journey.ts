import { requireTreatmentConsent } from './consent.js';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { chapters, clients, phaseMoves, users } from '../schema/index.js';
import {
  type Phase,
  planChapterEnding,
  planPhaseMove,
  planReturn,
  type TransitionSummary,
} from '../../domain/journey/phases.js';
import type { Actor } from '../../domain/people/roles.js';
import { conflict, notFound } from '../../domain/shared/errors.js';
import { listClientSessions } from './sessions.js';

const chapterFields = {
  id: chapters.id,
  number: chapters.number,
  phase: chapters.phase,
  openedAt: chapters.openedAt,
  openingNote: chapters.openingNote,
  previousChapterId: chapters.previousChapterId,
  endedAt: chapters.endedAt,
  whatWasLived: chapters.whatWasLived,
  whatRemainsOpen: chapters.whatRemainsOpen,
  doorLeftOpen: chapters.doorLeftOpen,
  version: chapters.version,
};

/** A client's whole journey: every chapter with its phase moves, and the sessions (access checked by the caller). */
export async function getJourney(db: Db, actor: Actor, clientId: string) {
  const practiceId = actor.practiceId;
  const [chapterRows, moves, sessionRows] = await Promise.all([
    db
      .select(chapterFields)
      .from(chapters)
      .where(and(eq(chapters.practiceId, practiceId), eq(chapters.clientId, clientId)))
      .orderBy(asc(chapters.number)),
    db
      .select({
        id: phaseMoves.id,
        chapterId: phaseMoves.chapterId,
        fromPhase: phaseMoves.fromPhase,
        toPhase: phaseMoves.toPhase,
        movedAt: phaseMoves.movedAt,
        movedByName: users.displayName,
        note: phaseMoves.note,
      })
      .from(phaseMoves)
      .leftJoin(users, and(eq(users.practiceId, phaseMoves.practiceId), eq(users.id, phaseMoves.movedBy)))
      .where(and(eq(phaseMoves.practiceId, practiceId), eq(phaseMoves.clientId, clientId)))
      .orderBy(asc(phaseMoves.movedAt), asc(phaseMoves.id)),
    listClientSessions(db, actor, clientId),
  ]);
  return {
    chapters: chapterRows.map((c) => ({
      ...c,
      phase: c.phase as Phase,
      moves: moves
        .filter((m) => m.chapterId === c.id)
        .map(({ chapterId: _c, ...m }) => ({ ...m, fromPhase: m.fromPhase as Phase | null, toPhase: m.toPhase as Phase })),
    })),
    sessions: sessionRows,
  };
}

async function getChapter(db: Db, practiceId: string, clientId: string, chapterId: string) {
  const [row] = await db
    .select({ ...chapterFields, clientId: chapters.clientId })
    .from(chapters)
    .where(and(eq(chapters.practiceId, practiceId), eq(chapters.id, chapterId), eq(chapters.clientId, clientId)));
  if (!row) throw notFound('The chapter');
  return { ...row, phase: row.phase as Phase };
}

export async function openChapterOf(db: Db, practiceId: string, clientId: string) {
  const [row] = await db
    .select({ id: chapters.id, phase: chapters.phase })
    .from(chapters)
    .where(and(eq(chapters.practiceId, practiceId), eq(chapters.clientId, clientId), isNull(chapters.endedAt)))
    .orderBy(desc(chapters.number))
    .limit(1);
  return row ?? null;
}

async function bumpChapter(tx: Db, practiceId: string, chapterId: string, version: number, set: Partial<typeof chapters.$inferInsert>) {
  const done = await tx
    .update(chapters)
    .set({ ...set, version: sql`${chapters.version} + 1` })
    .where(and(eq(chapters.practiceId, practiceId), eq(chapters.id, chapterId), eq(chapters.version, version)))
    .returning({ id: chapters.id });
  if (done.length === 0) throw conflict('This chapter was changed by someone else a moment ago. Reload to see it.');
}

export async function movePhase(db: Db, actor: Actor, clientId: string, chapterId: string, to: Phase, note: string) {
  const practiceId = actor.practiceId;
  await db.transaction(async (tx) => {
    const chapter = await getChapter(tx, practiceId, clientId, chapterId);
    const move = planPhaseMove(chapter, to, note);
    // The work begins only with the client's consent to treatment.
    if (move.to === 'the_work') await requireTreatmentConsent(tx, practiceId, clientId);
    await bumpChapter(tx, practiceId, chapterId, chapter.version, { phase: move.to });
    await tx.insert(phaseMoves).values({ practiceId, chapterId, clientId, fromPhase: move.from, toPhase: move.to, movedBy: actor.userId, note: move.note });
    await tx.update(clients).set({ currentPhase: move.to, updatedAt: new Date() }).where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
  });
  return getChapter(db, practiceId, clientId, chapterId);
}

export async function endChapter(db: Db, actor: Actor, clientId: string, chapterId: string, summary: TransitionSummary) {
  const practiceId = actor.practiceId;
  await db.transaction(async (tx) => {
    const chapter = await getChapter(tx, practiceId, clientId, chapterId);
    const s = planChapterEnding(chapter, summary);
    const now = new Date();
    if (chapter.phase !== 'transition') {
      // Ending passes through transition, so the timeline shows where the chapter closed.
      await tx.insert(phaseMoves).values({ practiceId, chapterId, clientId, fromPhase: chapter.phase, toPhase: 'transition', movedBy: actor.userId, note: 'Chapter ended', movedAt: now });
    }
    await bumpChapter(tx, practiceId, chapterId, chapter.version, { phase: 'transition', endedAt: now, endedBy: actor.userId, ...s });
    await tx.update(clients).set({ currentPhase: 'ended', updatedAt: now }).where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
  });
  return getChapter(db, practiceId, clientId, chapterId);
}

/** A return: a new chapter, linked to the last, beginning again in reaching out. */
export async function openReturnChapter(db: Db, actor: Actor, clientId: string, openingNote: string) {
  const practiceId = actor.practiceId;
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'chapters:' + clientId}))`);
    const existing = await tx
      .select({ id: chapters.id, number: chapters.number, endedAt: chapters.endedAt })
      .from(chapters)
      .where(and(eq(chapters.practiceId, practiceId), eq(chapters.clientId, clientId)));
    const plan = planReturn(existing);
    const [ch] = await tx
      .insert(chapters)
      .values({ practiceId, clientId, number: plan.number, phase: 'reaching_out', openedBy: actor.userId, openingNote, previousChapterId: plan.previousChapterId })
      .returning({ id: chapters.id });
    await tx.insert(phaseMoves).values({ practiceId, chapterId: ch!.id, clientId, fromPhase: null, toPhase: 'reaching_out', movedBy: actor.userId, note: openingNote });
    await tx.update(clients).set({ currentPhase: 'reaching_out', updatedAt: new Date() }).where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
    return ch!.id;
  });
  return getChapter(db, practiceId, clientId, id);
}
