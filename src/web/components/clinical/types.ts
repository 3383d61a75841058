import type { Phase } from '../../../domain/journey/phases';
import type { SessionStatus } from '../../../domain/sessions/rules';
import type { Attendance, SessionAttendee, UnitKind } from '../../../domain/units/units';

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

/** A relational unit's kind, a person's attendance and the attendance list: the domain's own types. */
export type { Attendance, SessionAttendee, UnitKind } from '../../../domain/units/units';

export interface Session {
  id: string;
  /** For a unit session, the first client member's ("lead"): link to the unit page instead. */
  clientId: string;
  clientName: string;
  unitId: string | null;
  unitName: string | null;
  unitKind: UnitKind | null;
  /** The attendance list of a unit session; [] for an individual session. */
  attendees: SessionAttendee[];
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

const unitKindWords: Record<UnitKind, string> = { couple: 'couple', family: 'family', group: 'group' };

/** "Couple session", "Family session", "Group session" ("Session together" when the kind is not known). */
export function unitSessionWord(kind: UnitKind | null | undefined): string {
  return kind ? `${kindWord(kind)} session` : 'Session together';
}

const kindWord = (kind: UnitKind) => unitKindWords[kind].charAt(0).toUpperCase() + unitKindWords[kind].slice(1);

/** Who a session is with, as lists show it: "Dana & Kofi · couple" for a unit session, else the client's name. */
export function sessionWho(s: Pick<Session, 'clientName' | 'unitName' | 'unitKind'>): string {
  return s.unitName ? `${s.unitName} · ${s.unitKind ? unitKindWords[s.unitKind] : 'together'}` : s.clientName;
}

/** Where "who the session is with" leads: the unit page for a unit session, else the client's page. */
export function sessionWhoPath(s: Pick<Session, 'clientId' | 'unitId'>): string {
  return s.unitId ? `/units/${s.unitId}` : `/clients/${s.clientId}`;
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
