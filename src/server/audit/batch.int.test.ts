import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestApp, createTestPractice, type TestPractice } from '../testing/harness.js';
import { recordAudit, verifyAuditChain } from './log.js';

let database: Database;
let close: () => Promise<void>;
let p: TestPractice;

beforeAll(async () => {
  ({ database, close } = await createTestApp());
  p = await createTestPractice(database);
});
afterAll(() => close());

it('keeps one unbroken chain when many requests write to the audit log at once', async () => {
  const entry = (i: number) => ({ practiceId: p.practiceId, actorId: p.practitioner, actorRole: 'practitioner', action: `test.${i}`, clientId: p.clientId, recordType: 'test', recordId: null, ip: '127.0.0.1' });
  await Promise.all(Array.from({ length: 60 }, (_, i) => recordAudit(database.db, entry(i))));
  const rows = await database.query<{ seq: number | string; action: string }>('select seq, action from audit_log where practice_id = $1 order by seq', [p.practiceId]);
  expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  expect(new Set(rows.map((r) => r.action)).size).toBe(60);
  const verified = await verifyAuditChain(database.db, p.practiceId);
  expect(verified).toMatchObject({ ok: true, checked: 60 });
});

it('reports a failed write to the request that made it', async () => {
  const bad = { practiceId: p.practiceId, actorId: p.practitioner, actorRole: 'practitioner', action: 'x'.repeat(10), clientId: 'not-a-uuid', recordType: 'test', recordId: null, ip: '127.0.0.1' };
  await expect(recordAudit(database.db, bad)).rejects.toThrow();
  // The queue carries on for the next writer.
  await recordAudit(database.db, { ...bad, clientId: p.clientId });
  expect((await verifyAuditChain(database.db, p.practiceId)).ok).toBe(true);
});
