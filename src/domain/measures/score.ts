import { invalid } from '../shared/errors.js';
import {
  answerableItems,
  compare,
  type Condition,
  type InstrumentDefinition,
  itemRange,
  ordinalValue,
  type QuestionnaireItem,
  requiredItems,
  totalRange,
} from './definition.js';

/** A completed measure's answers: linkId → the value of the chosen answer (its ordinal value). */
export type Answers = Readonly<Record<string, number>>;

/** A rule that fired, with the source it comes from. */
export interface RuleHit {
  key: string;
  label: string;
  source: string;
}

export interface ScoreResult {
  instrument: string;
  version: string;
  title: string;
  total: number;
  range: { min: number; max: number };
  severity: { key: string; label: string; source: string };
  /** Present when the instrument has a caseness cut-off: whether this total meets it. */
  isCase?: boolean;
  /** Present for screeners (PHQ-2, GAD-2): whether this total is a positive screen. */
  positiveScreen?: boolean;
  /** True when any risk rule fired: the practitioner is alerted at once. */
  risk: boolean;
  riskRules: RuleHit[];
  /** Other rules that fired (shown beside the score, no alert). */
  flags: RuleHit[];
  subscales: Record<string, number>;
  answers: Record<string, number>;
}

/** Two decimals at most, so sums of decimal answers do not show floating-point noise. */
const round = (n: number) => Math.round(n * 100) / 100;

