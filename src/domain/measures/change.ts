import { invalid } from '../shared/errors.js';
import { compare, type InstrumentDefinition, totalRange } from './definition.js';
import { gad7 } from './instruments/gad7.js';
import { phq9 } from './instruments/phq9.js';

export type ChangeDirection = 'improvement' | 'deterioration' | 'none';

/** A change between two scores, judged reliable or not, with the rule that judged it. */
export interface ChangeResult {
  before: number;
  after: number;
  /** after − before */
  change: number;
  reliable: boolean;
  /** improvement or deterioration when the change is reliable, none otherwise. */
  direction: ChangeDirection;
  /** Jacobson & Truax: standard error of the difference, SD·√2·√(1−r). */
  seDiff?: number;
  /** Jacobson & Truax: the reliable change index, (after − before) / seDiff. */
  rci?: number;
  /** Jacobson & Truax: the smallest reliable change, 1.96·seDiff. */
  criticalChange?: number;
  /** A published threshold in points (NHS Talking Therapies). */
  threshold?: number;
  rule: string;
}

export const JACOBSON_TRUAX =
  'Jacobson & Truax 1991 (J Consult Clin Psychol 59:12–19): SEdiff = SD·√2·√(1−r); RCI = (after − before)/SEdiff; reliable when |RCI| ≥ 1.96';

/** Comparisons at exactly 1.96 (or exactly the threshold) must not flip on floating-point noise. */
const EPSILON = 1e-9;

