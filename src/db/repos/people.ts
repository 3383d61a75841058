import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { supervisions, users } from '../schema/index.js';
import type { Role } from '../../domain/people/roles.js';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, practiceId: string, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.email, normaliseEmail(email))));
  return row ?? null;
}

export async function getUser(db: Db, practiceId: string, userId: string) {
  const [row] = await db.select().from(users).where(and(eq(users.practiceId, practiceId), eq(users.id, userId)));
  return row ?? null;
}

/** Clinicians of the practice, for choosers and the public page. */
export async function listPractitioners(db: Db, practiceId: string) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      pronouns: users.pronouns,
      credentials: users.credentials,
      roles: users.roles,
      // Who supervises each person (so a supervisor can choose among their own supervisees).
      supervisorIds: sql<string[]>`array(select s.supervisor_id::text from supervisions s where s.practice_id = ${users.practiceId} and s.supervisee_id = ${users.id})`,
    })
    .from(users)
    .where(
      and(
        eq(users.practiceId, practiceId),
        eq(users.active, true),
        sql`${users.roles} && array['practitioner','associate','supervisor']::text[]`,
      ),
    )
    .orderBy(asc(users.displayName));
}

export async function listPeople(db: Db, practiceId: string) {
  const people = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      pronouns: users.pronouns,
      credentials: users.credentials,
      roles: users.roles,
      active: users.active,
      totpEnabledAt: users.totpEnabledAt,
      clientId: users.clientId,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.practiceId, practiceId))
    .orderBy(asc(users.displayName));
  const sup = await db
    .select({ supervisorId: supervisions.supervisorId, superviseeId: supervisions.superviseeId })
    .from(supervisions)
    .where(eq(supervisions.practiceId, practiceId));
  return people.map(({ totpEnabledAt, ...p }) => ({
    ...p,
    roles: p.roles as Role[],
    mfaEnabled: totpEnabledAt !== null,
    supervisorIds: sup.filter((s) => s.superviseeId === p.id).map((s) => s.supervisorId),
  }));
}

/** The associates a supervisor supervises: their clients are visible to the supervisor. */
export async function superviseesWhoAreAssociates(db: Db, practiceId: string, supervisorId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(supervisions)
    .innerJoin(users, and(eq(users.practiceId, supervisions.practiceId), eq(users.id, supervisions.superviseeId)))
    .where(
      and(
        eq(supervisions.practiceId, practiceId),
        eq(supervisions.supervisorId, supervisorId),
        sql`'associate' = any(${users.roles})`,
      ),
    );
  return rows.map((r) => r.id);
}

export async function usersByIds(db: Db, practiceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), inArray(users.id, ids)));
}

/** Whose calendar a secret feed address opens, if anyone's. */
export async function findCalendarOwner(db: Db, practiceId: string, token: string) {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, active: users.active })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.icalToken, token)));
  return row ?? null;
}
