import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { clients } from '../schema/index.js';
import { type Actor, type ClientAccess, clientAccess, isAdmin } from '../../domain/people/roles.js';
import { notFound } from '../../domain/shared/errors.js';
import { superviseesWhoAreAssociates } from './people.js';

/**
 * Read with a client row in one round trip: the practitioners in relationship with the client, and
 * the supervisors of those practitioners who are associates.
 */
const relationshipsOfClient = {
  practitionerIds: sql<string[]>`array(select cr.practitioner_id::text from care_relationships cr
    where cr.practice_id = clients.practice_id and cr.client_id = clients.id)`,
  supervisorIds: sql<string[]>`array(select s.supervisor_id::text from supervisions s
    join users u on u.practice_id = s.practice_id and u.id = s.supervisee_id and 'associate' = any(u.roles)
    join care_relationships cr on cr.practice_id = s.practice_id and cr.practitioner_id = s.supervisee_id
    where s.practice_id = clients.practice_id and cr.client_id = clients.id)`,
};

/**
 * The one door to a client's record: by practice, then by the person's relationship to the
 * client. Anyone without a relationship gets the same 404 as for a client that does not exist.
 */
export async function requireClientAccess(db: Db, actor: Actor, clientId: string): Promise<ClientAccess> {
  const [row] = await db
    .select(relationshipsOfClient)
    .from(clients)
    .where(and(eq(clients.practiceId, actor.practiceId), eq(clients.id, clientId)));
  if (!row) throw notFound('The client');
  const access = clientAccess(actor, clientId, { practitionerIds: row.practitionerIds, supervisorIdsOfAssociates: row.supervisorIds });
  if (!access) throw notFound('The client');
  return access;
}

const accessRank: Record<ClientAccess, number> = { supervision: 0, admin: 1, care: 2, self: 3 };

/**
 * Access to several clients at once (the people of a couple, family or group): null unless the
 * person may see every one of them, else the weakest access they have to any (a supervisor of one
 * reads, never writes, the whole).
 */
export async function accessToAll(db: Db, actor: Actor, clientIds: readonly string[]): Promise<ClientAccess | null> {
  const ids = [...new Set(clientIds)];
  if (ids.length === 0) return null;
  const rows = await db
    .select({ id: clients.id, ...relationshipsOfClient })
    .from(clients)
    .where(and(eq(clients.practiceId, actor.practiceId), inArray(clients.id, ids)));
  if (rows.length !== ids.length) return null;
  let weakest: ClientAccess | null = null;
  for (const row of rows) {
    const access = clientAccess(actor, row.id, { practitionerIds: row.practitionerIds, supervisorIdsOfAssociates: row.supervisorIds });
    if (!access) return null;
    if (weakest === null || accessRank[access] < accessRank[weakest]) weakest = access;
  }
  return weakest;
}

/**
 * Whose clients this person sees: their own, and those of the associates they supervise.
 * Null means every client of the practice (an admin).
 */
export async function visiblePractitionerIds(db: Db, actor: Actor): Promise<string[] | null> {
  if (isAdmin(actor.roles)) return null;
  if (actor.roles.includes('client')) return [];
  const associates = actor.roles.includes('supervisor') ? await superviseesWhoAreAssociates(db, actor.practiceId, actor.userId) : [];
  return [actor.userId, ...associates];
}
