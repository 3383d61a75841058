import { and, desc, eq, gte, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { clients, relationalMaps, relationalMapVersions, sessions, users } from '../schema/index.js';
import type { Actor } from '../../domain/people/roles.js';
import { canonicalMap, mapProblems, newMap, type RelationalMap } from '../../domain/maps/map.js';
import { connectionMetrics } from '../../domain/maps/metrics.js';
import { describeDiff, diffMaps, tieChangeCounts } from '../../domain/maps/diff.js';
import { conflict, DomainError, invalid, notFound } from '../../domain/shared/errors.js';
import { sha256 } from './notes.js';

const versionFields = {
  id: relationalMapVersions.id,
  number: relationalMapVersions.number,
  savedAt: relationalMapVersions.savedAt,
  savedById: relationalMapVersions.savedBy,
  savedByName: users.displayName,
  sessionId: relationalMapVersions.sessionId,
  sessionStartsAt: sessions.startsAt,
  label: relationalMapVersions.label,
  metrics: relationalMapVersions.metrics,
  map: relationalMapVersions.map,
};

type VersionRow = {
  id: string;
  number: number;
  savedAt: Date;
  savedById: string | null;
  savedByName: string | null;
  sessionId: string | null;
  sessionStartsAt: Date | null;
  label: string;
  metrics: ReturnType<typeof connectionMetrics>;
  map: RelationalMap;
};

function summary(v: VersionRow) {
  return {
    id: v.id,
    number: v.number,
    savedAt: v.savedAt,
    savedBy: v.savedById ? { id: v.savedById, name: v.savedByName ?? '' } : null,
    sessionId: v.sessionId,
    sessionStartsAt: v.sessionStartsAt,
    label: v.label,
    metrics: v.metrics,
    nodeCount: v.map.nodes.length,
    tieCount: v.map.ties.length,
  };
}
export type MapVersionSummary = ReturnType<typeof summary>;

function versionQuery(db: Db, practiceId: string, clientId: string) {
  return db
    .select(versionFields)
    .from(relationalMapVersions)
    .leftJoin(users, and(eq(users.practiceId, relationalMapVersions.practiceId), eq(users.id, relationalMapVersions.savedBy)))
    .leftJoin(sessions, and(eq(sessions.practiceId, relationalMapVersions.practiceId), eq(sessions.id, relationalMapVersions.sessionId)))
    .where(and(eq(relationalMapVersions.practiceId, practiceId), eq(relationalMapVersions.clientId, clientId)))
    .$dynamic();
}

export async function clientName(db: Db, practiceId: string, clientId: string): Promise<string> {
  const [row] = await db.select({ name: clients.name }).from(clients).where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)));
  if (!row) throw notFound('The client');
  return row.name;
}

async function workingRow(db: Db, practiceId: string, clientId: string) {
  const [row] = await db
    .select({
      map: relationalMaps.map,
      version: relationalMaps.version,
      updatedAt: relationalMaps.updatedAt,
      updatedById: relationalMaps.updatedBy,
      updatedByName: users.displayName,
    })
    .from(relationalMaps)
    .leftJoin(users, and(eq(users.practiceId, relationalMaps.practiceId), eq(users.id, relationalMaps.updatedBy)))
    .where(and(eq(relationalMaps.practiceId, practiceId), eq(relationalMaps.clientId, clientId)));
  return row ?? null;
}

/** The fingerprint of a canonical map (as parsed by its schema, so keys are in one order). */
export function mapContentHash(map: RelationalMap): string {
  return sha256(JSON.stringify(map));
}

/** Every saved version of a client's map, newest first, without the maps themselves. */
export async function listMapVersions(db: Db, practiceId: string, clientId: string): Promise<MapVersionSummary[]> {
  const rows = await versionQuery(db, practiceId, clientId).orderBy(desc(relationalMapVersions.number));
  return rows.map(summary);
}

/**
 * The working copy as the editor opens it: the map (a fresh one with the client alone when
 * nothing has been drawn yet, version 0), what keeps it from being saved as a version, its
 * metrics, and the saved versions.
 */
export async function getMap(db: Db, actor: Actor, clientId: string) {
  const row = await workingRow(db, actor.practiceId, clientId);
  const map = row?.map ?? newMap(await clientName(db, actor.practiceId, clientId), clientId);
  return {
    map,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedById ? { id: row.updatedById, name: row.updatedByName ?? '' } : null,
    problems: mapProblems(map),
    metrics: connectionMetrics(map),
    versions: await listMapVersions(db, actor.practiceId, clientId),
  };
}
export type MapView = Awaited<ReturnType<typeof getMap>>;

/**
 * Autosaves the working copy. A map with problems is still kept (nothing typed is lost); its
 * problems come back with it. Version 0 creates the working copy; a stale version is a 409 with
 * the saved copy.
 */
export async function saveMapDraft(db: Db, actor: Actor, clientId: string, input: { map: RelationalMap; version: number }) {
  try {
    await saveWorking(db, actor, clientId, input.map, input.version, new Date());
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'conflict') throw e;
    const current = await getMap(db, actor, clientId);
    if (current.version === 0) throw notFound('The relational map');
    throw conflict('The map was changed elsewhere since you opened it. Both versions are shown so nothing is lost.', current);
  }
  return getMap(db, actor, clientId);
}

/**
 * Saves the map as the next dated version, in one transaction with the working copy: sound
 * (every problem named), different from the latest version, and tied to one of the client's own
 * sessions when a session is given. The metrics are worked out now and kept with it.
 */
