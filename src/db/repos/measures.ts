import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { careRelationships, clients, importedInstruments, measureRequests, measureResponses, measureSchedules, riskAlerts, users } from '../schema/index.js';
import { isDue, type ScheduleEvent, type ScheduleRule } from '../../domain/measures/schedule.js';
import type { Actor } from '../../domain/people/roles.js';
import { clinicalSignificance, nhsTalkingTherapiesOutcome, notOnTrackFor, reliableChangeFor } from '../../domain/measures/change.js';
import { type InstrumentDefinition, parseInstrumentDefinition } from '../../domain/measures/definition.js';
import { liminalInstruments, shippedInstruments } from '../../domain/measures/instruments/index.js';
import { CHECKIN_LOW_TOTAL, checkinDropped, relationshipCheckin } from '../../domain/measures/instruments/relationship-checkin.js';

/** Every practice has the published, free instruments and Liminal's own (connection profile, check-in). */
const builtIn: readonly InstrumentDefinition[] = [...shippedInstruments, ...liminalInstruments];
const builtInIds = builtIn.map((d) => d.questionnaire.id);
const findBuiltIn = (id: string) => builtIn.find((d) => d.questionnaire.id === id);
import { type Answers, scoreResponse } from '../../domain/measures/score.js';
import { conflict, DomainError, invalid, notFound } from '../../domain/shared/errors.js';
import { visiblePractitionerIds } from './access.js';
import { getPractice } from './practice.js';

/** How this practice judges change: its not-on-track score count and its per-instrument SD and reliability. */
export async function changeSettings(db: Db, practiceId: string) {
  const { settings } = await getPractice(db, practiceId);
  return { after: settings.notOnTrackAfter, settingFor: (instrumentKey: string) => settings.measureChange[instrumentKey] };
}

/** The shipped instruments and this practice's imported ones (latest active version of each). */
export async function practiceInstruments(db: Db, practiceId: string): Promise<Array<{ definition: InstrumentDefinition; source: 'shipped' | 'imported' }>> {
  const imported = await db
    .select({ key: importedInstruments.key, definition: importedInstruments.definition, createdAt: importedInstruments.createdAt })
    .from(importedInstruments)
    .where(and(eq(importedInstruments.practiceId, practiceId), eq(importedInstruments.active, true)))
    .orderBy(asc(importedInstruments.createdAt));
  const latest = new Map<string, InstrumentDefinition>();
  for (const row of imported) latest.set(row.key, row.definition as InstrumentDefinition);
  return [
    ...builtIn.map((definition) => ({ definition, source: 'shipped' as const })),
    ...[...latest.values()].map((definition) => ({ definition, source: 'imported' as const })),
  ];
}

export async function findInstrument(db: Db, practiceId: string, key: string): Promise<InstrumentDefinition> {
  const shipped = findBuiltIn(key);
  if (shipped) return shipped;
  const all = await practiceInstruments(db, practiceId);
  const found = all.find((i) => i.definition.questionnaire.id === key);
  if (!found) throw notFound('That instrument');
  return found.definition;
}

/** Imports a licensed instrument the practice holds, validated with messages that name each problem. */
export async function importInstrument(db: Db, actor: Actor, input: unknown) {
  const parsed = parseInstrumentDefinition(input, { reservedIds: builtInIds });
  if (!parsed.ok) {
    const fields = Object.fromEntries(parsed.problems.slice(0, 30).map((p) => [p.path || 'definition', p.message]));
    const first = parsed.problems[0];
    throw invalid(`The instrument cannot be imported: ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}, the first at ${first?.path || 'the top'}: ${first?.message ?? ''}`, fields);
  }
  const q = parsed.definition.questionnaire;
  const inserted = await db
    .insert(importedInstruments)
    .values({ practiceId: actor.practiceId, key: q.id, version: String(q.version ?? '1'), definition: parsed.definition, importedBy: actor.userId })
    .onConflictDoNothing()
    .returning({ key: importedInstruments.key });
  if (inserted.length === 0) throw conflict(`Version ${q.version ?? '1'} of ${q.id} is already imported. Give the new one another version.`);
  return parsed.definition;
}

