import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { clients, diagnoses, noteAddenda, relationalUnits, noteComments, progressNotes, sessionReflections, sessions, supervisions, themes, themeTags, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import type { NoteFormat, ProgressFields } from '../../domain/notes/format.js';
import {
  canonicalAddendumContent,
  canonicalNoteContent,
  editBlock,
  inEffectOn,
  keptSections,
  needsCosign,
  type PersonSection,
  type Risk,
  type SessionFacts,
  signingProblems,
  suggestServiceCode,
} from '../../domain/notes/progress.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../domain/shared/errors.js';
import { clientAccess } from '../../domain/people/roles.js';
import { accessToAll, requireClientAccess } from './access.js';
import { getPractice } from './practice.js';
import { getSession, getSessionWithRelations, listClientSessions, sessionAccess, sessionFields, type SessionRow } from './sessions.js';

export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

type NoteRow = typeof progressNotes.$inferSelect;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in the practice's time zone (YYYY-MM-DD). */
export function localDay(at: Date, timezone: string): string {
  let format = dayFormats.get(timezone);
  if (!format) dayFormats.set(timezone, (format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(at);
}

/** A session the person may read notes of, with the kind of access they have to its client. */
export async function sessionForNotes(db: Db, actor: Actor, sessionId: string) {
  const found = await getSessionWithRelations(db, actor.practiceId, sessionId);
  let access = found ? clientAccess(actor, found.session.clientId, found.relations) : null;
  // A unit's session: the person must be allowed to see everyone on it.
  if (found && access && found.session.unitId !== null) access = await sessionAccess(db, actor, found.session);
  if (!found || !access || access === 'self') throw notFound('The session');
  return { session: found.session, access };
}

/** The clients who came to a unit's session (each may have a section of the note). */
export const attendingClients = (session: Pick<SessionRow, 'unitId' | 'attendees'>) =>
  session.unitId === null ? [] : session.attendees.filter((a): a is typeof a & { clientId: string } => a.clientId !== null && a.attendance === 'attended');

/** The session facts a note carries: computed live for a draft, frozen at signing. */
export async function sessionFacts(db: Db, practiceId: string, session: SessionRow, serviceCode: string): Promise<SessionFacts> {
  const practice = await getPractice(db, practiceId);
  const day = localDay(session.startsAt, practice.timezone);
  // A unit's session: everyone who came, and the diagnoses of each client there, named.
  const came = attendingClients(session);
  const unit = session.unitId !== null;
  const clientIds = unit ? came.map((a) => a.clientId) : [session.clientId];
  const dx =
    clientIds.length === 0
      ? []
      : await db
          .select({ clientId: diagnoses.clientId, code: diagnoses.code, description: diagnoses.description, primary: diagnoses.isPrimary, startsOn: diagnoses.startsOn, endsOn: diagnoses.endsOn })
          .from(diagnoses)
          .where(and(eq(diagnoses.practiceId, practiceId), inArray(diagnoses.clientId, clientIds)))
          .orderBy(desc(diagnoses.isPrimary), asc(diagnoses.startsOn), asc(diagnoses.code));
  const names = new Map(practice.forceMovements.map((m) => [m.key, m.name]));
  const inEffect = clientIds.flatMap((clientId) =>
    inEffectOn(
      dx.filter((d) => d.clientId === clientId),
      day,
    ).map((d) => ({
      code: d.code,
      description: d.description,
      primary: d.primary,
      ...(unit ? { person: came.find((a) => a.clientId === clientId)?.name ?? '' } : {}),
    })),
  );
  return {
    date: session.startsAt.toISOString(),
    minutes: session.minutes,
    modality: session.modality,
    format: session.format,
    participants: unit
      ? [...session.attendees.filter((a) => a.attendance === 'attended').map((a) => a.name), session.practitionerName]
      : [session.clientName, session.practitionerName],
    serviceCode: serviceCode || suggestServiceCode(session.format, session.minutes),
    diagnoses: inEffect,
    movements: session.movements.map((key) => ({ key, name: names.get(key) ?? key })),
  };
}

/** A session's date, unit and attendance list, for answering one of its notes. */
async function sessionOfNote(db: Db, practiceId: string, sessionId: string) {
  const [row] = await db
    .select({ startsAt: sessions.startsAt, unitId: sessions.unitId, unitName: relationalUnits.name, attendees: sessionFields.attendees })
    .from(sessions)
    .leftJoin(relationalUnits, and(eq(relationalUnits.practiceId, sessions.practiceId), eq(relationalUnits.id, sessions.unitId)))
    .where(and(eq(sessions.practiceId, practiceId), eq(sessions.id, sessionId)));
  return row ?? null;
}

/**
 * A unit note's sections as answered: one for each client who came (empty until written), and any
 * written for someone whose attendance changed since, so nothing typed is hidden. `forClient`
 * keeps only that client's own section (their record, their exports).
 */
export function sectionsView(
  row: Pick<NoteRow, 'personSections' | 'sharedSections'>,
  attendees: ReadonlyArray<{ clientId: string | null; name: string; attendance: string }>,
  forClient?: string,
) {
  const people = attendees.filter((a): a is typeof a & { clientId: string } => a.clientId !== null);
  const shown = people.filter((a) => a.attendance === 'attended' || row.personSections.some((p) => p.clientId === a.clientId && p.text !== ''));
  return shown
    .filter((a) => forClient === undefined || a.clientId === forClient)
    .map((a) => ({
      clientId: a.clientId,
      name: a.name,
      text: row.personSections.find((p) => p.clientId === a.clientId)?.text ?? '',
      shared: row.sharedSections.includes(a.clientId),
    }));
}

/** A note as the API answers it: names resolved, addenda and client comments attached. */
export async function noteView(db: Db, practiceId: string, row: NoteRow, liveFacts?: SessionFacts, known?: { session: SessionRow }, forClient?: string) {
  const ids = [row.authorId, row.signedBy, row.cosignBy].filter((x): x is string => x !== null);
  // A draft that was never signed has no addenda and has never been shown to the client.
  const neverSigned = row.status === 'draft' && row.cosignStatus === null;
  // While autosaving, the session (and so the author's name and the date) is already in hand.
  const knownSession = known?.session.id === row.sessionId ? known.session : undefined;
  const authorOnly = knownSession !== undefined && ids.length === 1 && knownSession.practitionerId === row.authorId;
  const [people, addenda, comments, session] = await Promise.all([
    authorOnly
      ? [{ id: row.authorId, displayName: knownSession.practitionerName }]
      : db.select({ id: users.id, displayName: users.displayName }).from(users).where(and(eq(users.practiceId, practiceId), inArray(users.id, ids))),
    neverSigned
      ? []
      : db
      .select({ id: noteAddenda.id, authorName: users.displayName, body: noteAddenda.body, signedAt: noteAddenda.signedAt, contentHash: noteAddenda.contentHash })
      .from(noteAddenda)
      .innerJoin(users, and(eq(users.practiceId, noteAddenda.practiceId), eq(users.id, noteAddenda.authorId)))
      .where(and(eq(noteAddenda.practiceId, practiceId), eq(noteAddenda.noteId, row.id)))
      .orderBy(asc(noteAddenda.signedAt)),
    neverSigned
      ? []
      : db
      .select({ id: noteComments.id, clientId: noteComments.clientId, authorName: users.displayName, body: noteComments.body, createdAt: noteComments.createdAt })
      .from(noteComments)
      .innerJoin(users, and(eq(users.practiceId, noteComments.practiceId), eq(users.id, noteComments.authorUserId)))
      .where(and(eq(noteComments.practiceId, practiceId), eq(noteComments.noteId, row.id)))
      .orderBy(asc(noteComments.createdAt)),
    knownSession
      ? { startsAt: knownSession.startsAt, unitId: knownSession.unitId, unitName: knownSession.unitName, attendees: knownSession.attendees }
      : sessionOfNote(db, practiceId, row.sessionId),
  ]);
  const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.displayName ?? null) : null);
  return {
    id: row.id,
    sessionId: row.sessionId,
    sessionStartsAt: session?.startsAt ?? null,
    clientId: row.clientId,
    chapterId: row.chapterId,
    authorId: row.authorId,
    authorName: name(row.authorId) ?? '',
    format: row.format as NoteFormat,
    fields: row.fields,
    risk: row.risk,
    serviceCode: row.serviceCode,
    themeIds: row.themeIds,
    status: row.status as 'draft' | 'signed',
    signedAt: row.signedAt,
    signedByName: name(row.signedBy),
    contentHash: row.contentHash,
    facts: row.facts ?? liveFacts ?? null,
    cosign: row.cosignStatus
      ? { status: row.cosignStatus as 'pending' | 'cosigned' | 'returned', supervisorName: name(row.cosignBy), at: row.cosignAt, comment: row.cosignComment }
      : null,
    sharedWithClient: row.sharedWithClient,
    unitName: session?.unitName ?? null,
    personSections: session?.unitId ? sectionsView(row, session.attendees, forClient) : [],
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    addenda,
    // In one client's record, a unit note carries only that client's own comments.
    comments: comments.filter((c) => forClient === undefined || c.clientId === forClient).map(({ clientId: _c, ...c }) => c),
  };
}
export type ProgressNoteView = Awaited<ReturnType<typeof noteView>>;

async function noteBySession(db: Db, practiceId: string, sessionId: string) {
  const [row] = await db.select().from(progressNotes).where(and(eq(progressNotes.practiceId, practiceId), eq(progressNotes.sessionId, sessionId)));
  return row ?? null;
}

/** A note by id, with the reader's access to its client checked. */
export async function readableNote(db: Db, actor: Actor, noteId: string) {
  const [row] = await db.select().from(progressNotes).where(and(eq(progressNotes.practiceId, actor.practiceId), eq(progressNotes.id, noteId)));
  if (!row) throw notFound('The note');
  // A unit's note speaks of everyone who came: the reader must be allowed to see each of them.
  const session = await sessionOfNote(db, actor.practiceId, row.sessionId);
  const access = await accessToAll(db, actor, [row.clientId, ...(session?.attendees ?? []).flatMap((a) => (a.clientId ? [a.clientId] : []))]);
  if (!access || access === 'self') throw notFound('The note');
  return { row, access };
}

/** Everything the session page needs for the progress note. */
export async function progressNoteForSession(db: Db, actor: Actor, sessionId: string) {
  const { session } = await sessionForNotes(db, actor, sessionId);
  const practice = await getPractice(db, actor.practiceId);
  const row = await noteBySession(db, actor.practiceId, sessionId);
  const facts = await sessionFacts(db, actor.practiceId, session, row?.serviceCode ?? '');
  const reflections = await db
    .select({ clientId: sessionReflections.clientId, name: clients.name, body: sessionReflections.body, updatedAt: sessionReflections.updatedAt })
    .from(sessionReflections)
    .innerJoin(clients, and(eq(clients.practiceId, sessionReflections.practiceId), eq(clients.id, sessionReflections.clientId)))
    .where(and(eq(sessionReflections.practiceId, actor.practiceId), eq(sessionReflections.sessionId, sessionId)))
    .orderBy(asc(clients.name));
  const own = reflections.find((r) => r.clientId === session.clientId);
  return {
    session,
    note: row ? await noteView(db, actor.practiceId, row, facts, { session }) : null,
    defaultFormat: practice.settings.noteFormat,
    facts,
    reflection: own ? { body: own.body, updatedAt: own.updatedAt } : null,
    reflections,
    canWrite: session.practitionerId === actor.userId && session.status === 'held' && (row === null || row.status === 'draft'),
  };
}

export interface ProgressNoteInput {
  version: number | null;
  /** A unit's note: a section for each client who came, where one is needed. */
  personSections?: PersonSection[] | undefined;
  format: NoteFormat;
  fields: ProgressFields;
  risk: Risk;
  serviceCode: string;
  themeIds: string[];
}

/** Themes must be the client's own. */
export async function checkThemes(db: Db, practiceId: string, clientId: string, themeIds: readonly string[]): Promise<void> {
  if (themeIds.length === 0) return;
  const found = await db
    .select({ id: themes.id })
    .from(themes)
    .where(and(eq(themes.practiceId, practiceId), eq(themes.clientId, clientId), inArray(themes.id, [...new Set(themeIds)])));
  if (found.length !== new Set(themeIds).size) throw invalid('One of the themes does not belong to this client.', { themeIds: 'Choose themes of this client.' });
}

/** Keeps a note's theme tags equal to the themes it names. */
export async function syncThemeTags(
  db: Db,
  practiceId: string,
  sessionId: string,
  layer: 'progress' | 'relational',
  authorId: string,
  themeIds: readonly string[],
): Promise<void> {
  const mine = and(eq(themeTags.practiceId, practiceId), eq(themeTags.sessionId, sessionId), eq(themeTags.layer, layer), eq(themeTags.authorId, authorId));
  const existing = await db.select({ themeId: themeTags.themeId }).from(themeTags).where(mine);
  const want = new Set(themeIds);
  const gone = existing.map((e) => e.themeId).filter((id) => !want.has(id));
  if (gone.length > 0) await db.delete(themeTags).where(and(mine, inArray(themeTags.themeId, gone)));
  const have = new Set(existing.map((e) => e.themeId));
  const add = [...want].filter((id) => !have.has(id));
  if (add.length > 0) {
    await db
      .insert(themeTags)
      .values(add.map((themeId) => ({ practiceId, themeId, sessionId, layer, authorId })))
      .onConflictDoNothing();
  }
}

/** Create (version null) or autosave the draft of a session's progress note. */
export async function saveProgressNote(db: Db, actor: Actor, sessionId: string, input: ProgressNoteInput) {
  const { session } = await sessionForNotes(db, actor, sessionId);
  if (session.practitionerId !== actor.userId) throw forbidden('Only the practitioner who held the session writes its progress note.');
  if (session.status !== 'held') throw invalid('Mark the session as held before writing its progress note.');
  await checkThemes(db, actor.practiceId, session.clientId, input.themeIds);
  const personSections = keptSections(input.personSections ?? []);
  if (personSections.length > 0) {
    if (session.unitId === null) throw invalid('Sections for each person belong to a couple’s, family’s or group’s session.', { personSections: 'Only for a unit’s session.' });
    const onList = new Set(session.attendees.flatMap((a) => (a.clientId ? [a.clientId] : [])));
    if (personSections.some((p) => !onList.has(p.clientId))) {
      throw invalid('A section is for someone who is not on this session’s attendance list.', { personSections: 'Write sections only for the clients who came.' });
    }
  }
  const values = { format: input.format, fields: input.fields, risk: input.risk, serviceCode: input.serviceCode, themeIds: [...new Set(input.themeIds)], personSections };
  let row: NoteRow | undefined;
  if (input.version === null) {
    [row] = await db
      .insert(progressNotes)
      .values({ practiceId: actor.practiceId, sessionId, clientId: session.clientId, chapterId: session.chapterId, authorId: actor.userId, ...values })
      .onConflictDoNothing()
      .returning();
  } else {
    [row] = await db
      .update(progressNotes)
      .set({ ...values, version: sql`${progressNotes.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(progressNotes.practiceId, actor.practiceId),
          eq(progressNotes.sessionId, sessionId),
          eq(progressNotes.version, input.version),
          eq(progressNotes.status, 'draft'),
        ),
      )
      .returning();
  }
  if (!row) {
    const current = await noteBySession(db, actor.practiceId, sessionId);
    if (!current) throw notFound('The note');
    const view = await noteView(db, actor.practiceId, current, undefined, { session });
    const block = editBlock({ status: current.status as 'draft' | 'signed' });
    if (block) throw new DomainError('locked', block);
    throw conflict('This note was changed elsewhere (another tab or device) since you opened it. Both versions are shown so nothing is lost.', view);
  }
  await syncThemeTags(db, actor.practiceId, sessionId, 'progress', actor.userId, values.themeIds);
  // The live facts come with the GET; an autosave answers with the note itself (facts stay null until signing).
  return noteView(db, actor.practiceId, row, undefined, { session });
}

/** Signs a draft: freezes the facts, hashes the content and locks the note. */
export async function signProgressNote(db: Db, actor: Actor, noteId: string, version: number, now = new Date()) {
  const { row } = await readableNote(db, actor, noteId);
  if (row.authorId !== actor.userId) throw forbidden('Only the note’s author can sign it.');
  if (row.status === 'signed') throw new DomainError('locked', 'This note is already signed.');
  if (row.version !== version) {
    throw conflict('This note was changed elsewhere since you opened it. Read the latest version before signing.', await noteView(db, actor.practiceId, row));
  }
  const problems = signingProblems({ format: row.format as NoteFormat, fields: row.fields, risk: row.risk, serviceCode: row.serviceCode });
  const first = Object.values(problems)[0];
  if (first) throw invalid(`Not ready to sign yet: ${first}`, problems);
  const session = await getSession(db, actor.practiceId, row.sessionId);
  const facts = await sessionFacts(db, actor.practiceId, session, row.serviceCode);
  const signedAt = now.toISOString();
  const contentHash = sha256(
    canonicalNoteContent({
      format: row.format as NoteFormat,
      fields: row.fields,
      risk: row.risk,
      serviceCode: row.serviceCode,
      facts,
      personSections: row.personSections,
      signedBy: actor.userId,
      signedAt,
    }),
  );
  const [author] = await db.select({ roles: users.roles }).from(users).where(and(eq(users.practiceId, actor.practiceId), eq(users.id, actor.userId)));
  const [signed] = await db
    .update(progressNotes)
    .set({
      status: 'signed',
      facts,
      signedAt: now,
      signedBy: actor.userId,
      contentHash,
      cosignStatus: needsCosign(author?.roles ?? []) ? 'pending' : null,
      cosignBy: null,
      cosignAt: null,
      version: sql`${progressNotes.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(progressNotes.practiceId, actor.practiceId), eq(progressNotes.id, noteId), eq(progressNotes.version, version), eq(progressNotes.status, 'draft')))
    .returning();
  if (!signed) throw conflict('This note changed while you were signing it. Read the latest version and sign again.');
  return noteView(db, actor.practiceId, signed);
}

/** Recomputes a signed note's hash from what is stored: true when nothing changed since signing. */
export function verifyNoteHash(row: NoteRow): boolean {
  if (row.status !== 'signed' || !row.facts || !row.signedAt || !row.signedBy) return false;
  return (
    sha256(
      canonicalNoteContent({
        format: row.format as NoteFormat,
        fields: row.fields,
        risk: row.risk,
        serviceCode: row.serviceCode,
        facts: row.facts,
        personSections: row.personSections,
        signedBy: row.signedBy,
        signedAt: row.signedAt.toISOString(),
      }),
    ) === row.contentHash
  );
}

/** Adds a signed addendum to a signed note; the original stays untouched. */
export async function addAddendum(db: Db, actor: Actor, noteId: string, body: string, now = new Date()) {
  const { row, access } = await readableNote(db, actor, noteId);
  if (access === 'admin') throw forbidden('Addenda are written by the clinicians in the client’s care.');
  if (row.status !== 'signed' || !row.contentHash) throw invalid('Addenda are for signed notes. This note is still a draft: edit it directly.');
  const signedAt = now.toISOString();
  const contentHash = sha256(canonicalAddendumContent({ noteHash: row.contentHash, body, signedBy: actor.userId, signedAt }));
  await db.insert(noteAddenda).values({ practiceId: actor.practiceId, noteId, authorId: actor.userId, body, signedAt: now, contentHash });
  return noteView(db, actor.practiceId, row);
}

async function isSupervisorOf(db: Db, practiceId: string, supervisorId: string, superviseeId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: supervisions.supervisorId })
    .from(supervisions)
    .where(and(eq(supervisions.practiceId, practiceId), eq(supervisions.supervisorId, supervisorId), eq(supervisions.superviseeId, superviseeId)));
  return row !== undefined;
}

/** The supervisor co-signs an associate's signed note, or returns it to draft with a comment. */
export async function decideCosign(db: Db, actor: Actor, noteId: string, decision: { kind: 'cosign' } | { kind: 'return'; comment: string }, now = new Date()) {
  const { row } = await readableNote(db, actor, noteId);
  if (!(await isSupervisorOf(db, actor.practiceId, actor.userId, row.authorId))) {
    throw forbidden('Only the author’s supervisor co-signs their notes.');
  }
  if (row.cosignStatus !== 'pending') throw conflict('This note is not waiting for a co-signature.');
  const set =
    decision.kind === 'cosign'
      ? { cosignStatus: 'cosigned', cosignBy: actor.userId, cosignAt: now, cosignComment: '' }
      : {
          cosignStatus: 'returned',
          cosignBy: actor.userId,
          cosignAt: now,
          cosignComment: decision.comment,
          status: 'draft',
          facts: null,
          signedAt: null,
          signedBy: null,
          contentHash: null,
        };
  const [updated] = await db
    .update(progressNotes)
    .set({ ...set, version: sql`${progressNotes.version} + 1`, updatedAt: now })
    .where(and(eq(progressNotes.practiceId, actor.practiceId), eq(progressNotes.id, noteId), eq(progressNotes.cosignStatus, 'pending')))
    .returning();
  if (!updated) throw conflict('This note changed meanwhile; reload it.');
  return noteView(db, actor.practiceId, updated);
}

/**
 * Open notes: the author shares a signed (and, for associates, co-signed) note with the client.
 * A unit's note: `shared` is its common part, for everyone who came; `sections` names the clients
 * whose own section is shared with them (each only ever sees their own).
 */
export async function setNoteSharing(db: Db, actor: Actor, noteId: string, shared: boolean, sections?: readonly string[], now = new Date()) {
  const { row } = await readableNote(db, actor, noteId);
  if (row.authorId !== actor.userId) throw forbidden('Only the note’s author decides whether the client sees it.');
  if (row.status !== 'signed') throw invalid('Sign the note before sharing it with the client.');
  // Still shared while any person's section stays shared, even when the common part is withdrawn.
  const sharing = shared || (sections ?? row.sharedSections).length > 0;
  if (sharing && row.cosignStatus === 'pending') throw invalid('This note waits for your supervisor’s co-signature; share it after that.');
  if (sections) {
    const written = new Set(row.personSections.map((p) => p.clientId));
    if (sections.some((id) => !written.has(id))) {
      throw invalid('Only a section that was written can be shared, and only with its own person.', { sections: 'Choose people whose section has text.' });
    }
  }
  const [updated] = await db
    .update(progressNotes)
    .set({
      sharedWithClient: shared,
      sharedAt: sharing ? (row.sharedAt ?? now) : null,
      ...(sections ? { sharedSections: [...new Set(sections)] } : {}),
      updatedAt: now,
    })
    .where(and(eq(progressNotes.practiceId, actor.practiceId), eq(progressNotes.id, noteId)))
    .returning();
  if (!updated) throw notFound('The note');
  return noteView(db, actor.practiceId, updated);
}

export async function getProgressNote(db: Db, actor: Actor, noteId: string) {
  const { row } = await readableNote(db, actor, noteId);
  return noteView(db, actor.practiceId, row);
}

/** Every progress note of a client, newest session first. */
export async function listClientNotes(db: Db, actor: Actor, clientId: string) {
  // Their own sessions' notes and the notes of their units' sessions they came to, each unit note
  // with only this client's own section, and only where the reader may see everyone on it.
  const visible = new Set((await listClientSessions(db, actor, clientId)).map((s) => s.id));
  const rows = await db
    .select({ note: progressNotes })
    .from(progressNotes)
    .innerJoin(sessions, and(eq(sessions.practiceId, progressNotes.practiceId), eq(sessions.id, progressNotes.sessionId)))
    .where(
      and(
        eq(progressNotes.practiceId, actor.practiceId),
        or(
          eq(progressNotes.clientId, clientId),
          sql`exists (select 1 from session_attendees a where a.practice_id = ${sessions.practiceId} and a.session_id = ${sessions.id} and a.client_id = ${clientId})`,
        ),
      ),
    )
    .orderBy(desc(sessions.startsAt));
  return Promise.all(rows.filter((r) => visible.has(r.note.sessionId)).map((r) => noteView(db, actor.practiceId, r.note, undefined, undefined, clientId)));
}

/** Notes of a supervisor's associates waiting for a co-signature. */
export async function cosignQueue(db: Db, actor: Actor) {
  const author = users;
  return db
    .select({
      noteId: progressNotes.id,
      sessionId: progressNotes.sessionId,
      clientId: progressNotes.clientId,
      clientName: clients.name,
      unitName: relationalUnits.name,
      authorName: author.displayName,
      sessionStartsAt: sessions.startsAt,
      signedAt: progressNotes.signedAt,
    })
    .from(progressNotes)
    .innerJoin(supervisions, and(eq(supervisions.practiceId, progressNotes.practiceId), eq(supervisions.superviseeId, progressNotes.authorId)))
    .innerJoin(author, and(eq(author.practiceId, progressNotes.practiceId), eq(author.id, progressNotes.authorId)))
    .innerJoin(clients, and(eq(clients.practiceId, progressNotes.practiceId), eq(clients.id, progressNotes.clientId)))
    .innerJoin(sessions, and(eq(sessions.practiceId, progressNotes.practiceId), eq(sessions.id, progressNotes.sessionId)))
    .leftJoin(relationalUnits, and(eq(relationalUnits.practiceId, sessions.practiceId), eq(relationalUnits.id, sessions.unitId)))
    .where(and(eq(progressNotes.practiceId, actor.practiceId), eq(supervisions.supervisorId, actor.userId), eq(progressNotes.cosignStatus, 'pending')))
    .orderBy(asc(progressNotes.signedAt));
}

/** The practitioner's documentation to-do list. */
export async function notesTodo(db: Db, actor: Actor, now = new Date()) {
  const practice = await getPractice(db, actor.practiceId);
  const cutoff = new Date(now.getTime() - practice.settings.unsignedNoteDays * 86_400_000);
  const base = (where: ReturnType<typeof and>) =>
    db
      .select({
        noteId: progressNotes.id,
        sessionId: progressNotes.sessionId,
        clientId: progressNotes.clientId,
        clientName: clients.name,
        unitName: relationalUnits.name,
        sessionStartsAt: sessions.startsAt,
        comment: progressNotes.cosignComment,
        cosignStatus: progressNotes.cosignStatus,
      })
      .from(progressNotes)
      .innerJoin(clients, and(eq(clients.practiceId, progressNotes.practiceId), eq(clients.id, progressNotes.clientId)))
      .innerJoin(sessions, and(eq(sessions.practiceId, progressNotes.practiceId), eq(sessions.id, progressNotes.sessionId)))
      .leftJoin(relationalUnits, and(eq(relationalUnits.practiceId, sessions.practiceId), eq(relationalUnits.id, sessions.unitId)))
      .where(where)
      .orderBy(asc(sessions.startsAt));
  const drafts = await base(and(eq(progressNotes.practiceId, actor.practiceId), eq(progressNotes.authorId, actor.userId), eq(progressNotes.status, 'draft')));
  const withoutNote = await db
    .select({ sessionId: sessions.id, clientId: sessions.clientId, clientName: clients.name, unitName: relationalUnits.name, startsAt: sessions.startsAt })
    .from(sessions)
    .innerJoin(clients, and(eq(clients.practiceId, sessions.practiceId), eq(clients.id, sessions.clientId)))
    .leftJoin(relationalUnits, and(eq(relationalUnits.practiceId, sessions.practiceId), eq(relationalUnits.id, sessions.unitId)))
    .leftJoin(progressNotes, and(eq(progressNotes.practiceId, sessions.practiceId), eq(progressNotes.sessionId, sessions.id)))
    .where(and(eq(sessions.practiceId, actor.practiceId), eq(sessions.practitionerId, actor.userId), eq(sessions.status, 'held'), isNull(progressNotes.id)))
    .orderBy(asc(sessions.startsAt))
    .limit(100);
  return {
    unsignedNotes: drafts
      .filter((d) => d.sessionStartsAt < cutoff)
      .map((d) => ({ noteId: d.noteId, sessionId: d.sessionId, clientId: d.clientId, clientName: d.clientName, unitName: d.unitName, sessionStartsAt: d.sessionStartsAt, daysOld: Math.floor((now.getTime() - d.sessionStartsAt.getTime()) / 86_400_000) })),
    sessionsWithoutNote: withoutNote,
    returnedNotes: drafts
      .filter((d) => d.cosignStatus === 'returned')
      .map((d) => ({ noteId: d.noteId, sessionId: d.sessionId, clientId: d.clientId, clientName: d.clientName, unitName: d.unitName, comment: d.comment })),
    cosignQueue: await cosignQueue(db, actor),
    unsignedNoteDays: practice.settings.unsignedNoteDays,
  };
}

