import type { RelationalMap } from '../../../domain/maps/map';
import type { ConnectionMetrics } from '../../../domain/maps/metrics';
import type { MapDiff } from '../../../domain/maps/diff';

/** Shapes of the relational map API answers (src/server/routes/maps.ts). */

export interface PersonRef {
  id: string;
  name: string;
}

export interface MapVersionSummary {
  id: string;
  number: number;
  savedAt: string;
  savedBy: PersonRef | null;
  sessionId: string | null;
  sessionStartsAt: string | null;
  label: string;
  metrics: ConnectionMetrics;
  nodeCount: number;
  tieCount: number;
}

/** GET / PUT /api/clients/:clientId/map: the working copy with its problems, metrics and versions. */
export interface MapState {
  map: RelationalMap;
  /** 0 when the map has never been saved. */
  version: number;
  updatedAt: string | null;
  updatedBy: PersonRef | null;
  problems: Record<string, string>;
  metrics: ConnectionMetrics;
  /** Newest first. */
  versions: MapVersionSummary[];
}

export interface SavedVersion {
  version: MapVersionSummary;
  workingVersion: number;
}

export interface MapComparison {
  from: MapVersionSummary;
  /** null: the working copy. */
  to: MapVersionSummary | null;
  before: RelationalMap;
  after: RelationalMap;
  diff: MapDiff;
  sentences: string[];
  counts: { added: number; lost: number; strengthened: number; weakened: number; qualityChanged: number };
}

export const mapKeys = {
  map: (clientId: string) => ['map', clientId] as const,
  version: (clientId: string, versionId: string) => ['map', clientId, 'version', versionId] as const,
  compare: (clientId: string, from: string, to: string) => ['map', clientId, 'compare', from, to] as const,
};

export const mapUrl = (clientId: string) => `/api/clients/${clientId}/map`;
