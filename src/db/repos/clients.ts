import { and, asc, count, eq, exists, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { careRelationships, chapters, clients, phaseMoves, users } from '../schema/index.js';
import { type ClientProfile, normaliseQuery, searchTextOf } from '../../domain/clients/profile.js';
import type { Actor } from '../../domain/people/roles.js';
import { conflict, invalid, notFound } from '../../domain/shared/errors.js';
import { visiblePractitionerIds } from './access.js';

export interface ClientListQuery {
  q?: string | undefined;
  practitionerId?: string | undefined;
  phase?: string | undefined;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const primary = alias(users, 'primary_practitioner');

/** The client list: only clients this person may see, filtered, by name, a page at a time. */
export async function listClients(db: Db, actor: Actor, query: ClientListQuery) {
  const visible = await visiblePractitionerIds(db, actor);
  const where: SQL[] = [eq(clients.practiceId, actor.practiceId)];
  const inRelationship = (ids: string[]) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(careRelationships)
        .where(
          and(
            eq(careRelationships.practiceId, clients.practiceId),
            eq(careRelationships.clientId, clients.id),
            inArray(careRelationships.practitionerId, ids),
          ),
        ),
    );
  if (visible) where.push(visible.length ? inRelationship(visible) : sql`false`);
  if (query.practitionerId) where.push(inRelationship([query.practitionerId]));
  if (query.phase) where.push(eq(clients.currentPhase, query.phase));
  const q = query.q ? normaliseQuery(query.q) : '';
  if (q) where.push(ilike(clients.searchText, `%${escapeLike(q)}%`));
  const filter = and(...where);

  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: clients.id,
        name: clients.name,
        pronouns: clients.pronouns,
        currentPhase: clients.currentPhase,
        primaryPractitionerId: clients.primaryPractitionerId,
        primaryPractitionerName: primary.displayName,
        nextSessionAt: sql<Date | null>`(select min(s.starts_at) from sessions s where s.practice_id = ${clients.practiceId} and s.client_id = ${clients.id} and s.status = 'scheduled' and s.starts_at >= now())`,
        lastSessionAt: sql<Date | null>`(select max(s.starts_at) from sessions s where s.practice_id = ${clients.practiceId} and s.client_id = ${clients.id} and s.status = 'held' and s.starts_at < now())`,
      })
      .from(clients)
      .leftJoin(primary, and(eq(primary.practiceId, clients.practiceId), eq(primary.id, clients.primaryPractitionerId)))
      .where(filter)
      .orderBy(asc(clients.name), asc(clients.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(clients).where(filter),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      nextSessionAt: r.nextSessionAt ? new Date(r.nextSessionAt).toISOString() : null,
      lastSessionAt: r.lastSessionAt ? new Date(r.lastSessionAt).toISOString() : null,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const profileFields = {
  id: clients.id,
  name: clients.name,
  legalName: clients.legalName,
  pronouns: clients.pronouns,
  culturalIdentities: clients.culturalIdentities,
  communities: clients.communities,
  email: clients.email,
  phone: clients.phone,
  preferredContact: clients.preferredContact,
  dateOfBirth: clients.dateOfBirth,
  emergencyContactName: clients.emergencyContactName,
  emergencyContactPhone: clients.emergencyContactPhone,
  emergencyContactRelationship: clients.emergencyContactRelationship,
  concerns: clients.concerns,
  resilience: clients.resilience,
  connection: clients.connection,
  vitality: clients.vitality,
  currentPhase: clients.currentPhase,
  version: clients.version,
  createdAt: clients.createdAt,
  updatedAt: clients.updatedAt,
};

/** A client's record (access already checked by the caller through requireClientAccess). */
export async function getClient(db: Db, practiceId: string, clientId: string) {
  const [row] = await db
    .select(profileFields)
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
  if (!row) throw notFound('The client');
  const practitioners = await db
    .select({ id: users.id, displayName: users.displayName, kind: careRelationships.kind })
    .from(careRelationships)
    .innerJoin(users, and(eq(users.practiceId, careRelationships.practiceId), eq(users.id, careRelationships.practitionerId)))
    .where(and(eq(careRelationships.practiceId, practiceId), eq(careRelationships.clientId, clientId)))
    .orderBy(sql`${careRelationships.kind} = 'primary' desc`, asc(users.displayName));
  return { ...row, practitioners: practitioners.map((p) => ({ ...p, kind: p.kind as 'primary' | 'additional' })) };
}

async function requireClinician(db: Db, practiceId: string, userId: string) {
  const [u] = await db
    .select({ id: users.id, roles: users.roles, active: users.active })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.id, userId)));
  if (!u || !u.active || !u.roles.some((r) => r === 'practitioner' || r === 'associate' || r === 'supervisor')) {
    throw invalid('Choose a practitioner of this practice.', { primaryPractitionerId: 'Not a practitioner here.' });
  }
}

