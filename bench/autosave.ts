/**
 * The autosave bench: many practitioners writing progress notes at once, each page saving its
 * draft every two seconds, through the real HTTP API.
 *
 * Set-up: a practice of its own in the database under test (beside the generated practice when
 * the reads ran first), with one practitioner per author, each with a client, a chapter and a
 * held session. The API (buildApp) listens on a free local port in this thread; the authors run
 * in a worker thread, so their timers and JSON never queue behind the server's work (PGlite
 * included, which runs in this thread). Each author signs in with their own cookie, creates the
 * session's note (PUT version null), then saves every `intervalMs`, each save sending the
 * version the previous one got back and a little more text, as someone typing would.
 *
 * Timed: every save after a short warm-up, from sending the request to reading the answer.
 * Checked at the end, from the database: each note holds exactly the last text its author sent,
 * at the version counting every acknowledged save (no save lost, none applied twice), and no
 * save met a 409 conflict or any other error.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { eq } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { careRelationships, chapters, clients, phaseMoves, practices, progressNotes, sessions, users } from '../src/db/schema/index.js';
import { defaultCommonFactors, defaultForceMovements, defaultPracticeSettings } from '../src/domain/practice/defaults.js';
import { buildApp } from '../src/server/app.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { mulberry32 } from './generate.js';
import { percentile } from './stats.js';

/** What the issue asks of PostgreSQL; PGlite (one connection, in-process) has no latency target. */
export const autosaveTargets = { postgres: 30, pglite: null } as const;

export interface AutosaveOptions {
  authors: number;
  /** Length of the timed period. */
  seconds: number;
  /** Saves before the timed period (still checked at the end, not timed). */
  warmupSeconds: number;
  intervalMs: number;
  seed: number;
  /** Run the authors in this thread instead of a worker (tests run from TypeScript sources, which a worker cannot load). */
  inProcess?: boolean;
  log?: (line: string) => void;
}

export const defaultAutosaveOptions = { authors: 50, seconds: 60, warmupSeconds: 4, intervalMs: 2000 } as const;

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface AutosaveResult {
  engine: 'pglite' | 'postgres';
  authors: number;
  intervalMs: number;
  seconds: number;
  warmupSeconds: number;
  /** Acknowledged saves in the timed period. */
  saves: number;
  savesPerSecond: number;
  /** Every acknowledged update, warm-up included (the creates are not counted). */
  allSaves: number;
  latency: LatencySummary | null;
  conflicts: number;
  errors: number;
  errorSamples: string[];
  /** Authors whose stored note is not exactly the text they last sent. */
  lostWrites: number;
  /** Authors whose stored text is right but whose version does not count one step per acknowledged save (a save applied twice, or applied after its request gave up). */
  versionGaps: number;
  lostSamples: string[];
  /** Share of the timed period the server's thread was busy (event-loop utilisation): near 1, the API itself is the bottleneck; low, the time goes to the database or the machine. */
  serverBusy: number;
  verifiedNotes: number;
  targetP95Ms: number | null;
  pass: boolean;
  verdict: string;
}

type Fields = { clientReport: string; observations: string; interventions: string; response: string; assessment: string; plan: string };
const fieldKeys = ['clientReport', 'observations', 'interventions', 'response', 'assessment', 'plan'] as const;

interface AuthorSpec {
  index: number;
  email: string;
  sessionId: string;
}

interface LoadSpec {
  kind: 'liminal-autosave-authors';
  baseUrl: string;
  slug: string;
  password: string;
  authors: AuthorSpec[];
  seconds: number;
  warmupSeconds: number;
  intervalMs: number;
  seed: number;
}

/** What one author saw; `lastSent` is the text of their last save request, answered or not. */
export interface AuthorOutcome {
  index: number;
  sessionId: string;
  /** Acknowledged updates (200), warm-up included. */
  okUpdates: number;
  timedLatencies: number[];
  conflicts: number;
  errors: string[];
  lastSent: Fields | null;
  lastVersion: number | null;
}

// ---------------------------------------------------------------------------------------------
// The text the authors type: a first draft, then a few words more at every save.

