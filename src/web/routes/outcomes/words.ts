import type { MeasureOutcome } from './types';

/** A rate from 0 to 1 as a whole percentage: "58%". */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** How many people a rate stands for, out of its denominator. */
export function countOf(rate: number, denominator: number): number {
  return Math.round(rate * denominator);
}

/** "58% (7 of 12 cases at the start)"; null rates are for the caller to explain. */
export function rateWithDenominator(rate: number, denominator: number, noun: string): string {
  return `${percent(rate)} (${countOf(rate, denominator)} of ${denominator} ${noun})`;
}

/** A signed number with a real minus sign and at most one decimal: "−4.5", "+2", "0". */
export function signed(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return '0';
  const text = Math.abs(rounded).toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return `${rounded > 0 ? '+' : '−'}${text}`;
}

export type AverageDirection = 'better' | 'worse' | 'unchanged';

/** Whether an average change is for the better, given which way the instrument runs. */
export function averageDirection(change: number, higherIsBetter: boolean): AverageDirection {
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return 'unchanged';
  return rounded > 0 === higherIsBetter ? 'better' : 'worse';
}

/** The average change in words: "4.5 points lower on average: better (lower scores are better)". */
export function averageChangeWords(m: Pick<MeasureOutcome, 'averageChange' | 'higherIsBetter'>): string {
  if (m.averageChange === null) return 'No client had two scores in the period, so there is no change to average.';
  const direction = averageDirection(m.averageChange, m.higherIsBetter);
  const scale = m.higherIsBetter ? 'higher scores are better' : 'lower scores are better';
  if (direction === 'unchanged') return `No change on average (${scale}).`;
  const size = Math.abs(Math.round(m.averageChange * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 });
  const way = m.averageChange > 0 ? 'higher' : 'lower';
  return `${size} point${size === '1' ? '' : 's'} ${way} on average: ${direction} (${scale}).`;
}

/** Why a measure's reliable-change rate is not shown. */
export function missingRateReason(m: Pick<MeasureOutcome, 'rule' | 'clientsWithChange'>): string {
  if (m.rule === null) return 'No reliable-change rule for this instrument.';
  if (m.clientsWithChange === 0) return 'No client had two scores in the period.';
  return 'Not available for this period.';
}

/** The abbreviation in an instrument's title, short enough for a chart axis: "PHQ-9" from "Patient Health Questionnaire (PHQ-9)". */
export function shortTitle(title: string): string {
  return /\(([A-Z][A-Za-z0-9-]+)\)/.exec(title)?.[1] ?? title;
}
