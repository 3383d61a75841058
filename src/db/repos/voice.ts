import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { chapters, noteAddenda, relationalUnits, noteComments, planAcknowledgements, planVersions, progressNotes, sessionReflections, sessions, treatmentPlans, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import { type NoteFormat, noteFormatLabels, renderNote } from '../../domain/notes/format.js';
import { conflict, invalid, notFound } from '../../domain/shared/errors.js';

/**
 * The client's side of the record: notes shared with them (open notes), their comments and
 * reflections, and their plan to acknowledge. A client writes only into their own comment,
 * reflection and acknowledgement rows — never into a note or a signature.
 */
function clientOf(actor: Actor): string {
  if (!actor.clientId) throw notFound('Your record');
  return actor.clientId;
}

/** I came to this unit session (I am on its attendance list as attended). */
const iAttended = (clientId: string) =>
  sql<boolean>`exists (select 1 from session_attendees a where a.practice_id = ${sessions.practiceId} and a.session_id = ${sessions.id} and a.client_id = ${clientId} and a.attendance = 'attended')`;

/**
 * The notes shared with me. One client's note: when it is shared. A unit's note: its common part
 * when that is shared and I came, and my own section when that is shared with me — never anyone
 * else's section.
 */
export async function portalNotes(db: Db, actor: Actor, onlyNoteId?: string) {
  const clientId = clientOf(actor);
  const author = users;
  const rows = await db
    .select({
      id: progressNotes.id,
      sessionStartsAt: sessions.startsAt,
      practitionerName: author.displayName,
      format: progressNotes.format,
      fields: progressNotes.fields,
      signedAt: progressNotes.signedAt,
      unitId: sessions.unitId,
      unitName: relationalUnits.name,
      unitKind: relationalUnits.kind,
      sharedWithClient: progressNotes.sharedWithClient,
      attended: iAttended(clientId),
      mySection: sql<string | null>`case when ${clientId}::uuid = any(${progressNotes.sharedSections})
        then (select s->>'text' from jsonb_array_elements(${progressNotes.personSections}) s where s->>'clientId' = ${clientId} limit 1) end`,
    })
    .from(progressNotes)
    .innerJoin(sessions, and(eq(sessions.practiceId, progressNotes.practiceId), eq(sessions.id, progressNotes.sessionId)))
    .innerJoin(author, and(eq(author.practiceId, progressNotes.practiceId), eq(author.id, progressNotes.authorId)))
    .leftJoin(relationalUnits, and(eq(relationalUnits.practiceId, sessions.practiceId), eq(relationalUnits.id, sessions.unitId)))
    .where(
      and(
        eq(progressNotes.practiceId, actor.practiceId),
        eq(progressNotes.status, 'signed'),
        or(
          and(isNull(sessions.unitId), eq(progressNotes.clientId, clientId), eq(progressNotes.sharedWithClient, true)),
          and(
            isNotNull(sessions.unitId),
            or(and(eq(progressNotes.sharedWithClient, true), iAttended(clientId)), sql`${clientId}::uuid = any(${progressNotes.sharedSections})`),
          ),
        ),
        onlyNoteId ? eq(progressNotes.id, onlyNoteId) : undefined,
      ),
    )
    .orderBy(desc(sessions.startsAt));
  const notes = rows.map((n) => ({ ...n, commonShown: n.sharedWithClient && (n.unitId === null || n.attended) }));
  const ids = notes.map((n) => n.id);
  const [addenda, comments] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({ noteId: noteAddenda.noteId, body: noteAddenda.body, signedAt: noteAddenda.signedAt, authorName: users.displayName })
            .from(noteAddenda)
            .innerJoin(users, and(eq(users.practiceId, noteAddenda.practiceId), eq(users.id, noteAddenda.authorId)))
            .where(and(eq(noteAddenda.practiceId, actor.practiceId), inArray(noteAddenda.noteId, ids)))
            .orderBy(asc(noteAddenda.signedAt)),
          db
            .select({ noteId: noteComments.noteId, id: noteComments.id, body: noteComments.body, createdAt: noteComments.createdAt, authorUserId: noteComments.authorUserId })
            .from(noteComments)
            // My own comments only: on a unit's note, the others' comments are theirs.
            .where(and(eq(noteComments.practiceId, actor.practiceId), inArray(noteComments.noteId, ids), eq(noteComments.clientId, clientId)))
            .orderBy(asc(noteComments.createdAt)),
        ]);
  return notes.map((n) => ({
    id: n.id,
    sessionStartsAt: n.sessionStartsAt,
    practitionerName: n.practitionerName,
    format: noteFormatLabels[n.format as NoteFormat],
    sections: n.commonShown ? renderNote(n.format as NoteFormat, n.fields) : [],
    unitName: n.unitName,
    unitKind: n.unitKind,
    mySection: n.mySection,
    signedAt: n.signedAt,
    addenda: addenda.filter((a) => a.noteId === n.id).map(({ body, signedAt, authorName }) => ({ body, signedAt, authorName })),
    comments: comments.filter((c) => c.noteId === n.id).map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt, mine: c.authorUserId === actor.userId })),
  }));
}

export async function addNoteComment(db: Db, actor: Actor, noteId: string, body: string) {
  const clientId = clientOf(actor);
  const [note] = await portalNotes(db, actor, noteId);
  if (!note) throw notFound('The note');
  await db.insert(noteComments).values({ practiceId: actor.practiceId, noteId, clientId, authorUserId: actor.userId, body });
  const [after] = await portalNotes(db, actor, noteId);
  if (!after) throw notFound('The note');
  return after;
}

