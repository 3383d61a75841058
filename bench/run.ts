/**
 * `npm run bench`: the three busiest reads, timed on a large generated practice, each beside
 * the bare SQL that returns the same rows; then 50 authors autosaving progress notes through the
 * HTTP API at once (autosave.ts).
 *
 *   node dist/bench/run.js [--small] [--runs N] [--warmup N] [--seed N] [--engine pglite|postgres] [--no-analyze]
 *                          [--only reads,autosave,outcomes,maps,drag] [--autosave-seconds N] [--autosave-authors N]
 *
 * Engines: PGlite always, in a temporary folder removed afterwards. PostgreSQL on the server
 * named by LIMINAL_BENCH_PG, else DATABASE_URL, else postgres://postgres:postgres@127.0.0.1:5432/postgres;
 * the bench never writes into that database: it creates a fresh `liminal_bench_<timestamp>`
 * there and drops it at the end. When no server answers, PostgreSQL is skipped with the reason.
 *
 * Targets (informative; the bench always exits 0 unless it crashes): reads p95 under 15 ms on
 * PostgreSQL and 40 ms on PGlite, and at most 3x the bare SQL's p95; autosave p95 under 30 ms
 * on PostgreSQL with no lost write and no conflict on either engine. Results go to stdout,
 * bench/results/latest.json and bench/results/latest.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from '../src/db/client.js';
import { requireClientAccess } from '../src/db/repos/access.js';
import { listClients } from '../src/db/repos/clients.js';
import { getJourney } from '../src/db/repos/journey.js';
import { listSessionsInRange } from '../src/db/repos/sessions.js';
import type { Actor } from '../src/domain/people/roles.js';
import { rootDir } from '../src/paths.js';
import { benchAutosave, defaultAutosaveOptions, type AutosaveResult } from './autosave.js';
import { generatePractice, mulberry32, type GeneratedPractice } from './generate.js';
import { benchMaps, type MapsResult } from './maps.js';
import { benchMapDrag, type DragResult } from './maps-drag.js';
import { benchOutcomes, OUTCOMES_MAX_RATIO, OUTCOMES_TARGET_MS, outcomesSizes, type OutcomesResult } from './outcomes.js';
import { ms, ratio, summarise, type Summary } from './stats.js';

// ---------------------------------------------------------------------------------------------
// What is measured. "ours" is exactly what the API route calls; "bare" is the least SQL that
// returns the same rows. Each read gets the same parameter sequence on both sides.

const PAGE_SIZE = 25;

interface ClientListParams {
  actor: Actor;
  page: number;
}
interface JourneyParams {
  actor: Actor;
  clientId: string;
}
interface WeekParams {
  actor: Actor;
  practitionerId: string;
  from: Date;
  to: Date;
}

const ours = {
  /** A practitioner's own client list, a page at a time (GET /api/clients?page=N). */
  clientList: (db: Db, p: ClientListParams) => listClients(db, p.actor, { page: p.page, pageSize: PAGE_SIZE }),
  /** The journey section of a client's page (GET /api/clients/:id/journey): the access check, then the data. */
  journey: async (db: Db, p: JourneyParams) => {
    // As the route does: the access check and the reads run together; nothing is answered unless access holds.
    const [, journey] = await Promise.all([requireClientAccess(db, p.actor, p.clientId), getJourney(db, p.actor, p.clientId)]);
    return journey;
  },
  /** A practitioner's calendar week (GET /api/sessions?practitionerId&from&to). */
  calendarWeek: (db: Db, p: WeekParams) => listSessionsInRange(db, p.actor, { practitionerId: p.practitionerId, from: p.from, to: p.to }),
};

const sessionColumns = `s.id, s.client_id, c.name AS client_name, s.chapter_id, s.practitioner_id,
  p.display_name AS practitioner_name, s.series_id, s.starts_at, s.minutes, s.format, s.modality, s.status,
  s.status_note, s.movements, s.version, s.updated_at
  FROM sessions s
  JOIN clients c ON c.practice_id = s.practice_id AND c.id = s.client_id
  JOIN users p ON p.practice_id = s.practice_id AND p.id = s.practitioner_id`;

const inCare = `EXISTS (SELECT 1 FROM care_relationships r
  WHERE r.practice_id = c.practice_id AND r.client_id = c.id AND r.practitioner_id = $2)`;

type Row = Record<string, unknown>;

