import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { careRelationships, clients, relationalUnits, unitMembers } from '../schema/index.js';
import type { Actor, ClientAccess } from '../../domain/people/roles.js';
import { conflict, forbidden, invalid, notFound } from '../../domain/shared/errors.js';
import { MAX_UNIT_MEMBERS, membershipProblem, type RelatedPersonInput, type UnitKind } from '../../domain/units/units.js';
import { accessToAll, requireClientAccess } from './access.js';

const unitNotFound = () => notFound('The couple, family or group');

export interface UnitMemberView {
  id: string;
  kind: 'client' | 'related';
  clientId: string | null;
  name: string;
  relationship: string;
  note: string;
  attends: boolean;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface UnitView {
  id: string;
  kind: UnitKind;
  name: string;
  note: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  members: UnitMemberView[];
}

/** Units with their members (current first, in joining order, then those who left). */
async function loadUnits(db: Db, practiceId: string, unitIds: readonly string[]): Promise<UnitView[]> {
  if (unitIds.length === 0) return [];
  const [units, members] = await Promise.all([
    db
      .select()
      .from(relationalUnits)
      .where(and(eq(relationalUnits.practiceId, practiceId), inArray(relationalUnits.id, [...unitIds])))
      .orderBy(asc(relationalUnits.name), asc(relationalUnits.id)),
    db
      .select({
        id: unitMembers.id,
        unitId: unitMembers.unitId,
        clientId: unitMembers.clientId,
        name: sql<string>`coalesce(${clients.name}, ${unitMembers.name})`,
        relationship: unitMembers.relationship,
        note: unitMembers.note,
        attends: unitMembers.attends,
        joinedAt: unitMembers.joinedAt,
        leftAt: unitMembers.leftAt,
      })
      .from(unitMembers)
      .leftJoin(clients, and(eq(clients.practiceId, unitMembers.practiceId), eq(clients.id, unitMembers.clientId)))
      .where(and(eq(unitMembers.practiceId, practiceId), inArray(unitMembers.unitId, [...unitIds])))
      .orderBy(sql`${unitMembers.leftAt} is not null`, asc(unitMembers.joinedAt), asc(unitMembers.id)),
  ]);
  return units.map((u) => ({
    id: u.id,
    kind: u.kind,
    name: u.name,
    note: u.note,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    members: members
      .filter((m) => m.unitId === u.id)
      .map(({ unitId: _unit, ...m }) => ({ ...m, kind: m.clientId === null ? ('related' as const) : ('client' as const) })),
  }));
}

export const currentClientIds = (unit: UnitView): string[] =>
  unit.members.filter((m) => m.leftAt === null && m.clientId !== null).map((m) => m.clientId as string);

/**
 * A unit and the person's access to it: they must be allowed to see every client in it (a unit
 * brings their records together). Anyone else gets the same 404 as a unit that does not exist.
 */
/** Whether a person with this access may change a unit: care or admin; a supervisor reads only. */
export const canEditUnit = (access: ClientAccess): boolean => access === 'care' || access === 'admin';

export async function requireUnit(db: Db, actor: Actor, unitId: string, write = false): Promise<{ unit: UnitView; access: ClientAccess }> {
  const [unit] = await loadUnits(db, actor.practiceId, [unitId]);
  if (!unit) throw unitNotFound();
  const access = await accessToAll(db, actor, currentClientIds(unit));
  if (!access || access === 'self') throw unitNotFound();
  if (write && access === 'supervision') throw forbidden('A supervisor can read this unit but not change it.');
  return { unit, access };
}

/** The units a client belongs to or belonged to, those the person may see. */
export async function listClientUnits(db: Db, actor: Actor, clientId: string): Promise<Array<UnitView & { canEdit: boolean }>> {
  await requireClientAccess(db, actor, clientId);
  const rows = await db
    .selectDistinct({ unitId: unitMembers.unitId })
    .from(unitMembers)
    .where(and(eq(unitMembers.practiceId, actor.practiceId), eq(unitMembers.clientId, clientId)));
  const units = await loadUnits(db, actor.practiceId, rows.map((r) => r.unitId));
  const visible: Array<UnitView & { canEdit: boolean }> = [];
  for (const unit of units) {
    const access = await accessToAll(db, actor, currentClientIds(unit));
    if (access && access !== 'self') visible.push({ ...unit, canEdit: canEditUnit(access) });
  }
  return visible;
}

/** Every client named must exist and be one the person writes for (care, or admin). */
async function checkClientsWritable(db: Db, actor: Actor, clientIds: readonly string[]): Promise<void> {
  const access = await accessToAll(db, actor, clientIds);
  if (!access || access === 'self') throw invalid('One of the clients could not be found among those you work with.', { clientIds: 'Choose clients you work with.' });
  if (access === 'supervision') throw forbidden('A supervisor cannot bring a supervisee’s clients together into a unit.');
}

export interface NewUnit {
  kind: UnitKind;
  name: string;
  note: string;
  clientIds: string[];
  /** How each client is related within the unit ("partner", "mother"), by client id; optional. */
  clientRelationships?: Record<string, string> | undefined;
  relatedPeople: RelatedPersonInput[];
}

export async function createUnit(db: Db, actor: Actor, input: NewUnit): Promise<UnitView> {
  const clientIds = [...new Set(input.clientIds)];
  if (clientIds.length !== input.clientIds.length) throw invalid('Each client is in a unit once.', { clientIds: 'A client is named twice.' });
  const relationships = input.clientRelationships ?? {};
  if (Object.keys(relationships).some((id) => !clientIds.includes(id))) {
    throw invalid('A relationship was given for a client who is not among the clients named.', { clientRelationships: 'Give relationships only for the clients named.' });
  }
  await checkClientsWritable(db, actor, clientIds);
  const problem = membershipProblem(input.kind, [
    ...clientIds.map(() => ({ kind: 'client' as const, leftAt: null })),
    ...input.relatedPeople.map(() => ({ kind: 'related' as const, leftAt: null })),
  ]);
  if (problem) throw invalid(problem, { clientIds: problem });
  const id = await db.transaction(async (tx) => {
    const [unit] = await tx
      .insert(relationalUnits)
      .values({ practiceId: actor.practiceId, kind: input.kind, name: input.name, note: input.note, createdBy: actor.userId })
      .returning({ id: relationalUnits.id });
    if (!unit) throw conflict('The unit could not be created. Try again.');
    // Joining order is the order given: clients first, then related people.
    const base = Date.now();
    await tx.insert(unitMembers).values([
      ...clientIds.map((clientId, i) => ({
        practiceId: actor.practiceId,
        unitId: unit.id,
        clientId,
        relationship: relationships[clientId]?.trim() ?? '',
        attends: true,
        joinedAt: new Date(base + i),
      })),
      ...input.relatedPeople.map((p, i) => ({
        practiceId: actor.practiceId,
        unitId: unit.id,
        name: p.name,
        relationship: p.relationship,
        note: p.note,
        attends: p.attends,
        joinedAt: new Date(base + clientIds.length + i),
      })),
    ]);
    return unit.id;
  });
  const [view] = await loadUnits(db, actor.practiceId, [id]);
  if (!view) throw unitNotFound();
  return view;
}

export async function updateUnit(db: Db, actor: Actor, unitId: string, input: { version: number; name?: string | undefined; note?: string | undefined }) {
  const { unit } = await requireUnit(db, actor, unitId, true);
  const done = await db
    .update(relationalUnits)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      updatedAt: new Date(),
      version: sql`${relationalUnits.version} + 1`,
    })
    .where(and(eq(relationalUnits.practiceId, actor.practiceId), eq(relationalUnits.id, unitId), eq(relationalUnits.version, input.version)))
    .returning({ id: relationalUnits.id });
  if (done.length === 0) {
    const [current] = await loadUnits(db, actor.practiceId, [unitId]);
    throw conflict('This unit was changed by someone else after you opened it. Their version is shown; what you typed is kept.', { ...(current ?? unit), canEdit: true });
  }
  return (await requireUnit(db, actor, unitId)).unit;
}

