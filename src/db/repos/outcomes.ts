import { researchConsenting } from './consent.js';
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import type { Actor } from '../../domain/people/roles.js';
import { type ChangeResult, hasReliableChangeRule, nhsTalkingTherapiesOutcome, notOnTrackFromEnds, reliableChangeFor, type ReliabilitySetting } from '../../domain/measures/change.js';
import { type InstrumentDefinition, TOTAL_LIMIT } from '../../domain/measures/definition.js';
import { changeSettings, findInstrument } from './measures.js';

/** One client's series on one instrument in the period: how many scores, the first and the latest. */
export interface OutcomePair {
  clientId: string;
  instrumentKey: string;
  n: number;
  firstTotal: number;
  lastTotal: number;
}

/** A stable stand-in for a client in a de-identified report: no name, no id. */
export const pseudonym = (practiceId: string, clientId: string): string =>
  `Client ${createHash('sha256').update(`${practiceId}:${clientId}`).digest('hex').slice(0, 8)}`;

/**
 * Totals are stored to two decimals (the scorer rounds them) and lie between −499 and 499 (an
 * import outside that is refused, TOTAL_LIMIT), so a total offset by 500 and counted in
 * thousandths fits in the last six digits of the packed number.
 */
const PACKED_TOTAL_OFFSET = TOTAL_LIMIT + 1;

/**
 * The pairs query. Series that lie wholly inside the period come straight from measure_series
 * (one row each, kept by a trigger). Only series that began before the period or go on after it
 * are worked out from their scores in the period, series by series from the client index (which
 * holds rater and total, so the rows themselves are never read). Each score is packed into one
 * bigint, its time in milliseconds and then its total in thousandths, so a plain `min` and `max`
 * find the first and latest with no sorting and no per-row allocation. A caseload scope is
 * resolved to its clients first. Totals come back rounded to two decimals, as the scorer stored them.
 */
export function outcomePairsQuery(practiceId: string, from: Date, to: Date, practitionerIds: string[] | null): SQL {
  const scope = practitionerIds
    ? sql`and s.client_id = any(array(select cr.client_id from care_relationships cr where cr.practice_id = ${practiceId}
        and cr.practitioner_id in (${practitionerIds.length ? sql.join(practitionerIds.map((id) => sql`${id}::uuid`), sql`, `) : sql`null`})))`
    : sql``;
  const start = from.toISOString();
  const end = to.toISOString();
  const packed = sql`(extract(epoch from r.completed_at) * 1000)::bigint * 1000000 + round((r.total + ${sql.raw(String(PACKED_TOTAL_OFFSET))}) * 1000)::bigint`;
  const unpack = (column: string) => sql.raw(`((${column} % 1000000 - ${PACKED_TOTAL_OFFSET * 1000})::float8 / 1000)`);
  return sql`
    with touched as materialized (
      select s.client_id, s.instrument_key, s.n, s.first_at, s.first_total, s.last_at, s.last_total,
             (s.first_at >= ${start} and s.last_at < ${end}) as inside
      from measure_series s
      where s.practice_id = ${practiceId} and s.rated_by = 'client' and s.first_at < ${end} and s.last_at >= ${start}
        ${scope}
    )
    select client_id::text as client_id, instrument_key, n,
           round(first_total::numeric, 2)::float8 as first_total, round(last_total::numeric, 2)::float8 as last_total
    from touched where inside
    union all
    select t.client_id::text, t.instrument_key, p.n, ${unpack('p.first_packed')}, ${unpack('p.last_packed')}
    from touched t
    cross join lateral (
      select count(*)::int as n, min(${packed}) as first_packed, max(${packed}) as last_packed
      from measure_responses r
      where r.practice_id = ${practiceId} and r.client_id = t.client_id and r.instrument_key = t.instrument_key
        and r.rated_by = 'client' and r.completed_at >= ${start} and r.completed_at < ${end}
    ) p
    where not t.inside and p.n > 0`;
}

