import { describe, expect, it } from 'vitest';
import { percentile, ratio, summarise } from './stats.js';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns the sample at rank ceil(p × n), so p95 of 1..100 is 95', () => {
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 1)).toBe(1);
  });

  it('always reports a time that was actually measured, never an interpolated one', () => {
    const sorted = [1, 2, 10, 20];
    expect(percentile(sorted, 50)).toBe(2);
    expect(percentile(sorted, 51)).toBe(10);
    expect(percentile(sorted, 95)).toBe(20);
  });

  it('takes the single sample when there is only one', () => {
    expect(percentile([7.5], 50)).toBe(7.5);
    expect(percentile([7.5], 95)).toBe(7.5);
  });

  it('refuses an empty list or a percentile outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(/at least one sample/);
    expect(() => percentile([1], 0)).toThrow(/between 0/);
    expect(() => percentile([1], 101)).toThrow(/between 0/);
  });
});

describe('summarise', () => {
  it('gives p50, p95, mean, min and max of unsorted samples without reordering them', () => {
    const samples = [5, 1, 4, 2, 3];
    const s = summarise(samples);
    expect(s).toEqual({ n: 5, p50: 3, p95: 5, mean: 3, min: 1, max: 5 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('puts p95 of 200 runs at the 190th fastest, so ten slow runs do not hide', () => {
    const samples = Array.from({ length: 200 }, (_, i) => (i < 190 ? 1 : 100));
    expect(summarise(samples).p95).toBe(1);
    samples[189] = 100;
    expect(summarise(samples).p95).toBe(100);
  });
});

describe('ratio', () => {
  it('divides ours by bare and says nothing rather than Infinity when bare took no time', () => {
    expect(ratio(3, 1.5)).toBe(2);
    expect(ratio(3, 0)).toBeNull();
  });
});