/** Creates a client and opens the first chapter of their journey, in reaching out. */
export async function createClient(
  db: Db,
  practiceId: string,
  input: { profile: ClientProfile; primaryPractitionerId: string; createdBy: string; openingNote?: string },
): Promise<string> {
  await requireClinician(db, practiceId, input.primaryPractitionerId);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(clients)
      .values({
        practiceId,
        ...input.profile,
        searchText: searchTextOf(input.profile),
        currentPhase: 'reaching_out',
        primaryPractitionerId: input.primaryPractitionerId,
      })
      .returning({ id: clients.id });
    const clientId = c!.id;
    await tx.insert(careRelationships).values({ practiceId, clientId, practitionerId: input.primaryPractitionerId, kind: 'primary' });
    const [ch] = await tx
      .insert(chapters)
      .values({ practiceId, clientId, number: 1, phase: 'reaching_out', openedBy: input.createdBy, openingNote: input.openingNote ?? '' })
      .returning({ id: chapters.id });
    await tx.insert(phaseMoves).values({
      practiceId,
      chapterId: ch!.id,
      clientId,
      fromPhase: null,
      toPhase: 'reaching_out',
      movedBy: input.createdBy,
      note: input.openingNote ?? '',
    });
    return clientId;
  });
}

/** Saves profile changes made from a given version; someone else's newer save gets a 409. */
export async function updateClient(db: Db, practiceId: string, clientId: string, version: number, changes: Partial<ClientProfile>) {
  const current = await getClient(db, practiceId, clientId);
  const next = { ...current, ...changes };
  const updated = await db
    .update(clients)
    .set({
      ...changes,
      searchText: searchTextOf(next),
      version: sql`${clients.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId), eq(clients.version, version)))
    .returning({ version: clients.version });
  if (updated.length === 0) {
    throw conflict(
      `Someone else saved this client's details after you opened them (now version ${current.version}, yours ${version}). Reload to see their changes; what you typed is kept.`,
    );
  }
}

export async function addPractitioner(db: Db, practiceId: string, clientId: string, practitionerId: string, kind: 'primary' | 'additional') {
  await requireClinician(db, practiceId, practitionerId);
  await db.transaction(async (tx) => {
    if (kind === 'primary') {
      await tx
        .update(careRelationships)
        .set({ kind: 'additional' })
        .where(and(eq(careRelationships.practiceId, practiceId), eq(careRelationships.clientId, clientId), eq(careRelationships.kind, 'primary')));
      await tx
        .update(clients)
        .set({ primaryPractitionerId: practitionerId, updatedAt: new Date() })
        .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
    }
    await tx
      .insert(careRelationships)
      .values({ practiceId, clientId, practitionerId, kind })
      .onConflictDoUpdate({ target: [careRelationships.practiceId, careRelationships.clientId, careRelationships.practitionerId], set: { kind } });
  });
}

export async function removePractitioner(db: Db, practiceId: string, clientId: string, practitionerId: string) {
  const [rel] = await db
    .select({ kind: careRelationships.kind })
    .from(careRelationships)
    .where(and(eq(careRelationships.practiceId, practiceId), eq(careRelationships.clientId, clientId), eq(careRelationships.practitionerId, practitionerId)));
  if (!rel) throw notFound('That practitioner’s relationship with this client');
  if (rel.kind === 'primary') throw invalid('Choose another primary practitioner before removing this one.');
  await db
    .delete(careRelationships)
    .where(and(eq(careRelationships.practiceId, practiceId), eq(careRelationships.clientId, clientId), eq(careRelationships.practitionerId, practitionerId)));
}