export async function outcomePairs(db: Db, practiceId: string, input: { from: Date; to: Date; practitionerIds: string[] | null }): Promise<OutcomePair[]> {
  const result = await db.transaction(async (tx) => {
    // A report over up to millions of rows: compiling it (JIT) costs more than it saves, and the
    // grouping fits in memory with a larger working area than the default 4 MB.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return tx.execute(outcomePairsQuery(practiceId, input.from, input.to, input.practitionerIds));
  });
  return rowsOf<{ client_id: string; instrument_key: string; n: number | string; first_total: number | string; last_total: number | string }>(result).map((p) => ({
    clientId: p.client_id,
    instrumentKey: p.instrument_key,
    n: Number(p.n),
    firstTotal: Number(p.first_total),
    lastTotal: Number(p.last_total),
  }));
}

export interface OutcomeRules {
  /** The score count by which a series should show reliable improvement. */
  after: number;
  settingFor: (instrumentKey: string) => ReliabilitySetting | undefined;
}

const rate = (n: number, d: number) => (d === 0 ? null : n / d);

/**
 * The report from the pairs, de-identified: per instrument, how many clients had scores in the
 * period and how many had two or more, the average change, the reliable improvement and
 * deterioration rates (by the instrument's rule or the practice's SD and reliability); for PHQ-9
 * with GAD-7, the NHS Talking Therapies rates; and the series not on track, by pseudonym.
 */
export function summariseOutcomes(
  pairs: readonly OutcomePair[],
  context: { practiceId: string; from: Date; to: Date; definitions: ReadonlyMap<string, InstrumentDefinition | null>; rules: OutcomeRules },
) {
  const byInstrument = new Map<string, OutcomePair[]>();
  for (const p of pairs) {
    const list = byInstrument.get(p.instrumentKey);
    if (list) list.push(p);
    else byInstrument.set(p.instrumentKey, [p]);
  }
  const measures = [];
  const notOnTrack: Array<{ client: string; instrumentKey: string; reason: string; rule: string }> = [];
  for (const [key, list] of byInstrument) {
    const definition = context.definitions.get(key) ?? null;
    const setting = context.rules.settingFor(key);
    const repeated = list.filter((p) => p.n >= 2);
    // Liminal's own instruments have no reliable-change rule unless the practice sets one: their change is reported without rates.
    const judge = definition ? canJudge(definition, setting) : null;
    let improved = 0;
    let deteriorated = 0;
    let rule: string | null = null;
    for (const p of repeated) {
      if (!judge) break;
      const verdict = notOnTrackFromEnds({ first: p.firstTotal, latest: p.lastTotal, count: p.n, judge, after: context.rules.after });
      const change = verdict.change as ChangeResult;
      rule = change.rule;
      if (change.direction === 'improvement') improved += 1;
      if (change.direction === 'deterioration') deteriorated += 1;
      if (verdict.notOnTrack) {
        notOnTrack.push({
          client: pseudonym(context.practiceId, p.clientId),
          instrumentKey: key,
          reason: verdict.reasons.map((r) => r.label).join('; '),
          rule: verdict.reasons.map((r) => r.rule).join(' '),
        });
      }
    }
    const average = repeated.length ? repeated.reduce((s, p) => s + (p.lastTotal - p.firstTotal), 0) / repeated.length : null;
    measures.push({
      instrumentKey: key,
      title: definition?.questionnaire.title ?? key,
      higherIsBetter: definition?.scoring.direction === 'higher-is-better',
      clients: list.length,
      clientsWithChange: repeated.length,
      averageChange: average === null ? null : Math.round(average * 100) / 100,
      reliableImprovementRate: rule ? rate(improved, repeated.length) : null,
      reliableDeteriorationRate: rule ? rate(deteriorated, repeated.length) : null,
      rule,
    });
  }

  // NHS Talking Therapies: clients with at least two PHQ-9 and two GAD-7 scores in the period.
  const gad = new Map((byInstrument.get('gad-7') ?? []).filter((p) => p.n >= 2).map((p) => [p.clientId, p]));
  const outcomes = (byInstrument.get('phq-9') ?? []).flatMap((phq) => {
    const g = gad.get(phq.clientId);
    return phq.n >= 2 && g ? [nhsTalkingTherapiesOutcome({ phq9: [phq.firstTotal, phq.lastTotal], gad7: [g.firstTotal, g.lastTotal] })] : [];
  });
  const cases = outcomes.filter((o) => o.caseAtStart);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  notOnTrack.sort((a, b) => order(a.client, b.client) || order(a.instrumentKey, b.instrumentKey) || order(a.reason, b.reason) || order(a.rule, b.rule));
  return {
    from: context.from.toISOString(),
    to: context.to.toISOString(),
    clients: new Set(pairs.map((p) => p.clientId)).size,
    measures: measures.sort((a, b) => a.instrumentKey.localeCompare(b.instrumentKey)),
    nhsTalkingTherapies: {
      pairedClients: outcomes.length,
      casesAtStart: cases.length,
      recoveryRate: rate(cases.filter((o) => o.recovery).length, cases.length),
      reliableRecoveryRate: rate(cases.filter((o) => o.reliableRecovery).length, cases.length),
      reliableImprovementRate: rate(outcomes.filter((o) => o.reliableImprovement).length, outcomes.length),
      reliableDeteriorationRate: rate(outcomes.filter((o) => o.reliableDeterioration).length, outcomes.length),
      rule: 'NHS Talking Therapies Manual: recovery rates count clients who were a case at the start; improvement and deterioration count every client with paired PHQ-9 and GAD-7 scores',
    },
    notOnTrack,
    notOnTrackAfter: context.rules.after,
  };
}

