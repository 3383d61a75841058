/**
 * The relational-map bench: a map of 500 nodes and 2,000 ties, timed on the server.
 *
 * Through the API (app.inject: routing, zod, access check, audit, serialisation; no sockets):
 * load (GET /map), autosave (PUT /map), save a version (POST /map/versions, alternating two
 * different maps so each is a real new version) and compare two versions (GET /map/compare).
 * Beside each, the baseline: the bare SQL that reads or writes the same jsonb document. And the
 * pure rules on their own: the connection metrics and the diff with its sentences.
 *
 * The editor's frame time while dragging is measured in headless Chromium by maps-drag.ts.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { onRing } from '../src/domain/maps/draw.js';
import { describeDiff, diffMaps } from '../src/domain/maps/diff.js';
import {
  canonicalMap,
  defaultLevel,
  type MapNode,
  type MapTie,
  mapProblems,
  newMap,
  nodeKinds,
  type NodeKind,
  type RelationalMap,
  relationalMapSchema,
  tieKey,
  tieQualities,
  tieStrengths,
} from '../src/domain/maps/map.js';
import { connectionMetrics } from '../src/domain/maps/metrics.js';
import { buildApp } from '../src/server/app.js';
import { BENCH_PASSWORD, createAuthors } from './autosave.js';
import { mulberry32 } from './generate.js';
import { summarise, type Summary } from './stats.js';

export const MAP_NODES = 500;
export const MAP_TIES = 2000;
/** Informative targets: a map this size should open, save and compare well within a second. */
export const mapTargets = { apiP95Ms: 250, pureP95Ms: 100 } as const;

/**
 * A map of `nodes` nodes and `ties` ties, sound (no problems): the client tied to nearly
 * everyone, a three-generation family, influences touching several things, and the rest of the
 * ties "knows" between the client's people. Deterministic for a seed.
 */
export function generateLargeMap(seed: number, nodes = MAP_NODES, ties = MAP_TIES): RelationalMap {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const base = newMap('Bench client');
  const kinds: NodeKind[] = nodeKinds.filter((k) => k !== 'client');
  const weights: Record<string, number> = { person: 60, family: 4, group: 10, institution: 10, place: 5, practice: 4, spiritual: 3, influence: 4 };
  const bag = kinds.flatMap((k) => Array<NodeKind>(weights[k] ?? 1).fill(k));
  const list: MapNode[] = [base.nodes[0]!];
  for (let i = 1; i < nodes; i++) {
    const kind = i <= 40 ? 'person' : pick(bag);
    const level = i <= 40 ? 'familial' : defaultLevel[kind];
    list.push({
      ...base.nodes[0]!,
      id: `n${i}`,
      kind,
      label: `${kind} ${i}`,
      level,
      sector: kind === 'institution' ? pick(['work', 'school', 'health', 'justice', 'faith'] as const) : null,
      turnTo: kind === 'person' && random() < 0.06 ? 'client' : null,
      ...onRing(level, random() * 360),
      gender: kind === 'person' ? pick(['female', 'male', 'nonbinary', 'unknown'] as const) : 'unknown',
      clientId: null,
    });
  }
  const out: MapTie[] = [];
  const keys = new Set<string>();
  const add = (t: MapTie) => {
    const key = tieKey(t);
    if (out.length >= ties || keys.has(key)) return;
    keys.add(key);
    out.push(t);
  };
  // Family: n1..n40 in three generations; each younger person has two birth parents of the one before.
  for (let i = 1; i <= 40; i++) {
    if (i <= 8) continue;
    const generationStart = i <= 24 ? 1 : 9;
    const p1 = generationStart + Math.floor(random() * 8);
    const p2 = generationStart + ((p1 - generationStart + 1) % 8);
    add({ id: `f${i}a`, kind: 'parent', a: `n${p1}`, b: `n${i}`, bond: 'birth' });
    add({ id: `f${i}b`, kind: 'parent', a: `n${p2}`, b: `n${i}`, bond: random() < 0.2 ? 'foster' : 'birth' });
  }
  for (let i = 1; i <= 7; i += 2) add({ id: `m${i}`, kind: 'partner', a: `n${i}`, b: `n${i + 1}`, status: pick(['married', 'divorced', 'partnered'] as const), since: 1970 + i, until: null, note: '' });
  // The client's ties to everyone but the influences.
  for (const n of list) {
    if (n.kind === 'client' || n.kind === 'influence') continue;
    add({ id: `c${n.id}`, kind: 'connection', a: 'client', b: n.id, strength: pick(tieStrengths), quality: pick(tieQualities), direction: pick(['none', 'a_to_b', 'b_to_a', 'both'] as const), note: random() < 0.1 ? 'A few words about this tie.' : '' });
  }
  const influences = list.filter((n) => n.kind === 'influence');
  const others = list.filter((n) => n.kind !== 'influence' && n.kind !== 'client');
  for (const inf of influences) for (let k = 0; k < 4; k++) add({ id: `i${inf.id}-${k}`, kind: 'influence', a: inf.id, b: pick(others).id, note: '' });
  let guard = 0;
  while (out.length < ties && guard++ < ties * 20) {
    const a = pick(others);
    const b = pick(others);
    if (a.id !== b.id) add({ id: `k${out.length}`, kind: 'knows', a: a.id, b: b.id });
  }
  const map = relationalMapSchema.parse({ nodes: list, ties: out, alterTiesRecorded: true });
  const problems = Object.values(mapProblems(map));
  if (problems.length > 0) throw new Error(`The generated map is not sound: ${problems.slice(0, 3).join(' ')}`);
  return map;
}

