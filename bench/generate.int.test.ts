import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { normaliseQuery } from '../src/domain/clients/profile.js';
import { generatePractice, type GeneratedPractice } from './generate.js';

const tiny = { practitioners: 2, clients: 20, sessions: 300, seed: 7, now: new Date('2025-06-02T00:00:00Z') };

describe('the benchmark practice generator', () => {
  let database: Database;
  let practice: GeneratedPractice;

  beforeAll(async () => {
    database = await openDatabase({ kind: 'memory' });
    await database.migrate();
    practice = await generatePractice(database, tiny);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  const count = async (table: string) => {
    const [row] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE practice_id = $1`, [
      practice.practiceId,
    ]);
    return row?.n;
  };

  it('creates exactly the practitioners, clients and sessions asked for, plus one practice admin', async () => {
    expect(await count('clients')).toBe(20);
    expect(await count('sessions')).toBe(300);
    const people = await database.query<{ roles: string[] }>('SELECT roles FROM users WHERE practice_id = $1', [practice.practiceId]);
    expect(people.filter((p) => p.roles.includes('practitioner'))).toHaveLength(2);
    expect(people.filter((p) => p.roles.includes('practice_admin'))).toHaveLength(1);
    expect(practice.counts).toMatchObject({ practitioners: 2, clients: 20, sessions: 300 });
    expect(await count('chapters')).toBe(practice.counts.chapters);
    expect(await count('phase_moves')).toBe(practice.counts.phaseMoves);
  });

  it('gives every client a primary practitioner, in the client row and as a primary care relationship', async () => {
    const rows = await database.query<{ id: string; primary_practitioner_id: string | null; rel: string | null }>(
      `SELECT c.id, c.primary_practitioner_id, r.practitioner_id AS rel
         FROM clients c
         LEFT JOIN care_relationships r
           ON r.practice_id = c.practice_id AND r.client_id = c.id AND r.kind = 'primary'
        WHERE c.practice_id = $1`,
      [practice.practiceId],
    );
    expect(rows).toHaveLength(20);
    for (const row of rows) {
      expect(row.primary_practitioner_id).not.toBeNull();
      expect(row.rel).toBe(row.primary_practitioner_id);
    }
  });

  it('gives every client a chapter, open or ended, and a current phase that matches the newest one', async () => {
    const rows = await database.query<{ current_phase: string; phase: string | null; ended_at: Date | null; chapters: number }>(
      `SELECT c.current_phase, newest.phase, newest.ended_at,
              (SELECT count(*)::int FROM chapters x WHERE x.practice_id = c.practice_id AND x.client_id = c.id) AS chapters
         FROM clients c
         LEFT JOIN LATERAL (
           SELECT ch.phase, ch.ended_at FROM chapters ch
            WHERE ch.practice_id = c.practice_id AND ch.client_id = c.id
            ORDER BY ch.number DESC LIMIT 1
         ) newest ON true
        WHERE c.practice_id = $1`,
      [practice.practiceId],
    );
    for (const row of rows) {
      expect(row.chapters).toBeGreaterThanOrEqual(1);
      expect(row.chapters).toBeLessThanOrEqual(3);
      expect(row.phase).not.toBeNull();
      expect(row.current_phase).toBe(row.ended_at ? 'ended' : row.phase);
    }
    const [open] = await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chapters WHERE practice_id = $1 AND ended_at IS NULL',
      [practice.practiceId],
    );
    expect(open?.n).toBeGreaterThan(0);
  });

  it('holds past sessions with FORCE movements and keeps future ones scheduled', async () => {
    const rows = await database.query<{ status: string; movements: string[]; future: boolean }>(
      'SELECT status, movements, starts_at > $2 AS future FROM sessions WHERE practice_id = $1',
      [practice.practiceId, tiny.now.toISOString()],
    );
    expect(rows.some((s) => s.future)).toBe(true);
    for (const s of rows) {
      if (s.future) expect(['scheduled', 'cancelled']).toContain(s.status);
      else expect(['held', 'cancelled', 'no_show']).toContain(s.status);
      if (s.status === 'held') expect(s.movements.length).toBeGreaterThan(0);
      for (const key of s.movements) expect(['f', 'o', 'r', 'c', 'e']).toContain(key);
    }
  });

  it('fills search_text the way the client list searches it: lower case, accents removed', async () => {
    const rows = await database.query<{ name: string; search_text: string }>(
      'SELECT name, search_text FROM clients WHERE practice_id = $1',
      [practice.practiceId],
    );
    for (const row of rows) expect(row.search_text).toContain(normaliseQuery(row.name));
  });

  it('builds the same practice, ids included, from the same seed', async () => {
    const again = await openDatabase({ kind: 'memory' });
    try {
      await again.migrate();
      const second = await generatePractice(again, tiny);
      expect(second.practiceId).toBe(practice.practiceId);
      expect(second.sampleClients).toEqual(practice.sampleClients);
      expect(second.counts).toEqual(practice.counts);
    } finally {
      await again.close();
    }
  }, 60_000);
});
