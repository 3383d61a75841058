import { describe, expect, it } from 'vitest';
import { addMonths, dayLabel, isDay, periodInstants, presetPeriod, startOfDayIn, todayIn } from './period';

describe('the outcomes period', () => {
  it('last 12 months runs from the same date a year ago to today, both days included', () => {
    expect(presetPeriod('last-12-months', '2026-03-15')).toEqual({ from: '2025-03-15', to: '2026-03-15' });
  });

  it('last 3 months from the 31st ends the start on the shorter month’s last day', () => {
    expect(presetPeriod('last-3-months', '2026-05-31')).toEqual({ from: '2026-02-28', to: '2026-05-31' });
    expect(addMonths('2024-05-31', -3)).toBe('2024-02-29');
  });

  it('this calendar year starts on 1 January of the practice’s current year', () => {
    expect(presetPeriod('this-year', '2026-08-09')).toEqual({ from: '2026-01-01', to: '2026-08-09' });
  });

  it('today is the date where the practice is, not where the browser is', () => {
    const now = new Date('2026-03-15T03:30:00Z');
    expect(todayIn('America/Chicago', now)).toBe('2026-03-14');
    expect(todayIn('Pacific/Auckland', now)).toBe('2026-03-15');
  });

  it('the server is asked from the first day’s local midnight to the midnight after the last day', () => {
    expect(periodInstants({ from: '2026-01-10', to: '2026-01-20' }, 'America/Chicago')).toEqual({
      from: '2026-01-10T06:00:00.000Z',
      to: '2026-01-21T06:00:00.000Z',
    });
  });

  it('local midnight stays right on the days the clocks change', () => {
    // Chicago springs forward on 8 March 2026 at 02:00; midnight that day is still CST.
    expect(startOfDayIn('2026-03-08', 'America/Chicago')).toBe('2026-03-08T06:00:00.000Z');
    expect(startOfDayIn('2026-03-09', 'America/Chicago')).toBe('2026-03-09T05:00:00.000Z');
    // Auckland falls back on 5 April 2026 at 03:00: midnight that day is still NZDT (+13).
    expect(startOfDayIn('2026-04-05', 'Pacific/Auckland')).toBe('2026-04-04T11:00:00.000Z');
    expect(startOfDayIn('2026-04-06', 'Pacific/Auckland')).toBe('2026-04-05T12:00:00.000Z');
  });

  it('only real calendar dates are accepted from the address bar', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('28/02/2026')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it('days read as people write them', () => {
    expect(dayLabel('2026-03-01')).toBe('1 March 2026');
  });
});