const firstDraft: Fields = {
  clientReport:
    'Talked about the first weeks in the new job and how quiet the evenings have felt since the move. Misses the Sunday calls with a sister. Sleeping a little better than last time.',
  observations: 'Arrived on time, warm and a little tired. Spoke slowly at first and more freely as the hour went on; tearful when describing the sister, settled after a pause.',
  interventions: 'Stayed with the feeling of missing; reflected the pattern of pulling back when tired; explored one small way to reach out this week.',
  response: 'Said it helped to say it out loud. Chose to send one message before the next session.',
  assessment: 'Low mood tied to the loss of everyday contact after the move. Resources: humour, a steady job, a friend at work.',
  plan: 'Meet again next week. Come back to the message sent and to sleep.',
};

const additions = [
  'Mentioned café evenings with a colleague.',
  'Noticed the breath slowing when talking about home.',
  'Laughed about the week’s small wins.',
  'Named a wish to call the sister on Sunday.',
  'Said “it feels lighter” near the end.',
  'Wondered aloud whether the tiredness is grief.',
  'Brought a photo of the old street; we looked at it together.',
  'Asked for a shorter session next time because of a late shift.',
];

/** The draft after save `k` of author `index`: one more sentence in one field, marked so every save is different. */
export function draftAfter(previous: Fields, index: number, k: number, random: () => number): Fields {
  const key = fieldKeys[k % fieldKeys.length] as (typeof fieldKeys)[number];
  const sentence = additions[Math.floor(random() * additions.length)] as string;
  return { ...previous, [key]: `${previous[key]} ${sentence} (${index}.${k})` };
}

// ---------------------------------------------------------------------------------------------
// The authors: sign in, create the note, save on a fixed rhythm.

const sleepUntil = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

async function signInAuthor(spec: LoadSpec, author: AuthorSpec): Promise<string> {
  const res = await fetch(`${spec.baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ practice: spec.slug, email: author.email, password: spec.password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('liminal_session='));
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed for ${author.email}: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0] as string;
}

function saveBody(version: number | null, fields: Fields) {
  return JSON.stringify({ version, format: 'dap', fields, risk: { level: 'none', summary: '', actions: '' }, serviceCode: '', themeIds: [] });
}

async function runAuthors(spec: LoadSpec, onSaving: () => void): Promise<AuthorOutcome[]> {
  const cookies = await inBatches(spec.authors, 5, (a) => signInAuthor(spec, a));
  const put = (i: number, body: string, headers: Record<string, string> = {}) =>
    fetch(`${spec.baseUrl}/api/sessions/${(spec.authors[i] as AuthorSpec).sessionId}/progress-note`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: cookies[i] as string, ...headers },
      body,
      signal: AbortSignal.timeout(30_000),
    });

  // Opening the page: the first save creates the note (version null, with an idempotency key).
  const created = await inBatches(spec.authors, 10, async (a) => {
    const res = await put(a.index, saveBody(null, firstDraft), { 'idempotency-key': randomUUID() });
    if (res.status !== 200) throw new Error(`creating the note of author ${a.index} failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { version: number }).version;
  });

  const random = mulberry32(spec.seed ^ 0x2545f491);
  const startAt = Date.now() + 250;
  onSaving();
  const timedFrom = startAt + spec.warmupSeconds * 1000;
  const endAt = timedFrom + spec.seconds * 1000;

  return Promise.all(
    spec.authors.map(async (author, i) => {
      // Pages were opened at different moments: spread the rhythms over one interval.
      const offset = Math.floor(random() * spec.intervalMs);
      const texts = mulberry32(spec.seed + author.index * 7919);
      const outcome: AuthorOutcome = {
        index: author.index,
        sessionId: author.sessionId,
        okUpdates: 0,
        timedLatencies: [],
        conflicts: 0,
        errors: [],
        lastSent: firstDraft,
        lastVersion: created[i] ?? null,
      };
      let fields = firstDraft;
      for (let k = 0; ; k++) {
        const due = startAt + offset + k * spec.intervalMs;
        if (due >= endAt) break;
        await sleepUntil(due);
        fields = draftAfter(fields, author.index, k, texts);
        const body = saveBody(outcome.lastVersion, fields);
        outcome.lastSent = fields;
        const t0 = performance.now();
        try {
          const res = await put(i, body);
          const answer = (await res.json()) as { version?: number; code?: string; message?: string; current?: { version: number } };
          const elapsed = performance.now() - t0;
          if (res.status === 200 && typeof answer.version === 'number') {
            outcome.okUpdates += 1;
            outcome.lastVersion = answer.version;
            if (due >= timedFrom) outcome.timedLatencies.push(elapsed);
          } else if (res.status === 409) {
            outcome.conflicts += 1;
            // As the page would: carry on from the server's copy.
            if (answer.current) outcome.lastVersion = answer.current.version;
          } else {
            outcome.errors.push(`${res.status} ${answer.code ?? ''} ${answer.message ?? ''}`.trim());
          }
        } catch (error) {
          outcome.errors.push((error as Error).message);
        }
      }
      return outcome;
    }),
  );
}