/** Scores and stores a completed measure; a risk answer raises an alert in the same breath. */
export async function recordResponse(
  db: Db,
  input: {
    practiceId: string;
    clientId: string;
    definition: InstrumentDefinition;
    answers: Answers;
    via: 'portal' | 'link' | 'in_session';
    ratedBy?: 'client' | 'practitioner';
    raterId?: string | null;
    requestId?: string | null;
    sessionId?: string | null;
  },
) {
  const score = scoreResponse(input.definition, input.answers);
  if (input.requestId) {
    // Single use: the request is claimed before the answers are stored.
    const claimed = await db
      .update(measureRequests)
      .set({ status: 'completed', completedAt: new Date() })
      .where(and(eq(measureRequests.practiceId, input.practiceId), eq(measureRequests.id, input.requestId), eq(measureRequests.status, 'open')))
      .returning({ id: measureRequests.id });
    if (claimed.length === 0) throw conflict('This questionnaire has already been completed.');
  }
  const [row] = await db
    .insert(measureResponses)
    .values({
      practiceId: input.practiceId,
      clientId: input.clientId,
      instrumentKey: score.instrument,
      instrumentVersion: score.version,
      answers: score.answers,
      total: score.total,
      severityKey: score.severity.key,
      subscales: score.subscales,
      risk: score.risk,
      riskRules: score.riskRules.map((r) => r.key),
      ratedBy: input.ratedBy ?? 'client',
      raterId: input.raterId ?? null,
      via: input.via,
      requestId: input.requestId ?? null,
      sessionId: input.sessionId ?? null,
    })
    .returning({ id: measureResponses.id, completedAt: measureResponses.completedAt });
  if (!row) throw notFound('The response');
  let alertId: string | null = null;
  if (score.risk) {
    const [alert] = await db
      .insert(riskAlerts)
      .values({ practiceId: input.practiceId, clientId: input.clientId, responseId: row.id, rules: score.riskRules.map((r) => r.label) })
      .returning({ id: riskAlerts.id });
    alertId = alert?.id ?? null;
  }
  return { id: row.id, completedAt: row.completedAt, score, alertId };
}

export function newLinkExpiry(now = new Date(), days = 7): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

export async function createRequest(
  db: Db,
  actor: Actor,
  clientId: string,
  input: { instrumentKey: string; channel: 'portal' | 'link' | 'in_session'; sessionId?: string | null; tokenHash?: string | null; expiresAt?: Date | null },
) {
  const definition = await findInstrument(db, actor.practiceId, input.instrumentKey);
  const [row] = await db
    .insert(measureRequests)
    .values({
      practiceId: actor.practiceId,
      clientId,
      instrumentKey: definition.questionnaire.id,
      instrumentVersion: String(definition.questionnaire.version ?? '1'),
      channel: input.channel,
      tokenHash: input.tokenHash ?? null,
      expiresAt: input.expiresAt ?? null,
      sessionId: input.sessionId ?? null,
      createdBy: actor.userId,
    })
    .returning();
  if (!row) throw notFound('The request');
  return { ...requestView(row), title: definition.questionnaire.title ?? definition.questionnaire.id };
}

type RequestRow = typeof measureRequests.$inferSelect;
const requestView = (r: RequestRow) => ({
  id: r.id,
  clientId: r.clientId,
  instrumentKey: r.instrumentKey,
  channel: r.channel,
  status: r.status === 'open' && r.expiresAt && r.expiresAt < new Date() ? 'expired' : r.status,
  expiresAt: r.expiresAt,
  createdAt: r.createdAt,
  completedAt: r.completedAt,
});

/** An open link request by the hash of its token; expired or used ones say so. */
export async function openLink(db: Db, practiceId: string, hash: string, now = new Date()) {
  const [row] = await db.select().from(measureRequests).where(and(eq(measureRequests.practiceId, practiceId), eq(measureRequests.tokenHash, hash), eq(measureRequests.channel, 'link')));
  if (!row) throw notFound('This link');
  if (row.status !== 'open') throw new DomainError('conflict', 'This questionnaire has already been completed, so the link no longer opens. Thank you.');
  if (row.expiresAt && row.expiresAt < now) throw new DomainError('conflict', 'This link has expired. Ask your practitioner for a new one.');
  return row;
}

