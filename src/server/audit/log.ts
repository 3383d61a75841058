import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, practices } from '../../db/schema/index.js';
import { canonicalAuditText, GENESIS_HASH, linkProblem } from '../../domain/audit/chain.js';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface AuditEntry {
  practiceId: string;
  actorId: string | null;
  actorRole: string;
  /** What was done, e.g. "client.read", "session.update". */
  action: string;
  clientId: string | null;
  recordType: string;
  recordId: string | null;
  ip: string;
}

/**
 * Appends one row to the practice's chain. The advisory lock serialises writers of the same
 * practice for the rest of the transaction, so two rows never claim the same place.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'audit:' + entry.practiceId}))`);
    const [last] = await tx
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.practiceId, entry.practiceId))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    const fields = {
      ...entry,
      seq: (last?.seq ?? 0) + 1,
      at: new Date(),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await tx.insert(auditLog).values({ ...fields, hash: sha256(canonicalAuditText(fields)) });
  });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  practiceId: string | null;
  firstBrokenSeq: number | null;
  message: string;
}

/** Re-computes every link of one practice's chain (or all practices') and reports the first broken one. */
export async function verifyAuditChain(db: Db, practiceId?: string): Promise<VerifyResult> {
  const ids = practiceId
    ? [practiceId]
    : (await db.select({ id: practices.practiceId }).from(practices).orderBy(asc(practices.createdAt))).map((p) => p.id);
  let checked = 0;
  for (const id of ids) {
    const pageSize = 5000;
    let after = 0;
    let prev = GENESIS_HASH;
    let expected = 1;
    for (;;) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.practiceId, id), sql`${auditLog.seq} > ${after}`))
        .orderBy(asc(auditLog.seq))
        .limit(pageSize);
      if (rows.length === 0) break;
      for (const r of rows) {
        const reason = linkProblem(r, expected, prev, sha256);
        if (reason) return broken(id, expected, checked, reason);
        prev = r.hash;
        expected++;
        checked++;
      }
      after = rows[rows.length - 1]!.seq;
    }
  }
  return { ok: true, checked, practiceId: practiceId ?? null, firstBrokenSeq: null, message: `All ${checked} audit rows verify.` };
}

function broken(practiceId: string, seq: number, checked: number, reason: string): VerifyResult {
  return {
    ok: false,
    checked,
    practiceId,
    firstBrokenSeq: seq,
    message: `The audit chain of practice ${practiceId} is broken at row ${seq}: ${reason}.`,
  };
}