export type OutcomesReport = ReturnType<typeof summariseOutcomes>;

/** The instrument's change rule as a judge, or null when it has none (and the practice set none). */
function canJudge(definition: InstrumentDefinition, setting: ReliabilitySetting | undefined) {
  if (!hasReliableChangeRule(definition, setting)) return null;
  // Totals repeat across a caseload (a PHQ-9 has 28), so each (first, latest) pair is judged once.
  const judged = new Map<string, ChangeResult>();
  return (before: number, after: number): ChangeResult => {
    const key = `${before}|${after}`;
    let change = judged.get(key);
    if (!change) {
      change = reliableChangeFor(definition, before, after, setting);
      judged.set(key, change);
    }
    return change;
  };
}

/**
 * Outcome research uses only the scores of clients who consent to it today; the others are
 * counted (how many were left out), never shown.
 */
export function withResearchConsent(all: readonly OutcomePair[], consenting: ReadonlySet<string>) {
  const pairs = all.filter((p) => consenting.has(p.clientId));
  const withoutResearchConsent = new Set(all.filter((p) => !consenting.has(p.clientId)).map((p) => p.clientId)).size;
  return { pairs, withoutResearchConsent };
}

/** Caseload outcomes for a period; `practitionerIds` null means the whole practice. */
export async function caseloadOutcomes(
  db: Db,
  actor: Actor,
  input: { from: Date; to: Date; practitionerIds: string[] | null },
): Promise<OutcomesReport & { withoutResearchConsent: number }> {
  const [all, consenting] = await Promise.all([outcomePairs(db, actor.practiceId, input), researchConsenting(db, actor.practiceId)]);
  const { pairs, withoutResearchConsent } = withResearchConsent(all, consenting);
  const definitions = new Map<string, InstrumentDefinition | null>();
  for (const key of new Set(pairs.map((p) => p.instrumentKey))) definitions.set(key, await findInstrument(db, actor.practiceId, key).catch(() => null));
  const rules = await changeSettings(db, actor.practiceId);
  return { ...summariseOutcomes(pairs, { practiceId: actor.practiceId, from: input.from, to: input.to, definitions, rules }), withoutResearchConsent };
}
