import type { NoteFormat, ProgressFields } from '../../../domain/notes/format';
import type { Risk } from '../../../domain/notes/progress';
import type { RelationalFields } from '../../../domain/notes/relational';
import type { ThemeStage } from '../../../domain/themes/arc';

/** Shapes of the documentation API answers (src/server/routes/notes.ts and themes.ts). */

export interface SessionFacts {
  date: string;
  minutes: number;
  modality: string;
  format: string;
  participants: string[];
  serviceCode: string;
  /** On a unit session, `person` names whose diagnosis it is. */
  diagnoses: Array<{ code: string; description: string; primary: boolean; person?: string }>;
  movements: Array<{ key: string; name: string }>;
}

export interface Cosign {
  status: 'pending' | 'cosigned' | 'returned';
  supervisorName: string | null;
  at: string | null;
  comment: string;
}

export interface Addendum {
  id: string;
  authorName: string;
  body: string;
  signedAt: string;
  contentHash: string;
}

export interface NoteComment {
  id: string;
  authorName: string;
  body: string;
  createdAt: string;
}

/** One attending client's own section of a unit session's note: only ever shared with that client. */
export interface PersonSection {
  clientId: string;
  name: string;
  text: string;
  shared: boolean;
}

/** What autosave sends of a person's section. */
export interface PersonSectionText {
  clientId: string;
  text: string;
}

export interface ProgressNote {
  id: string;
  sessionId: string;
  clientId: string;
  chapterId: string | null;
  authorId: string;
  authorName: string;
  format: NoteFormat;
  fields: ProgressFields;
  risk: Risk;
  serviceCode: string;
  themeIds: string[];
  status: 'draft' | 'signed';
  signedAt: string | null;
  signedByName: string | null;
  contentHash: string | null;
  facts: SessionFacts | null;
  cosign: Cosign | null;
  /** For a unit session: the common part is shared with everyone who attended. */
  sharedWithClient: boolean;
  /** One per client who attended a unit session ([] for an individual session); in one client's list, only theirs. */
  personSections: PersonSection[];
  /** The unit's name for a unit session's note, else null. */
  unitName: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  addenda: Addendum[];
  comments: NoteComment[];
}

export interface ProgressNoteAnswer {
  note: ProgressNote | null;
  defaultFormat: NoteFormat;
  facts: SessionFacts;
  /** The reflection of the session's own client (for a unit session, its first client). */
  reflection: { body: string; updatedAt: string } | null;
  /** Every reflection written on the session: one per client on a unit session. */
  reflections: Array<{ clientId: string; name: string; body: string; updatedAt: string }>;
  canWrite: boolean;
}

/** The part of a progress note that autosave sends. */
export interface ProgressDraft {
  format: NoteFormat;
  fields: ProgressFields;
  risk: Risk;
  serviceCode: string;
  themeIds: string[];
  /** Unit sessions only (absent otherwise, so an individual note's save is unchanged): the written sections, sorted by client id. */
  personSections?: PersonSectionText[];
}

export interface RelationalNote {
  id: string;
  sessionId: string;
  clientId: string;
  authorId: string;
  fields: RelationalFields;
  themeIds: string[];
  sharedWithSupervisorId: string | null;
  sharedWithSupervisorName: string | null;
  sharedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RelationalDraft {
  fields: RelationalFields;
  themeIds: string[];
}

export interface Theme {
  id: string;
  clientId: string;
  name: string;
  description: string;
  stage: ThemeStage;
  firstSeenAt: string | null;
  sessions: Array<{ sessionId: string; startsAt: string; layer: 'progress' | 'relational' }>;
  arc: Array<{ stage: ThemeStage; at: string; byName: string; note: string }>;
  inPlan: boolean;
}

export interface ThemesAnswer {
  themes: Theme[];
  planGoals: Array<{ chapterId: string; version: number; goal: string }>;
}

export interface ServiceCodeOption {
  code: string;
  label: string;
  minMinutes?: number;
  maxMinutes?: number;
  formats: string[];
}

export interface CosignItem {
  noteId: string;
  sessionId: string;
  clientId: string;
  clientName: string;
  /** The couple, family or group, for a unit's session. */
  unitName: string | null;
  authorName: string;
  sessionStartsAt: string;
  signedAt: string | null;
}

export interface Todo {
  unsignedNotes: Array<{ noteId: string; sessionId: string; clientId: string; clientName: string; unitName: string | null; sessionStartsAt: string; daysOld: number }>;
  sessionsWithoutNote: Array<{ sessionId: string; clientId: string; clientName: string; unitName: string | null; startsAt: string }>;
  returnedNotes: Array<{ noteId: string; sessionId: string; clientId?: string; clientName: string; unitName: string | null; comment: string }>;
  cosignQueue: CosignItem[];
  plansDueReview?: Array<{ clientId: string; clientName: string; chapterId: string; reviewDate: string }>;
  unsignedNoteDays?: number;
}

export interface SharedRelationalItem {
  noteId: string;
  authorName: string;
  clientInitials: string;
  sessionStartsAt: string;
  sharedAt: string | null;
}

/** Query keys for the documentation pages; invalidate what a change touches. */
export const notesKeys = {
  progress: (sessionId: string) => ['progress-note', sessionId] as const,
  relational: (sessionId: string) => ['relational-note', sessionId] as const,
  themes: (clientId: string) => ['themes', clientId] as const,
  serviceCodes: ['service-codes'] as const,
  todo: ['todo'] as const,
  cosignQueue: ['cosign-queue'] as const,
  sharedRelational: ['supervision', 'relational-notes'] as const,
};