export type NewMember = { clientId: string } | { relatedPerson: RelatedPersonInput };

export async function addMember(db: Db, actor: Actor, unitId: string, input: NewMember): Promise<UnitView> {
  const { unit } = await requireUnit(db, actor, unitId, true);
  const current = unit.members.filter((m) => m.leftAt === null);
  if ('clientId' in input) {
    if (current.some((m) => m.clientId === input.clientId)) throw conflict('That client is already in this unit.');
    await checkClientsWritable(db, actor, [input.clientId]);
  }
  const kind = 'clientId' in input ? ('client' as const) : ('related' as const);
  const problem = membershipProblem(unit.kind, [...current, { kind, leftAt: null }]);
  if (problem) throw invalid(problem);
  if (current.length >= MAX_UNIT_MEMBERS) throw invalid(`A unit holds at most ${MAX_UNIT_MEMBERS} people.`);
  await db
    .insert(unitMembers)
    .values(
      'clientId' in input
        ? { practiceId: actor.practiceId, unitId, clientId: input.clientId, attends: true }
        : { practiceId: actor.practiceId, unitId, ...input.relatedPerson },
    )
    .onConflictDoNothing();
  await touch(db, actor.practiceId, unitId);
  return (await requireUnit(db, actor, unitId)).unit;
}