/** The same map a season later: a tenth of the client's ties changed, some lost, some new people. */
export function laterMap(map: RelationalMap, seed: number): RelationalMap {
  const random = mulberry32(seed ^ 0x9e3779b9);
  const lost = new Set<string>();
  const ties = map.ties.flatMap((t): MapTie[] => {
    if (t.kind !== 'connection') return [t];
    const r = random();
    if (r < 0.02) {
      lost.add(t.id);
      return [];
    }
    if (r < 0.06) return [{ ...t, strength: tieStrengths[(tieStrengths.indexOf(t.strength) + 1) % 3]! }];
    if (r < 0.1) return [{ ...t, quality: tieQualities[(tieQualities.indexOf(t.quality) + 1) % 4]! }];
    return [t];
  });
  const fresh: MapNode[] = Array.from({ length: 10 }, (_, i) => ({ ...map.nodes[0]!, id: `new${i}`, kind: 'person', label: `Someone new ${i}`, level: 'social', clientId: null, ...onRing('social', i * 36) }));
  const freshTies: MapTie[] = fresh.map((n) => ({ id: `c${n.id}`, kind: 'connection', a: 'client', b: n.id, strength: 'tenuous', quality: 'supportive', direction: 'none', note: '' }));
  return canonicalMap({ ...map, nodes: [...map.nodes, ...fresh], ties: [...ties, ...freshTies].slice(0, Math.max(ties.length, map.ties.length)) });
}

export interface MapsResult {
  nodes: number;
  ties: number;
  payloadKb: number;
  runs: number;
  operations: Array<{ name: string; ours: Summary; baseline: Summary | null; baselineName: string | null; target: number; pass: boolean }>;
  sentences: number;
}

