import { describe, expect, it } from 'vitest';
import { checkMovements, checkStatusChange, occurrences } from './rules.js';

describe('session rules', () => {
  it('a weekly series keeps its local time across the clocks changing', () => {
    // 9:00 in New York on 2026-10-26 (EDT), then 2026-11-02 (EST, after the change on 1 Nov).
    const first = new Date('2026-10-26T13:00:00Z');
    const [a, b] = occurrences(first, 'weekly', 2, 'America/New_York');
    expect(a?.toISOString()).toBe('2026-10-26T13:00:00.000Z');
    expect(b?.toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('a fortnightly series is two weeks apart', () => {
    const list = occurrences(new Date('2026-01-05T10:00:00Z'), 'fortnightly', 3, 'UTC');
    expect(list.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-01-05', '2026-01-19', '2026-02-02']);
  });

  it('refuses a series of one or of more than a year of weekly sessions', () => {
    expect(() => occurrences(new Date(), 'weekly', 1, 'UTC')).toThrow(/between 2 and 52/);
    expect(() => occurrences(new Date(), 'weekly', 53, 'UTC')).toThrow(/between 2 and 52/);
  });

  it('a future session cannot be marked held, a cancelled one cannot be held', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(() => checkStatusChange('scheduled', 'held', new Date('2026-03-02T10:00:00Z'), now)).toThrow(/once its time/);
    expect(() => checkStatusChange('cancelled', 'held', new Date('2026-02-01T10:00:00Z'), now)).toThrow(/cannot be marked/);
    expect(() => checkStatusChange('scheduled', 'held', new Date('2026-03-01T09:00:00Z'), now)).not.toThrow();
  });

  it('movements must be the practice’s own, and may repeat', () => {
    expect(checkMovements(['f', 'r', 'f'], ['f', 'o', 'r', 'c', 'e'])).toEqual(['f', 'r', 'f']);
    expect(() => checkMovements(['x'], ['f'])).toThrow(/Unknown movement/);
  });
});
