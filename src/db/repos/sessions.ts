import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { careRelationships, clients, progressNotes, relationalUnits, sessionAttendees, sessions, users } from '../schema/index.js';
import type { Actor, ClientAccess } from '../../domain/people/roles.js';
import { type Attendance, expectedAttendees, heldAttendanceProblem, type SessionAttendee as AttendeeOut, type UnitKind } from '../../domain/units/units.js';
import {
  checkMovements,
  checkReschedulable,
  checkStatusChange,
  occurrences,
  type Recurrence,
  type SessionStatus,
} from '../../domain/sessions/rules.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../domain/shared/errors.js';
import { accessToAll, visiblePractitionerIds } from './access.js';
import { checkPractitionerForUnit, currentClientIds, requireUnit } from './units.js';
import { openChapterOf } from './journey.js';
import { getPractice } from './practice.js';

const practitioner = alias(users, 'practitioner');

export const sessionFields = {
  id: sessions.id,
  clientId: sessions.clientId,
  clientName: clients.name,
  chapterId: sessions.chapterId,
  practitionerId: sessions.practitionerId,
  practitionerName: practitioner.displayName,
  seriesId: sessions.seriesId,
  startsAt: sessions.startsAt,
  minutes: sessions.minutes,
  format: sessions.format,
  modality: sessions.modality,
  status: sessions.status,
  statusNote: sessions.statusNote,
  movements: sessions.movements,
  version: sessions.version,
  updatedAt: sessions.updatedAt,
  unitId: sessions.unitId,
  unitName: relationalUnits.name,
  unitKind: sql<UnitKind | null>`${relationalUnits.kind}`,
  /** A unit session's attendance list, person by person ([] for one client's session). */
  attendees: sql<SessionAttendee[]>`coalesce((select json_agg(json_build_object(
      'memberId', a.member_id, 'clientId', a.client_id, 'name', coalesce(ac.name, m.name), 'relationship', m.relationship,
      'attendance', a.attendance, 'note', a.note, 'chapterId', a.chapter_id) order by a.position)
    from session_attendees a
    join unit_members m on m.practice_id = a.practice_id and m.id = a.member_id
    left join clients ac on ac.practice_id = a.practice_id and ac.id = a.client_id
    where a.practice_id = ${sessions.practiceId} and a.session_id = ${sessions.id}), '[]'::json)`,
};

/** On the server an attendee also carries the client's own chapter this session belongs to. */
export interface SessionAttendee extends AttendeeOut {
  chapterId: string | null;
}

const unitJoin = and(eq(relationalUnits.practiceId, sessions.practiceId), eq(relationalUnits.id, sessions.unitId));

function selectSessions(db: Db, where: SQL | undefined) {
  return db
    .select(sessionFields)
    .from(sessions)
    .innerJoin(clients, and(eq(clients.practiceId, sessions.practiceId), eq(clients.id, sessions.clientId)))
    .innerJoin(practitioner, and(eq(practitioner.practiceId, sessions.practiceId), eq(practitioner.id, sessions.practitionerId)))
    .leftJoin(relationalUnits, unitJoin)
    .where(where)
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
}

export type SessionRow = Awaited<ReturnType<typeof selectSessions>>[number];

/** The clients a session belongs to: its client, and for a unit's session everyone on the attendance list who is a client. */
export const clientsOfSession = (session: Pick<SessionRow, 'clientId' | 'attendees'>): string[] => [
  ...new Set([session.clientId, ...session.attendees.flatMap((a) => (a.clientId ? [a.clientId] : []))]),
];

/**
 * The person's access to a session: to one client's session, access to the client; to a unit's,
 * access to every client on it (its note speaks of all of them). Null when they may not see it.
 */
export async function sessionAccess(db: Db, actor: Actor, session: Pick<SessionRow, 'clientId' | 'attendees'>): Promise<ClientAccess | null> {
  return accessToAll(db, actor, clientsOfSession(session));
}

/**
 * A client's sessions: their own, and their units' sessions they are on the attendance list of —
 * those only when the person may see everyone on that session.
 */
