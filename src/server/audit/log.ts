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

interface Pending {
  entry: AuditEntry;
  at: Date;
  done: (error?: unknown) => void;
}
interface PracticeQueue {
  pending: Pending[];
  running: boolean;
}
const queues = new WeakMap<Db, Map<string, PracticeQueue>>();

/**
 * Appends one row to the practice's chain and resolves once it is committed. Writers of one
 * practice are serialised by an advisory lock held for the transaction, so two rows never claim
 * the same place; within this process, rows that arrive while a write is under way are appended
 * together in the next transaction, so a busy practice waits for one lock per batch rather than
 * one per row.
 */
export function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    let byPractice = queues.get(db);
    if (!byPractice) queues.set(db, (byPractice = new Map()));
    let queue = byPractice.get(entry.practiceId);
    if (!queue) byPractice.set(entry.practiceId, (queue = { pending: [], running: false }));
    queue.pending.push({ entry, at: new Date(), done: (error) => (error === undefined ? resolve() : reject(error)) });
    if (!queue.running) void drain(db, entry.practiceId, queue);
  });
}

async function drain(db: Db, practiceId: string, queue: PracticeQueue): Promise<void> {
  queue.running = true;
  try {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, 200);
      try {
        await appendBatch(db, practiceId, batch);
        for (const p of batch) p.done();
      } catch (error) {
        for (const p of batch) p.done(error);
      }
    }
  } finally {
    queue.running = false;
  }
}

async function appendBatch(db: Db, practiceId: string, batch: Pending[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'audit:' + practiceId}))`);
    const [last] = await tx
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.practiceId, practiceId))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows = batch.map(({ entry, at }) => {
      seq += 1;
      const fields = { ...entry, seq, at, prevHash };
      const hash = sha256(canonicalAuditText(fields));
      prevHash = hash;
      return { ...fields, hash };
    });
    await tx.insert(auditLog).values(rows);
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