/** Everything about a client's measures: each instrument over time, with change that means something. */
export async function clientMeasures(db: Db, practiceId: string, clientId: string) {
  const rows = await db
    .select()
    .from(measureResponses)
    .where(and(eq(measureResponses.practiceId, practiceId), eq(measureResponses.clientId, clientId)))
    .orderBy(asc(measureResponses.completedAt));
  const requests = await db
    .select()
    .from(measureRequests)
    .where(and(eq(measureRequests.practiceId, practiceId), eq(measureRequests.clientId, clientId), eq(measureRequests.status, 'open')))
    .orderBy(desc(measureRequests.createdAt));
  const keys = [...new Set(rows.map((r) => `${r.instrumentKey}|${r.ratedBy}`))];
  const practiceRules = await changeSettings(db, practiceId);
  const summaries = [];
  for (const key of keys) {
    const [instrumentKey = '', ratedBy = 'client'] = key.split('|');
    const definition = await findInstrument(db, practiceId, instrumentKey).catch(() => null);
    const list = rows.filter((r) => r.instrumentKey === instrumentKey && r.ratedBy === ratedBy);
    const first = list[0];
    const last = list[list.length - 1];
    // Instruments without a published reliable-change rule (Liminal's own) show their scores without a change label.
    const attempt = <T>(f: () => T): T | null => {
      try {
        return f();
      } catch {
        return null;
      }
    };
    const change = definition && first && last && list.length > 1 ? attempt(() => reliableChangeFor(definition, first.total, last.total, practiceRules.settingFor(instrumentKey))) : null;
    summaries.push({
      instrumentKey,
      ratedBy,
      title: definition?.questionnaire.title ?? instrumentKey,
      bands: definition?.scoring.severity?.bands ?? [],
      scores: list.map((r) => ({ responseId: r.id, at: r.completedAt, total: r.total, severityKey: r.severityKey, risk: r.risk, sessionId: r.sessionId, answers: r.answers })),
      change,
      clinical: change && definition ? attempt(() => clinicalSignificance(definition, change)) : null,
      notOnTrack:
        definition && list.length > 0
          ? attempt(() => notOnTrackFor(definition, list.map((r) => r.total), { after: practiceRules.after, setting: practiceRules.settingFor(instrumentKey) }))
          : null,
      // The relationship check-in: a gentle flag when the latest is well below this client's usual.
      checkinDrop: instrumentKey === 'relationship-checkin' && last ? checkinDropped(list.slice(0, -1).map((r) => r.total), last.total) : null,
    });
  }
  const firstLast = (k: string) => {
    const list = rows.filter((r) => r.instrumentKey === k && r.ratedBy === 'client');
    return list.length >= 2 ? ([list[0]!.total, list[list.length - 1]!.total] as const) : null;
  };
  const phq9 = firstLast('phq-9');
  const gad7 = firstLast('gad-7');
  return {
    summaries,
    nhsTalkingTherapies: phq9 && gad7 ? nhsTalkingTherapiesOutcome({ phq9, gad7 }) : null,
    openRequests: requests.map(requestView),
  };
}

/** Risk alerts not yet acknowledged, for the clients this person sees. */
export async function openRiskAlerts(db: Db, actor: Actor) {
  const visible = await visiblePractitionerIds(db, actor);
  const rows = await db
    .select({
      id: riskAlerts.id,
      clientId: riskAlerts.clientId,
      clientName: clients.name,
      rules: riskAlerts.rules,
      raisedAt: riskAlerts.raisedAt,
      instrumentKey: measureResponses.instrumentKey,
      total: measureResponses.total,
    })
    .from(riskAlerts)
    .innerJoin(clients, and(eq(clients.practiceId, riskAlerts.practiceId), eq(clients.id, riskAlerts.clientId)))
    .innerJoin(measureResponses, and(eq(measureResponses.practiceId, riskAlerts.practiceId), eq(measureResponses.id, riskAlerts.responseId)))
    .where(
      and(
        eq(riskAlerts.practiceId, actor.practiceId),
        isNull(riskAlerts.acknowledgedAt),
        visible === null
          ? undefined
          : inArray(
              riskAlerts.clientId,
              db
                .select({ id: careRelationships.clientId })
                .from(careRelationships)
                .where(and(eq(careRelationships.practiceId, actor.practiceId), inArray(careRelationships.practitionerId, visible.length ? visible : [actor.userId]))),
            ),
      ),
    )
    .orderBy(asc(riskAlerts.raisedAt));
  return rows;
}