export async function changeMember(
  db: Db,
  actor: Actor,
  unitId: string,
  memberId: string,
  input: { name?: string | undefined; relationship?: string | undefined; note?: string | undefined; attends?: boolean | undefined },
): Promise<UnitView> {
  const { unit } = await requireUnit(db, actor, unitId, true);
  const member = unit.members.find((m) => m.id === memberId);
  if (!member) throw notFound('That person in the unit');
  if (input.name !== undefined && member.kind === 'client') throw invalid('A client’s name is changed on their own record.', { name: 'Change it on the client’s profile.' });
  await db
    .update(unitMembers)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.relationship !== undefined ? { relationship: input.relationship } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      ...(input.attends !== undefined ? { attends: input.attends } : {}),
      version: sql`${unitMembers.version} + 1`,
    })
    .where(and(eq(unitMembers.practiceId, actor.practiceId), eq(unitMembers.id, memberId)));
  await touch(db, actor.practiceId, unitId);
  return (await requireUnit(db, actor, unitId)).unit;
}

/** A member leaves: they stay on the sessions they attended; the unit keeps at least one client. */
export async function memberLeaves(db: Db, actor: Actor, unitId: string, memberId: string, now = new Date()): Promise<UnitView> {
  const { unit } = await requireUnit(db, actor, unitId, true);
  const member = unit.members.find((m) => m.id === memberId);
  if (!member) throw notFound('That person in the unit');
  if (member.leftAt !== null) throw conflict(`${member.name} already left this unit.`);
  const problem = membershipProblem(
    unit.kind,
    unit.members.map((m) => (m.id === memberId ? { ...m, leftAt: now } : m)),
  );
  if (problem) throw invalid(`${member.name} is the unit’s last client, so they cannot leave it. ${problem}`);
  await db
    .update(unitMembers)
    .set({ leftAt: now, version: sql`${unitMembers.version} + 1` })
    .where(and(eq(unitMembers.practiceId, actor.practiceId), eq(unitMembers.id, memberId), isNull(unitMembers.leftAt)));
  await touch(db, actor.practiceId, unitId);
  return (await requireUnit(db, actor, unitId)).unit;
}

async function touch(db: Db, practiceId: string, unitId: string): Promise<void> {
  await db
    .update(relationalUnits)
    .set({ updatedAt: new Date(), version: sql`${relationalUnits.version} + 1` })
    .where(and(eq(relationalUnits.practiceId, practiceId), eq(relationalUnits.id, unitId)));
}

/** The practitioner must be in a care relationship with every client of the unit to hold its sessions. */
export async function checkPractitionerForUnit(db: Db, practiceId: string, practitionerId: string, unit: UnitView): Promise<void> {
  const clientIds = currentClientIds(unit);
  const rows = await db
    .select({ clientId: careRelationships.clientId })
    .from(careRelationships)
    .where(and(eq(careRelationships.practiceId, practiceId), eq(careRelationships.practitionerId, practitionerId), inArray(careRelationships.clientId, clientIds)));
  const missing = unit.members.filter((m) => m.clientId !== null && m.leftAt === null && !rows.some((r) => r.clientId === m.clientId));
  if (missing.length > 0) {
    throw invalid(`That practitioner is not in a care relationship with ${missing.map((m) => m.name).join(' and ')}. Add them to each client first.`, {
      practitionerId: 'Not a practitioner of every client in the unit.',
    });
  }
}
