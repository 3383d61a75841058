import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { careRelationships, clients, sessions, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import {
  checkMovements,
  checkReschedulable,
  checkStatusChange,
  occurrences,
  type Recurrence,
  type SessionStatus,
} from '../../domain/sessions/rules.js';
import { conflict, invalid, notFound } from '../../domain/shared/errors.js';
import { visiblePractitionerIds } from './access.js';
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
};

function selectSessions(db: Db, where: SQL | undefined) {
  return db
    .select(sessionFields)
    .from(sessions)
    .innerJoin(clients, and(eq(clients.practiceId, sessions.practiceId), eq(clients.id, sessions.clientId)))
    .innerJoin(practitioner, and(eq(practitioner.practiceId, sessions.practiceId), eq(practitioner.id, sessions.practitionerId)))
    .where(where)
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
}

export type SessionRow = Awaited<ReturnType<typeof selectSessions>>[number];

export function listClientSessions(db: Db, practiceId: string, clientId: string) {
  return selectSessions(db, and(eq(sessions.practiceId, practiceId), eq(sessions.clientId, clientId)));
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
  } else if (input.movements?.length) {
    throw invalid('Movements are recorded only for a held session.');
  }
  await saveVersioned(db, practiceId, sessionId, input.version, { status: input.status, statusNote: input.note, movements });
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