/** A session that is mine: one of my own, or a unit's session I came to. */
const mySession = (clientId: string) => or(and(isNull(sessions.unitId), eq(sessions.clientId, clientId)), iAttended(clientId));

/** My held sessions, newest first, each with my reflection if I wrote one. */
export async function portalSessions(db: Db, actor: Actor) {
  const clientId = clientOf(actor);
  return db
    .select({
      id: sessions.id,
      startsAt: sessions.startsAt,
      minutes: sessions.minutes,
      practitionerName: users.displayName,
      unitName: relationalUnits.name,
      unitKind: relationalUnits.kind,
      reflection: sql<{ body: string; version: number; updatedAt: string } | null>`(
        select json_build_object('body', r.body, 'version', r.version, 'updatedAt', r.updated_at)
        from session_reflections r where r.practice_id = ${sessions.practiceId} and r.session_id = ${sessions.id} and r.client_id = ${clientId})`,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.practiceId, sessions.practiceId), eq(users.id, sessions.practitionerId)))
    .leftJoin(relationalUnits, and(eq(relationalUnits.practiceId, sessions.practiceId), eq(relationalUnits.id, sessions.unitId)))
    .where(and(eq(sessions.practiceId, actor.practiceId), mySession(clientId), eq(sessions.status, 'held')))
    .orderBy(desc(sessions.startsAt))
    .limit(200);
}

export async function saveReflection(db: Db, actor: Actor, sessionId: string, input: { body: string; version: number | null }) {
  const clientId = clientOf(actor);
  const [session] = await db
    .select({ id: sessions.id, status: sessions.status })
    .from(sessions)
    .where(and(eq(sessions.practiceId, actor.practiceId), eq(sessions.id, sessionId), mySession(clientId)));
  if (!session) throw notFound('The session');
  if (session.status !== 'held') throw invalid('You can write a reflection once the session has taken place.');
  const shape = { body: sessionReflections.body, version: sessionReflections.version, updatedAt: sessionReflections.updatedAt };
  const [row] =
    input.version === null
      ? await db.insert(sessionReflections).values({ practiceId: actor.practiceId, sessionId, clientId, body: input.body }).onConflictDoNothing().returning(shape)
      : await db
          .update(sessionReflections)
          .set({ body: input.body, version: sql`${sessionReflections.version} + 1`, updatedAt: new Date() })
          .where(
            and(
              eq(sessionReflections.practiceId, actor.practiceId),
              eq(sessionReflections.sessionId, sessionId),
              eq(sessionReflections.clientId, clientId),
              eq(sessionReflections.version, input.version),
            ),
          )
          .returning(shape);
  if (!row) {
    const [current] = await db
      .select(shape)
      .from(sessionReflections)
      .where(and(eq(sessionReflections.practiceId, actor.practiceId), eq(sessionReflections.sessionId, sessionId), eq(sessionReflections.clientId, clientId)));
    throw conflict('This reflection was changed elsewhere (another tab or device). Both versions are shown.', current);
  }
  return row;
}

/** The plan the client sees: the latest version of the open chapter's plan, else of the latest chapter. */
export async function portalPlan(db: Db, actor: Actor) {
  const clientId = clientOf(actor);
  const [row] = await db
    .select({ planId: treatmentPlans.id, version: planVersions.version, content: planVersions.content, reviewDate: planVersions.reviewDate })
    .from(planVersions)
    .innerJoin(treatmentPlans, and(eq(treatmentPlans.practiceId, planVersions.practiceId), eq(treatmentPlans.id, planVersions.planId)))
    .innerJoin(chapters, and(eq(chapters.practiceId, treatmentPlans.practiceId), eq(chapters.id, treatmentPlans.chapterId)))
    .where(and(eq(planVersions.practiceId, actor.practiceId), eq(treatmentPlans.clientId, clientId)))
    .orderBy(desc(chapters.number), desc(planVersions.version))
    .limit(1);
  if (!row) return null;
  const [ack] = await db
    .select({ name: planAcknowledgements.name, at: planAcknowledgements.acknowledgedAt })
    .from(planAcknowledgements)
    .where(
      and(
        eq(planAcknowledgements.practiceId, actor.practiceId),
        eq(planAcknowledgements.planId, row.planId),
        eq(planAcknowledgements.version, row.version),
        eq(planAcknowledgements.userId, actor.userId),
      ),
    );
  return {
    planId: row.planId,
    version: row.version,
    clientIntentions: row.content.clientIntentions,
    problems: row.content.problems,
    reviewDate: row.reviewDate,
    acknowledged: ack ?? null,
  };
}

export async function acknowledgePlan(db: Db, actor: Actor, input: { planId: string; version: number; name: string }) {
  const current = await portalPlan(db, actor);
  if (!current || current.planId !== input.planId) throw notFound('The plan');
  if (current.version !== input.version) throw conflict('Your plan was updated since you opened it. Read the new version before acknowledging it.');
  await db
    .insert(planAcknowledgements)
    .values({ practiceId: actor.practiceId, planId: input.planId, version: input.version, userId: actor.userId, name: input.name })
    .onConflictDoNothing();
  return portalPlan(db, actor);
}
