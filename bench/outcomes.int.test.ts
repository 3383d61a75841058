import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { outcomePairs } from '../src/db/repos/outcomes.js';
import { findShippedInstrument, liminalInstruments } from '../src/domain/measures/instruments/index.js';
import { scoreResponse } from '../src/domain/measures/score.js';
import { generatePractice, type GeneratedPractice } from './generate.js';
import { duckPairs, exportToDuckDB, insertMeasures } from './outcomes.js';

const now = new Date('2025-06-02T00:00:00Z');

describe('the outcomes benchmark data and its DuckDB baseline', () => {
  let database: Database;
  let practice: GeneratedPractice;
  let written: number;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liminal-outcomes-test-'));

  beforeAll(async () => {
    database = await openDatabase({ kind: 'memory' });
    await database.migrate();
    practice = await generatePractice(database, { practitioners: 2, clients: 30, sessions: 900, seed: 11, now });
    written = await insertMeasures(database, practice, 1500, 3);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes exactly the number of measures asked for, each after a held session of its client', async () => {
    expect(written).toBe(1500);
    const [orphans] = await database.query<{ n: number }>(
      `select count(*)::int as n from measure_responses r left join sessions s on s.practice_id = r.practice_id and s.id = r.session_id
        where r.practice_id = $1 and (s.id is null or s.status <> 'held' or s.client_id <> r.client_id)`,
      [practice.practiceId],
    );
    expect(orphans?.n).toBe(0);
  });

  it('stores answers that score to the stored total and band, as a real response would', async () => {
    const rows = await database.query<{ instrument_key: string; answers: Record<string, number>; total: number; severity_key: string }>(
      'select instrument_key, answers, total, severity_key from measure_responses where practice_id = $1 order by id limit 300',
      [practice.practiceId],
    );
    const own = new Map(liminalInstruments.map((d) => [d.questionnaire.id, d]));
    for (const row of rows) {
      const definition = own.get(row.instrument_key) ?? findShippedInstrument(row.instrument_key);
      if (!definition) throw new Error(`No instrument ${row.instrument_key}`);
      const score = scoreResponse(definition, row.answers);
      expect([row.instrument_key, score.total, score.severity.key]).toEqual([row.instrument_key, row.total, row.severity_key]);
    }
  });

  it('keeps each series’ count, first and latest score as measures arrive, and refuses to change or remove one on its own', async () => {
    const [mismatch] = await database.query<{ n: number }>(
      `select count(*)::int as n from (select * from measure_series where practice_id = $1) s full join (
         select client_id, instrument_key, rated_by, count(*)::int as n, min(completed_at) as first_at, max(completed_at) as last_at
         from measure_responses where practice_id = $1 group by 1, 2, 3) r
       using (client_id, instrument_key, rated_by)
       where r.n is distinct from s.n or r.first_at is distinct from s.first_at or r.last_at is distinct from s.last_at`,
      [practice.practiceId],
    );
    expect(mismatch?.n).toBe(0);
    await expect(database.query('update measure_responses set total = total + 1 where practice_id = $1', [practice.practiceId])).rejects.toThrow(/cannot be changed/);
    await expect(database.query('delete from measure_responses where practice_id = $1', [practice.practiceId])).rejects.toThrow(/cannot be removed/);
  });

  it('gives DuckDB the same rows, so both find the same first and latest score of every series', async () => {
    const { duck, close } = await exportToDuckDB(database, practice.practiceId, dir);
    try {
      const day = 86_400_000;
      // The last year, every score, and a half-year in the middle that cuts most series at both ends.
      const periods = [
        [new Date(now.getTime() - 365 * day), now],
        [new Date(now.getTime() - 5 * 365 * day), new Date(now.getTime() + 365 * day)],
        [new Date(now.getTime() - 400 * day), new Date(now.getTime() - 220 * day)],
      ] as const;
      for (const [from, to] of periods)
      for (const practitionerIds of [null, [practice.busiestPractitionerId]]) {
        const ours = await outcomePairs(database.db, practice.practiceId, { from, to, practitionerIds });
        const theirs = await duckPairs(duck, practice.practiceId, from, to, practitionerIds);
        const key = (p: { clientId: string; instrumentKey: string }) => `${p.clientId}|${p.instrumentKey}`;
        const sorted = <T extends { clientId: string; instrumentKey: string }>(list: T[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
        expect(ours.length).toBeGreaterThan(practitionerIds ? 2 : 10);
        expect(sorted(theirs)).toEqual(sorted(ours));
      }
    } finally {
      close();
    }
  });
});
