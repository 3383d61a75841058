import type { Phase } from '../../../domain/journey/phases';
import type { SessionStatus } from '../../../domain/sessions/rules';

/** Shapes of the clinical API answers (see src/server/routes/*.ts); kept in one place for the pages. */

export type SessionFormat = 'individual' | 'couple' | 'family' | 'group';
export type SessionModality = 'in_person' | 'video' | 'phone';
export type ClientPhase = Phase | 'ended';

export interface Practitioner {
  id: string;
  displayName: string;
  pronouns: string | null;
  credentials: string | null;
  roles: string[];
}

export interface NamedPrompt {
  key: string;
  name: string;
  prompt: string;
}

export interface Practice {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  forceMovements: NamedPrompt[];
  commonFactors: NamedPrompt[];
}

export interface ClientRow {
  id: string;
  name: string;
  pronouns: string | null;
  currentPhase: ClientPhase;
  primaryPractitionerId: string | null;
  primaryPractitionerName: string | null;
  nextSessionAt: string | null;
  lastSessionAt: string | null;
}

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The profile fields a person can write in their own words. */
export interface ClientProfile {
  name: string;
  legalName: string;
  pronouns: string;
  culturalIdentities: string;
  communities: string;
  email: string;
  phone: string;
  preferredContact: string;
  dateOfBirth: string;
  emergencyContactName: string;
  emergencyContactPhone: string;
  emergencyContactRelationship: string;
  concerns: string;
  resilience: string;
  connection: string;
  vitality: string;
}

export interface Client {
  id: string;
  name: string;
  legalName: string | null;
  pronouns: string | null;
  culturalIdentities: string | null;
  communities: string | null;
  email: string | null;
  phone: string | null;
  preferredContact: string | null;
  dateOfBirth: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  emergencyContactRelationship: string | null;
  concerns: string | null;
  resilience: string | null;
  connection: string | null;
  vitality: string | null;
  currentPhase: ClientPhase;
  version: number;
  createdAt: string;
  updatedAt: string;
  practitioners: Array<{ id: string; displayName: string; kind: 'primary' | 'additional' }>;
  access: 'admin' | 'care' | 'supervision' | 'self';
}

export interface PhaseMove {
  id: string;
  fromPhase: Phase | null;
  toPhase: Phase;
  movedAt: string;
  movedByName: string | null;
  note: string | null;
}

export interface Chapter {
  id: string;
  number: number;
  phase: Phase;
  openedAt: string;
  openingNote: string | null;
  previousChapterId: string | null;
  endedAt: string | null;
  whatWasLived: string | null;
  whatRemainsOpen: string | null;
  doorLeftOpen: string | null;
  version: number;
  moves: PhaseMove[];
}

export interface Session {
  id: string;
  clientId: string;
  clientName: string;
  chapterId: string | null;
  practitionerId: string;
  practitionerName: string;
  seriesId: string | null;
  startsAt: string;
  minutes: number;
  format: SessionFormat;
  modality: SessionModality;
  status: SessionStatus;
  statusNote: string | null;
  movements: string[];
  version: number;
}

export interface Journey {
  chapters: Chapter[];
  sessions: Session[];
}

export type InquiryStatus = 'new' | 'replied' | 'accepted' | 'declined';

export interface Inquiry {
  id: string;
  name: string;
  contact: string;
  whatBrings: string;
  preferredPractitionerId: string | null;
  preferredPractitionerName: string | null;
  status: InquiryStatus;
  createdAt: string;
  clientId: string | null;
}

export interface InquiryReply {
  id: string;
  authorId: string;
  authorName: string | null;
  body: string;
  createdAt: string;
}

export interface InquiryDetail extends Inquiry {
  replies: InquiryReply[];
}