export async function acknowledgeRiskAlert(db: Db, actor: Actor, alertId: string, note: string) {
  const [alert] = await db.select().from(riskAlerts).where(and(eq(riskAlerts.practiceId, actor.practiceId), eq(riskAlerts.id, alertId)));
  if (!alert) throw notFound('The alert');
  const [row] = await db
    .update(riskAlerts)
    .set({ acknowledgedAt: new Date(), acknowledgedBy: actor.userId, acknowledgementNote: note })
    .where(and(eq(riskAlerts.practiceId, actor.practiceId), eq(riskAlerts.id, alertId), isNull(riskAlerts.acknowledgedAt)))
    .returning();
  if (!row) throw conflict('This alert was already acknowledged.');
  const [by] = await db.select({ name: users.displayName }).from(users).where(and(eq(users.practiceId, actor.practiceId), eq(users.id, actor.userId)));
  return { id: row.id, clientId: row.clientId, acknowledgedAt: row.acknowledgedAt, acknowledgedByName: by?.name ?? '', note: row.acknowledgementNote ?? '' };
}

/** The client's own open requests (portal channel), with the instruments to show. */
export async function portalRequests(db: Db, actor: Actor) {
  if (!actor.clientId) throw notFound('Your record');
  const rows = await db
    .select()
    .from(measureRequests)
    .where(and(eq(measureRequests.practiceId, actor.practiceId), eq(measureRequests.clientId, actor.clientId), eq(measureRequests.status, 'open'), eq(measureRequests.channel, 'portal')))
    .orderBy(asc(measureRequests.createdAt));
  return Promise.all(rows.map(async (r) => ({ ...requestView(r), definition: await findInstrument(db, actor.practiceId, r.instrumentKey) })));
}


/** One stored response with what an export needs: the client's name and who rated it. */
export async function responseForExport(db: Db, practiceId: string, clientId: string, responseId: string) {
  const [found] = await db
    .select({ row: measureResponses, clientName: clients.name })
    .from(measureResponses)
    .innerJoin(clients, and(eq(clients.practiceId, measureResponses.practiceId), eq(clients.id, measureResponses.clientId)))
    .where(and(eq(measureResponses.practiceId, practiceId), eq(measureResponses.clientId, clientId), eq(measureResponses.id, responseId)));
  if (!found) throw notFound('That measure');
  const [rater] = found.row.raterId
    ? await db.select({ id: users.id, displayName: users.displayName }).from(users).where(and(eq(users.practiceId, practiceId), eq(users.id, found.row.raterId)))
    : [];
  return { ...found, rater: rater ?? null };
}

/** The client's measure schedules. */
export function listSchedules(db: Db, practiceId: string, clientId: string) {
  return db
    .select({ id: measureSchedules.id, instrumentKey: measureSchedules.instrumentKey, rule: measureSchedules.rule, everyWeeks: measureSchedules.everyWeeks, active: measureSchedules.active, version: measureSchedules.version })
    .from(measureSchedules)
    .where(and(eq(measureSchedules.practiceId, practiceId), eq(measureSchedules.clientId, clientId)))
    .orderBy(asc(measureSchedules.createdAt));
}

