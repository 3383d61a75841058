/**
 * When a scheduled measure falls due. A schedule says every session, every n weeks, or at phase
 * changes; events (a session marked held, a phase move, a portal visit) ask whether a new request
 * should be made. Nothing is asked twice while a request for the same instrument is still open.
 */
export type ScheduleRule = 'every_session' | 'every_n_weeks' | 'phase_change';
export type ScheduleEvent = 'session_held' | 'phase_changed' | 'time_passed';

export const scheduleRuleLabels: Record<ScheduleRule, string> = {
  every_session: 'After every session',
  every_n_weeks: 'Every few weeks',
  phase_change: 'When the chapter moves to another phase',
};

export interface ScheduleState {
  rule: ScheduleRule;
  everyWeeks: number | null;
  /** An open (not completed, not expired) request for this instrument already waits. */
  openRequest: boolean;
  /** When the client last completed this instrument, or was last asked. */
  lastAskedOrAnswered: Date | null;
}

export function isDue(state: ScheduleState, event: ScheduleEvent, now: Date): boolean {
  if (state.openRequest) return false;
  switch (state.rule) {
    case 'every_session':
      return event === 'session_held';
    case 'phase_change':
      return event === 'phase_changed';
    case 'every_n_weeks': {
      const weeks = state.everyWeeks ?? 4;
      if (!state.lastAskedOrAnswered) return true;
      return now.getTime() - state.lastAskedOrAnswered.getTime() >= weeks * 7 * 86_400_000;
    }
  }
}
