/** GET /api/outcomes: caseload outcomes for a period, de-identified. */
export interface MeasureOutcome {
  instrumentKey: string;
  title: string;
  /** Clients with at least one score from this instrument in the period. */
  clients: number;
  /** Clients with a first and a later score in the period, so change can be measured. */
  clientsWithChange: number;
  /** Latest minus first, averaged over the clients with change; null when nobody has two scores. */
  averageChange: number | null;
  reliableImprovementRate: number | null;
  reliableDeteriorationRate: number | null;
  /** The rule that judged reliable change; null when the instrument has none. */
  rule: string | null;
  higherIsBetter: boolean;
}

export interface NhsTalkingTherapiesRates {
  /** Clients with paired PHQ-9 and GAD-7 scores in the period. */
  pairedClients: number;
  /** Of those, clients who were a case at the start. */
  casesAtStart: number;
  recoveryRate: number | null;
  reliableRecoveryRate: number | null;
  reliableImprovementRate: number | null;
  reliableDeteriorationRate: number | null;
  rule: string;
}

export interface NotOnTrackClient {
  /** A pseudonym ("Client 3fa9c2b8"), never a name. */
  client: string;
  instrumentKey: string;
  reason: string;
  rule: string;
}

export interface Outcomes {
  from: string;
  to: string;
  clients: number;
  /** Clients left out of every figure: no consent to the practice’s outcome research today. */
  withoutResearchConsent: number;
  measures: MeasureOutcome[];
  nhsTalkingTherapies: NhsTalkingTherapiesRates;
  notOnTrack: NotOnTrackClient[];
  /** The practice's setting: no reliable improvement by this score counts as not on track. */
  notOnTrackAfter: number;
}

/** Every outcomes query starts with this key, so a change to the practice's measure settings can refresh them all. */
export const outcomesKey = ['outcomes'] as const;
