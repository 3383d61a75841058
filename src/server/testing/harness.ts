import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, type Database } from '../../db/client.js';
import { and, eq } from 'drizzle-orm';
import { careRelationships, chapters, clients, phaseMoves, practices, relationalUnits, sessionAttendees, sessions, supervisions, unitMembers, users } from '../../db/schema/index.js';
import { defaultCommonFactors, defaultForceMovements, defaultPracticeSettings } from '../../domain/practice/defaults.js';
import { buildApp } from '../app.js';
import { hashPassword } from '../auth/passwords.js';

export const TEST_PASSWORD = 'a-long-test-passphrase';
let hashed: Promise<string> | undefined;

/**
 * An app on a fresh in-memory PGlite, or on the PostgreSQL server named by DATABASE_URL
 * (migrated once by the global setup; every test makes its own practice, so tests never meet).
 */
export async function createTestApp(): Promise<{ app: FastifyInstance; database: Database; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const database = url ? await openDatabase({ kind: 'postgres', url, max: 4 }) : await openDatabase({ kind: 'memory' });
  if (!url) await database.migrate();
  const app = await buildApp({ database, config: { publicUrl: 'http://localhost:3000', secureCookies: false, logLevel: 'silent' } });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface TestPractice {
  practiceId: string;
  slug: string;
  admin: string;
  practitioner: string;
  /** A practitioner of the same practice with no relationship to the client. */
  unrelated: string;
  associate: string;
  supervisor: string;
  clientUser: string;
  clientId: string;
  /** A client of the associate (visible to the supervisor). */
  associateClientId: string;
  emails: Record<'admin' | 'practitioner' | 'unrelated' | 'associate' | 'supervisor' | 'clientUser', string>;
}

/** A small practice: admin, two practitioners, an associate with a supervisor, two clients, one with a portal account. */
export async function createTestPractice(database: Database): Promise<TestPractice> {
  const db = database.db;
  const passwordHash = await (hashed ??= hashPassword(TEST_PASSWORD));
  const practiceId = randomUUID();
  const slug = `test-${practiceId.slice(0, 8)}`;
  await db.insert(practices).values({
    practiceId,
    slug,
    name: `Test Practice ${slug}`,
    timezone: 'America/Chicago',
    settings: defaultPracticeSettings,
    forceMovements: defaultForceMovements,
    commonFactors: defaultCommonFactors,
    crisisResources: 'Call 988.',
  });
  const id = () => randomUUID();
  const ids = { admin: id(), practitioner: id(), unrelated: id(), associate: id(), supervisor: id(), clientUser: id() };
  const clientId = id();
  const associateClientId = id();
  const emails = Object.fromEntries(Object.keys(ids).map((k) => [k, `${k.toLowerCase()}@${slug}.example`])) as TestPractice['emails'];
  await db.insert(clients).values([
    { practiceId, id: clientId, name: 'Amara Okafor', searchText: 'amara okafor', currentPhase: 'reaching_out', primaryPractitionerId: ids.practitioner },
    { practiceId, id: associateClientId, name: 'Bo Lindgren', searchText: 'bo lindgren', currentPhase: 'reaching_out', primaryPractitionerId: ids.associate },
  ]);
  const roleOf: Record<keyof typeof ids, string[]> = {
    admin: ['practice_admin'],
    practitioner: ['practitioner'],
    unrelated: ['practitioner'],
    associate: ['associate'],
    supervisor: ['supervisor', 'practitioner'],
    clientUser: ['client'],
  };
  await db.insert(users).values(
    (Object.keys(ids) as Array<keyof typeof ids>).map((k) => ({
      practiceId,
      id: ids[k],
      email: emails[k],
      displayName: k,
      roles: roleOf[k],
      passwordHash,
      clientId: k === 'clientUser' ? clientId : null,
    })),
  );
  await db.insert(supervisions).values({ practiceId, supervisorId: ids.supervisor, superviseeId: ids.associate });
  await db.insert(careRelationships).values([
    { practiceId, clientId, practitionerId: ids.practitioner, kind: 'primary' },
    { practiceId, clientId: associateClientId, practitionerId: ids.associate, kind: 'primary' },
  ]);
  for (const c of [clientId, associateClientId]) {
    const chapterId = id();
    await db.insert(chapters).values({ practiceId, id: chapterId, clientId: c, number: 1, phase: 'reaching_out' });
    await db.insert(phaseMoves).values({ practiceId, chapterId, clientId: c, fromPhase: null, toPhase: 'reaching_out' });
  }
  return { practiceId, slug, ...ids, clientId, associateClientId, emails };
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const c = list.find((x) => x.startsWith('liminal_session='));
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return c.split(';')[0]!;
}

/** Signs in through the API and returns the cookie header to send. */
export async function signIn(app: FastifyInstance, slug: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { practice: slug, email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  return cookieFrom(res);
}

/** A session that has already taken place (held), for documentation tests. */
export async function createHeldSession(
  database: Database,
  practice: TestPractice,
  options: { clientId?: string; practitionerId?: string; daysAgo?: number; minutes?: number; format?: string } = {},
): Promise<string> {
  const sessionId = randomUUID();
  const clientId = options.clientId ?? practice.clientId;
  const [chapter] = await database.db.select({ id: chapters.id }).from(chapters).where(and(eq(chapters.practiceId, practice.practiceId), eq(chapters.clientId, clientId)));
  await database.db.insert(sessions).values({
    practiceId: practice.practiceId,
    id: sessionId,
    clientId,
    chapterId: chapter?.id ?? null,
    practitionerId: options.practitionerId ?? practice.practitioner,
    startsAt: new Date(Date.now() - (options.daysAgo ?? 1) * 86_400_000),
    minutes: options.minutes ?? 50,
    format: options.format ?? 'individual',
    modality: 'in_person',
    status: 'held',
    movements: ['f', 'o'],
  });
  return sessionId;
}

export interface TestUnit {
  /** A second client in the practitioner's care, with their own portal account. */
  partnerId: string;
  partnerUser: string;
  partnerEmail: string;
  /** The couple. */
  unitId: string;
  /** The client's and the partner's member ids in the couple. */
  memberIds: { client: string; partner: string };
  /** Their family: the two of them and their daughter, a related person without an account. */
  familyId: string;
  childMemberId: string;
  /** A held session of the unit, both partners attending. */
  sessionId: string;
}

/** A couple of the practice's client and a partner (both in the practitioner's care), with their child as a related person, and one held session. */
export async function createTestUnit(database: Database, practice: TestPractice): Promise<TestUnit> {
  const db = database.db;
  const { practiceId } = practice;
  const partnerId = randomUUID();
  const partnerUser = randomUUID();
  const partnerEmail = `partner@${practice.slug}.example`;
  await db.insert(clients).values({ practiceId, id: partnerId, name: 'Kwame Mensah', searchText: 'kwame mensah', currentPhase: 'the_work', primaryPractitionerId: practice.practitioner });
  await db.insert(users).values({ practiceId, id: partnerUser, email: partnerEmail, displayName: 'Kwame', roles: ['client'], passwordHash: await (hashed ??= hashPassword(TEST_PASSWORD)), clientId: partnerId });
  await db.insert(careRelationships).values({ practiceId, clientId: partnerId, practitionerId: practice.practitioner, kind: 'primary' });
  const partnerChapter = randomUUID();
  await db.insert(chapters).values({ practiceId, id: partnerChapter, clientId: partnerId, number: 1, phase: 'the_work' });
  const unitId = randomUUID();
  await db.insert(relationalUnits).values({ practiceId, id: unitId, kind: 'couple', name: 'Amara & Kwame' });
  const memberIds = { client: randomUUID(), partner: randomUUID() };
  const childMemberId = randomUUID();
  const t = Date.now();
  await db.insert(unitMembers).values([
    { practiceId, id: memberIds.client, unitId, clientId: practice.clientId, relationship: 'partner', joinedAt: new Date(t) },
    { practiceId, id: memberIds.partner, unitId, clientId: partnerId, relationship: 'partner', joinedAt: new Date(t + 1) },
  ]);
  const familyId = randomUUID();
  await db.insert(relationalUnits).values({ practiceId, id: familyId, kind: 'family', name: 'The Okafor-Mensah family' });
  await db.insert(unitMembers).values([
    { practiceId, unitId: familyId, clientId: practice.clientId, relationship: 'mother', joinedAt: new Date(t) },
    { practiceId, unitId: familyId, clientId: partnerId, relationship: 'father', joinedAt: new Date(t + 1) },
    { practiceId, id: childMemberId, unitId: familyId, name: 'Efua', relationship: 'daughter, 4', attends: false, joinedAt: new Date(t + 2) },
  ]);
  const [chapter] = await db.select({ id: chapters.id }).from(chapters).where(and(eq(chapters.practiceId, practiceId), eq(chapters.clientId, practice.clientId)));
  const sessionId = randomUUID();
  await db.insert(sessions).values({
    practiceId,
    id: sessionId,
    clientId: practice.clientId,
    unitId,
    chapterId: chapter?.id ?? null,
    practitionerId: practice.practitioner,
    startsAt: new Date(Date.now() - 2 * 86_400_000),
    minutes: 80,
    format: 'couple',
    modality: 'in_person',
    status: 'held',
  });
  await db.insert(sessionAttendees).values([
    { practiceId, sessionId, memberId: memberIds.client, clientId: practice.clientId, chapterId: chapter?.id ?? null, attendance: 'attended', position: 0 },
    { practiceId, sessionId, memberId: memberIds.partner, clientId: partnerId, chapterId: partnerChapter, attendance: 'attended', position: 1 },
  ]);
  return { partnerId, partnerUser, partnerEmail, unitId, memberIds, familyId, childMemberId, sessionId };
}