export async function listClientSessions(db: Db, actor: Actor, clientId: string) {
  const rows = await selectSessions(
    db,
    and(
      eq(sessions.practiceId, actor.practiceId),
      or(
        eq(sessions.clientId, clientId),
        sql`exists (select 1 from session_attendees a where a.practice_id = ${sessions.practiceId} and a.session_id = ${sessions.id} and a.client_id = ${clientId})`,
      ),
    ),
  );
  const known = new Map<string, boolean>();
  const visible: SessionRow[] = [];
  // The client themself (in the portal) sees every session they are on.
  const self = actor.roles.includes('client') && actor.clientId === clientId;
  for (const row of rows) {
    if (row.unitId === null || self) {
      visible.push(ownChapter(row, clientId));
      continue;
    }
    const key = clientsOfSession(row).sort().join(',');
    let ok = known.get(key);
    if (ok === undefined) known.set(key, (ok = (await sessionAccess(db, actor, row)) !== null));
    if (ok) visible.push(ownChapter(row, clientId));
  }
  return visible;
}

/** A unit's session as seen from one client's record: in that client's own chapter. */
function ownChapter(row: SessionRow, clientId: string): SessionRow {
  if (row.unitId === null || row.clientId === clientId) return row;
  const mine = row.attendees.find((a) => a.clientId === clientId);
  return mine ? { ...row, chapterId: mine.chapterId } : row;
}

/** A unit's sessions, oldest first. */
export async function listUnitSessions(db: Db, actor: Actor, unitId: string) {
  await requireUnit(db, actor, unitId);
  return selectSessions(db, and(eq(sessions.practiceId, actor.practiceId), eq(sessions.unitId, unitId)));
}

/** Whether this person may see a practitioner's calendar: their own, a supervisee associate's, or any (admin). */
export async function checkCalendarAccess(db: Db, actor: Actor, practitionerId: string): Promise<void> {
  const visible = await visiblePractitionerIds(db, actor);
  if (visible && !visible.includes(practitionerId)) throw notFound('That calendar');
}

/** One practitioner's sessions between two instants: the week calendar and today's list. */
export async function listSessionsInRange(db: Db, actor: Actor, range: { practitionerId: string; from: Date; to: Date }) {
  await checkCalendarAccess(db, actor, range.practitionerId);
  return selectSessions(
    db,
    and(
      eq(sessions.practiceId, actor.practiceId),
      eq(sessions.practitionerId, range.practitionerId),
      gt(sessions.startsAt, new Date(range.from.getTime() - 8 * 3600_000)),
      lt(sessions.startsAt, range.to),
      // Sessions that started before `from` but are still running count too.
      sql`${sessions.startsAt} + make_interval(mins => ${sessions.minutes}) > ${range.from.toISOString()}`,
    ),
  );
}

export async function getSession(db: Db, practiceId: string, sessionId: string) {
  const [row] = await selectSessions(db, and(eq(sessions.practiceId, practiceId), eq(sessions.id, sessionId)));
  if (!row) throw notFound('The session');
  return row;
}

/**
 * A session and, in the same round trip, who is related to its client (the practitioners in
 * care and the supervisors of associates among them), for the access rule.
 */
export async function getSessionWithRelations(db: Db, practiceId: string, sessionId: string) {
  const [row] = await db
    .select({
      ...sessionFields,
      practitionerIds: sql<string[]>`array(select cr.practitioner_id::text from care_relationships cr
        where cr.practice_id = ${sessions.practiceId} and cr.client_id = ${sessions.clientId})`,
      supervisorIds: sql<string[]>`array(select s.supervisor_id::text from supervisions s
        join users u on u.practice_id = s.practice_id and u.id = s.supervisee_id and 'associate' = any(u.roles)
        join care_relationships cr on cr.practice_id = s.practice_id and cr.practitioner_id = s.supervisee_id
        where s.practice_id = ${sessions.practiceId} and cr.client_id = ${sessions.clientId})`,
    })
    .from(sessions)
    .innerJoin(clients, and(eq(clients.practiceId, sessions.practiceId), eq(clients.id, sessions.clientId)))
    .innerJoin(practitioner, and(eq(practitioner.practiceId, sessions.practiceId), eq(practitioner.id, sessions.practitionerId)))
    .leftJoin(relationalUnits, unitJoin)
    .where(and(eq(sessions.practiceId, practiceId), eq(sessions.id, sessionId)));
  if (!row) return null;
  const { practitionerIds, supervisorIds, ...session } = row;
  return { session, relations: { practitionerIds, supervisorIdsOfAssociates: supervisorIds } };
}

