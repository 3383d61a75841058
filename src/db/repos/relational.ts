import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { clients, psychotherapyNotes, sessions, supervisions, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import type { RelationalFields } from '../../domain/notes/relational.js';
import { conflict, forbidden, invalid, notFound } from '../../domain/shared/errors.js';
import { checkThemes, sessionForNotes, syncThemeTags } from './notes.js';

/**
 * Relational (process) notes. Every function here reads by author or by the one supervisor a
 * note is shared with; nothing else in the code base selects from psychotherapy_notes.
 */
type Row = typeof psychotherapyNotes.$inferSelect;

async function view(db: Db, practiceId: string, row: Row) {
  const [sup] = row.sharedWithSupervisorId
    ? await db.select({ displayName: users.displayName }).from(users).where(and(eq(users.practiceId, practiceId), eq(users.id, row.sharedWithSupervisorId)))
    : [];
  return {
    id: row.id,
    sessionId: row.sessionId,
    clientId: row.clientId,
    authorId: row.authorId,
    fields: row.fields,
    themeIds: row.themeIds,
    sharedWithSupervisorId: row.sharedWithSupervisorId,
    sharedWithSupervisorName: sup?.displayName ?? null,
    sharedAt: row.sharedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type RelationalNoteView = Awaited<ReturnType<typeof view>>;

const mine = (actor: Actor, sessionId: string) =>
  and(eq(psychotherapyNotes.practiceId, actor.practiceId), eq(psychotherapyNotes.sessionId, sessionId), eq(psychotherapyNotes.authorId, actor.userId));

/** The people I may share a relational note with: my own supervisors. */
export function mySupervisors(db: Db, actor: Actor) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(supervisions)
    .innerJoin(users, and(eq(users.practiceId, supervisions.practiceId), eq(users.id, supervisions.supervisorId)))
    .where(and(eq(supervisions.practiceId, actor.practiceId), eq(supervisions.superviseeId, actor.userId), eq(users.active, true)));
}

/** The signed-in person's own relational note for a session, if they wrote one. */
export async function myRelationalNote(db: Db, actor: Actor, sessionId: string) {
  await sessionForNotes(db, actor, sessionId);
  const [row] = await db.select().from(psychotherapyNotes).where(mine(actor, sessionId));
  return row ? view(db, actor.practiceId, row) : null;
}

export async function saveRelationalNote(db: Db, actor: Actor, sessionId: string, input: { version: number | null; fields: RelationalFields; themeIds: string[] }) {
  const { session } = await sessionForNotes(db, actor, sessionId);
  if (session.practitionerId !== actor.userId) throw forbidden('Only the practitioner who held the session writes its relational note.');
  if (session.status !== 'held') throw invalid('Mark the session as held before writing its relational note.');
  await checkThemes(db, actor.practiceId, session.clientId, input.themeIds);
  const themeIds = [...new Set(input.themeIds)];
  let row: Row | undefined;
  if (input.version === null) {
    [row] = await db
      .insert(psychotherapyNotes)
      .values({ practiceId: actor.practiceId, sessionId, clientId: session.clientId, authorId: actor.userId, fields: input.fields, themeIds })
      .onConflictDoNothing()
      .returning();
  } else {
    [row] = await db
      .update(psychotherapyNotes)
      .set({ fields: input.fields, themeIds, version: sql`${psychotherapyNotes.version} + 1`, updatedAt: new Date() })
      .where(and(mine(actor, sessionId), eq(psychotherapyNotes.version, input.version)))
      .returning();
  }
  if (!row) {
    const [current] = await db.select().from(psychotherapyNotes).where(mine(actor, sessionId));
    if (!current) throw notFound('The relational note');
    throw conflict('Your relational note was changed elsewhere (another tab or device). Both versions are shown so nothing is lost.', await view(db, actor.practiceId, current));
  }
  await syncThemeTags(db, actor.practiceId, sessionId, 'relational', actor.userId, themeIds);
  return view(db, actor.practiceId, row);
}

/** The author shares the note with one of their own supervisors for supervision, or stops. */
export async function shareForSupervision(db: Db, actor: Actor, noteId: string, supervisorId: string | null, now = new Date()) {
  const [row] = await db
    .select()
    .from(psychotherapyNotes)
    .where(and(eq(psychotherapyNotes.practiceId, actor.practiceId), eq(psychotherapyNotes.id, noteId), eq(psychotherapyNotes.authorId, actor.userId)));
  if (!row) throw notFound('The relational note');
  if (supervisorId !== null) {
    const [link] = await db
      .select({ id: supervisions.supervisorId })
      .from(supervisions)
      .where(and(eq(supervisions.practiceId, actor.practiceId), eq(supervisions.supervisorId, supervisorId), eq(supervisions.superviseeId, actor.userId)));
    if (!link) throw invalid('You can share a relational note only with one of your own supervisors.', { supervisorId: 'Choose one of your supervisors.' });
  }
  const [updated] = await db
    .update(psychotherapyNotes)
    .set({ sharedWithSupervisorId: supervisorId, sharedAt: supervisorId ? now : null })
    .where(eq(psychotherapyNotes.id, row.id))
    .returning();
  if (!updated) throw notFound('The relational note');
  return view(db, actor.practiceId, updated);
}

/** What supervisees have shared with me for supervision: who and when, not the text. */
export async function sharedWithMe(db: Db, actor: Actor) {
  const rows = await db
    .select({
      noteId: psychotherapyNotes.id,
      authorName: users.displayName,
      clientName: clients.name,
      sessionStartsAt: sessions.startsAt,
      sharedAt: psychotherapyNotes.sharedAt,
    })
    .from(psychotherapyNotes)
    .innerJoin(users, and(eq(users.practiceId, psychotherapyNotes.practiceId), eq(users.id, psychotherapyNotes.authorId)))
    .innerJoin(clients, and(eq(clients.practiceId, psychotherapyNotes.practiceId), eq(clients.id, psychotherapyNotes.clientId)))
    .innerJoin(sessions, and(eq(sessions.practiceId, psychotherapyNotes.practiceId), eq(sessions.id, psychotherapyNotes.sessionId)))
    .where(and(eq(psychotherapyNotes.practiceId, actor.practiceId), eq(psychotherapyNotes.sharedWithSupervisorId, actor.userId)))
    .orderBy(desc(psychotherapyNotes.sharedAt));
  return rows.map(({ clientName, ...r }) => ({ ...r, clientInitials: initials(clientName) }));
}

/** In supervision the client is named by initials only. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]?.toLocaleUpperCase() ?? ''}.`)
    .join(' ');
}

/** Reads one note: its author, or the supervisor it is shared with. Anyone else: 404. */
export async function readRelationalNote(db: Db, actor: Actor, noteId: string) {
  const [row] = await db.select().from(psychotherapyNotes).where(and(eq(psychotherapyNotes.practiceId, actor.practiceId), eq(psychotherapyNotes.id, noteId)));
  if (!row || (row.authorId !== actor.userId && row.sharedWithSupervisorId !== actor.userId)) throw notFound('The relational note');
  return { note: await view(db, actor.practiceId, row), asSupervisor: row.authorId !== actor.userId };
}
