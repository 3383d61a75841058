import type { RelationalMap } from '../../domain/maps/map.js';

/**
 * What the PDF renderers print, as plain values. Nothing in src/server/pdf reads the database:
 * the route maps records into these shapes, choosing every field, so a relational note (or any
 * field not listed here) can never reach a PDF by accident.
 *
 * Conventions: `Date` values are moments and print in the practice's time zone; `string` dates
 * are calendar days 'YYYY-MM-DD' and print as written (except a relational map's `savedAt`, an
 * ISO moment). Labels (modality, phase, risk level…) arrive already in words, so the PDFs use the
 * same words as the screens.
 */

/** The practice, printed in the header of every page. */
export interface PracticeHeader {
  /** The practice's name: page header, and the PDF's Author. */
  name: string;
  /** Postal address or other contact line, printed small under the name; may span lines. */
  address?: string | null;
  /** IANA time zone ('America/Chicago'): every time in the PDF is printed in it, zone named. */
  timezone: string;
  /** Paper size; US Letter unless the practice prints on A4. */
  paperSize?: 'letter' | 'a4';
}

/** The person the record is about. */
export interface PdfClient {
  /** The client's name as the record uses it (legal or chosen name, as the route decides). */
  name: string;
  /** 'YYYY-MM-DD', or null when not recorded ("Not recorded" is printed). */
  dateOfBirth: string | null;
}

/** One signature block. */
export interface Signature {
  /** What this signature means, in words: 'Signed by', 'Co-signed by (supervisor)', 'Published by'. */
  label: string;
  /** The signer's name. */
  name: string;
  /** Credentials printed after the name ('LCSW', 'Associate MFT'); omitted when empty. */
  credentials?: string | null;
  /** When it was signed. */
  at: Date;
  /** The content hash recorded at signing (e.g. 'sha256:…'), printed small; omitted when absent. */
  contentHash?: string | null;
}

/** A diagnosis as it stood on a session's date. */
export interface PdfDiagnosis {
  /** ICD-10-CM code, e.g. 'F41.1' or 'Z63.0'. */
  code: string;
  /** The code's description. */
  description: string;
  /** Whether it was the primary diagnosis. */
  primary: boolean;
}

/** The facts of a held session, snapshotted on the note at signing. */
export interface PdfSessionFacts {
  /** When the session started. */
  startsAt: Date;
  /** Length in minutes. */
  minutes: number;
  /** How it was held, in words: 'In person', 'Video', 'Phone'. */
  modality: string;
  /** Who it was for, in words: 'Individual', 'Couple', 'Family', 'Group'. */
  format: string;
  /** Everyone present: the client(s) and the practitioner(s), by name. */
  participants: string[];
  /** The CPT-style service code, e.g. '90834'. */
  serviceCode: string;
  /** The service code's plain label ('Psychotherapy, 45 minutes'); printed after the code. */
  serviceLabel?: string | null;
  /** Diagnoses in effect on the session date; the primary is marked. */
  diagnoses: PdfDiagnosis[];
  /** The FORCE movements visited, by name, in order. */
  movements: string[];
}

/** One rendered section of a progress note (from renderNote in src/domain/notes/format.ts). */
export interface PdfNoteSection {
  heading: string;
  /** The section's text; blank lines separate paragraphs. */
  text: string;
}

/** The note's short risk section. */
export interface PdfRisk {
  /** The level in words: 'None noted', 'Low', 'Moderate', 'High'. */
  levelLabel: string;
  /** What was assessed; printed only when not blank. */
  summary: string;
  /** What was done about it; printed only when not blank. */
  actions: string;
}

/** An addendum to a signed note: signed when it was written, and printed after the untouched original. */
export interface PdfAddendum {
  authorName: string;
  body: string;
  signedAt: Date;
  contentHash: string;
}

/** Who made the PDF and when: printed in the footer of every page. */
export interface PdfGenerated {
  /** When the PDF was made; also its CreationDate, so equal inputs give equal files. */
  generatedAt: Date;
  /** The name of the person who downloaded it. */
  generatedBy: string;
  /** When it leaves the practice under a sharing consent: to whom, under which consent (every page says so). */
  releasedTo?: string;
}

