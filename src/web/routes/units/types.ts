import type { UnitKind } from '../../../domain/units/units';

/** Shapes of the relational-unit API answers (src/server/routes/units.ts). */

export interface UnitMember {
  id: string;
  kind: 'client' | 'related';
  /** Set for a client of the practice; null for a related person without an account. */
  clientId: string | null;
  name: string;
  relationship: string;
  note: string;
  /** Comes to sessions: put on the attendance list of the unit's new sessions. */
  attends: boolean;
  joinedAt: string;
  leftAt: string | null;
}

export interface Unit {
  id: string;
  kind: UnitKind;
  name: string;
  note: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Current members first (in joining order), then those who left. */
  members: UnitMember[];
  /** Whether the signed-in person may change it (care or admin); a supervisor reads only. */
  canEdit: boolean;
}

/** A unit's sessions are ordinary sessions carrying their unit and attendance list. */
export type { Session as UnitSession, SessionAttendee } from '../../components/clinical/types';

/** A related person as the create and add-member routes take it. */
export interface RelatedPersonBody {
  name: string;
  relationship?: string;
  note?: string;
  attends?: boolean;
}

export const unitKeys = {
  ofClient: (clientId: string) => ['units', 'client', clientId] as const,
  unit: (unitId: string) => ['unit', unitId] as const,
  sessions: (unitId: string) => ['unit', unitId, 'sessions'] as const,
};

export const unitUrl = (unitId: string) => `/api/units/${unitId}`;
export const clientUnitsUrl = (clientId: string) => `/api/clients/${clientId}/units`;
