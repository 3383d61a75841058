import { randomUUID } from 'node:crypto';
import { connectionProfile, findShippedInstrument, relationshipCheckin } from '../../domain/measures/instruments/index.js';
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

/**
 * The connection profile, rated by the client and (separately) by the practitioner at the first, a
 * middle and the latest held session, moving from isolated toward connected. Values in the order
 * relationships, emotions, thoughts, body-environment, physical-health, personal, familial, social,
 * ecological, spiritual. The practitioner sees the social isolation a little starker at first.
 */
const profileLinkIds = ['relationships', 'emotions', 'thoughts', 'body-environment', 'physical-health', 'personal', 'familial', 'social', 'ecological', 'spiritual'];
const profiles: Record<string, { client: number[][]; practitioner: number[][] }> = {
  ines: {
    client: [
      [3, 4, 4, 5, 6, 4, 5, 2, 5, 7],
      [4, 5, 5, 5, 6, 5, 6, 4, 5, 8],
      [6, 6, 5, 6, 7, 6, 7, 5, 6, 8],
    ],
    practitioner: [
      [2, 3, 4, 4, 6, 4, 4, 2, 4, 7],
      [4, 4, 5, 5, 6, 5, 5, 3, 5, 7],
      [5, 6, 6, 6, 6, 6, 6, 5, 6, 8],
    ],
  },
};

/** Relationship check-in totals after each held session, oldest first: steady, with one clear drop to talk about. */
const checkinTotals: Record<string, number[]> = {
  ines: [44, 46, 45, 33, 44, 46],
  daniel: [41, 43, 44, 45],
};

/** Five 0–10 answers adding up to a check-in total. */
function checkinAnswers(total: number): Record<string, number> {
  const ids = ['listened', 'mattered', 'way-of-working', 'could-say', 'connected'];
  const base = Math.floor(total / ids.length);
  return Object.fromEntries(ids.map((id, i) => [id, Math.min(10, base + (i < total % ids.length ? 1 : 0))]));
}

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
    // Liminal's own measures: the connection profile (both raters) and the after-session check-in, over every held session.
    const allHeld = input.sessions
      .filter((s) => s.clientId === client.id && s.status === 'held')
      .sort((a, b) => (a.startsAt as Date).getTime() - (b.startsAt as Date).getTime());
    const profile = profiles[client.key];
    if (profile && allHeld.length > 0) {
      const at = [...new Set([0, Math.floor((allHeld.length - 1) / 2), allHeld.length - 1])];
      at.forEach((sessionIndex, step) => {
        const session = allHeld[sessionIndex]!;
        const start = (session.startsAt as Date).getTime();
        for (const ratedBy of ['client', 'practitioner'] as const) {
          const values = profile[ratedBy][Math.min(step, profile[ratedBy].length - 1)]!;
          const answers = Object.fromEntries(profileLinkIds.map((id, i) => [id, values[i] ?? 5]));
          const score = scoreResponse(connectionProfile, answers);
          out.measureResponses.push({
            practiceId: input.practiceId,
            id: randomUUID(),
            clientId: client.id,
            instrumentKey: 'connection-profile',
            instrumentVersion: score.version,
            answers: score.answers,
            total: score.total,
            severityKey: score.severity.key,
            subscales: score.subscales,
            risk: false,
            riskRules: [],
            ratedBy,
            raterId: ratedBy === 'practitioner' ? client.practitionerId : null,
            via: 'in_session',
            sessionId: session.id as string,
            // The client rates at the start of the session, the practitioner after it.
            completedAt: new Date(Math.min(start + (ratedBy === 'client' ? 5 : 80) * 60_000, input.now.getTime())),
          });
        }
      });
    }
    const totals = checkinTotals[client.key];
    if (totals) {
      allHeld.forEach((session, i) => {
        const total = totals[i];
        if (total === undefined) return;
        const score = scoreResponse(relationshipCheckin, checkinAnswers(total));
        out.measureResponses.push({
          practiceId: input.practiceId,
          id: randomUUID(),
          clientId: client.id,
          instrumentKey: 'relationship-checkin',
          instrumentVersion: score.version,
          answers: score.answers,
          total: score.total,
          severityKey: score.severity.key,
          subscales: score.subscales,
          risk: false,
          riskRules: [],
          via: 'portal',
          sessionId: session.id as string,
          // Given in the portal soon after the session.
          completedAt: new Date(Math.min((session.startsAt as Date).getTime() + 90 * 60_000, input.now.getTime())),
        });
      });
    }
  }
  return out;
}