/** A signed progress note as printed: on its own, or as one of the notes in a chapter summary. */
export interface PdfProgressNote {
  facts: PdfSessionFacts;
  /** The note's format in words: 'SOAP', 'DAP', 'BIRP'. */
  formatLabel: string;
  /** The note's sections in the format's order. */
  sections: PdfNoteSection[];
  risk: PdfRisk;
  /** The author's signature, then the supervisor's co-signature when there is one. */
  signatures: Signature[];
  /** Addenda, oldest first. */
  addenda: PdfAddendum[];
}

export interface ProgressNotePdfInput extends PdfProgressNote, PdfGenerated {
  practice: PracticeHeader;
  client: PdfClient;
}

/** A measurable step toward a goal. */
export interface PdfPlanObjective {
  statement: string;
  /** How progress is measured; printed only when not blank. */
  measure: string;
  /** 'YYYY-MM-DD' or null. */
  targetDate: string | null;
}

export interface PdfPlanGoal {
  statement: string;
  /** 'YYYY-MM-DD' or null. */
  targetDate: string | null;
  objectives: PdfPlanObjective[];
  /** What the practitioner will offer toward this goal. */
  interventions: string[];
}

export interface PdfPlanProblem {
  statement: string;
  goals: PdfPlanGoal[];
}

/** One published version of a chapter's treatment plan. */
export interface PdfPlanVersion {
  /** 1, 2, 3… */
  version: number;
  /** 'YYYY-MM-DD' or null. */
  reviewDate: string | null;
  createdAt: Date;
  createdByName: string;
  /** The client's intentions in their own words; printed first, as written. */
  clientIntentions: string;
  problems: PdfPlanProblem[];
  /** Emergent themes linked into the plan, in words (e.g. 'Belonging — recurring'). */
  themes: string[];
  /** The client's acknowledgements of this version in the portal. */
  acknowledgements: Array<{ name: string; at: Date }>;
  /** What changed since the previous version, in words; the section is left out when absent or empty. */
  changes?: string[];
  /** Signature blocks for this version (e.g. 'Published by'); may be empty. */
  signatures?: Signature[];
}

export interface PlanPdfInput extends PdfPlanVersion, PdfGenerated {
  practice: PracticeHeader;
  client: PdfClient;
  /** The chapter of care the plan belongs to. */
  chapterNumber: number;
  signatures: Signature[];
}

/** The words written when a chapter ended. */
export interface PdfTransition {
  whatWasLived: string;
  whatRemainsOpen: string;
  doorLeftOpen: string;
}

/** A diagnosis with its history: ended diagnoses stay in the summary. */
export interface PdfDiagnosisHistoryEntry extends PdfDiagnosis {
  /** Why this diagnosis, in context; printed only when not blank. */
  context: string;
  /** 'YYYY-MM-DD'. */
  startsOn: string;
  /** 'YYYY-MM-DD', or null while in effect. */
  endsOn: string | null;
}

export interface PdfChapter {
  number: number;
  openedAt: Date;
  /** Null while the chapter is open. */
  endedAt: Date | null;
  /** The chapter's current phase in words ('The work', 'Transition'). */
  phaseLabel: string;
  /** Why the chapter opened, as written when it did; printed only when not blank. */
  openingNote: string;
  /** Null until the chapter ends. */
  transition: PdfTransition | null;
}

export interface ChapterSummaryPdfInput extends PdfGenerated {
  practice: PracticeHeader;
  client: PdfClient;
  chapter: PdfChapter;
  /** Every diagnosis touching the chapter, oldest first, ended ones included. */
  diagnoses: PdfDiagnosisHistoryEntry[];
  /** Published plan versions, printed in the order given (oldest first reads best). */
  planVersions: PdfPlanVersion[];
  /** Signed progress notes of the chapter, printed in the order given (oldest first reads best). */
  notes: PdfProgressNote[];
  /** Relational map versions saved during the chapter; the newest two are drawn, newest first. */
  relationalMaps: PdfRelationalMap[];
  /** Said in place of the maps when they were left out on purpose (a release the client's consent does not extend to them). */
  relationalMapsWithheld?: string;
}

/** A saved version of the client's relational map, drawn as an ecomap. */
export interface PdfRelationalMap {
  /** The version's number: 1, 2, 3… */
  number: number;
  /** When it was saved: an ISO moment ('2026-03-04T23:05:00.000Z'), printed as a day in the practice's time zone. */
  savedAt: string;
  /** The version's label as saved; printed only when not blank. */
  label: string;
  map: RelationalMap;
}
