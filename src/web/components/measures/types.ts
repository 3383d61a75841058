import type { Band, InstrumentDefinition } from '../../../domain/measures/definition';
import type { ChangeResult, ClinicalSignificance, NhsTalkingTherapiesOutcome, NotOnTrack } from '../../../domain/measures/change';

/** What the server answers once a questionnaire is sent (portal, link or in session). */
export interface Completed {
  /** A risk answer: the practice's crisis resources, shown at once; null otherwise. */
  crisisResources: string | null;
  alertRaised: boolean;
  message?: string;
  score?: { total: number; severity: { key: string; label: string; source: string }; risk: boolean; title: string };
}

export interface MeasureRequest {
  id: string;
  clientId: string;
  instrumentKey: string;
  channel: string;
  status: string;
  expiresAt: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface PortalMeasure extends MeasureRequest {
  definition: InstrumentDefinition;
}

export interface Instrument {
  id: string;
  version: string;
  title: string;
  source: 'shipped' | 'imported' | string;
  citations: string[];
  questions: number;
}

export interface ScorePoint {
  responseId: string;
  at: string;
  total: number;
  severityKey: string;
  risk: boolean;
  sessionId: string | null;
}

export interface MeasureSummary {
  instrumentKey: string;
  ratedBy: 'client' | 'practitioner' | string;
  title: string;
  bands: Band[];
  scores: ScorePoint[];
  change: ChangeResult | null;
  clinical: ClinicalSignificance | null;
  notOnTrack: NotOnTrack | null;
}

export interface ClientMeasures {
  summaries: MeasureSummary[];
  nhsTalkingTherapies: NhsTalkingTherapiesOutcome | null;
  openRequests: MeasureRequest[];
}

export interface RiskAlert {
  id: string;
  clientId: string;
  clientName: string;
  rules: string[];
  raisedAt: string;
  instrumentKey: string;
  total: number;
}

export const measureKeys = {
  riskAlerts: ['risk-alerts'] as const,
  instruments: ['instruments'] as const,
  instrument: (key: string) => ['instrument', key] as const,
  client: (clientId: string) => ['client-measures', clientId] as const,
  portal: ['portal', 'measures'] as const,
};
