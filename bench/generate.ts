/**
 * A large, realistic, deterministic practice for the benchmarks: practitioners with uneven
 * caseloads, clients with one to three chapters of care moving through the phases (and
 * sometimes back), weekly or fortnightly sessions over about three years, past ones mostly
 * held with the FORCE movements visited, future ones scheduled.
 *
 * Everything, ids included, comes from one seeded generator, so the same seed and `now`
 * give the same practice on PGlite and on PostgreSQL.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../src/db/client.js';
import {
  careRelationships,
  chapters,
  clients,
  phaseMoves,
  practices,
  sessions,
  users,
} from '../src/db/schema/index.js';
import { searchTextOf } from '../src/domain/clients/profile.js';
import type { Phase } from '../src/domain/journey/phases.js';
import { defaultCommonFactors, defaultForceMovements, defaultPracticeSettings } from '../src/domain/practice/defaults.js';

export interface GenerateOptions {
  practitioners: number;
  clients: number;
  sessions: number;
  seed: number;
  /** The present moment the practice is built around; defaults to today 00:00 UTC. */
  now?: Date;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /** Progress lines; silent when absent. */
  log?: (line: string) => void;
}

export interface GeneratedPractitioner {
  id: string;
  displayName: string;
  clientCount: number;
  sessionCount: number;
}

export interface GeneratedClient {
  id: string;
  primaryPractitionerId: string;
}

export interface GeneratedPractice {
  practiceId: string;
  adminId: string;
  practitioners: GeneratedPractitioner[];
  /** The practitioner with the most clients (their client list has the most pages). */
  busiestPractitionerId: string;
  /** Up to 500 clients spread evenly over the practice, with their primary practitioner. */
  sampleClients: GeneratedClient[];
  counts: {
    practitioners: number;
    clients: number;
    careRelationships: number;
    chapters: number;
    phaseMoves: number;
    sessions: number;
  };
  /** The span the sessions cover: about 33 months back and 3 months ahead of `now`. */
  window: { from: Date; now: Date; to: Date };
  /** Shared by every generated user; nobody signs in to a generated practice. */
  passwordHash: string;
}

/** Not a real argon2 hash: generated users cannot sign in, and hashing 50 times would cost seconds. */
export const BENCH_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2htYXJr$bm9ib2R5c2lnbnNpbmhlcmU';

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;

