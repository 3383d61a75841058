import { randomUUID } from 'node:crypto';
import { findShippedInstrument } from '../../domain/measures/instruments/index.js';
import { answerableItems, itemRange, requiredItems } from '../../domain/measures/definition.js';
import { scoreResponse } from '../../domain/measures/score.js';
import { measureResponses, measureSchedules, riskAlerts, sessions } from '../schema/index.js';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface MeasuresPlan {
  measureResponses: Row<typeof measureResponses>[];
  measureSchedules: Row<typeof measureSchedules>[];
  riskAlerts: Row<typeof riskAlerts>[];
}

/** How a client's scores move over their held sessions: a start and an end total per instrument. */
const trajectories: Record<string, Record<string, [number, number]>> = {
  ines: { 'phq-9': [16, 7], 'gad-7': [13, 6], 'ucla-3': [8, 5] },
  eli: { 'phq-9': [11, 6], 'gad-7': [9, 5] },
  daniel: { 'phq-9': [18, 4], 'gad-7': [12, 3], 'ucla-3': [9, 4] },
  seun: { 'phq-9': [12, 15], 'gad-7': [15, 17] },
  fatima: { 'phq-9': [17, 14], 'gad-7': [16, 12] },
  priya: { 'phq-9': [10, 8], 'gad-7': [14, 9] },
  tomasz: { 'phq-9': [14, 13], 'gad-7': [10, 9] },
  clarence: { 'phq-9': [13, 9], 'ucla-3': [9, 7] },
};

/** Answers that add up to a total, spread over the items, with item 9 of the PHQ-9 left at 0 unless asked. */
function answersFor(instrument: string, total: number, risk = false): Record<string, number> {
  const definition = findShippedInstrument(instrument);
  if (!definition) throw new Error(`unknown instrument ${instrument}`);
  const items = requiredItems(definition).filter((i) => answerableItems(definition).includes(i));
  const answers: Record<string, number> = {};
  for (const item of items) answers[item.linkId] = itemRange(item)?.min ?? 0;
  let left = total - Object.values(answers).reduce((a, b) => a + b, 0);
  const order = items.filter((i) => !(instrument === 'phq-9' && i.linkId === '9'));
  while (left > 0) {
    let moved = false;
    for (const item of order) {
      if (left <= 0) break;
      const max = itemRange(item)?.max ?? 3;
      if ((answers[item.linkId] ?? 0) < max) {
        answers[item.linkId] = (answers[item.linkId] ?? 0) + 1;
        left -= 1;
        moved = true;
      }
    }
    if (!moved) break;
  }
  if (risk && instrument === 'phq-9') {
    answers['9'] = 1;
    const first = order.find((i) => (answers[i.linkId] ?? 0) > 0);
    if (first) answers[first.linkId] = (answers[first.linkId] ?? 0) - 1;
  }
  return answers;
}

/**
 * Measures for the demo: PHQ-9 and GAD-7 (and UCLA-3 for a few) every other held session, moving
 * the way each person's story moves, with schedules, and one risk alert already acknowledged.
 */
export function planMeasures(input: {
  practiceId: string;
  now: Date;
  clients: Array<{ key: string; id: string; practitionerId: string }>;
  sessions: Row<typeof sessions>[];
}): MeasuresPlan {
  const out: MeasuresPlan = { measureResponses: [], measureSchedules: [], riskAlerts: [] };
  for (const client of input.clients) {
    const plan = trajectories[client.key];
    if (!plan) continue;
    const held = input.sessions
      .filter((s) => s.clientId === client.id && s.status === 'held')
      .sort((a, b) => (a.startsAt as Date).getTime() - (b.startsAt as Date).getTime())
      .filter((_, i, all) => all.length < 6 || i % 2 === 0);
    for (const [instrument, [start, end]] of Object.entries(plan)) {
      const definition = findShippedInstrument(instrument)!;
      out.measureSchedules.push({ practiceId: input.practiceId, clientId: client.id, instrumentKey: instrument, rule: 'every_n_weeks', everyWeeks: 2, createdBy: client.practitionerId });
      held.forEach((session, i) => {
        const t = held.length === 1 ? 1 : i / (held.length - 1);
        const wobble = i % 2 === 1 && i !== held.length - 1 ? 1 : 0;
        const total = Math.round(start + (end - start) * t) + wobble;
        const risk = client.key === 'seun' && instrument === 'phq-9' && i === held.length - 1;
        const answers = answersFor(instrument, total, risk);
        const score = scoreResponse(definition, answers);
        const id = randomUUID();
        const completedAt = new Date((session.startsAt as Date).getTime() - 10 * 60_000);
        out.measureResponses.push({
          practiceId: input.practiceId,
          id,
          clientId: client.id,
          instrumentKey: instrument,
          instrumentVersion: score.version,
          answers: score.answers,
          total: score.total,
          severityKey: score.severity.key,
          subscales: score.subscales,
          risk: score.risk,
          riskRules: score.riskRules.map((r) => r.key),
          via: i % 3 === 0 ? 'in_session' : 'portal',
          sessionId: session.id as string,
          completedAt,
        });
        if (score.risk) {
          out.riskAlerts.push({
            practiceId: input.practiceId,
            clientId: client.id,
            responseId: id,
            rules: score.riskRules.map((r) => r.label),
            raisedAt: completedAt,
            acknowledgedBy: client.practitionerId,
            acknowledgedAt: new Date(completedAt.getTime() + 40 * 60_000),
            acknowledgementNote: 'Asked in session: passive thoughts after a bad week at the lab, no plan or intent. Safety plan written together; he has the crisis line and his cousin’s number.',
          });
        }
      });
    }
  }
  return out;
}