export async function saveMapVersion(
  db: Db,
  actor: Actor,
  clientId: string,
  input: { map: RelationalMap; version: number; sessionId: string | null; label: string },
  now = new Date(),
) {
  const problems = mapProblems(input.map);
  const first = Object.values(problems)[0];
  if (first) throw invalid(`The map cannot be saved as a version yet: ${first}`, problems);
  if (input.sessionId !== null) {
    const [session] = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(
          eq(sessions.practiceId, actor.practiceId),
          eq(sessions.id, input.sessionId),
          // Their own session, or a session of their couple, family or group they are on.
          or(
            eq(sessions.clientId, clientId),
            sql`exists (select 1 from session_attendees a where a.practice_id = ${sessions.practiceId} and a.session_id = ${sessions.id} and a.client_id = ${clientId})`,
          ),
        ),
      );
    if (!session) throw invalid('That session is not one of this client’s sessions.', { sessionId: 'Choose one of this client’s sessions.' });
  }
  const map = canonicalMap(input.map);
  const contentHash = mapContentHash(map);
  const id = await db.transaction(async (tx) => {
    // The working copy keeps the order it was drawn in (the table's rows); the version is canonical.
    const working = await saveWorking(tx, actor, clientId, input.map, input.version, now);
    const [latest] = await tx
      .select({ number: relationalMapVersions.number, contentHash: relationalMapVersions.contentHash })
      .from(relationalMapVersions)
      .where(and(eq(relationalMapVersions.practiceId, actor.practiceId), eq(relationalMapVersions.clientId, clientId)))
      .orderBy(desc(relationalMapVersions.number))
      .limit(1);
    if (latest && latest.contentHash === contentHash) throw invalid(`Nothing has changed since version ${latest.number}.`);
    const inserted = await tx
      .insert(relationalMapVersions)
      .values({
        practiceId: actor.practiceId,
        clientId,
        number: (latest?.number ?? 0) + 1,
        map,
        metrics: connectionMetrics(map),
        label: input.label,
        sessionId: input.sessionId,
        contentHash,
        savedBy: actor.userId,
        savedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: relationalMapVersions.id });
    if (!inserted[0]) throw conflict('Another version was saved at the same moment. Reload the map.');
    return { versionId: inserted[0].id, workingVersion: working };
  });
  const version = await getMapVersion(db, actor.practiceId, clientId, id.versionId);
  return { version: summary(version), workingVersion: id.workingVersion };
}

async function saveWorking(tx: Db, actor: Actor, clientId: string, map: RelationalMap, version: number, now: Date): Promise<number> {
  const saved =
    version === 0
      ? await tx
          .insert(relationalMaps)
          .values({ practiceId: actor.practiceId, clientId, map, updatedBy: actor.userId, updatedAt: now })
          .onConflictDoNothing()
          .returning({ version: relationalMaps.version })
      : await tx
          .update(relationalMaps)
          .set({ map, version: version + 1, updatedBy: actor.userId, updatedAt: now })
          .where(and(eq(relationalMaps.practiceId, actor.practiceId), eq(relationalMaps.clientId, clientId), eq(relationalMaps.version, version)))
          .returning({ version: relationalMaps.version });
  if (!saved[0]) throw conflict('The map was changed elsewhere since you opened it. Reload it before saving a version.');
  return saved[0].version;
}

/** One saved version with its map. */
export async function getMapVersion(db: Db, practiceId: string, clientId: string, versionId: string): Promise<VersionRow> {
  const [row] = await versionQuery(db, practiceId, clientId).where(
    and(eq(relationalMapVersions.practiceId, practiceId), eq(relationalMapVersions.clientId, clientId), eq(relationalMapVersions.id, versionId)),
  );
  if (!row) throw notFound('That map version');
  return row;
}

export function versionWithMap(v: VersionRow) {
  return { ...summary(v), map: v.map };
}

/**
 * Two versions (or a version and the working copy) side by side: what was added, lost,
 * strengthened, weakened or changed in quality, in data and in words.
 */
export async function compareMapVersions(db: Db, actor: Actor, clientId: string, fromId: string, toId: string | 'working') {
  const from = await getMapVersion(db, actor.practiceId, clientId, fromId);
  let to: VersionRow | null = null;
  let after: RelationalMap;
  if (toId === 'working') {
    const row = await workingRow(db, actor.practiceId, clientId);
    after = canonicalMap(row?.map ?? from.map);
  } else {
    to = await getMapVersion(db, actor.practiceId, clientId, toId);
    after = to.map;
  }
  const before = from.map;
  const diff = diffMaps(before, after);
  return {
    from: summary(from),
    to: to ? summary(to) : null,
    before,
    after,
    diff,
    sentences: describeDiff(diff, before, after),
    counts: tieChangeCounts(diff),
  };
}

/** Versions saved within a span (a chapter), newest first, for the chapter summary PDF. */
export async function mapVersionsBetween(db: Db, practiceId: string, clientId: string, from: Date, to: Date | null) {
  const rows = await db
    .select({ number: relationalMapVersions.number, savedAt: relationalMapVersions.savedAt, label: relationalMapVersions.label, map: relationalMapVersions.map })
    .from(relationalMapVersions)
    .where(
      and(
        eq(relationalMapVersions.practiceId, practiceId),
        eq(relationalMapVersions.clientId, clientId),
        gte(relationalMapVersions.savedAt, from),
        ...(to ? [lte(relationalMapVersions.savedAt, to)] : []),
      ),
    )
    .orderBy(desc(relationalMapVersions.number));
  return rows;
}