// A worker started by runAuthorsInWorker loads this same module; this line puts it to work.
if (!isMainThread && (workerData as { kind?: string } | null)?.kind === 'liminal-autosave-authors') {
  runAuthors(workerData as LoadSpec, () => parentPort?.postMessage({ saving: true })).then(
    (outcomes) => parentPort?.postMessage({ outcomes }),
    (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}

function runAuthorsInWorker(spec: LoadSpec, onSaving: () => void): Promise<AuthorOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: spec });
    worker.on('message', (message: { saving?: true; outcomes?: AuthorOutcome[]; error?: string }) => {
      if (message.saving) return onSaving();
      void worker.terminate();
      if (message.outcomes) resolve(message.outcomes);
      else reject(new Error(`the authors' worker failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the authors' worker stopped (exit ${code}) before reporting`)));
  });
}

// ---------------------------------------------------------------------------------------------
// Set-up and checking.

export const BENCH_PASSWORD = 'autosave-bench-passphrase';

/** A practice of its own: one practitioner per author, each with a client, a chapter and a held session yesterday. */
export async function createAuthors(database: Database, count: number) {
  const db = database.db;
  const practiceId = randomUUID();
  const slug = `bench-autosave-${practiceId.slice(0, 8)}`;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await db.insert(practices).values({
    practiceId,
    slug,
    name: 'Autosave Bench Practice',
    timezone: 'America/Chicago',
    settings: defaultPracticeSettings,
    forceMovements: defaultForceMovements,
    commonFactors: defaultCommonFactors,
    crisisResources: 'Call 988.',
  });
  const authors = Array.from({ length: count }, (_, index) => ({
    index,
    userId: randomUUID(),
    clientId: randomUUID(),
    chapterId: randomUUID(),
    sessionId: randomUUID(),
    email: `author${index + 1}@${slug}.example`,
  }));
  const yesterday = new Date(Date.now() - 86_400_000);
  await db.insert(users).values(
    authors.map((a) => ({ practiceId, id: a.userId, email: a.email, displayName: `Author ${a.index + 1}`, roles: ['practitioner'], passwordHash, clientId: null })),
  );
  await db.insert(clients).values(
    authors.map((a) => ({ practiceId, id: a.clientId, name: `Client ${a.index + 1}`, searchText: `client ${a.index + 1}`, currentPhase: 'the_work', primaryPractitionerId: a.userId })),
  );
  await db.insert(careRelationships).values(authors.map((a) => ({ practiceId, clientId: a.clientId, practitionerId: a.userId, kind: 'primary' })));
  await db.insert(chapters).values(authors.map((a) => ({ practiceId, id: a.chapterId, clientId: a.clientId, number: 1, phase: 'the_work' })));
  await db.insert(phaseMoves).values(authors.map((a) => ({ practiceId, chapterId: a.chapterId, clientId: a.clientId, fromPhase: null, toPhase: 'the_work' })));
  await db.insert(sessions).values(
    authors.map((a) => ({
      practiceId,
      id: a.sessionId,
      clientId: a.clientId,
      chapterId: a.chapterId,
      practitionerId: a.userId,
      startsAt: yesterday,
      minutes: 50,
      format: 'individual',
      modality: 'video',
      status: 'held',
      movements: ['f', 'o'],
    })),
  );
  return { practiceId, slug, authors };
}

export interface StoredNote {
  sessionId: string;
  fields: Fields;
  version: number;
}

/**
 * Each author's note must hold exactly the last text they sent, at version 1 (the create) plus
 * one per acknowledged save; anything else is a lost (or doubled) write, named with the reason.
 */