async function checkNoOverlap(db: Db, practiceId: string, practitionerId: string, format: string, slots: Array<{ start: Date; minutes: number }>, exceptId?: string) {
  for (const slot of slots) {
    const end = new Date(slot.start.getTime() + slot.minutes * 60_000);
    const clash = await db
      .select({ id: sessions.id, startsAt: sessions.startsAt, format: sessions.format, clientName: clients.name })
      .from(sessions)
      .innerJoin(clients, and(eq(clients.practiceId, sessions.practiceId), eq(clients.id, sessions.clientId)))
      .where(
        and(
          eq(sessions.practiceId, practiceId),
          eq(sessions.practitionerId, practitionerId),
          inArray(sessions.status, ['scheduled', 'held']),
          lt(sessions.startsAt, end),
          sql`${sessions.startsAt} + make_interval(mins => ${sessions.minutes}) > ${slot.start.toISOString()}`,
          exceptId ? ne(sessions.id, exceptId) : undefined,
        ),
      )
      .limit(1);
    const other = clash[0];
    // A group meets several clients at once: group sessions may share a time.
    if (other && !(format === 'group' && other.format === 'group')) {
      throw conflict(`That time overlaps another session (${other.startsAt.toISOString()}). Choose another time.`);
    }
  }
}

export interface NewSessions {
  clientId: string;
  /** A unit's session: the client is its first client member, and every member who attends is on the list. */
  unitId?: string | undefined;
  practitionerId: string;
  startsAt: Date;
  minutes: number;
  format: string;
  modality: string;
  recurrence: Recurrence;
  count: number;
}

/** Schedules one session or a weekly/fortnightly series in the client's open chapter. */
export async function scheduleSessions(db: Db, actor: Actor, input: NewSessions) {
  if (input.unitId) return scheduleUnitSessions(db, actor, { ...input, unitId: input.unitId });
  const practiceId = actor.practiceId;
  const [rel] = await db
    .select({ id: careRelationships.practitionerId })
    .from(careRelationships)
    .where(and(eq(careRelationships.practiceId, practiceId), eq(careRelationships.clientId, input.clientId), eq(careRelationships.practitionerId, input.practitionerId)));
  if (!rel) throw invalid('That practitioner is not in a care relationship with this client. Add them to the client first.', { practitionerId: 'Not one of this client’s practitioners.' });
  const chapter = await openChapterOf(db, practiceId, input.clientId);
  if (!chapter) throw invalid('This client has no open chapter. Open a new chapter (a return) before scheduling.');
  const practice = await getPractice(db, practiceId);
  const starts = occurrences(input.startsAt, input.recurrence, input.count, practice.timezone);
  await checkNoOverlap(db, practiceId, input.practitionerId, input.format, starts.map((start) => ({ start, minutes: input.minutes })));
  const seriesId = starts.length > 1 ? randomUUID() : null;
  const ids = await db
    .insert(sessions)
    .values(
      starts.map((startsAt) => ({
        practiceId,
        clientId: input.clientId,
        chapterId: chapter.id,
        practitionerId: input.practitionerId,
        seriesId,
        startsAt,
        minutes: input.minutes,
        format: input.format,
        modality: input.modality,
        createdBy: actor.userId,
      })),
    )
    .returning({ id: sessions.id });
  return selectSessions(db, and(eq(sessions.practiceId, practiceId), inArray(sessions.id, ids.map((i) => i.id))));
}

