import { z } from 'zod';
import { DomainError, invalid } from '../shared/errors.js';

/** The phases of a chapter of care. Care is cyclical: any phase may follow any other. */
export const phases = ['reaching_out', 'assessment', 'diagnosis', 'planning', 'the_work', 'transition'] as const;
export const phaseSchema = z.enum(phases);
export type Phase = (typeof phases)[number];

export const phaseLabels: Record<Phase, string> = {
  reaching_out: 'Reaching out',
  assessment: 'Assessment',
  diagnosis: 'Diagnosis',
  planning: 'Planning',
  the_work: 'The work',
  transition: 'Transition',
};

export interface ChapterState {
  phase: Phase;
  endedAt: Date | null;
}

/** A move to another phase: forward or back, never to the phase it is already in, never in an ended chapter. */
export function planPhaseMove(chapter: ChapterState, to: Phase, note: string): { from: Phase; to: Phase; note: string } {
  if (chapter.endedAt) throw new DomainError('locked', 'This chapter has ended. Open a new chapter to continue care.');
  if (chapter.phase === to) throw invalid(`The chapter is already in ${phaseLabels[to]}.`, { to: 'Choose another phase.' });
  return { from: chapter.phase, to, note: note.trim() };
}

export const transitionSummarySchema = z.object({
  whatWasLived: z.string().trim().min(1, 'Say something of what was lived in this chapter.').max(20000),
  whatRemainsOpen: z.string().trim().min(1, 'Say what remains open, even if it is "nothing for now".').max(20000),
  doorLeftOpen: z.string().trim().min(1, 'Say how the door is left open.').max(20000),
});
export type TransitionSummary = z.infer<typeof transitionSummarySchema>;

/** Ending asks for the transition summary; an ended chapter cannot end twice. */
export function planChapterEnding(chapter: ChapterState, summary: TransitionSummary): TransitionSummary {
  if (chapter.endedAt) throw new DomainError('conflict', 'This chapter has already ended.');
  return transitionSummarySchema.parse(summary);
}

/** A return opens a new chapter only when no chapter is open. */
export function planReturn(chapters: ReadonlyArray<{ id: string; number: number; endedAt: Date | null }>): {
  number: number;
  previousChapterId: string | null;
} {
  if (chapters.some((c) => !c.endedAt)) {
    throw new DomainError('conflict', 'A chapter is still open. End it before opening a new one.');
  }
  const last = [...chapters].sort((a, b) => b.number - a.number)[0];
  return { number: (last?.number ?? 0) + 1, previousChapterId: last?.id ?? null };
}