const bare = {
  clientList: async (database: Database, p: ClientListParams) => {
    const [rows, [total]] = await Promise.all([
      database.query(
        `SELECT c.id, c.name, c.pronouns, c.current_phase, c.primary_practitioner_id,
                u.display_name AS primary_practitioner_name,
                (SELECT min(s.starts_at) FROM sessions s WHERE s.practice_id = c.practice_id AND s.client_id = c.id
                    AND s.status = 'scheduled' AND s.starts_at >= now()) AS next_session_at,
                (SELECT max(s.starts_at) FROM sessions s WHERE s.practice_id = c.practice_id AND s.client_id = c.id
                    AND s.status = 'held' AND s.starts_at < now()) AS last_session_at
           FROM clients c
           LEFT JOIN users u ON u.practice_id = c.practice_id AND u.id = c.primary_practitioner_id
          WHERE c.practice_id = $1 AND ${inCare}
          ORDER BY c.name, c.id
          LIMIT $3 OFFSET $4`,
        [p.actor.practiceId, p.actor.userId, PAGE_SIZE, (p.page - 1) * PAGE_SIZE],
      ),
      database.query<{ n: number }>(`SELECT count(*)::int AS n FROM clients c WHERE c.practice_id = $1 AND ${inCare}`, [
        p.actor.practiceId,
        p.actor.userId,
      ]),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  journey: async (database: Database, p: JourneyParams) => {
    // The same access rule in one statement: in the client's care, or supervising an associate
    // who is (an admin would skip it).
    const [access] = await database.query<{ allowed: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM care_relationships r
          WHERE r.practice_id = $1 AND r.client_id = $2
            AND (r.practitioner_id = $3 OR EXISTS (
                  SELECT 1 FROM supervisions sv
                  JOIN users a ON a.practice_id = sv.practice_id AND a.id = sv.supervisee_id
                 WHERE sv.practice_id = r.practice_id AND sv.supervisor_id = $3
                   AND sv.supervisee_id = r.practitioner_id AND 'associate' = ANY (a.roles)))
       ) AS allowed`,
      [p.actor.practiceId, p.clientId, p.actor.userId],
    );
    if (!access?.allowed) throw new Error('The client was not found.');
    const args = [p.actor.practiceId, p.clientId];
    const [chapters, moves, sessions] = await Promise.all([
      database.query(
        `SELECT id, number, phase, opened_at, opening_note, previous_chapter_id, ended_at,
                what_was_lived, what_remains_open, door_left_open, version
           FROM chapters WHERE practice_id = $1 AND client_id = $2 ORDER BY number`,
        args,
      ),
      database.query(
        `SELECT m.id, m.chapter_id, m.from_phase, m.to_phase, m.moved_at, u.display_name AS moved_by_name, m.note
           FROM phase_moves m
           LEFT JOIN users u ON u.practice_id = m.practice_id AND u.id = m.moved_by
          WHERE m.practice_id = $1 AND m.client_id = $2
          ORDER BY m.moved_at, m.id`,
        args,
      ),
      database.query(`SELECT ${sessionColumns} WHERE s.practice_id = $1 AND s.client_id = $2 ORDER BY s.starts_at, s.id`, args),
    ]);
    return { chapters, moves, sessions };
  },
  calendarWeek: (database: Database, p: WeekParams) =>
    database.query(
      `SELECT ${sessionColumns}
        WHERE s.practice_id = $1 AND s.practitioner_id = $2
          AND s.starts_at > $3::timestamptz AND s.starts_at < $4::timestamptz
          AND s.starts_at + make_interval(mins => s.minutes) > $5::timestamptz
        ORDER BY s.starts_at, s.id`,
      [
        p.actor.practiceId,
        p.practitionerId,
        new Date(p.from.getTime() - 8 * 3600_000).toISOString(),
        p.to.toISOString(),
        p.from.toISOString(),
      ],
    ),
};

/** What both sides must agree on before their times are compared: the ids, in order. */
const sameRows = {
  clientList: (a: Awaited<ReturnType<typeof ours.clientList>>, b: Awaited<ReturnType<typeof bare.clientList>>) =>
    JSON.stringify([a.rows.map((r) => r.id), a.total]) === JSON.stringify([b.rows.map((r) => r.id), b.total]),
  journey: (a: Awaited<ReturnType<typeof ours.journey>>, b: Awaited<ReturnType<typeof bare.journey>>) =>
    JSON.stringify([a.chapters.map((c) => [c.id, c.moves.map((m) => m.id)]), a.sessions.map((s) => s.id)]) ===
    JSON.stringify([
      b.chapters.map((c) => [c.id, b.moves.filter((m) => m.chapter_id === c.id).map((m) => m.id)]),
      b.sessions.map((s) => s.id),
    ]),
  calendarWeek: (a: Awaited<ReturnType<typeof ours.calendarWeek>>, b: Row[]) =>
    JSON.stringify(a.map((s) => s.id)) === JSON.stringify(b.map((s) => s.id)),
};

const reads = [
  { key: 'clientList', label: 'client list page', describe: `a practitioner's own clients, ${PAGE_SIZE} a page, with total` },
  { key: 'journey', label: 'client journey', describe: 'access check + chapters, phase moves and sessions of one client' },
  { key: 'calendarWeek', label: 'calendar week', describe: "one practitioner's sessions in one week, with client names" },
] as const;
type ReadKey = (typeof reads)[number]['key'];

const targets = { postgres: 15, pglite: 40 } as const;
const MAX_RATIO = 3;

// ---------------------------------------------------------------------------------------------
// Options.

interface Options {
  small: boolean;
  runs: number;
  warmup: number;
  seed: number;
  engines: Array<'pglite' | 'postgres'>;
  analyze: boolean;
  /** Which benches run: the reads (with the generated practice) and the autosave bench. */
  suites: Array<'reads' | 'autosave' | 'outcomes' | 'maps' | 'drag'>;
  /** Timed runs of each outcomes report (each reads up to a million rows). */
  outcomesRuns: number;
  autosaveSeconds: number;
  autosaveAuthors: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const arg = argv[i] as string;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  };
  const int = (name: string, env: string | undefined, fallback: number): number => {
    const raw = value(name) ?? env;
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a whole number of at least 1, not "${raw}".`);
    return n;
  };
  const engineArg = value('--engine') ?? process.env.BENCH_ENGINES;
  const engines = (engineArg ?? 'pglite,postgres').split(',').map((e) => e.trim());
  for (const e of engines) if (e !== 'pglite' && e !== 'postgres') throw new Error(`--engine is pglite or postgres, not "${e}".`);
  const suites = (value('--only') ?? process.env.BENCH_ONLY ?? 'reads,autosave,outcomes,maps,drag').split(',').map((e) => e.trim());
  const known = ['reads', 'autosave', 'outcomes', 'maps', 'drag'];
  for (const s of suites) if (!known.includes(s)) throw new Error(`--only takes ${known.join(', ')}, not "${s}".`);
  const small = argv.includes('--small');
  return {
    small,
    runs: int('--runs', process.env.BENCH_RUNS, 200),
    warmup: int('--warmup', process.env.BENCH_WARMUP, 20),
    seed: int('--seed', process.env.BENCH_SEED, 20240601),
    engines: engines as Options['engines'],
    analyze: !argv.includes('--no-analyze'),
    suites: suites as Options['suites'],
    autosaveSeconds: int('--autosave-seconds', process.env.BENCH_AUTOSAVE_SECONDS, small ? 20 : defaultAutosaveOptions.seconds),
    autosaveAuthors: int('--autosave-authors', process.env.BENCH_AUTOSAVE_AUTHORS, defaultAutosaveOptions.authors),
    outcomesRuns: int('--outcomes-runs', process.env.BENCH_OUTCOMES_RUNS, small ? 5 : 6),
  };
}

const sizes = {
  full: { practitioners: 50, clients: 5000, sessions: 150_000 },
  small: { practitioners: 5, clients: 500, sessions: 15_000 },
};

// ---------------------------------------------------------------------------------------------
// Parameters: one deterministic sequence per read, shared by ours and bare.

interface ParamSets {
  clientList: ClientListParams[];
  journey: JourneyParams[];
  calendarWeek: WeekParams[];
}

function parameterSets(practice: GeneratedPractice, count: number, seed: number): ParamSets {
  const random = mulberry32(seed ^ 0x5bd1e995);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const actorOf = (userId: string): Actor => ({ practiceId: practice.practiceId, userId, roles: ['practitioner'], clientId: null });
  const withClients = practice.practitioners.filter((p) => p.clientCount > 0);
  const monday = (() => {
    const d = new Date(practice.window.now);
    return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  })();
  const out: ParamSets = { clientList: [], journey: [], calendarWeek: [] };
  for (let i = 0; i < count; i++) {
    // Half the visits to the list are its first page; the rest anywhere in it.
    const listOwner = pick(withClients);
    const pages = Math.max(1, Math.ceil(listOwner.clientCount / PAGE_SIZE));
    out.clientList.push({ actor: actorOf(listOwner.id), page: random() < 0.5 ? 1 : 1 + Math.floor(random() * pages) });

    const client = pick(practice.sampleClients);
    out.journey.push({ actor: actorOf(client.primaryPractitionerId), clientId: client.id });

    // Weeks from three months back to three months ahead, around today.
    const weekOwner = pick(practice.practitioners);
    const from = new Date(monday.getTime() + (Math.floor(random() * 27) - 13) * 7 * 86_400_000);
    out.calendarWeek.push({
      actor: actorOf(weekOwner.id),
      practitionerId: weekOwner.id,
      from,
      to: new Date(from.getTime() + 7 * 86_400_000),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

interface ReadResult {
  read: ReadKey;
  label: string;
  describe: string;
  /** Null when a side failed; `error` then says why. */
  ours: Summary | null;
  bare: Summary | null;
  ratioP50: number | null;
  ratioP95: number | null;
  targetP95Ms: number;
  maxRatio: number;
  pass: boolean;
  verdict: string;
  sameRows: boolean;
  meanRows: number;
  error?: string;
}

interface EngineResult {
  engine: 'pglite' | 'postgres';
  version?: string;
  skipped?: string;
  generationSeconds?: number;
  analyzeSeconds?: number;
  counts?: GeneratedPractice['counts'];
  busiestPractitionerClients?: number;
  reads?: ReadResult[];
  autosave?: AutosaveResult;
  /** Why the autosave bench could not finish, when it could not. */
  autosaveError?: string;
  outcomes?: OutcomesResult;
  outcomesError?: string;
  maps?: MapsResult;
  mapsError?: string;
}

/** The database's own complaint when there is one (drizzle wraps it as the cause). */
function firstLine(e: unknown): string {
  const err = e as { message?: string; cause?: { message?: string } };
  const message = err.cause?.message ?? err.message ?? String(e);
  return (message.split('\n')[0] ?? '').slice(0, 160);
}

const rowCount = (key: ReadKey, result: unknown): number => {
  if (key === 'clientList') return (result as { rows: unknown[] }).rows.length;
  if (key === 'journey') return (result as { sessions: unknown[] }).sessions.length;
  return (result as unknown[]).length;
};

async function measure(database: Database, practice: GeneratedPractice, engine: 'pglite' | 'postgres', options: Options) {
  const params = parameterSets(practice, options.warmup + options.runs, options.seed);
  const results: ReadResult[] = [];
  for (const read of reads) {
    const key = read.key;
    const runOurs = (i: number) => (ours[key] as (db: Db, p: unknown) => Promise<unknown>)(database.db, params[key][i]);
    const runBare = (i: number) => (bare[key] as (d: Database, p: unknown) => Promise<unknown>)(database, params[key][i]);
    const agree = sameRows[key] as (a: unknown, b: unknown) => boolean;

    // Both sides must return the same rows, or their times mean nothing. A read that fails
    // is reported as failing rather than ending the whole bench.
    let same = true;
    try {
      for (let i = 0; i < Math.min(5, params[key].length); i++) {
        if (!agree(await runOurs(i), await runBare(i))) same = false;
      }
    } catch (e) {
      const error = firstLine(e);
      results.push({
        read: key,
        label: read.label,
        describe: read.describe,
        ours: null,
        bare: null,
        ratioP50: null,
        ratioP95: null,
        targetP95Ms: targets[engine],
        maxRatio: MAX_RATIO,
        pass: false,
        verdict: `ERROR (${error})`,
        sameRows: false,
        meanRows: 0,
        error,
      });
      continue;
    }
    const oursTimes: number[] = [];
    const bareTimes: number[] = [];
    let rows = 0;
    for (let i = 0; i < options.warmup + options.runs; i++) {
      // Alternate who goes first, so neither always finds the other's pages in cache.
      const order = i % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
      for (const side of order) {
        const t0 = performance.now();
        const result = side === 'ours' ? await runOurs(i) : await runBare(i);
        const elapsed = performance.now() - t0;
        if (i < options.warmup) continue;
        if (side === 'ours') {
          oursTimes.push(elapsed);
          rows += rowCount(key, result);
        } else bareTimes.push(elapsed);
      }
    }
    const o = summarise(oursTimes);
    const b = summarise(bareTimes);
    const r95 = ratio(o.p95, b.p95);
    const target = targets[engine];
    const fails: string[] = [];
    if (o.p95 >= target) fails.push(`p95 ≥ ${target} ms`);
    if (r95 !== null && r95 > MAX_RATIO) fails.push(`${r95.toFixed(1)}x bare`);
    if (!same) fails.push('rows differ from bare');
    results.push({
      read: key,
      label: read.label,
      describe: read.describe,
      ours: o,
      bare: b,
      ratioP50: ratio(o.p50, b.p50),
      ratioP95: r95,
      targetP95Ms: target,
      maxRatio: MAX_RATIO,
      pass: fails.length === 0,
      verdict: fails.length === 0 ? 'pass' : `FAIL (${fails.join(', ')})`,
      sameRows: same,
      meanRows: rows / options.runs,
    });
  }
  return results;
}

async function runEngine(
  engine: 'pglite' | 'postgres',
  database: Database,
  options: Options,
  log: (line: string) => void,
): Promise<EngineResult> {
  await database.migrate();
  const [v] = await database.query<{ version: string }>('SELECT version() AS version');
  const result: EngineResult = { engine, version: v?.version.split(' ').slice(0, 2).join(' ') ?? 'unknown' };
  if (options.suites.includes('reads')) Object.assign(result, await runReads(engine, database, options, log));
  if (options.suites.includes('autosave')) {
    // After the reads, the autosave practice sits beside the large generated one, as in a real database.
    try {
      result.autosave = await benchAutosave(database, engine, {
        ...defaultAutosaveOptions,
        authors: options.autosaveAuthors,
        seconds: options.autosaveSeconds,
        seed: options.seed,
        log,
      });
    } catch (e) {
      result.autosaveError = firstLine(e);
      log(`  autosave bench failed: ${result.autosaveError}`);
    }
  }
  if (options.suites.includes('outcomes')) {
    const size = options.small ? outcomesSizes.small : outcomesSizes.full;
    try {
      result.outcomes = await benchOutcomes(database, { ...size, seed: options.seed, runs: options.outcomesRuns, warmup: 2, analyze: options.analyze, log });
    } catch (e) {
      result.outcomesError = firstLine(e);
      log(`  outcomes bench failed: ${result.outcomesError}`);
    }
  }
  if (options.suites.includes('maps')) {
    try {
      result.maps = await benchMaps(database, { runs: options.small ? 10 : 30, warmup: 3, seed: options.seed, log });
    } catch (e) {
      result.mapsError = firstLine(e);
      log(`  maps bench failed: ${result.mapsError}`);
    }
  }
  return result;
}

async function runReads(
  engine: 'pglite' | 'postgres',
  database: Database,
  options: Options,
  log: (line: string) => void,
): Promise<Omit<EngineResult, 'engine' | 'version'>> {
  const size = options.small ? sizes.small : sizes.full;
  log(`  generating ${size.practitioners} practitioners, ${size.clients} clients, ${size.sessions} sessions…`);
  const t0 = performance.now();
  const practice = await generatePractice(database, { ...size, seed: options.seed, log });
  const generationSeconds = (performance.now() - t0) / 1000;
  log(`  generated in ${generationSeconds.toFixed(1)} s`);
  let analyzeSeconds: number | undefined;
  if (options.analyze) {
    // PostgreSQL's autovacuum would analyse these tables soon after a bulk load; PGlite has no
    // autovacuum, so without this its planner works from guesses.
    const t1 = performance.now();
    await database.query('ANALYZE');
    analyzeSeconds = (performance.now() - t1) / 1000;
  }
  log(`  timing ${options.warmup} warm-up + ${options.runs} runs of each read…`);
  const reads = await measure(database, practice, engine, options);
  const busiest = practice.practitioners.find((p) => p.id === practice.busiestPractitionerId);
  return {
    generationSeconds,
    ...(analyzeSeconds === undefined ? {} : { analyzeSeconds }),
    counts: practice.counts,
    ...(busiest ? { busiestPractitionerClients: busiest.clientCount } : {}),
    reads,
  };
}

async function benchPglite(options: Options, log: (line: string) => void): Promise<EngineResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'liminal-bench-'));
  log(`PGlite (in ${dataDir})`);
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      return await runEngine('pglite', database, options, log);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

async function benchPostgres(options: Options, log: (line: string) => void): Promise<EngineResult> {
  const serverUrl = process.env.LIMINAL_BENCH_PG ?? process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const admin = postgres(serverUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`SELECT 1`;
  } catch (e) {
    await admin.end({ timeout: 1 }).catch(() => {});
    const reason = `could not connect to PostgreSQL at ${redact(serverUrl)} (${(e as Error).message}); set LIMINAL_BENCH_PG to a server where the bench may create a database`;
    log(`PostgreSQL skipped: ${reason}`);
    return { engine: 'postgres', skipped: reason };
  }
  const name = `liminal_bench_${Date.now()}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.end({ timeout: 1 });
    const reason = `could not create a scratch database on ${redact(serverUrl)} (${(e as Error).message})`;
    log(`PostgreSQL skipped: ${reason}`);
    return { engine: 'postgres', skipped: reason };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  log(`PostgreSQL (scratch database ${name} on ${redact(serverUrl)})`);
  try {
    const database = await openDatabase({ kind: 'postgres', url: url.toString() });
    try {
      return await runEngine('postgres', database, options, log);
    } finally {
      await database.close();
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`).catch((e: Error) => log(`  could not drop ${name}: ${e.message}`));
    await admin.end({ timeout: 5 });
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

const x = (r: number | null): string => (r === null ? 'n/a' : `${r.toFixed(2)}x`);

const header = ['read', 'ours p50', 'ours p95', 'ours mean', 'bare p50', 'bare p95', 'bare mean', 'p50 ratio', 'p95 ratio', 'rows', 'verdict'];

function cells(result: EngineResult): string[][] {
  return (result.reads ?? []).map((r) => [
    r.label,
    r.ours ? ms(r.ours.p50) : '—',
    r.ours ? ms(r.ours.p95) : '—',
    r.ours ? ms(r.ours.mean) : '—',
    r.bare ? ms(r.bare.p50) : '—',
    r.bare ? ms(r.bare.p95) : '—',
    r.bare ? ms(r.bare.mean) : '—',
    x(r.ratioP50),
    x(r.ratioP95),
    r.error ? '—' : r.meanRows.toFixed(1),
    r.verdict,
  ]);
}

const autosaveHeader = ['authors', 'every', 'timed', 'saves', 'saves/s', 'p50', 'p95', 'p99', 'max', 'conflicts', 'errors', 'lost writes', 'version gaps', 'server busy', 'target p95', 'verdict'];

function autosaveCells(result: EngineResult): string[][] {
  const a = result.autosave;
  if (!a) return [];
  const l = a.latency;
  return [
    [
      String(a.authors),
      `${a.intervalMs / 1000} s`,
      `${a.seconds} s`,
      String(a.saves),
      a.savesPerSecond.toFixed(1),
      l ? ms(l.p50) : '—',
      l ? ms(l.p95) : '—',
      l ? ms(l.p99) : '—',
      l ? ms(l.max) : '—',
      String(a.conflicts),
      String(a.errors),
      String(a.lostWrites),
      String(a.versionGaps),
      `${Math.round(a.serverBusy * 100)}%`,
      a.targetP95Ms === null ? 'none' : `< ${a.targetP95Ms} ms`,
      a.verdict,
    ],
  ];
}

const outcomesHeader = ['report', 'rows', 'series', 'ours p50', 'ours p95', 'DuckDB p50', 'DuckDB p95', 'p50 ratio', 'same report', 'verdict'];

function outcomesCells(result: EngineResult): string[][] {
  return (result.outcomes?.scenarios ?? []).map((s) => [
    s.label,
    s.rows.toLocaleString('en'),
    s.pairs.toLocaleString('en'),
    ms(s.ours.p50),
    ms(s.ours.p95),
    ms(s.duckdb.p50),
    ms(s.duckdb.p95),
    x(s.ratioP50),
    s.sameReport ? 'yes' : 'NO',
    s.withinTarget ? 'pass' : 'miss',
  ]);
}

function outcomesTitle(r: EngineResult): string {
  const o = r.outcomes;
  if (!o) return `Outcomes report: could not finish (${r.outcomesError ?? 'no result'})`;
  return `Outcomes report: ${o.measures.toLocaleString('en')} completed measures of ${o.clients.toLocaleString('en')} clients (generated in ${o.generationSeconds.toFixed(1)} s, exported to DuckDB in ${o.exportSeconds.toFixed(1)} s); target p50 < ${OUTCOMES_TARGET_MS} ms and ≤ ${OUTCOMES_MAX_RATIO}x DuckDB`;
}

const mapsHeader = ['operation', 'ours p50', 'ours p95', 'max', 'baseline', 'baseline p50', 'baseline p95', 'p50 ratio', 'target p95', 'verdict'];

function mapsCells(result: EngineResult): string[][] {
  return (result.maps?.operations ?? []).map((o) => [
    o.name,
    ms(o.ours.p50),
    ms(o.ours.p95),
    ms(o.ours.max),
    o.baselineName ?? '—',
    o.baseline ? ms(o.baseline.p50) : '—',
    o.baseline ? ms(o.baseline.p95) : '—',
    o.baseline ? x(ratio(o.ours.p50, o.baseline.p50)) : '—',
    `< ${o.target} ms`,
    o.pass ? 'pass' : 'miss',
  ]);
}

function mapsTitle(r: EngineResult): string {
  const m = r.maps;
  if (!m) return `Relational map: could not finish (${r.mapsError ?? 'no result'})`;
  return `Relational map: ${m.nodes} nodes and ${m.ties} ties (${m.payloadKb.toFixed(0)} KB a save), ${m.runs} runs each; the diff between the two versions reads as ${m.sentences} sentences`;
}

function dragLines(d: DragResult | { skipped: string } | { error: string } | undefined): string[] {
  if (!d) return [];
  if ('skipped' in d) return [`Map editor drag: skipped — ${d.skipped}`];
  if ('error' in d) return [`Map editor drag: could not finish (${d.error})`];
  const f = d.frames;
  return [
    `Map editor drag (headless Chromium, ${d.nodes} nodes, ${d.ties} ties): the map appeared ${d.openMs.toFixed(0)} ms after navigation; a node dragged in ${d.dragSteps} mouse steps over ${d.dragMs.toFixed(0)} ms${d.moved ? '' : ' (THE NODE DID NOT MOVE)'}`,
    f
      ? `frame time p50 ${ms(f.p50)} ms, p95 ${ms(f.p95)} ms, longest ${ms(f.max)} ms, ${d.fps.toFixed(1)} frames per second, ${d.longFrames} of ${f.n} frames over 50 ms`
      : 'no frames recorded',
  ];
}

function table(result: EngineResult, head: string[] = header, body: string[][] = cells(result)): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => (i === 0 || i === row.length - 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

function engineTitle(r: EngineResult): string {
  const name = r.engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
  if (r.skipped) return `${name}: skipped — ${r.skipped}`;
  const c = r.counts;
  if (!c) return `${name} (${r.version ?? 'unknown version'})`;
  return `${name} (${r.version ?? 'unknown version'}): ${c.practitioners} practitioners, ${c.clients} clients, ${c.chapters} chapters, ${c.phaseMoves} phase moves, ${c.sessions} sessions; generated in ${r.generationSeconds?.toFixed(1)} s; target p95 < ${targets[r.engine]} ms and ≤ ${MAX_RATIO}x bare`;
}

function autosaveTitle(r: EngineResult): string {
  const a = r.autosave;
  if (!a) return `Autosave: could not finish (${r.autosaveError ?? 'no result'})`;
  return `Autosave: ${a.authors} authors saving every ${a.intervalMs / 1000} s through the HTTP API, ${a.warmupSeconds} s warm-up + ${a.seconds} s timed; ${a.allSaves} saves checked against ${a.verifiedNotes} stored notes`;
}

function markdown(report: Report): string {
  const o = report.options;
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join('/');
  const out = [
    '# Liminal benchmark',
    '',
    [
      report.finishedAt,
      ...(o.suites.includes('reads')
        ? [`${report.size} size`, `seed ${o.seed}`, `${o.warmup} warm-up + ${o.runs} sequential runs per read`, `ANALYZE ${o.analyze ? 'after generation' : 'skipped'}`]
        : [`seed ${o.seed}`]),
      `Node ${report.node}`,
      report.cpu,
      `load average ${load(report.loadAverage.start)} at the start, ${load(report.loadAverage.end)} at the end`,
    ].join(' · '),
    '',
    'Times in milliseconds; percentiles by nearest rank. "ours" is the repository function the API route calls; "bare" is hand-written SQL returning the same rows. "rows" is the mean number of rows (sessions for the journey) per run.',
    '',
    'Autosave: authors (practitioners, each signed in with their own cookie) save a progress note through the HTTP API on a fixed rhythm; "saves" are the acknowledged saves in the timed period, timed from request to answer; "lost writes" are notes whose stored text is not what their author last sent, "version gaps" notes whose version does not count exactly one step per acknowledged save, both checked in the database at the end; "server busy" is how much of the run the API\'s thread was busy (low: the time went to the database or to other work on the machine).',
    '',
  ];
  for (const r of report.engines) {
    out.push(`## ${engineTitle(r)}`, '');
    if (r.reads) {
      out.push(`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 || i === header.length - 1 ? '---' : '---:')).join('|')}|`);
      for (const row of cells(r)) out.push(`| ${row.join(' | ')} |`);
      out.push('');
    }
    if (r.autosave || r.autosaveError) {
      out.push(`### ${autosaveTitle(r)}`, '');
      out.push(`| ${autosaveHeader.join(' | ')} |`, `|${autosaveHeader.map((_, i) => (i === autosaveHeader.length - 1 ? '---' : '---:')).join('|')}|`);
      for (const row of autosaveCells(r)) out.push(`| ${row.join(' | ')} |`);
      out.push('');
    }
    if (r.maps || r.mapsError) {
      out.push(`### ${mapsTitle(r)}`, '');
      out.push(`| ${mapsHeader.join(' | ')} |`, `|${mapsHeader.map((_, i) => (i === 0 || i === 4 || i >= mapsHeader.length - 2 ? '---' : '---:')).join('|')}|`);
      for (const row of mapsCells(r)) out.push(`| ${row.join(' | ')} |`);
      out.push('');
    }
    if (r.outcomes || r.outcomesError) {
      out.push(`### ${outcomesTitle(r)}`, '');
      out.push(`| ${outcomesHeader.join(' | ')} |`, `|${outcomesHeader.map((_, i) => (i === 0 || i >= outcomesHeader.length - 2 ? '---' : '---:')).join('|')}|`);
      for (const row of outcomesCells(r)) out.push(`| ${row.join(' | ')} |`);
      out.push('');
    }
  }
  const drag = dragLines(report.drag);
  if (drag.length > 0) out.push(`## ${drag[0]}`, '', ...drag.slice(1), '');
  return out.join('\n');
}

interface Report {
  startedAt: string;
  finishedAt: string;
  size: 'full' | 'small';
  options: Options;
  node: string;
  cpu: string;
  platform: string;
  /** 1-, 5- and 15-minute load averages at the start and the end: timings on a busy machine read high. */
  loadAverage: { start: number[]; end: number[] };
  engines: EngineResult[];
  drag?: DragResult | { skipped: string } | { error: string };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg();
  const engines: EngineResult[] = [];
  for (const engine of options.engines) {
    engines.push(engine === 'pglite' ? await benchPglite(options, log) : await benchPostgres(options, log));
  }
  let drag: Report['drag'];
  if (options.suites.includes('drag')) {
    log('Map editor drag (headless Chromium)');
    try {
      drag = await benchMapDrag({ seed: options.seed, steps: 120, log });
    } catch (e) {
      drag = { error: firstLine(e) };
      log(`  drag bench failed: ${drag.error}`);
    }
  }
  const cpus = os.cpus();
  const report: Report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    size: options.small ? 'small' : 'full',
    options,
    node: process.versions.node,
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    engines,
    ...(drag ? { drag } : {}),
  };

  console.log('');
  for (const r of engines) {
    console.log(engineTitle(r));
    if (r.reads) for (const line of table(r)) console.log(`  ${line}`);
    if (r.autosave || r.autosaveError) {
      console.log(`  ${autosaveTitle(r)}`);
      for (const line of table(r, autosaveHeader, autosaveCells(r))) console.log(`  ${line}`);
      for (const sample of [...(r.autosave?.lostSamples ?? []), ...(r.autosave?.errorSamples ?? [])]) console.log(`    ${sample}`);
    }
    if (r.outcomes || r.outcomesError) {
      console.log(`  ${outcomesTitle(r)}`);
      for (const line of table(r, outcomesHeader, outcomesCells(r))) console.log(`  ${line}`);
    }
    if (r.maps || r.mapsError) {
      console.log(`  ${mapsTitle(r)}`);
      for (const line of table(r, mapsHeader, mapsCells(r))) console.log(`  ${line}`);
    }
    console.log('');
  }
  for (const line of dragLines(drag)) console.log(line);
  const dir = path.join(rootDir, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(dir, 'latest.md'), `${markdown(report)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), path.join(dir, 'latest.json'))} and latest.md.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
