import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditRowFields, canonicalAuditText, firstBrokenLink, GENESIS_HASH } from './chain.js';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

function chain(n: number) {
  const rows: Array<AuditRowFields & { hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: AuditRowFields = {
      practiceId: 'p',
      seq: i,
      at: new Date(Date.UTC(2026, 0, i)),
      actorId: 'u',
      actorRole: 'practitioner',
      action: 'client.read',
      clientId: 'c',
      recordType: 'client',
      recordId: 'c',
      ip: '127.0.0.1',
      prevHash: prev,
    };
    const hash = sha(canonicalAuditText(f));
    rows.push({ ...f, hash });
    prev = hash;
  }
  return rows;
}

describe('the audit chain', () => {
  it('an untouched chain verifies', () => {
    expect(firstBrokenLink(chain(5), sha)).toBeNull();
  });

  it('names the first row whose content was altered', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, action: 'client.update' };
    expect(firstBrokenLink(rows, sha)).toEqual({ seq: 3, reason: 'its content was changed after it was written' });
  });

  it('notices a removed row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(firstBrokenLink(rows, sha)?.seq).toBe(2);
  });
});