function finite(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${name} must be a number.`);
  return value;
}

function directionOf(change: number, reliable: boolean, higherIsBetter: boolean): ChangeDirection {
  if (!reliable || change === 0) return 'none';
  return change > 0 === higherIsBetter ? 'improvement' : 'deterioration';
}

/** Jacobson & Truax reliable change from an instrument's SD and reliability (e.g. Cronbach's α or test–retest r). */
export function reliableChange(input: { before: number; after: number; sd: number; reliability: number; higherIsBetter?: boolean }): ChangeResult {
  const before = finite('The score before', input.before);
  const after = finite('The score after', input.after);
  const sd = finite('The SD', input.sd);
  const r = finite('The reliability', input.reliability);
  if (sd <= 0) throw invalid(`The SD must be above 0; ${sd} was given.`);
  if (r < 0 || r >= 1) throw invalid(`The reliability must be at least 0 and below 1; ${r} was given.`);
  // √(2(1−r)) equals √2·√(1−r) and is exact at r = 0.5.
  const seDiff = sd * Math.sqrt(2 * (1 - r));
  const change = after - before;
  const rci = change / seDiff;
  const reliable = Math.abs(rci) >= 1.96 - EPSILON;
  return {
    before,
    after,
    change,
    reliable,
    direction: directionOf(change, reliable, input.higherIsBetter ?? false),
    seDiff,
    rci,
    criticalChange: 1.96 * seDiff,
    rule: JACOBSON_TRUAX,
  };
}

/** Reliable change as a published number of points (e.g. NHS Talking Therapies: 6 on the PHQ-9). */
export function reliableChangeByThreshold(input: { before: number; after: number; threshold: number; higherIsBetter?: boolean; source: string }): ChangeResult {
  const before = finite('The score before', input.before);
  const after = finite('The score after', input.after);
  const change = after - before;
  const reliable = Math.abs(change) >= input.threshold - EPSILON;
  return { before, after, change, reliable, direction: directionOf(change, reliable, input.higherIsBetter ?? false), threshold: input.threshold, rule: input.source };
}

/** SD and reliability a practice sets for an instrument, used instead of the shipped rule. */
export interface ReliabilitySetting {
  sd: number;
  reliability: number;
}

/** Whether change on this instrument can be judged: the practice set SD and reliability, or the instrument ships a rule. */
export function hasReliableChangeRule(definition: InstrumentDefinition, setting?: ReliabilitySetting): boolean {
  const rc = definition.scoring.reliableChange;
  return setting !== undefined || rc?.threshold !== undefined || (rc?.sd !== undefined && rc.reliability !== undefined);
}

function checkScore(definition: InstrumentDefinition, name: string, score: number): void {
  finite(name, score);
  const range = totalRange(definition);
  if (score < range.min || score > range.max) {
    throw invalid(`${definition.questionnaire.title} totals run from ${range.min} to ${range.max}; ${name.toLowerCase()} (${score}) is out of range.`);
  }
}

/**
 * Reliable change for an instrument: the practice's SD and reliability when set (Jacobson &
 * Truax), otherwise the instrument's published threshold, otherwise its shipped SD and reliability.
 */
export function reliableChangeFor(definition: InstrumentDefinition, before: number, after: number, setting?: ReliabilitySetting): ChangeResult {
  checkScore(definition, 'The score before', before);
  checkScore(definition, 'The score after', after);
  const higherIsBetter = definition.scoring.direction === 'higher-is-better';
  const rc = definition.scoring.reliableChange;
  if (setting) return { ...reliableChange({ before, after, ...setting, higherIsBetter }), rule: `${JACOBSON_TRUAX}; SD ${setting.sd} and reliability ${setting.reliability} set by the practice` };
  if (rc?.threshold !== undefined) return reliableChangeByThreshold({ before, after, threshold: rc.threshold, higherIsBetter, source: rc.source });
  if (rc?.sd !== undefined && rc.reliability !== undefined) {
    return { ...reliableChange({ before, after, sd: rc.sd, reliability: rc.reliability, higherIsBetter }), rule: `${JACOBSON_TRUAX}; SD and reliability from ${rc.source}` };
  }
  throw invalid(`${definition.questionnaire.title} has no reliable-change rule; set its SD and reliability in the practice settings.`);
}

export type ClinicalCategory = 'recovered' | 'improved' | 'unchanged' | 'deteriorated';

export interface ClinicalSignificance {
  caseAtStart: boolean;
  caseAtEnd: boolean;
  /** Reliable improvement that also crosses the cut-off from a case to not a case. */
  clinicallySignificant: boolean;
  category: ClinicalCategory;
  rule: string;
}

/**
 * Jacobson & Truax's clinical significance against the instrument's caseness cut-off: recovered
 * (reliably improved and no longer a case), improved, unchanged, or deteriorated.
 */
export function clinicalSignificance(definition: InstrumentDefinition, change: ChangeResult): ClinicalSignificance {
  const cut = definition.scoring.caseness;
  if (!cut) throw invalid(`${definition.questionnaire.title} has no clinical cut-off, so clinically significant change cannot be judged.`);
  const caseAtStart = compare(change.before, cut.operator, cut.value);
  const caseAtEnd = compare(change.after, cut.operator, cut.value);
  const improved = change.reliable && change.direction === 'improvement';
  const clinicallySignificant = improved && caseAtStart && !caseAtEnd;
  const category: ClinicalCategory = clinicallySignificant ? 'recovered' : improved ? 'improved' : change.reliable && change.direction === 'deterioration' ? 'deteriorated' : 'unchanged';
  return {
    caseAtStart,
    caseAtEnd,
    clinicallySignificant,
    category,
    rule: `Jacobson & Truax 1991: clinically significant change is reliable improvement that moves from a case to not a case (cut-off ${cut.operator} ${cut.value}: ${cut.source})`,
  };
}

// ── NHS Talking Therapies outcomes (PHQ-9 with GAD-7) ──────────────────────────────────────

export interface MeasureOutcome {
  first: number;
  last: number;
  change: number;
  caseAtStart: boolean;
  caseAtEnd: boolean;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
}

export type NhsTalkingTherapiesCategory = 'reliable-recovery' | 'recovery' | 'reliable-improvement' | 'reliable-deterioration' | 'no-reliable-change';

export interface NhsTalkingTherapiesOutcome {
  phq9: MeasureOutcome;
  gad7: MeasureOutcome;
  caseAtStart: boolean;
  caseAtEnd: boolean;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
  recovery: boolean;
  reliableRecovery: boolean;
  category: NhsTalkingTherapiesCategory;
  /** The rule behind each label. */
  rules: Record<'caseAtStart' | 'caseAtEnd' | 'reliableImprovement' | 'reliableDeterioration' | 'recovery' | 'reliableRecovery' | 'category', string>;
}

function wholeScore(definition: InstrumentDefinition, name: string, score: number): number {
  const range = totalRange(definition);
  if (typeof score !== 'number' || !Number.isInteger(score) || score < range.min || score > range.max) {
    throw invalid(`The ${name} must be a whole number from ${range.min} to ${range.max}; ${String(score)} was given.`);
  }
  return score;
}

function outcomeOf(definition: InstrumentDefinition, name: string, first: number, last: number): MeasureOutcome {
  wholeScore(definition, `first ${name} score`, first);
  wholeScore(definition, `last ${name} score`, last);
  const cut = definition.scoring.caseness;
  const rc = reliableChangeFor(definition, first, last);
  return {
    first,
    last,
    change: last - first,
    caseAtStart: cut ? compare(first, cut.operator, cut.value) : false,
    caseAtEnd: cut ? compare(last, cut.operator, cut.value) : false,
    reliableImprovement: rc.direction === 'improvement',
    reliableDeterioration: rc.direction === 'deterioration',
  };
}

/**
 * The NHS Talking Therapies outcome of a course of care from the first and last PHQ-9 and GAD-7:
 * caseness (PHQ-9 ≥ 10 or GAD-7 ≥ 8), reliable improvement (6 points on the PHQ-9 or 4 on the
 * GAD-7, with no reliable deterioration on the other), reliable deterioration (the mirror image),
 * recovery (a case at the start and below both cut-offs at the end) and reliable recovery (both).
 */
export function nhsTalkingTherapiesOutcome(input: { phq9: readonly [number, number]; gad7: readonly [number, number] }): NhsTalkingTherapiesOutcome {
  const p = outcomeOf(phq9, 'PHQ-9', input.phq9[0], input.phq9[1]);
  const g = outcomeOf(gad7, 'GAD-7', input.gad7[0], input.gad7[1]);
  const caseAtStart = p.caseAtStart || g.caseAtStart;
  const caseAtEnd = p.caseAtEnd || g.caseAtEnd;
  const reliableImprovement = (p.reliableImprovement || g.reliableImprovement) && !p.reliableDeterioration && !g.reliableDeterioration;
  const reliableDeterioration = (p.reliableDeterioration || g.reliableDeterioration) && !p.reliableImprovement && !g.reliableImprovement;
  const recovery = caseAtStart && !caseAtEnd;
  const reliableRecovery = recovery && reliableImprovement;
  const category: NhsTalkingTherapiesCategory = reliableDeterioration
    ? 'reliable-deterioration'
    : reliableRecovery
      ? 'reliable-recovery'
      : recovery
        ? 'recovery'
        : reliableImprovement
          ? 'reliable-improvement'
          : 'no-reliable-change';
  const manual = 'NHS Talking Therapies for anxiety and depression Manual';
  return {
    phq9: p,
    gad7: g,
    caseAtStart,
    caseAtEnd,
    reliableImprovement,
    reliableDeterioration,
    recovery,
    reliableRecovery,
    category,
    rules: {
      caseAtStart: `${manual}: a case when the first PHQ-9 is 10 or more or the first GAD-7 is 8 or more`,
      caseAtEnd: `${manual}: a case when the last PHQ-9 is 10 or more or the last GAD-7 is 8 or more`,
      reliableImprovement: `${manual}: a fall of 6 or more on the PHQ-9 or 4 or more on the GAD-7, with no reliable deterioration on the other measure`,
      reliableDeterioration: `${manual}: a rise of 6 or more on the PHQ-9 or 4 or more on the GAD-7, with no reliable improvement on the other measure`,
      recovery: `${manual}: a case at the start, and below the cut-off on both measures at the end`,
      reliableRecovery: `${manual}: recovery together with reliable improvement`,
      category:
        'Liminal: the first of reliable deterioration, reliable recovery, recovery, reliable improvement, no reliable change that applies (deterioration first, so it is never hidden)',
    },
  };
}

// ── Not on track ────────────────────────────────────────────────────────────────────────────

/** Liminal's default for when care should show reliable improvement; a practice changes it. */
export const DEFAULT_NOT_ON_TRACK_AFTER = 6;

export interface NotOnTrack {
  notOnTrack: boolean;
  reasons: { key: 'reliably-worse' | 'no-reliable-improvement'; label: string; rule: string }[];
  /** The change from the first score to the latest, when there are two. */
  change: ChangeResult | null;
}

/**
 * A simple, honest not-on-track flag from the scores in order (the first is the baseline):
 * the latest is reliably worse than the first, or there is still no reliable improvement on the
 * first once `after` scores have been given.
 */
export function notOnTrack(input: { scores: readonly number[]; judge: (before: number, after: number) => ChangeResult; after?: number }): NotOnTrack {
  const first = input.scores[0] ?? 0;
  const latest = input.scores[input.scores.length - 1] ?? 0;
  return notOnTrackFromEnds({ first, latest, count: input.scores.length, judge: input.judge, ...(input.after === undefined ? {} : { after: input.after }) });
}

/**
 * The same rule from what it needs: the first score, the latest, and how many were given (for a
 * report that reads only the ends of each series).
 */
export function notOnTrackFromEnds(input: { first: number; latest: number; count: number; judge: (before: number, after: number) => ChangeResult; after?: number }): NotOnTrack {
  const after = input.after ?? DEFAULT_NOT_ON_TRACK_AFTER;
  if (!Number.isInteger(after) || after < 2) throw invalid(`The not-on-track session count must be a whole number of at least 2; ${after} was given.`);
  if (input.count < 2) return { notOnTrack: false, reasons: [], change: null };
  const change = input.judge(input.first, input.latest);
  const reasons: NotOnTrack['reasons'] = [];
  if (change.direction === 'deterioration') {
    reasons.push({ key: 'reliably-worse', label: 'Reliably worse than the first score', rule: `Liminal not-on-track rule: the latest score is reliably worse than the first (${change.rule})` });
  }
  if (input.count >= after && change.direction !== 'improvement') {
    reasons.push({
      key: 'no-reliable-improvement',
      label: `No reliable improvement after ${input.count} scores`,
      rule: `Liminal not-on-track rule: no reliable improvement on the first score by score ${after} (a practice setting; ${change.rule})`,
    });
  }
  return { notOnTrack: reasons.length > 0, reasons, change };
}

/** notOnTrack for an instrument, judging change by its reliable-change rule (or the practice's SD and reliability). */
export function notOnTrackFor(definition: InstrumentDefinition, scores: readonly number[], options: { after?: number; setting?: ReliabilitySetting } = {}): NotOnTrack {
  return notOnTrack({ scores, judge: (a, b) => reliableChangeFor(definition, a, b, options.setting), ...(options.after === undefined ? {} : { after: options.after }) });
}