async function time(runs: number, warmup: number, work: (i: number) => Promise<unknown> | unknown): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await work(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

export async function benchMaps(database: Database, options: { runs: number; warmup: number; seed: number; log: (line: string) => void }): Promise<MapsResult> {
  const { log } = options;
  const a = generateLargeMap(options.seed);
  const b = laterMap(a, options.seed);
  const { slug, authors } = await createAuthors(database, 1);
  const author = authors[0]!;
  const app: FastifyInstance = await buildApp({ database, config: { publicUrl: 'http://127.0.0.1', secureCookies: false, logLevel: 'silent' } });
  try {
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { practice: slug, email: author.email, password: BENCH_PASSWORD } });
    const cookie = String(signIn.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
    const url = `/api/clients/${author.clientId}/map`;
    const call = async (method: 'GET' | 'PUT' | 'POST', path: string, payload?: object) => {
      const res = await app.inject({ method, url: path, payload, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json() as { version: number } & Record<string, unknown>;
    };
    const payloadKb = Buffer.byteLength(JSON.stringify({ map: a, version: 0 })) / 1024;
    log(`  maps: ${a.nodes.length} nodes, ${a.ties.length} ties, ${payloadKb.toFixed(0)} KB a save`);
    let version = (await call('PUT', url, { map: a, version: 0 })).version;
    const operations: MapsResult['operations'] = [];
    const bare = database.db;
    const clientId = author.clientId;

    const save = await time(options.runs, options.warmup, async (i) => {
      version = (await call('PUT', url, { map: i % 2 === 0 ? b : a, version })).version;
    });
    const bareSave = await time(options.runs, options.warmup, async (i) => {
      await bare.execute(sql`update relational_maps set map = ${JSON.stringify(i % 2 === 0 ? b : a)}::jsonb, version = version + 1 where client_id = ${clientId}`);
    });
    version = (await call('GET', url)).version;
    operations.push({ name: 'autosave the map (PUT /map)', ours: save, baseline: bareSave, baselineName: 'bare UPDATE of the jsonb', target: mapTargets.apiP95Ms, pass: save.p95 < mapTargets.apiP95Ms });

    const load = await time(options.runs, options.warmup, () => call('GET', url));
    const bareLoad = await time(options.runs, options.warmup, () => bare.execute(sql`select map, version from relational_maps where client_id = ${clientId}`));
    operations.push({ name: 'open the map (GET /map)', ours: load, baseline: bareLoad, baselineName: 'bare SELECT of the jsonb', target: mapTargets.apiP95Ms, pass: load.p95 < mapTargets.apiP95Ms });

    const versionIds: string[] = [];
    const saveVersion = await time(options.runs, 0, async (i) => {
      const res = (await call('POST', `${url}/versions`, { map: i % 2 === 0 ? b : a, version, label: `Run ${i}` })) as unknown as { version: { id: string }; workingVersion: number };
      version = res.workingVersion;
      versionIds.push(res.version.id);
    });
    operations.push({ name: 'save a version (POST /map/versions)', ours: saveVersion, baseline: null, baselineName: null, target: mapTargets.apiP95Ms, pass: saveVersion.p95 < mapTargets.apiP95Ms });

    const [v1, v2] = versionIds;
    const compare = await time(options.runs, options.warmup, () => call('GET', `${url}/compare?from=${v1}&to=${v2}`));
    operations.push({ name: 'compare two versions (GET /map/compare)', ours: compare, baseline: null, baselineName: null, target: mapTargets.apiP95Ms, pass: compare.p95 < mapTargets.apiP95Ms });

    const metrics = await time(options.runs, options.warmup, () => connectionMetrics(a));
    operations.push({ name: 'connection metrics (pure)', ours: metrics, baseline: null, baselineName: null, target: mapTargets.pureP95Ms, pass: metrics.p95 < mapTargets.pureP95Ms });
    let sentences = 0;
    const diff = await time(options.runs, options.warmup, () => {
      const d = diffMaps(a, b);
      sentences = describeDiff(d, a, b).length;
    });
    operations.push({ name: 'diff and its sentences (pure)', ours: diff, baseline: null, baselineName: null, target: mapTargets.pureP95Ms, pass: diff.p95 < mapTargets.pureP95Ms });
    return { nodes: a.nodes.length, ties: a.ties.length, payloadKb, runs: options.runs, operations, sentences };
  } finally {
    await app.close();
  }
}
