import type { PlanContent } from '../../../domain/plans/plan';
import type { UnitKind } from '../clinical/types';

/** Shapes of the record API answers (src/server/routes/{diagnoses,plans,portal}.ts), in one place for the pages. */

export interface IcdCode {
  code: string;
  description: string;
  billable: boolean;
}

export interface Diagnosis {
  id: string;
  code: string;
  description: string;
  context: string;
  primary: boolean;
  startsOn: string;
  endsOn: string | null;
  createdByName: string | null;
  createdAt: string;
  version: number;
}

export interface PlanVersion {
  version: number;
  content: PlanContent;
  reviewDate: string | null;
  createdAt: string;
  createdByName: string | null;
  changes: string[];
  acknowledgements: Array<{ name: string; at: string }>;
}

export interface Plan {
  id: string;
  clientId: string;
  chapterId: string;
  draft: PlanContent;
  draftReviewDate: string | null;
  draftVersion: number;
  /** Newest first. */
  versions: PlanVersion[];
}

export interface PlanAnswer {
  plan: Plan | null;
}

/** What the plan editor autosaves: the draft content and its review date. */
export interface PlanDraft {
  content: PlanContent;
  reviewDate: string | null;
}

// ── Portal (client role) ────────────────────────────────────────────────

export interface PortalNote {
  id: string;
  sessionStartsAt: string;
  practitionerName: string;
  format: string;
  /** The common part; [] when only my own section of a unit session's note was shared with me. */
  sections: Array<{ heading: string; text: string }>;
  /** The couple, family or group the session was for; null for my own sessions. */
  unitName: string | null;
  /** The unit's kind ("Couple session · Dana & Kofi"); null for my own sessions. */
  unitKind: UnitKind | null;
  /** My own section of a unit session's note, when it was shared with me (never anyone else's). */
  mySection: string | null;
  signedAt: string | null;
  addenda: Array<{ body: string; signedAt: string; authorName: string }>;
  comments: Array<{ id: string; body: string; createdAt: string; mine: boolean }>;
}

export interface Reflection {
  body: string;
  version: number;
  updatedAt: string;
}

export interface PortalSession {
  id: string;
  startsAt: string;
  minutes: number;
  practitionerName: string;
  /** A session with my couple, family or group; null for my own sessions. */
  unitName: string | null;
  unitKind: UnitKind | null;
  reflection: Reflection | null;
}

export interface PortalPlanObjective {
  statement: string;
  measure?: string;
  targetDate: string | null;
}

export interface PortalPlanGoal {
  statement: string;
  targetDate: string | null;
  objectives?: PortalPlanObjective[];
}

export interface PortalPlanProblem {
  statement: string;
  goals: PortalPlanGoal[];
}

export interface PortalPlan {
  planId: string;
  version: number;
  clientIntentions: string;
  problems: PortalPlanProblem[];
  reviewDate: string | null;
  acknowledged: { name: string; at: string } | null;
}

export interface PortalPlanAnswer {
  plan: PortalPlan | null;
}

/** Query keys of the record pages; invalidate what a change touches. */
export const recordKeys = {
  diagnoses: (clientId: string) => ['diagnoses', clientId] as const,
  plan: (clientId: string, chapterId: string) => ['plan', clientId, chapterId] as const,
  clientNotes: (clientId: string) => ['progress-notes', 'client', clientId] as const,
  journey: (clientId: string) => ['journey', clientId] as const,
  portalNotes: ['portal', 'notes'] as const,
  portalSessions: ['portal', 'sessions'] as const,
  portalPlan: ['portal', 'plan'] as const,
};
