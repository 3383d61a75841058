import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { careRelationships, clients, supervisions, users } from '../schema/index.js';
import { type Actor, type ClientAccess, clientAccess, isAdmin } from '../../domain/people/roles.js';
import { notFound } from '../../domain/shared/errors.js';
import { superviseesWhoAreAssociates } from './people.js';

/**
 * The one door to a client's record: by practice, then by the person's relationship to the
 * client. Anyone without a relationship gets the same 404 as for a client that does not exist.
 */
export async function requireClientAccess(db: Db, actor: Actor, clientId: string): Promise<ClientAccess> {
  const [client] = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.practiceId, actor.practiceId), eq(clients.id, clientId)));
  if (!client) throw notFound('The client');
  const rel = await db
    .select({ practitionerId: careRelationships.practitionerId })
    .from(careRelationships)
    .where(and(eq(careRelationships.practiceId, actor.practiceId), eq(careRelationships.clientId, clientId)));
  const practitionerIds = rel.map((r) => r.practitionerId);
  const supervisors =
    practitionerIds.length === 0
      ? []
      : await db
          .select({ id: supervisions.supervisorId })
          .from(supervisions)
          .innerJoin(users, and(eq(users.practiceId, supervisions.practiceId), eq(users.id, supervisions.superviseeId)))
          .where(
            and(
              eq(supervisions.practiceId, actor.practiceId),
              inArray(supervisions.superviseeId, practitionerIds),
              sql`'associate' = any(${users.roles})`,
            ),
          );
  const access = clientAccess(actor, clientId, { practitionerIds, supervisorIdsOfAssociates: supervisors.map((s) => s.id) });
  if (!access) throw notFound('The client');
  return access;
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