/** A question's text cut at a word, short enough for a one-line message. */
function shortText(text: string): string {
  if (text.length <= 48) return text;
  const cut = text.slice(0, 48);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:—-]+$/, '')}…`;
}

function questionName(definition: InstrumentDefinition, item: QuestionnaireItem): string {
  const position = answerableItems(definition).findIndex((i) => i.linkId === item.linkId) + 1;
  return `${definition.questionnaire.id} question ${position} (“${shortText(item.text)}”)`;
}

/** The values an item accepts, in words, for a refusal message. */
function accepted(item: QuestionnaireItem): string {
  if (item.type === 'choice') {
    const values = (item.answerOption ?? []).map(ordinalValue).filter((v): v is number => v !== undefined);
    return `one of ${[...values].sort((a, b) => a - b).join(', ')}`;
  }
  const range = itemRange(item);
  const kind = item.type === 'integer' ? 'a whole number' : 'a number';
  return range ? `${kind} from ${range.min} to ${range.max}` : kind;
}

function acceptsValue(item: QuestionnaireItem, value: number): boolean {
  if (item.type === 'choice') return (item.answerOption ?? []).some((o) => ordinalValue(o) === value);
  const range = itemRange(item);
  if (!range) return false;
  if (item.type === 'integer' && !Number.isInteger(value)) return false;
  return value >= range.min && value <= range.max;
}

/**
 * Maps a list of values, in question order, onto the questions that must be answered (the
 * form `liminal measure score phq-9 0,1,2,3,0,1,2,3,1` uses). Optional questions are left out.
 */
export function answersFromList(definition: InstrumentDefinition, values: readonly number[]): Record<string, number> {
  const items = requiredItems(definition);
  if (values.length !== items.length) {
    throw invalid(`${definition.questionnaire.id} has ${items.length} questions to answer; ${values.length} ${values.length === 1 ? 'answer was' : 'answers were'} given.`);
  }
  return Object.fromEntries(items.map((item, i) => [item.linkId, values[i] as number]));
}

/** Refuses answers that are incomplete, unknown or out of range, naming the question. */
export function checkAnswers(definition: InstrumentDefinition, answers: Answers): void {
  const items = new Map(answerableItems(definition).map((i) => [i.linkId, i]));
  const id = definition.questionnaire.id;
  for (const linkId of Object.keys(answers)) {
    if (!items.has(linkId)) throw invalid(`“${linkId}” is not a question of ${id}.`, { [linkId]: 'not a question of this instrument' });
  }
  const missing = requiredItems(definition).filter((i) => answers[i.linkId] === undefined);
  if (missing.length) {
    const positions = missing.map((i) => answerableItems(definition).findIndex((x) => x.linkId === i.linkId) + 1);
    throw invalid(
      missing.length === 1
        ? `${questionName(definition, missing[0] as QuestionnaireItem)} is not answered; every question of ${id} needs an answer.`
        : `${id} needs an answer to every question; questions ${positions.join(', ')} are not answered.`,
      Object.fromEntries(missing.map((i) => [i.linkId, 'needs an answer'])),
    );
  }
  for (const [linkId, value] of Object.entries(answers)) {
    const item = items.get(linkId) as QuestionnaireItem;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalid(`The answer to ${questionName(definition, item)} is not a number.`, { [linkId]: 'not a number' });
    }
    if (!acceptsValue(item, value)) {
      throw invalid(`The answer to ${questionName(definition, item)} must be ${accepted(item)}; ${value} is out of range.`, { [linkId]: `must be ${accepted(item)}` });
    }
  }
}

/** An item's contribution to a score, reverse-scored where the definition says so. */
function scoredValue(definition: InstrumentDefinition, item: QuestionnaireItem, value: number): number {
  if (!(definition.scoring.reverseScored ?? []).includes(item.linkId)) return value;
  const range = itemRange(item);
  return range ? range.min + range.max - value : value;
}

function combine(definition: InstrumentDefinition, linkIds: readonly string[], method: 'sum' | 'mean', answers: Answers): number {
  const items = new Map(answerableItems(definition).map((i) => [i.linkId, i]));
  const values = linkIds.map((id) => scoredValue(definition, items.get(id) as QuestionnaireItem, answers[id] as number));
  const sum = values.reduce((a, b) => a + b, 0);
  return round(method === 'mean' ? sum / values.length : sum);
}

function holds(condition: Condition, answers: Answers, total: number, subscales: Record<string, number>): boolean {
  switch (condition.on) {
    case 'item': {
      // The answer as given, before any reverse scoring: "item 9 above Not at all" means the answer chosen.
      const value = answers[condition.linkId];
      return value !== undefined && compare(value, condition.operator, condition.value);
    }
    case 'total':
      return compare(total, condition.operator, condition.value);
    case 'subscale': {
      const value = subscales[condition.key];
      return value !== undefined && compare(value, condition.operator, condition.value);
    }
  }
}

/**
 * Scores a completed measure exactly as its definition says: the total (and subscales), the
 * severity band, caseness, a positive screen for screeners, and every risk rule and flag that
 * fired. Refuses incomplete or out-of-range answers with a message naming the question.
 */
export function scoreResponse(definition: InstrumentDefinition, answers: Answers): ScoreResult {
  checkAnswers(definition, answers);
  const s = definition.scoring;
  const total = combine(definition, s.total.items, s.total.method, answers);
  const subscales = Object.fromEntries((s.subscales ?? []).map((sub) => [sub.key, combine(definition, sub.items, sub.method, answers)]));
  const bands = s.severity.bands;
  const band = [...bands].reverse().find((b) => total >= b.min) ?? (bands[0] as (typeof bands)[number]);
  const fired = (s.rules ?? []).filter((r) => holds(r.when, answers, total, subscales));
  const hit = (r: (typeof fired)[number]): RuleHit => ({ key: r.key, label: r.label, source: r.source });
  const riskRules = fired.filter((r) => r.kind === 'risk').map(hit);
  return {
    instrument: definition.questionnaire.id,
    version: definition.questionnaire.version,
    title: definition.questionnaire.title,
    total,
    range: totalRange(definition),
    severity: { key: band.key, label: band.label, source: s.severity.source },
    ...(s.caseness ? { isCase: compare(total, s.caseness.operator, s.caseness.value) } : {}),
    ...(s.positiveScreen ? { positiveScreen: compare(total, s.positiveScreen.operator, s.positiveScreen.value) } : {}),
    risk: riskRules.length > 0,
    riskRules,
    flags: fired.filter((r) => r.kind === 'flag').map(hit),
    subscales,
    answers: { ...answers },
  };
}