/** mulberry32: a small, fast, seeded generator; good enough for test data, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }
  /** A version-4-shaped UUID drawn from the seeded stream, so ids repeat with the seed. */
  uuid(): string {
    const hex = (n: number) => (Math.floor(this.next() * 2 ** 32) >>> 0).toString(16).padStart(8, '0');
    const h = hex(0) + hex(1) + hex(2) + hex(3);
    const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const firstNames = [
  'Amara', 'Bea', 'Carlos', 'Dana', 'Eli', 'Farah', 'Gus', 'Hana', 'Idris', 'Jo', 'Kai', 'Lena', 'Malik', 'Nia',
  'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Vera', 'Wen', 'Xavi', 'Yara', 'Zoe', 'Ana', 'Ben',
  'Chidi', 'Dev', 'Esme', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonah', 'Kemi', 'Luca', 'Mei', 'Noor', 'Olu', 'Paz',
  'Rafa', 'Sade', 'Tomás', 'Ugo', 'Valeria', 'Wanjiru', 'Yusuf', 'Zeynep', 'Aroha', 'Bodhi', 'Cyrus', 'Dara',
];
const lastNames = [
  'Abebe', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fernández', 'Gallagher', 'Haddad', 'Ibarra', 'Jensen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Singh', 'Tanaka',
  'Ueda', 'Varga', 'Whitehorse', 'Xu', 'Yilmaz', 'Zhou', 'Adeyemi', 'Bauer', 'Chen', 'Demir', 'Evans', 'Fischer',
  'García', 'Horvat', 'Iyer', 'Johansson', 'Kim', 'López', 'Mensah', 'Novak', "O'Connor", 'Park', 'Reyes',
  'Santos', 'Tremblay', 'Van Dijk', 'Walker', 'Yamamoto', 'Zapata', 'Ngata',
];
const pronounChoices = [
  ['she/her', 40],
  ['he/him', 35],
  ['they/them', 15],
  ['', 10],
] as const;
const formatChoices = [
  ['individual', 80],
  ['couple', 10],
  ['family', 7],
  ['group', 3],
] as const;
const modalityChoices = [
  ['in_person', 50],
  ['video', 40],
  ['phone', 10],
] as const;
const movementKeys = defaultForceMovements.map((m) => m.key);

type ClientRow = typeof clients.$inferInsert;
type CareRow = typeof careRelationships.$inferInsert;
type ChapterRow = typeof chapters.$inferInsert;
type MoveRow = typeof phaseMoves.$inferInsert;
type SessionRow = typeof sessions.$inferInsert;

/** Splits `total` into `parts` whole numbers of at least `min`, in proportion to random weights. */
function split(rng: Rng, total: number, parts: number, min: number, weight = () => 0.5 + rng.float()): number[] {
  const weights = Array.from({ length: parts }, weight);
  const sum = weights.reduce((s, w) => s + w, 0);
  const spare = total - parts * min;
  const out = weights.map((w) => min + Math.floor((spare * w) / sum));
  let left = total - out.reduce((s, x) => s + x, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) out[i] = (out[i] as number) + 1;
  return out;
}

/** The FORCE movements visited in a held session: mostly onward, sometimes returning. */
function movementsVisited(rng: Rng): string[] {
  const visits = rng.int(2, 7);
  const out: string[] = [];
  let at = rng.chance(0.7) ? 0 : rng.int(0, 2);
  for (let i = 0; i < visits; i++) {
    out.push(movementKeys[at] as string);
    at = rng.chance(0.75) ? Math.min(at + 1, movementKeys.length - 1) : rng.int(0, movementKeys.length - 1);
  }
  return out;
}

/** One element of a PostgreSQL array literal: NULL, a number, or a double-quoted string. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? arrayLiteral(value) : String(value);
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
const arrayLiteral = (values: readonly unknown[]): string => `{${values.map(arrayElement).join(',')}}`;

/**
 * INSERT … SELECT FROM unnest(one array per column): a few parameters however many rows, and
 * none of the per-row statement building that makes drizzle's multi-row insert take seconds
 * for 150,000 sessions. The columns are the keys of the first row; types come from the schema.
 */
function insertByColumns<T extends PgTable>(table: T, rows: ReadonlyArray<T['$inferInsert']>): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0] ?? {}).filter((k) => columns[k]);
  const parts = keys.map((key, i) => {
    const column = columns[key] as PgColumn;
    const type = column.getSQLType();
    // Arrays of arrays do not unnest row by row: carry each text[] as its literal, cast after.
    const isArray = type.endsWith('[]');
    const values = rows.map((r) => (r as Record<string, unknown>)[key]);
    return {
      name: `"${column.name}"`,
      alias: `c${i}`,
      select: isArray ? `c${i}::${type}` : `c${i}`,
      param: sql`${arrayLiteral(isArray ? values.map((v) => (v == null ? null : arrayLiteral(v as unknown[]))) : values)}::${sql.raw(isArray ? 'text' : type)}[]`,
    };
  });
  return sql`INSERT INTO ${sql.raw(`"${getTableName(table)}"`)} (${sql.raw(parts.map((p) => p.name).join(', '))})
    SELECT ${sql.raw(parts.map((p) => p.select).join(', '))}
    FROM unnest(${sql.join(
      parts.map((p) => p.param),
      sql`, `,
    )}) AS t(${sql.raw(parts.map((p) => p.alias).join(', '))})`;
}

