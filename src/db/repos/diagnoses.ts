import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { diagnoses, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import { findCode } from '../../domain/diagnosis/icd10.js';
import { conflict, invalid, notFound } from '../../domain/shared/errors.js';

const fields = {
  id: diagnoses.id,
  code: diagnoses.code,
  description: diagnoses.description,
  context: diagnoses.context,
  primary: diagnoses.isPrimary,
  startsOn: diagnoses.startsOn,
  endsOn: diagnoses.endsOn,
  createdByName: users.displayName,
  createdAt: diagnoses.createdAt,
  version: diagnoses.version,
};

function select(db: Db) {
  return db.select(fields).from(diagnoses).leftJoin(users, and(eq(users.practiceId, diagnoses.practiceId), eq(users.id, diagnoses.createdBy)));
}

/** The whole history: current ones first (primary first), then ended ones, latest first. */
export function listDiagnoses(db: Db, practiceId: string, clientId: string) {
  return select(db)
    .where(and(eq(diagnoses.practiceId, practiceId), eq(diagnoses.clientId, clientId)))
    .orderBy(sql`${diagnoses.endsOn} is not null`, desc(diagnoses.isPrimary), desc(diagnoses.startsOn), asc(diagnoses.code));
}

async function one(db: Db, practiceId: string, id: string) {
  const [row] = await select(db).where(and(eq(diagnoses.practiceId, practiceId), eq(diagnoses.id, id)));
  if (!row) throw notFound('The diagnosis');
  return row;
}

function checkDates(startsOn: string, endsOn: string | null): void {
  if (endsOn !== null && endsOn < startsOn) throw invalid('A diagnosis cannot end before it starts.', { endsOn: 'Choose an end date on or after the start date.' });
}

/** One primary at a time: marking one primary clears the flag on the client's others that are still in effect. */
async function clearOtherPrimaries(db: Db, practiceId: string, clientId: string, exceptId: string): Promise<void> {
  await db
    .update(diagnoses)
    .set({ isPrimary: false, version: sql`${diagnoses.version} + 1`, updatedAt: new Date() })
    .where(and(eq(diagnoses.practiceId, practiceId), eq(diagnoses.clientId, clientId), ne(diagnoses.id, exceptId), eq(diagnoses.isPrimary, true), sql`${diagnoses.endsOn} is null`));
}

export async function addDiagnosis(
  db: Db,
  actor: Actor,
  clientId: string,
  input: { code: string; context: string; primary: boolean; startsOn: string; endsOn: string | null },
) {
  const code = findCode(input.code);
  if (!code) throw invalid('That is not an ICD-10-CM code we know. Search and choose one from the list.', { code: 'Choose a code from the search.' });
  if (!code.billable) {
    throw invalid(`${code.code} is a category heading, not a billable code. Choose a more specific code under it.`, { code: 'Choose a more specific (billable) code.' });
  }
  checkDates(input.startsOn, input.endsOn);
  const [row] = await db
    .insert(diagnoses)
    .values({
      practiceId: actor.practiceId,
      clientId,
      code: code.code,
      description: code.description,
      context: input.context,
      isPrimary: input.primary,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdBy: actor.userId,
    })
    .returning({ id: diagnoses.id });
  if (!row) throw notFound('The diagnosis');
  if (input.primary && input.endsOn === null) await clearOtherPrimaries(db, actor.practiceId, clientId, row.id);
  return one(db, actor.practiceId, row.id);
}

export async function updateDiagnosis(
  db: Db,
  actor: Actor,
  clientId: string,
  id: string,
  input: { version: number; context?: string; primary?: boolean; startsOn?: string; endsOn?: string | null },
) {
  const [current] = await db.select().from(diagnoses).where(and(eq(diagnoses.practiceId, actor.practiceId), eq(diagnoses.clientId, clientId), eq(diagnoses.id, id)));
  if (!current) throw notFound('The diagnosis');
  const startsOn = input.startsOn ?? current.startsOn;
  const endsOn = input.endsOn === undefined ? current.endsOn : input.endsOn;
  checkDates(startsOn, endsOn);
  const [row] = await db
    .update(diagnoses)
    .set({
      context: input.context ?? current.context,
      isPrimary: input.primary ?? current.isPrimary,
      startsOn,
      endsOn,
      version: sql`${diagnoses.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(diagnoses.practiceId, actor.practiceId), eq(diagnoses.id, id), eq(diagnoses.version, input.version)))
    .returning({ id: diagnoses.id, isPrimary: diagnoses.isPrimary, endsOn: diagnoses.endsOn });
  if (!row) throw conflict('Someone changed this diagnosis meanwhile. The latest is shown; your changes are still in the form.', await one(db, actor.practiceId, id));
  if (row.isPrimary && row.endsOn === null) await clearOtherPrimaries(db, actor.practiceId, clientId, id);
  return one(db, actor.practiceId, id);
}