/** Sets (or replaces) the schedule for one instrument; `active: false` pauses it. */
export async function setSchedule(
  db: Db,
  actor: Actor,
  clientId: string,
  input: { instrumentKey: string; rule: ScheduleRule; everyWeeks: number | null; active: boolean },
) {
  const definition = await findInstrument(db, actor.practiceId, input.instrumentKey);
  const values = { rule: input.rule, everyWeeks: input.rule === 'every_n_weeks' ? (input.everyWeeks ?? 4) : null, active: input.active };
  await db
    .insert(measureSchedules)
    .values({ practiceId: actor.practiceId, clientId, instrumentKey: definition.questionnaire.id, createdBy: actor.userId, ...values })
    .onConflictDoUpdate({ target: [measureSchedules.practiceId, measureSchedules.clientId, measureSchedules.instrumentKey], set: { ...values, version: sql`${measureSchedules.version} + 1` } });
  return listSchedules(db, actor.practiceId, clientId);
}

/**
 * Makes the portal requests an event calls for under the client's schedules (a session held, a
 * phase move, or time passing — checked when the portal is opened). Returns how many were made.
 */
export async function applySchedules(db: Db, practiceId: string, clientId: string, event: ScheduleEvent, by: string | null, now = new Date()): Promise<number> {
  const schedules = (await listSchedules(db, practiceId, clientId)).filter((s) => s.active);
  let made = 0;
  for (const s of schedules) {
    const [open] = await db
      .select({ id: measureRequests.id })
      .from(measureRequests)
      .where(
        and(
          eq(measureRequests.practiceId, practiceId),
          eq(measureRequests.clientId, clientId),
          eq(measureRequests.instrumentKey, s.instrumentKey),
          eq(measureRequests.status, 'open'),
          sql`(${measureRequests.expiresAt} is null or ${measureRequests.expiresAt} > ${now.toISOString()})`,
        ),
      )
      .limit(1);
    const [last] = await db
      .select({ at: sql<Date>`greatest(
          (select max(r.completed_at) from measure_responses r where r.practice_id = ${practiceId} and r.client_id = ${clientId} and r.instrument_key = ${s.instrumentKey}),
          (select max(q.created_at) from measure_requests q where q.practice_id = ${practiceId} and q.client_id = ${clientId} and q.instrument_key = ${s.instrumentKey}))` })
      .from(sql`(select 1) as one`);
    const lastAt = last?.at ? new Date(last.at) : null;
    if (!isDue({ rule: s.rule as ScheduleRule, everyWeeks: s.everyWeeks, openRequest: open !== undefined, lastAskedOrAnswered: lastAt }, event, now)) continue;
    const definition = await findInstrument(db, practiceId, s.instrumentKey).catch(() => null);
    if (!definition) continue;
    await db.insert(measureRequests).values({
      practiceId,
      clientId,
      instrumentKey: definition.questionnaire.id,
      instrumentVersion: String(definition.questionnaire.version ?? '1'),
      channel: 'portal',
      createdBy: by,
    });
    made += 1;
  }
  return made;
}

/**
 * A client's relationship check-ins, oldest first, each with its session, the five ratings in
 * words, and the gentle flags: a low total, and a drop against this client's own recent ones.
 */
export async function relationshipCheckins(db: Db, practiceId: string, clientId: string) {
  const rows = await db
    .select({ id: measureResponses.id, sessionId: measureResponses.sessionId, completedAt: measureResponses.completedAt, total: measureResponses.total, answers: measureResponses.answers })
    .from(measureResponses)
    .where(
      and(
        eq(measureResponses.practiceId, practiceId),
        eq(measureResponses.clientId, clientId),
        eq(measureResponses.instrumentKey, relationshipCheckin.questionnaire.id),
        eq(measureResponses.ratedBy, 'client'),
      ),
    )
    .orderBy(asc(measureResponses.completedAt), asc(measureResponses.id));
  const statements = (relationshipCheckin.questionnaire.item ?? []).filter((item) => item.type === 'choice');
  return rows.map((row, index) => {
    const drop = checkinDropped(rows.slice(0, index).map((r) => r.total), row.total);
    return {
      responseId: row.id,
      sessionId: row.sessionId,
      completedAt: row.completedAt,
      total: row.total,
      max: statements.length * 10,
      low: row.total < CHECKIN_LOW_TOTAL,
      dropped: drop.dropped,
      rule: drop.rule,
      items: statements.map((item) => ({ linkId: item.linkId, text: item.text ?? item.linkId, answer: row.answers[item.linkId] ?? null })),
    };
  });
}
