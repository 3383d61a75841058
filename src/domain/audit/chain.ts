/** The fields of an audit row that its hash covers, in a fixed order. */
export interface AuditRowFields {
  practiceId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorRole: string;
  action: string;
  clientId: string | null;
  recordType: string;
  recordId: string | null;
  ip: string;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The text that is hashed: unit-separator joined, so no field can pose as another. */
export function canonicalAuditText(r: AuditRowFields): string {
  return [
    r.prevHash,
    r.practiceId,
    String(r.seq),
    r.at.toISOString(),
    r.actorId ?? '',
    r.actorRole,
    r.action,
    r.clientId ?? '',
    r.recordType,
    r.recordId ?? '',
    r.ip,
  ].join('\u001f');
}

/** Why one row breaks the chain, given the hash and seq the row before it leads us to expect; null when it holds. */
export function linkProblem(
  row: AuditRowFields & { hash: string },
  expectedSeq: number,
  prevHash: string,
  hashOf: (text: string) => string,
): string | null {
  if (row.seq !== expectedSeq) return `row ${expectedSeq} is missing`;
  if (row.prevHash !== prevHash) return 'its link to the previous row does not match';
  if (hashOf(canonicalAuditText(row)) !== row.hash) return 'its content was changed after it was written';
  return null;
}

/** Walks a chain in seq order and returns the first row whose link does not hold. */
export function firstBrokenLink(
  rows: ReadonlyArray<AuditRowFields & { hash: string }>,
  hashOf: (text: string) => string,
): { seq: number; reason: string } | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    const reason = linkProblem(row, expectedSeq, prev, hashOf);
    if (reason) return { seq: row.seq === expectedSeq ? row.seq : expectedSeq, reason };
    prev = row.hash;
    expectedSeq++;
  }
  return null;
}
