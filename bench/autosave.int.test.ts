import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { benchAutosave, checkStoredNotes, draftAfter, type AuthorOutcome, type StoredNote } from './autosave.js';
import { mulberry32 } from './generate.js';

const empty = { clientReport: 'a', observations: 'b', interventions: 'c', response: 'd', assessment: 'e', plan: 'f' };

const outcome = (over: Partial<AuthorOutcome> = {}): AuthorOutcome => ({
  index: 0,
  sessionId: 's0',
  okUpdates: 3,
  timedLatencies: [],
  conflicts: 0,
  errors: [],
  lastSent: empty,
  lastVersion: 4,
  ...over,
});

describe('checking what the authors sent against what was stored', () => {
  it('finds nothing lost when each note holds the last text at one version per acknowledged save', () => {
    expect(checkStoredNotes([outcome()], [{ sessionId: 's0', fields: empty, version: 4 }])).toEqual({ lost: [], versionGaps: [] });
  });

  it('names an author whose stored text is an older draft', () => {
    const stored: StoredNote[] = [{ sessionId: 's0', fields: { ...empty, plan: 'an older plan' }, version: 4 }];
    expect(checkStoredNotes([outcome()], stored).lost).toEqual(['author 0: stored plan differ from the last text sent']);
  });

  it('names an author whose note counts a save more or fewer than were acknowledged', () => {
    expect(checkStoredNotes([outcome()], [{ sessionId: 's0', fields: empty, version: 5 }])).toEqual({
      lost: [],
      versionGaps: ['author 0: version 5, expected 4 after 3 acknowledged saves'],
    });
    expect(checkStoredNotes([outcome()], [{ sessionId: 's0', fields: empty, version: 3 }]).versionGaps).toHaveLength(1);
  });

  it('names an author whose note is missing', () => {
    expect(checkStoredNotes([outcome()], []).lost).toEqual(['author 0: no note stored']);
  });

  it('each save adds text, so no two saves of a run send the same draft', () => {
    const random = mulberry32(1);
    let fields = empty;
    const seen = new Set<string>();
    for (let k = 0; k < 20; k++) {
      fields = draftAfter(fields, 3, k, random);
      seen.add(JSON.stringify(fields));
    }
    expect(seen.size).toBe(20);
    expect(empty.clientReport).toBe('a');
  });
});

describe('the autosave bench, run small on PGlite', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ kind: 'memory' });
    await database.migrate();
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('signs three authors in, saves their notes through the API and finds every last draft stored', async () => {
    const result = await benchAutosave(database, 'pglite', { authors: 3, seconds: 2, warmupSeconds: 0.5, intervalMs: 400, seed: 5, inProcess: true });
    expect(result).toMatchObject({ engine: 'pglite', authors: 3, conflicts: 0, errors: 0, lostWrites: 0, versionGaps: 0, verifiedNotes: 3, pass: true, verdict: 'pass' });
    expect(result.saves).toBeGreaterThanOrEqual(9);
    expect(result.allSaves).toBeGreaterThan(result.saves);
    expect(result.latency?.p99).toBeGreaterThanOrEqual(result.latency?.p50 ?? Infinity);
    const notes = await database.query<{ fields: { clientReport: string }; version: number }>(
      `SELECT n.fields, n.version FROM progress_notes n JOIN practices p ON p.practice_id = n.practice_id WHERE p.slug LIKE 'bench-autosave-%'`,
    );
    expect(notes).toHaveLength(3);
    for (const note of notes) expect(note.version).toBeGreaterThan(3);
  }, 30_000);
});
