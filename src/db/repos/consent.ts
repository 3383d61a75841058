import { and, asc, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { chapters, clients, consents, disclosures, planVersions, relationalMapVersions, treatmentPlans, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import {
  type ConsentInput,
  consentProblems,
  consentStatus,
  type ConsentVia,
  coveringConsent,
  purposeLabels,
  type SharedCategory,
  categoryLabels,
} from '../../domain/consent/consent.js';
import { conflict, forbidden, invalid, notFound } from '../../domain/shared/errors.js';
import { localDay } from './notes.js';
import { getPractice } from './practice.js';

const recorder = alias(users, 'recorder');
const revoker = alias(users, 'revoker');

/** The practice's day now: consents start and end on local days. */
export async function practiceToday(db: Db, practiceId: string, now = new Date()): Promise<string> {
  const practice = await getPractice(db, practiceId);
  return localDay(now, practice.timezone);
}

async function consentRows(db: Db, practiceId: string, clientId: string, consentId?: string) {
  return db
    .select({
      c: consents,
      recordedByName: recorder.displayName,
      revokedByName: revoker.displayName,
    })
    .from(consents)
    .leftJoin(recorder, and(eq(recorder.practiceId, consents.practiceId), eq(recorder.id, consents.recordedBy)))
    .leftJoin(revoker, and(eq(revoker.practiceId, consents.practiceId), eq(revoker.id, consents.revokedBy)))
    .where(and(eq(consents.practiceId, practiceId), eq(consents.clientId, clientId), ...(consentId ? [eq(consents.id, consentId)] : [])))
    .orderBy(desc(consents.recordedAt));
}

function shape(row: Awaited<ReturnType<typeof consentRows>>[number], today: string) {
  const c = row.c;
  return {
    id: c.id,
    purpose: c.purpose,
    collaboratorName: c.collaboratorName,
    collaboratorRole: c.collaboratorRole,
    categories: c.categories,
    scope: c.scope,
    givenOn: c.givenOn,
    expiresOn: c.expiresOn,
    via: c.via,
    recordedBy: c.recordedBy ? { id: c.recordedBy, name: row.recordedByName ?? '' } : null,
    recordedAt: c.recordedAt,
    revokedAt: c.revokedAt,
    revokedBy: c.revokedBy ? { id: c.revokedBy, name: row.revokedByName ?? '' } : null,
    revokedVia: c.revokedVia,
    revocationNote: c.revocationNote,
    status: consentStatus(c, today),
  };
}
export type ConsentView = ReturnType<typeof shape>;

/** A client's consents, newest first, each with where it stands today. */
export async function listConsents(db: Db, practiceId: string, clientId: string, now = new Date()) {
  const today = await practiceToday(db, practiceId, now);
  const rows = await consentRows(db, practiceId, clientId);
  return { today, consents: rows.map((r) => shape(r, today)) };
}

/** Records a consent as given (in session, on paper, or by the client in the portal). */
export async function recordConsent(db: Db, actor: Actor, clientId: string, input: ConsentInput, via: ConsentVia, now = new Date()): Promise<ConsentView> {
  const today = await practiceToday(db, actor.practiceId, now);
  const problems = consentProblems(input, today);
  const first = Object.values(problems)[0];
  if (first) throw invalid(first, problems);
  const [row] = await db
    .insert(consents)
    .values({ practiceId: actor.practiceId, clientId, ...input, via, recordedBy: actor.userId, recordedAt: now })
    .returning({ id: consents.id });
  const [saved] = await consentRows(db, actor.practiceId, clientId, row!.id);
  return shape(saved!, today);
}

/** Revokes a consent from now on; what was done under it before stays done, and on the record. */
export async function revokeConsent(db: Db, actor: Actor, clientId: string, consentId: string, note: string, via: ConsentVia, now = new Date()): Promise<ConsentView> {
  const updated = await db
    .update(consents)
    .set({ revokedAt: now, revokedBy: actor.userId, revokedVia: via, revocationNote: note })
    .where(and(eq(consents.practiceId, actor.practiceId), eq(consents.clientId, clientId), eq(consents.id, consentId), isNull(consents.revokedAt)))
    .returning({ id: consents.id });
  const today = await practiceToday(db, actor.practiceId, now);
  const [row] = await consentRows(db, actor.practiceId, clientId, consentId);
  if (!row) throw notFound('That consent');
  if (updated.length === 0) throw conflict('This consent was already revoked.', shape(row, today));
  return shape(row, today);
}

/** Refuses what a client's consent to treatment does not cover: the work does not begin without it. */
export async function requireTreatmentConsent(db: Db, practiceId: string, clientId: string, now = new Date()): Promise<void> {
  const today = await practiceToday(db, practiceId, now);
  const rows = await db.select().from(consents).where(and(eq(consents.practiceId, practiceId), eq(consents.clientId, clientId), eq(consents.purpose, 'treatment')));
  if (!coveringConsent(rows, { purpose: 'treatment' }, today)) {
    const [client] = await db.select({ name: clients.name }).from(clients).where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
    throw invalid(`Record ${client?.name ?? 'the client'}’s consent to treatment before the work begins (Profile → Consent).`, { to: 'No active consent to treatment.' });
  }
}

/**
 * Of the given clients, those whose de-identified data may count in the practice's outcome
 * research today: an active research consent, not revoked, not expired.
 */
export async function researchConsenting(db: Db, practiceId: string, now = new Date()): Promise<Set<string>> {
  const today = await practiceToday(db, practiceId, now);
  const rows = await db
    .select({ clientId: consents.clientId })
    .from(consents)
    .where(
      and(
        eq(consents.practiceId, practiceId),
        eq(consents.purpose, 'research'),
        isNull(consents.revokedAt),
        lte(consents.givenOn, today),
        or(isNull(consents.expiresOn), gte(consents.expiresOn, today)),
      ),
    );
  return new Set(rows.map((r) => r.clientId));
}

/**
 * Releases one document to a collaborator under a sharing consent: refused unless that consent is
 * active and names that part of the record. The release is recorded (an accounting of disclosures).
 */
export async function recordDisclosure(
  db: Db,
  actor: Actor,
  clientId: string,
  input: { consentId: string; category: SharedCategory; recordId: string },
  now = new Date(),
) {
  const today = await practiceToday(db, actor.practiceId, now);
  const [row] = await db.select().from(consents).where(and(eq(consents.practiceId, actor.practiceId), eq(consents.clientId, clientId), eq(consents.id, input.consentId)));
  if (!row) throw notFound('That consent');
  if (row.purpose !== 'sharing') throw forbidden(`That is a consent to ${purposeLabels[row.purpose].toLowerCase()}, not to sharing with a collaborator.`);
  const status = consentStatus(row, today);
  if (status === 'revoked') throw forbidden(`The consent to share with ${row.collaboratorName} was revoked; nothing more can be released under it.`);
  if (status === 'expired') throw forbidden(`The consent to share with ${row.collaboratorName} ended on ${row.expiresOn}; ask whether the client wants to renew it.`);
  if (status === 'not_yet') throw forbidden(`The consent to share with ${row.collaboratorName} starts on ${row.givenOn}.`);
  if (!coveringConsent([row], { purpose: 'sharing', collaboratorName: row.collaboratorName, category: input.category }, today)) {
    throw forbidden(`The consent to share with ${row.collaboratorName} does not cover the ${categoryLabels[input.category].split(' (')[0]!.toLowerCase()}.`);
  }
  const [saved] = await db
    .insert(disclosures)
    .values({ practiceId: actor.practiceId, clientId, consentId: row.id, category: input.category, recordId: input.recordId, collaboratorName: row.collaboratorName, disclosedBy: actor.userId, disclosedAt: now })
    .returning();
  return { disclosure: saved!, consent: row };
}

/** The accounting of disclosures: every release of this client's record, newest first. */
export async function listDisclosures(db: Db, practiceId: string, clientId: string) {
  return db
    .select({
      id: disclosures.id,
      consentId: disclosures.consentId,
      category: disclosures.category,
      recordId: disclosures.recordId,
      collaboratorName: disclosures.collaboratorName,
      disclosedById: disclosures.disclosedBy,
      disclosedByName: users.displayName,
      disclosedAt: disclosures.disclosedAt,
    })
    .from(disclosures)
    .leftJoin(users, and(eq(users.practiceId, disclosures.practiceId), eq(users.id, disclosures.disclosedBy)))
    .where(and(eq(disclosures.practiceId, practiceId), eq(disclosures.clientId, clientId)))
    .orderBy(desc(disclosures.disclosedAt));
}

export async function getDisclosure(db: Db, practiceId: string, clientId: string, disclosureId: string) {
  const [row] = await db
    .select({ d: disclosures, consent: consents })
    .from(disclosures)
    .innerJoin(consents, and(eq(consents.practiceId, disclosures.practiceId), eq(consents.id, disclosures.consentId)))
    .where(and(eq(disclosures.practiceId, practiceId), eq(disclosures.clientId, clientId), eq(disclosures.id, disclosureId)));
  if (!row) throw notFound('That release');
  return row;
}

export interface Releasable {
  category: SharedCategory;
  recordId: string;
  label: string;
}

/** Every document of a client that could be released: chapter summaries, plan versions, map versions. */
export async function releasable(db: Db, practiceId: string, clientId: string): Promise<Releasable[]> {
  const chapterRows = await db
    .select({ id: chapters.id, number: chapters.number })
    .from(chapters)
    .where(and(eq(chapters.practiceId, practiceId), eq(chapters.clientId, clientId)))
    .orderBy(asc(chapters.number));
  const plans = await db
    .select({ chapterId: treatmentPlans.chapterId, version: planVersions.version, createdAt: planVersions.createdAt })
    .from(planVersions)
    .innerJoin(treatmentPlans, and(eq(treatmentPlans.practiceId, planVersions.practiceId), eq(treatmentPlans.id, planVersions.planId)))
    .where(and(eq(planVersions.practiceId, practiceId), eq(treatmentPlans.clientId, clientId)))
    .orderBy(asc(planVersions.createdAt));
  const maps = await db
    .select({ id: relationalMapVersions.id, number: relationalMapVersions.number, savedAt: relationalMapVersions.savedAt })
    .from(relationalMapVersions)
    .where(and(eq(relationalMapVersions.practiceId, practiceId), eq(relationalMapVersions.clientId, clientId)))
    .orderBy(desc(relationalMapVersions.number));
  const numberOf = new Map(chapterRows.map((c) => [c.id, c.number]));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return [
    ...chapterRows.map((c) => ({ category: 'chapter_summary' as const, recordId: c.id, label: `Chapter ${c.number} summary` })),
    ...plans.map((p) => ({ category: 'plan' as const, recordId: `${p.chapterId}:${p.version}`, label: `Treatment plan, chapter ${numberOf.get(p.chapterId) ?? '?'}, version ${p.version} (${day(p.createdAt)})` })),
    ...maps.map((m) => ({ category: 'relational_map' as const, recordId: m.id, label: `Relational map, version ${m.number} (${day(m.savedAt)})` })),
  ];
}
