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
  diagnoses: Array<{ code: string; description: string; primary: boolean }>;
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
  sharedWithClient: boolean;
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
  reflection: { body: string; updatedAt: string } | null;
  canWrite: boolean;
}

/** The part of a progress note that autosave sends. */
export interface ProgressDraft {
  format: NoteFormat;
  fields: ProgressFields;
  risk: Risk;
  serviceCode: string;
  themeIds: string[];
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
  authorName: string;
  sessionStartsAt: string;
  signedAt: string | null;
}

export interface Todo {
  unsignedNotes: Array<{ noteId: string; sessionId: string; clientId: string; clientName: string; sessionStartsAt: string; daysOld: number }>;
  sessionsWithoutNote: Array<{ sessionId: string; clientId: string; clientName: string; startsAt: string }>;
  returnedNotes: Array<{ noteId: string; sessionId: string; clientId?: string; clientName: string; comment: string }>;
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