/** Generates the practice and inserts it in one transaction, in multi-row batches. */
export async function generatePractice(database: Database, opts: GenerateOptions): Promise<GeneratedPractice> {
  const log = opts.log ?? (() => {});
  const batchSize = opts.batchSize ?? 5000;
  if (opts.practitioners < 1 || opts.clients < 1 || opts.sessions < opts.clients) {
    throw new Error('A generated practice needs at least one practitioner, one client, and a session per client.');
  }
  const rng = new Rng(opts.seed);
  const now = opts.now ?? new Date(Math.floor(Date.now() / DAY) * DAY);
  const windowFrom = new Date(now.getTime() - 33 * 30 * DAY);
  const windowTo = new Date(now.getTime() + 13 * WEEK);
  const started = performance.now();

  // People: one practice admin and the practitioners, with uneven caseloads.
  const practiceId = rng.uuid();
  const adminId = rng.uuid();
  const practitioners = Array.from({ length: opts.practitioners }, (_, i) => ({
    id: rng.uuid(),
    displayName: `${rng.pick(firstNames)} ${rng.pick(lastNames)}`,
    email: `practitioner${i + 1}@bench.liminal.test`,
    pronouns: rng.weighted(pronounChoices),
    weight: 0.4 + rng.float() * 1.6,
    clientCount: 0,
    sessionCount: 0,
  }));
  const totalWeight = practitioners.reduce((s, p) => s + p.weight, 0);
  const choosePractitioner = () => {
    let r = rng.float() * totalWeight;
    for (const p of practitioners) {
      r -= p.weight;
      if (r < 0) return p;
    }
    return practitioners[practitioners.length - 1] as (typeof practitioners)[number];
  };

  // Sessions per client: the total is exact; a few clients come for a handful of sessions,
  // some for well over twice the average.
  const sessionCounts = split(rng, opts.sessions, opts.clients, 1, () => 0.15 + 2 * rng.float() ** 2);

  const clientRows: ClientRow[] = [];
  const careRows: CareRow[] = [];
  const chapterRows: ChapterRow[] = [];
  const moveRows: MoveRow[] = [];
  const sessionRows: SessionRow[] = [];

  for (let ci = 0; ci < opts.clients; ci++) {
    const clientId = rng.uuid();
    const primary = choosePractitioner();
    primary.clientCount++;
    const additional = opts.practitioners > 1 && rng.chance(0.12) ? choosePractitioner() : null;
    const coTherapist = additional && additional.id !== primary.id ? additional : null;

    const n = sessionCounts[ci] as number;
    const chapterCount = Math.min(n < 4 ? 1 : rng.weighted([[1, 55], [2, 30], [3, 15]] as const), Math.floor(n / 2) || 1);
    const perChapter = split(rng, n, chapterCount, n >= 2 * chapterCount ? 2 : 1);
    const weeksApart = n > 60 || rng.chance(0.7) ? 1 : 2;
    const gapsWeeks = Array.from({ length: chapterCount - 1 }, () => rng.int(8, 34));
    const spanWeeks = (n - chapterCount) * weeksApart + gapsWeeks.reduce((s, g) => s + g, 0);

    // About half the clients are still in care (sessions ahead); the others ended before now.
    const active = rng.chance(0.55);
    const lastAt = active
      ? now.getTime() + rng.int(1, 12) * WEEK
      : now.getTime() - rng.int(4, Math.max(5, Math.floor((now.getTime() - windowFrom.getTime()) / WEEK) - spanWeeks)) * WEEK;
    // A regular slot: the same weekday and hour each time, 8:00 to 17:00 UTC.
    const first = new Date(lastAt - spanWeeks * WEEK);
    const firstDay = Math.floor(first.getTime() / DAY) * DAY;
    const weekday = rng.int(1, 5);
    const shift = (weekday - new Date(firstDay).getUTCDay() + 7) % 7;
    let at = firstDay + shift * DAY + rng.int(8, 17) * 60 * 60 * 1000;

    const name = `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
    const legalName = rng.chance(0.2) ? `${rng.pick(firstNames)} ${name.split(' ').slice(1).join(' ')}` : name;
    let previousChapterId: string | null = null;
    let currentPhase = 'ended';
    let createdAt: Date | null = null;
    let updatedAt = new Date(at);

    for (let k = 0; k < chapterCount; k++) {
      const m = perChapter[k] as number;
      const chapterId = rng.uuid();
      const times: number[] = [];
      for (let i = 0; i < m; i++) {
        // One session in ten is moved by an hour or two: rescheduling happens.
        times.push(at + (rng.chance(0.1) ? rng.int(1, 2) * 60 * 60 * 1000 : 0));
        if (i < m - 1) at += weeksApart * WEEK;
      }
      const lastSession = times[times.length - 1] as number;
      const isLast = k === chapterCount - 1;
      const ended = !isLast || lastSession < now.getTime();
      const openedAt = new Date((times[0] as number) - rng.int(3, 21) * DAY);
      createdAt ??= openedAt;

      // Phase moves: reaching out, then onward one session at a time, sometimes back, and
      // to transition at the ending.
      const moves: Array<{ to: Phase; at: number }> = [{ to: 'reaching_out', at: openedAt.getTime() }];
      const onward: Phase[] = ['assessment', 'diagnosis', 'planning', 'the_work'];
      const lastMovable = ended ? m - 2 : m - 1;
      const step = Math.max(1, Math.floor(m / 10));
      onward.forEach((phase, i) => {
        const idx = i * step;
        const sessionAt = times[idx];
        if (idx <= lastMovable && sessionAt !== undefined && sessionAt + DAY <= now.getTime()) moves.push({ to: phase, at: sessionAt + DAY });
      });
      if (m >= 12 && rng.chance(0.2)) {
        const idx = Math.floor(m * 0.6);
        const back = times[idx];
        const forth = times[idx + 2];
        if (back !== undefined && forth !== undefined && forth + DAY <= now.getTime() && idx + 2 <= lastMovable && moves.length === 5) {
          moves.push({ to: rng.pick(['assessment', 'planning'] as const), at: back + DAY });
          moves.push({ to: 'the_work', at: forth + DAY });
        }
      }
      let endedAt: Date | null = null;
      if (ended) {
        moves.push({ to: 'transition', at: (times[Math.max(0, m - 2)] as number) + 2 * DAY });
        endedAt = new Date(lastSession + rng.int(3, 10) * DAY);
      }
      moves.sort((a, b) => a.at - b.at);
      const phase = (moves[moves.length - 1] as { to: Phase }).to;
      moves.forEach((move, i) => {
        moveRows.push({
          practiceId,
          id: rng.uuid(),
          chapterId,
          clientId,
          fromPhase: i === 0 ? null : (moves[i - 1] as { to: Phase }).to,
          toPhase: move.to,
          movedAt: new Date(move.at),
          movedBy: primary.id,
          note: '',
        });
      });

      chapterRows.push({
        practiceId,
        id: chapterId,
        clientId,
        number: k + 1,
        phase,
        openedAt,
        openedBy: primary.id,
        openingNote: k === 0 ? 'Reached out through the public form.' : 'Returned after a pause.',
        previousChapterId,
        endedAt,
        endedBy: endedAt ? primary.id : null,
        whatWasLived: endedAt ? 'A season of work on connection at home and at work.' : null,
        whatRemainsOpen: endedAt ? 'Grief that still visits in winter.' : null,
        doorLeftOpen: endedAt ? 'Welcome back whenever it feels right.' : null,
      });
      if (!ended) currentPhase = phase;
      previousChapterId = chapterId;

      const format = rng.weighted(formatChoices);
      const minutes = format === 'individual' ? 50 : format === 'group' ? 90 : 60;
      const modality = rng.weighted(modalityChoices);
      for (const t of times) {
        const who = coTherapist && rng.chance(0.15) ? coTherapist : primary;
        who.sessionCount++;
        const past = t < now.getTime();
        const status = past
          ? rng.weighted([['held', 85], ['cancelled', 8], ['no_show', 7]] as const)
          : rng.chance(0.03)
            ? 'cancelled'
            : 'scheduled';
        const startsAt = new Date(t);
        sessionRows.push({
          practiceId,
          id: rng.uuid(),
          clientId,
          chapterId,
          practitionerId: who.id,
          startsAt,
          minutes,
          format,
          modality,
          status,
          statusNote: status === 'cancelled' ? 'Rescheduled at the client’s request.' : '',
          movements: status === 'held' ? movementsVisited(rng) : [],
          createdBy: who.id,
          createdAt: new Date(Math.min(t - 2 * WEEK, now.getTime())),
          updatedAt: new Date(Math.min(t + DAY, now.getTime())),
        });
      }
      updatedAt = new Date(Math.min(Math.max(lastSession, endedAt?.getTime() ?? 0), now.getTime()));
      if (k < chapterCount - 1) at += (gapsWeeks[k] as number) * WEEK;
    }

    clientRows.push({
      practiceId,
      id: clientId,
      name,
      legalName,
      pronouns: rng.weighted(pronounChoices),
      email: `client${ci + 1}@bench.liminal.test`,
      concerns: 'Feeling cut off from family since the move.',
      resilience: 'Long walks; a sister who calls on Sundays.',
      searchText: searchTextOf({ name, legalName }),
      currentPhase,
      primaryPractitionerId: primary.id,
      createdAt: createdAt ?? now,
      updatedAt,
    });
    careRows.push({ practiceId, clientId, practitionerId: primary.id, kind: 'primary', since: createdAt ?? now });
    if (coTherapist) {
      careRows.push({ practiceId, clientId, practitionerId: coTherapist.id, kind: 'additional', since: createdAt ?? now });
    }
  }
  log(`  built ${sessionRows.length} sessions in memory (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  await database.db.transaction(async (tx) => {
    await tx.insert(practices).values({
      practiceId,
      slug: `bench-${opts.seed}`,
      name: 'Benchmark Practice',
      timezone: 'UTC',
      settings: defaultPracticeSettings,
      forceMovements: defaultForceMovements,
      commonFactors: defaultCommonFactors,
    });
    await tx.insert(users).values([
      {
        practiceId,
        id: adminId,
        email: 'admin@bench.liminal.test',
        displayName: 'Practice Admin',
        roles: ['practice_admin'],
        passwordHash: BENCH_PASSWORD_HASH,
      },
      ...practitioners.map((p) => ({
        practiceId,
        id: p.id,
        email: p.email,
        displayName: p.displayName,
        pronouns: p.pronouns,
        roles: ['practitioner'],
        credentials: 'LMFT',
        passwordHash: BENCH_PASSWORD_HASH,
      })),
    ]);
    const insert = async <T>(label: string, rows: T[], into: (batch: T[]) => Promise<unknown>) => {
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += batchSize) {
        await into(rows.slice(i, i + batchSize));
        if (rows.length > 10 * batchSize && (i / batchSize) % 15 === 14) log(`  ${label}: ${i + batchSize} of ${rows.length}`);
      }
      log(`  ${label}: ${rows.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    await insert('clients', clientRows, (b) => tx.execute(insertByColumns(clients, b)));
    await insert('care relationships', careRows, (b) => tx.execute(insertByColumns(careRelationships, b)));
    await insert('chapters', chapterRows, (b) => tx.execute(insertByColumns(chapters, b)));
    await insert('phase moves', moveRows, (b) => tx.execute(insertByColumns(phaseMoves, b)));
    await insert('sessions', sessionRows, (b) => tx.execute(insertByColumns(sessions, b)));
  });

  const busiest = practitioners.reduce((a, b) => (b.clientCount > a.clientCount ? b : a));
  const every = Math.max(1, Math.floor(clientRows.length / 500));
  return {
    practiceId,
    adminId,
    practitioners: practitioners.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      clientCount: p.clientCount,
      sessionCount: p.sessionCount,
    })),
    busiestPractitionerId: busiest.id,
    sampleClients: clientRows
      .filter((_, i) => i % every === 0)
      .slice(0, 500)
      .map((c) => ({ id: c.id as string, primaryPractitionerId: c.primaryPractitionerId as string })),
    counts: {
      practitioners: practitioners.length,
      clients: clientRows.length,
      careRelationships: careRows.length,
      chapters: chapterRows.length,
      phaseMoves: moveRows.length,
      sessions: sessionRows.length,
    },
    window: { from: windowFrom, now, to: windowTo },
    passwordHash: BENCH_PASSWORD_HASH,
  };
}