async function saveVersioned(db: Db, practiceId: string, sessionId: string, version: number, set: Partial<typeof sessions.$inferInsert>) {
  const done = await db
    .update(sessions)
    .set({ ...set, updatedAt: new Date(), version: sql`${sessions.version} + 1` })
    .where(and(eq(sessions.practiceId, practiceId), eq(sessions.id, sessionId), eq(sessions.version, version)))
    .returning({ id: sessions.id });
  if (done.length === 0) throw conflict('This session was changed by someone else after you opened it. Reload to see the latest.');
}

export async function rescheduleSession(
  db: Db,
  practiceId: string,
  sessionId: string,
  version: number,
  changes: { startsAt?: Date | undefined; minutes?: number | undefined; format?: string | undefined; modality?: string | undefined },
) {
  const current = await getSession(db, practiceId, sessionId);
  checkReschedulable(current.status as SessionStatus);
  const start = changes.startsAt ?? current.startsAt;
  const minutes = changes.minutes ?? current.minutes;
  if (changes.startsAt || changes.minutes) {
    await checkNoOverlap(db, practiceId, current.practitionerId, changes.format ?? current.format, [{ start, minutes }], sessionId);
  }
  await saveVersioned(db, practiceId, sessionId, version, {
    startsAt: start,
    minutes,
    ...(changes.format ? { format: changes.format } : {}),
    ...(changes.modality ? { modality: changes.modality } : {}),
  });
  return getSession(db, practiceId, sessionId);
}

export async function changeSessionStatus(
  db: Db,
  practiceId: string,
  sessionId: string,
  input: { version: number; status: SessionStatus; note: string; movements?: string[] | undefined },
  now = new Date(),
) {
  const current = await getSession(db, practiceId, sessionId);
  checkStatusChange(current.status as SessionStatus, input.status, current.startsAt, now);
  let movements: string[] = [];
  if (input.status === 'held') {
    const practice = await getPractice(db, practiceId);
    movements = checkMovements(input.movements ?? [], practice.forceMovements.map((m) => m.key));
    const problem = heldAttendanceProblem(current.attendees);
    if (problem) throw invalid(problem);
  } else if (input.movements?.length) {
    throw invalid('Movements are recorded only for a held session.');
  }
  await saveVersioned(db, practiceId, sessionId, input.version, { status: input.status, statusNote: input.note, movements });
  // Held: everyone still expected came (the practitioner marks who did not).
  if (input.status === 'held' && current.unitId !== null) {
    await db
      .update(sessionAttendees)
      .set({ attendance: 'attended' })
      .where(and(eq(sessionAttendees.practiceId, practiceId), eq(sessionAttendees.sessionId, sessionId), eq(sessionAttendees.attendance, 'expected')));
  }
  return getSession(db, practiceId, sessionId);
}

/** Sessions for an iCalendar feed: a window around today, cancelled ones included so calendars drop them. */
export function feedSessions(db: Db, practiceId: string, practitionerId: string, now = new Date()) {
  return selectSessions(
    db,
    and(
      eq(sessions.practiceId, practiceId),
      eq(sessions.practitionerId, practitionerId),
      gt(sessions.startsAt, new Date(now.getTime() - 60 * 86400_000)),
      lt(sessions.startsAt, new Date(now.getTime() + 366 * 86400_000)),
    ),
  );
}

