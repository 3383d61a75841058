import { describe, expect, it } from 'vitest';
import type { ConnectionMetrics } from '../../../domain/maps/metrics';
import { formatMetric } from './metricFormat';
import { patternFromInput } from './mapWords';
import { defaultSession } from './versions';

const metrics: ConnectionMetrics = {
  networkSize: 4,
  strongSupportive: 2,
  strainShare: 0.25,
  levelsCovered: 2,
  levels: ['familial', 'social'],
  turnTo: 1,
  isolationIndex: 0.5,
  density: null,
  effectiveSize: 3.3333,
  constraint: 0.41,
  brokerage: 0,
};

describe('what the map’s forms and panels say', () => {
  it('a metric reads as a person would say it: a share in percent, levels named, what cannot be worked out in words', () => {
    expect(formatMetric('strainShare', metrics)).toBe('25 %');
    expect(formatMetric('strainShare', { ...metrics, strainShare: null })).toBe('No ties yet');
    expect(formatMetric('levelsCovered', metrics)).toBe('2 of 5 (familial, social)');
    expect(formatMetric('isolationIndex', metrics)).toBe('0.50');
    expect(formatMetric('density', metrics)).toBe('Not worked out');
    expect(formatMetric('effectiveSize', metrics)).toBe('3.33');
    expect(formatMetric('brokerage', metrics)).toBe('0');
  });

  it('an emotional pattern typed in words is stored by its known name, or as a new lower-case name', () => {
    expect(patternFromInput('Cut off')).toBe('cut_off');
    expect(patternFromInput('close')).toBe('close');
    expect(patternFromInput('Protective, at a distance')).toBe('protective_at_a_distance');
    expect(patternFromInput('Ängstlich')).toBe('angstlich');
    expect(patternFromInput('2 worried')).toBe('worried');
  });

  it('a new version is tied to today’s held session by default, never to a cancelled or another day’s one', () => {
    const now = new Date('2026-03-03T18:00:00');
    const at = (h: number, day = 3) => new Date(2026, 2, day, h).toISOString();
    expect(defaultSession([{ id: 'a', startsAt: at(9, 2), status: 'held' }, { id: 'b', startsAt: at(14), status: 'held' }], now)).toBe('b');
    expect(defaultSession([{ id: 'c', startsAt: at(14), status: 'cancelled' }], now)).toBe('');
    expect(defaultSession([], now)).toBe('');
  });
});