export function checkStoredNotes(outcomes: readonly AuthorOutcome[], stored: readonly StoredNote[]): { lost: string[]; versionGaps: string[] } {
  const bySession = new Map(stored.map((n) => [n.sessionId, n]));
  const lost: string[] = [];
  const versionGaps: string[] = [];
  for (const o of outcomes) {
    const note = bySession.get(o.sessionId);
    if (!note) {
      lost.push(`author ${o.index}: no note stored`);
      continue;
    }
    const differs = o.lastSent === null ? ['all'] : fieldKeys.filter((k) => note.fields[k] !== o.lastSent?.[k]);
    if (differs.length > 0) lost.push(`author ${o.index}: stored ${differs.join(', ')} differ from the last text sent`);
    else if (note.version !== 1 + o.okUpdates) {
      versionGaps.push(`author ${o.index}: version ${note.version}, expected ${1 + o.okUpdates} after ${o.okUpdates} acknowledged saves`);
    }
  }
  return { lost, versionGaps };
}

function summariseLatency(samples: number[]): LatencySummary | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
    max: sorted[sorted.length - 1] as number,
  };
}

/** Runs the autosave bench on an open, migrated database and says whether it met its targets. */
export async function benchAutosave(database: Database, engine: 'pglite' | 'postgres', options: AutosaveOptions): Promise<AutosaveResult> {
  const log = options.log ?? (() => {});
  const { practiceId, slug, authors } = await createAuthors(database, options.authors);
  const app = await buildApp({ database, config: { publicUrl: 'http://127.0.0.1', secureCookies: false, logLevel: 'silent' } });
  let outcomes: AuthorOutcome[];
  let serverBusy = 0;
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    log(
      `  autosave: ${options.authors} authors signed in on http://127.0.0.1:${port}, saving every ${options.intervalMs / 1000} s for ${options.warmupSeconds} s warm-up + ${options.seconds} s…`,
    );
    const spec: LoadSpec = {
      kind: 'liminal-autosave-authors',
      baseUrl: `http://127.0.0.1:${port}`,
      slug,
      password: BENCH_PASSWORD,
      authors: authors.map((a) => ({ index: a.index, email: a.email, sessionId: a.sessionId })),
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      intervalMs: options.intervalMs,
      seed: options.seed,
    };
    // The server's share of the saving period only: signing in (password hashing) is left out.
    let loop0 = performance.eventLoopUtilization();
    const onSaving = () => {
      loop0 = performance.eventLoopUtilization();
    };
    outcomes = options.inProcess ? await runAuthors(spec, onSaving) : await runAuthorsInWorker(spec, onSaving);
    serverBusy = performance.eventLoopUtilization(loop0).utilization;
  } finally {
    await app.close();
  }

  const stored = await database.db
    .select({ sessionId: progressNotes.sessionId, fields: progressNotes.fields, version: progressNotes.version })
    .from(progressNotes)
    .where(eq(progressNotes.practiceId, practiceId));
  const { lost, versionGaps } = checkStoredNotes(outcomes, stored);
  const latency = summariseLatency(outcomes.flatMap((o) => o.timedLatencies));
  const conflicts = outcomes.reduce((s, o) => s + o.conflicts, 0);
  const errorList = outcomes.flatMap((o) => o.errors.map((e) => `author ${o.index}: ${e}`));
  const target = autosaveTargets[engine];

  const fails: string[] = [];
  if (!latency) fails.push('no timed saves');
  else if (target !== null && latency.p95 >= target) fails.push(`p95 ≥ ${target} ms`);
  if (lost.length > 0) fails.push(`${lost.length} lost`);
  if (versionGaps.length > 0) fails.push(`${versionGaps.length} version gaps`);
  if (conflicts > 0) fails.push(`${conflicts} conflicts`);
  if (errorList.length > 0) fails.push(`${errorList.length} errors`);
  return {
    engine,
    authors: options.authors,
    intervalMs: options.intervalMs,
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    saves: latency?.n ?? 0,
    savesPerSecond: (latency?.n ?? 0) / options.seconds,
    allSaves: outcomes.reduce((s, o) => s + o.okUpdates, 0),
    latency,
    conflicts,
    errors: errorList.length,
    errorSamples: errorList.slice(0, 5),
    lostWrites: lost.length,
    versionGaps: versionGaps.length,
    lostSamples: [...lost, ...versionGaps].slice(0, 5),
    serverBusy,
    verifiedNotes: stored.length,
    targetP95Ms: target,
    pass: fails.length === 0,
    verdict: fails.length === 0 ? 'pass' : `FAIL (${fails.join(', ')})`,
  };
}
