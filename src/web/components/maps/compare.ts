import type { MapDiff } from '../../../domain/maps/diff';
import type { MapTie, RelationalMap } from '../../../domain/maps/map';
import type { NodeMark } from './MapNodeView';
import type { TieMark } from './TieEdge';

export interface CompareDrawing {
  /** Everything in either version: the later one, with what was lost added back. */
  map: RelationalMap;
  nodeMarks: ReadonlyMap<string, NodeMark>;
  /** By tie id in `map` (a lost tie's id is prefixed, so it never meets a tie of the later version). */
  tieMarks: ReadonlyMap<string, TieMark[]>;
}

/** The id a lost tie is drawn under. */
export const lostTieId = (id: string) => `lost--${id}`;

/**
 * One drawing of two versions: the later map with lost nodes and ties put back, each difference
 * marked in words (new, lost, stronger, weaker, "was supportive"), never by colour alone.
 */
export function compareDrawing(before: RelationalMap, after: RelationalMap, diff: MapDiff): CompareDrawing {
  const nodeMarks = new Map<string, NodeMark>();
  const tieMarks = new Map<string, TieMark[]>();
  for (const n of diff.nodes.added) nodeMarks.set(n.id, 'added');
  for (const n of diff.nodes.removed) nodeMarks.set(n.id, 'lost');

  const afterIds = new Set(after.nodes.map((n) => n.id));
  const lostNodes = diff.nodes.removed.filter((n) => !afterIds.has(n.id));
  const byKey = (t: MapTie) => `${t.kind}|${t.a}|${t.b}`;
  const afterTies = new Map(after.ties.map((t) => [byKey(t), t]));
  const tieInAfter = (t: MapTie) => afterTies.get(byKey(t)) ?? afterTies.get(`${t.kind}|${t.b}|${t.a}`);

  for (const t of diff.ties.added) {
    const drawn = tieInAfter(t);
    if (drawn) tieMarks.set(drawn.id, [{ kind: 'added' }]);
  }
  for (const c of diff.ties.changed) {
    const drawn = tieInAfter(c.after);
    if (!drawn) continue;
    const marks: TieMark[] = [];
    if (c.changes.includes('strengthened')) marks.push({ kind: 'stronger' });
    if (c.changes.includes('weakened')) marks.push({ kind: 'weaker' });
    if (c.changes.includes('quality') && c.before.kind === 'connection') marks.push({ kind: 'quality', was: c.before.quality });
    if (marks.length) tieMarks.set(drawn.id, marks);
  }
  const lostTies = diff.ties.removed.map((t) => ({ ...t, id: lostTieId(t.id) }));
  for (const t of lostTies) tieMarks.set(t.id, [{ kind: 'lost' }]);

  return {
    map: { ...after, nodes: [...after.nodes, ...lostNodes], ties: [...after.ties, ...lostTies] },
    nodeMarks,
    tieMarks,
  };
}
