import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestApp, createTestPractice, type TestPractice } from '../testing/harness.js';
import { recordAudit, verifyAuditChain } from './log.js';

let database: Database;
let close: () => Promise<void>;
let p: TestPractice;

beforeAll(async () => {
  ({ database, close } = await createTestApp());
  p = await createTestPractice(database);
  for (let i = 0; i < 5; i++) {
    await recordAudit(database.db, {
      practiceId: p.practiceId,
      actorId: p.practitioner,
      actorRole: 'practitioner',
      action: 'client.read',
      clientId: p.clientId,
      recordType: 'client',
      recordId: p.clientId,
      ip: '127.0.0.1',
    });
  }
});
afterAll(() => close());

describe('the audit log', () => {
  it('refuses updates and deletes', async () => {
    await expect(database.query(`update audit_log set action = 'x' where practice_id = $1`, [p.practiceId])).rejects.toThrow(/append-only/);
    await expect(database.query(`delete from audit_log where practice_id = $1`, [p.practiceId])).rejects.toThrow(/append-only/);
  });

  it('verify names the first row that was altered behind the trigger’s back', async () => {
    expect((await verifyAuditChain(database.db, p.practiceId)).ok).toBe(true);
    await database.query('alter table audit_log disable trigger audit_log_append_only');
    try {
      await database.query(`update audit_log set ip = '10.6.6.6' where practice_id = $1 and seq = 3`, [p.practiceId]);
    } finally {
      await database.query('alter table audit_log enable trigger audit_log_append_only');
    }
    const result = await verifyAuditChain(database.db, p.practiceId);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(result.message).toMatch(/broken at row 3: its content was changed/);
  });
});
