import { describe, expect, it } from 'vitest';
import { planChapterEnding, planPhaseMove, planReturn } from './phases.js';

describe('the journey', () => {
  it('a chapter can move back as well as forward', () => {
    expect(planPhaseMove({ phase: 'the_work', endedAt: null }, 'assessment', ' revisiting ')).toEqual({
      from: 'the_work',
      to: 'assessment',
      note: 'revisiting',
    });
  });

  it('refuses a move to the phase the chapter is already in', () => {
    expect(() => planPhaseMove({ phase: 'planning', endedAt: null }, 'planning', '')).toThrow(/already in Planning/);
  });

  it('an ended chapter is locked to moves', () => {
    expect(() => planPhaseMove({ phase: 'transition', endedAt: new Date() }, 'the_work', '')).toThrow(/has ended/);
  });

  it('ending asks for every part of the transition summary', () => {
    expect(() =>
      planChapterEnding({ phase: 'transition', endedAt: null }, { whatWasLived: 'a year', whatRemainsOpen: ' ', doorLeftOpen: 'x' }),
    ).toThrow();
  });

  it('a return opens the next chapter, linked to the last one, only when none is open', () => {
    const ended = new Date('2025-01-01');
    expect(planReturn([{ id: 'a', number: 1, endedAt: ended }, { id: 'b', number: 2, endedAt: ended }])).toEqual({
      number: 3,
      previousChapterId: 'b',
    });
    expect(planReturn([])).toEqual({ number: 1, previousChapterId: null });
    expect(() => planReturn([{ id: 'a', number: 1, endedAt: null }])).toThrow(/still open/);
  });
});
