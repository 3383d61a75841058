import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import type { Actor } from '../../domain/people/roles.js';
import { nhsTalkingTherapiesOutcome, reliableChangeFor } from '../../domain/measures/change.js';
import { findInstrument } from './measures.js';

interface Pair {
  client_id: string;
  instrument_key: string;
  n: number;
  first_total: number;
  last_total: number;
}


/** A stable stand-in for a client in a de-identified report: no name, no id. */
export const pseudonym = (practiceId: string, clientId: string): string =>
  `Client ${createHash('sha256').update(`${practiceId}:${clientId}`).digest('hex').slice(0, 6)}`;

/**
 * Caseload outcomes for a period, de-identified: per instrument, how many clients had a first and
 * a latest score in the period, the average change, and the reliable improvement and deterioration
 * rates (each instrument's own rule); for PHQ-9 with GAD-7, the NHS Talking Therapies rates; and
 * clients not on track, by pseudonym. `practitionerIds` null means the whole practice.
 */
export async function caseloadOutcomes(db: Db, actor: Actor, input: { from: Date; to: Date; practitionerIds: string[] | null }) {
  const scope = input.practitionerIds
    ? sql`and r.client_id in (select cr.client_id from care_relationships cr where cr.practice_id = ${actor.practiceId}
        and cr.practitioner_id in (${sql.join(input.practitionerIds.map((id) => sql`${id}::uuid`), sql`, `)}))`
    : sql``;
  const result = await db.execute(sql`
    with ordered as (
      select r.client_id, r.instrument_key, r.total,
             row_number() over (partition by r.client_id, r.instrument_key order by r.completed_at, r.id) as first_rank,
             row_number() over (partition by r.client_id, r.instrument_key order by r.completed_at desc, r.id desc) as last_rank,
             count(*) over (partition by r.client_id, r.instrument_key) as n
      from measure_responses r
      where r.practice_id = ${actor.practiceId} and r.rated_by = 'client'
        and r.completed_at >= ${input.from.toISOString()} and r.completed_at < ${input.to.toISOString()}
        ${scope}
    )
    select client_id::text, instrument_key, max(n)::int as n,
           max(total) filter (where first_rank = 1) as first_total,
           max(total) filter (where last_rank = 1) as last_total
    from ordered where first_rank = 1 or last_rank = 1
    group by client_id, instrument_key`);
  const pairs = rowsOf<Pair>(result).map((p) => ({ ...p, first_total: Number(p.first_total), last_total: Number(p.last_total), n: Number(p.n) }));

  const byInstrument = new Map<string, Pair[]>();
  for (const p of pairs) byInstrument.set(p.instrument_key, [...(byInstrument.get(p.instrument_key) ?? []), p]);
  const measures = [];
  const notOnTrack: Array<{ client: string; instrumentKey: string; reason: string }> = [];
  for (const [key, list] of byInstrument) {
    const definition = await findInstrument(db, actor.practiceId, key).catch(() => null);
    const repeated = list.filter((p) => p.n >= 2);
    let improved = 0;
    let deteriorated = 0;
    let rule: string | null = null;
    for (const p of repeated) {
      if (!definition) break;
      try {
        const change = reliableChangeFor(definition, p.first_total, p.last_total);
        rule = change.rule;
        if (change.reliable && change.direction === 'improvement') improved += 1;
        if (change.reliable && change.direction === 'deterioration') {
          deteriorated += 1;
          notOnTrack.push({ client: pseudonym(actor.practiceId, p.client_id), instrumentKey: key, reason: 'Reliably worse than the first score in the period' });
        }
      } catch {
        break; // Liminal's own instruments have no reliable-change rule: their change is reported without rates.
      }
    }
    const avg = repeated.length ? repeated.reduce((s, p) => s + (p.last_total - p.first_total), 0) / repeated.length : null;
    measures.push({
      instrumentKey: key,
      title: definition?.questionnaire.title ?? key,
      clients: list.length,
      clientsWithChange: repeated.length,
      averageChange: avg === null ? null : Math.round(avg * 100) / 100,
      reliableImprovementRate: rule && repeated.length ? improved / repeated.length : null,
      reliableDeteriorationRate: rule && repeated.length ? deteriorated / repeated.length : null,
      rule,
    });
  }

  // NHS Talking Therapies: clients with at least two PHQ-9 and two GAD-7 scores in the period.
  const phq = new Map((byInstrument.get('phq-9') ?? []).filter((p) => p.n >= 2).map((p) => [p.client_id, p]));
  const gad = new Map((byInstrument.get('gad-7') ?? []).filter((p) => p.n >= 2).map((p) => [p.client_id, p]));
  const both = [...phq.keys()].filter((id) => gad.has(id));
  const outcomes = both.map((id) => nhsTalkingTherapiesOutcome({ phq9: [phq.get(id)!.first_total, phq.get(id)!.last_total], gad7: [gad.get(id)!.first_total, gad.get(id)!.last_total] }));
  const cases = outcomes.filter((o) => o.caseAtStart);
  const rate = (n: number, d: number) => (d === 0 ? null : n / d);
  return {
    from: input.from,
    to: input.to,
    clients: new Set(pairs.map((p) => p.client_id)).size,
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
  };
}
