import { describe, expect, it } from 'vitest';
import { isDue } from './schedule.js';

const now = new Date('2026-11-23T12:00:00Z');
const weeksAgo = (w: number) => new Date(now.getTime() - w * 7 * 86_400_000);

describe('when a scheduled measure falls due', () => {
  it('after every session: when a session is held, not at other events', () => {
    const s = { rule: 'every_session' as const, everyWeeks: null, openRequest: false, lastAskedOrAnswered: weeksAgo(0) };
    expect(isDue(s, 'session_held', now)).toBe(true);
    expect(isDue(s, 'phase_changed', now)).toBe(false);
    expect(isDue(s, 'time_passed', now)).toBe(false);
  });

  it('at phase changes only', () => {
    const s = { rule: 'phase_change' as const, everyWeeks: null, openRequest: false, lastAskedOrAnswered: null };
    expect(isDue(s, 'phase_changed', now)).toBe(true);
    expect(isDue(s, 'session_held', now)).toBe(false);
  });

  it('every n weeks: due once n weeks have passed since the last ask or answer, to the day', () => {
    const s = (last: Date | null) => ({ rule: 'every_n_weeks' as const, everyWeeks: 4, openRequest: false, lastAskedOrAnswered: last });
    expect(isDue(s(null), 'time_passed', now)).toBe(true);
    expect(isDue(s(weeksAgo(4)), 'time_passed', now)).toBe(true);
    expect(isDue(s(new Date(weeksAgo(4).getTime() + 60_000)), 'time_passed', now)).toBe(false);
  });

  it('never asks twice while a request is still open', () => {
    expect(isDue({ rule: 'every_session', everyWeeks: null, openRequest: true, lastAskedOrAnswered: null }, 'session_held', now)).toBe(false);
  });
});
