export interface NamedPrompt {
  key: string;
  name: string;
  prompt: string;
}

export interface PracticeDetail {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  about: string;
  crisisResources: string;
  settings: {
    idleTimeoutMinutes: number;
    requireMfaForClinicians: boolean;
    forceMovementsAreDefault: boolean;
    commonFactorsAreDefault: boolean;
    noteFormat: 'soap' | 'dap' | 'birp';
    unsignedNoteDays: number;
    planReviewDays: number;
    /** No reliable improvement by this score on a measure flags a client as not on track. */
    notOnTrackAfter: number;
    /** Per instrument, the SD and reliability used for reliable change instead of the published rule. */
    measureChange: Record<string, { sd: number; reliability: number }>;
  };
  forceMovements: NamedPrompt[];
  commonFactors: NamedPrompt[];
  defaults: { forceMovements: NamedPrompt[]; commonFactors: NamedPrompt[] };
}

export const practiceKey = ['practice'] as const;