/** Schedules a unit's session (or series): one session, its attendance list, each client's own chapter. */
async function scheduleUnitSessions(db: Db, actor: Actor, input: NewSessions & { unitId: string }) {
  const practiceId = actor.practiceId;
  const { unit } = await requireUnit(db, actor, input.unitId, true);
  await checkPractitionerForUnit(db, practiceId, input.practitionerId, unit);
  const attendees = expectedAttendees(unit.members);
  const chapters = new Map<string, string>();
  for (const clientId of currentClientIds(unit)) {
    const chapter = await openChapterOf(db, practiceId, clientId);
    const name = unit.members.find((m) => m.clientId === clientId)?.name ?? 'A client';
    if (!chapter) throw invalid(`${name} has no open chapter. Open a new chapter (a return) for them before scheduling the unit.`);
    chapters.set(clientId, chapter.id);
  }
  const lead = attendees.find((m) => m.clientId !== null)?.clientId;
  if (!lead) throw invalid('A couple, family or group needs at least one client of the practice.');
  const practice = await getPractice(db, practiceId);
  const starts = occurrences(input.startsAt, input.recurrence, input.count, practice.timezone);
  await checkNoOverlap(db, practiceId, input.practitionerId, input.format, starts.map((start) => ({ start, minutes: input.minutes })));
  const seriesId = starts.length > 1 ? randomUUID() : null;
  const ids = await db.transaction(async (tx) => {
    const made = await tx
      .insert(sessions)
      .values(
        starts.map((startsAt) => ({
          practiceId,
          clientId: lead,
          unitId: unit.id,
          chapterId: chapters.get(lead) ?? null,
          practitionerId: input.practitionerId,
          seriesId,
          startsAt,
          minutes: input.minutes,
          format: input.format,
          modality: input.modality,
          createdBy: actor.userId,
        })),
      )
      .returning({ id: sessions.id });
    await tx.insert(sessionAttendees).values(
      made.flatMap(({ id }) =>
        attendees.map((m, position) => ({
          practiceId,
          sessionId: id,
          memberId: m.id,
          clientId: m.clientId,
          chapterId: m.clientId ? (chapters.get(m.clientId) ?? null) : null,
          position,
        })),
      ),
    );
    return made;
  });
  return selectSessions(db, and(eq(sessions.practiceId, practiceId), inArray(sessions.id, ids.map((i) => i.id))));
}

/**
 * Records who came to a unit's session, person by person. Only once the session has begun, and
 * never after its note is signed (the signature covers who was there).
 */
export async function recordAttendance(
  db: Db,
  practiceId: string,
  sessionId: string,
  entries: ReadonlyArray<{ memberId: string; attendance: Attendance; note?: string | undefined }>,
  now = new Date(),
) {
  const session = await getSession(db, practiceId, sessionId);
  if (session.unitId === null) throw invalid('Attendance person by person is kept for a couple’s, family’s or group’s session.');
  if (session.startsAt > now) throw invalid('Attendance can be recorded once the session has begun.');
  if (session.status === 'cancelled') throw invalid('This session was cancelled; there is no attendance to record.');
  const [signed] = await db
    .select({ id: progressNotes.id })
    .from(progressNotes)
    .where(and(eq(progressNotes.practiceId, practiceId), eq(progressNotes.sessionId, sessionId), eq(progressNotes.status, 'signed')));
  if (signed) throw new DomainError('locked', 'The note of this session is signed, and its signature covers who was there. Add an addendum to correct it.');
  const onList = new Set(session.attendees.map((a) => a.memberId));
  const stranger = entries.find((e) => !onList.has(e.memberId));
  if (stranger) throw invalid('Someone named is not on this session’s attendance list.', { attendees: 'Choose people on the attendance list.' });
  if (session.status === 'held') {
    const after = session.attendees.map((a) => {
      const e = entries.find((x) => x.memberId === a.memberId);
      return { clientId: a.clientId, attendance: e?.attendance ?? a.attendance };
    });
    const problem = heldAttendanceProblem(after);
    if (problem) throw invalid(problem);
  }
  await db.transaction(async (tx) => {
    for (const e of entries) {
      await tx
        .update(sessionAttendees)
        .set({ attendance: e.attendance, ...(e.note !== undefined ? { note: e.note } : {}) })
        .where(and(eq(sessionAttendees.practiceId, practiceId), eq(sessionAttendees.sessionId, sessionId), eq(sessionAttendees.memberId, e.memberId)));
    }
    await tx
      .update(sessions)
      .set({ updatedAt: now, version: sql`${sessions.version} + 1` })
      .where(and(eq(sessions.practiceId, practiceId), eq(sessions.id, sessionId)));
  });
  return getSession(db, practiceId, sessionId);
}
