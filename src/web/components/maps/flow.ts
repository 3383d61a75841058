/**
 * What the editor and the comparison share about drawing a map with @xyflow/react: the node and
 * edge types, and turning map data into flow nodes and edges while keeping every unchanged one
 * as the same object (so a drag or an edit redraws only what changed).
 */
import type { Edge, EdgeTypes, NodeTypes, ReactFlowInstance } from '@xyflow/react';
import { type MapNode, type MapTie, type RelationalMap, centreOf } from '../../../domain/maps/map';
import { ringOf } from './mapEdit';
import { describeNode, describeTie } from './mapWords';
import { CENTRE_HANDLE, type FlowNode, MapNodeView, type NodeMark } from './MapNodeView';
import { type FlowEdge, TieEdge, type TieMark, markWords } from './TieEdge';

/** A mark of change as a screen reader says it. */
function markSaid(mark: TieMark): string {
  if (mark.kind === 'added') return 'new since the earlier version';
  if (mark.kind === 'lost') return 'lost since the earlier version';
  return markWords(mark).replace(/^[↑↓] /, '');
}

export const nodeTypes: NodeTypes = { mapNode: MapNodeView };
export const edgeTypes: EdgeTypes = { tie: TieEdge };

const noMarks: TieMark[] = [];

/** Flow nodes for the map's nodes, reusing the previous object of each node that did not change. */
export function syncNodes(
  prev: readonly FlowNode[],
  nodes: readonly MapNode[],
  options: { problemOf?: (id: string) => string | null; markOf?: (id: string) => NodeMark | null; readOnly: boolean },
): FlowNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return nodes.map((node) => {
    const old = byId.get(node.id);
    const problem = options.problemOf?.(node.id) ?? null;
    const mark = options.markOf?.(node.id) ?? null;
    if (old && old.data.node === node && old.data.problem === problem && old.data.mark === mark && old.data.readOnly === options.readOnly) return old;
    const movable = !options.readOnly && node.kind !== 'client';
    return {
      ...old,
      id: node.id,
      type: 'mapNode',
      // A node in the middle of a drag keeps where the pointer has it.
      position: old?.dragging ? old.position : { x: node.x, y: node.y },
      data: { node, problem, mark, readOnly: options.readOnly },
      draggable: movable,
      deletable: movable,
      connectable: !options.readOnly,
      ariaLabel: `${describeNode(node)}${problem ? `. Needs attention: ${problem}` : ''}${mark === 'added' ? '. New' : mark === 'lost' ? '. Lost since the earlier version' : ''}`,
    };
  });
}

/** Flow edges for the map's ties (family lines drawn thin), reusing the previous object of each tie that did not change. */
export function syncEdges(
  prev: readonly FlowEdge[],
  map: RelationalMap,
  options: { marksOf?: (tie: MapTie) => TieMark[]; readOnly: boolean; hideKnows?: boolean },
): FlowEdge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  const nodeById = new Map(map.nodes.map((n) => [n.id, n]));
  const client = centreOf(map);
  const out: FlowEdge[] = [];
  for (const tie of map.ties) {
    if (options.hideKnows && tie.kind === 'knows') continue;
    const marks = options.marksOf?.(tie) ?? noMarks;
    const a = nodeById.get(tie.a);
    const b = nodeById.get(tie.b);
    // The words a screen reader hears name both ends, so a renamed end renews them.
    const ends = `${a?.label ?? ''}\u0000${b?.label ?? ''}\u0000${client?.label ?? ''}`;
    const old = byId.get(tie.id);
    if (old && old.data?.tie === tie && old.data.ends === ends && sameMarks(old.data.marks, marks)) {
      out.push(old);
      continue;
    }
    const around = { nodes: [client, a, b].filter((n): n is MapNode => n !== undefined), ties: [], alterTiesRecorded: false };
    const words = marks.length ? `. ${marks.map(markSaid).join(', ')}` : '';
    out.push({
      ...(old as Edge | undefined),
      id: tie.id,
      type: 'tie',
      source: tie.a,
      target: tie.b,
      // Drawn between the nodes' centre handles (MapNodeView), not the handles people drag from.
      sourceHandle: CENTRE_HANDLE,
      targetHandle: CENTRE_HANDLE,
      data: { tie, marks, ends, inset: a?.kind === 'client' || b?.kind === 'client' ? 44 : 32 },
      deletable: !options.readOnly,
      ariaLabel: `Tie: ${describeTie(around, tie)}${words}`,
    } as FlowEdge);
  }
  return out;
}

function sameMarks(a: readonly TieMark[], b: readonly TieMark[]): boolean {
  return a.length === b.length && a.every((m, i) => JSON.stringify(m) === JSON.stringify(b[i]));
}

/**
 * Shows everyone on the map with their names, and at least the two inner rings around the client,
 * never zoomed in past 100 %.
 */
export function fitToRings(instance: Pick<ReactFlowInstance, 'fitBounds'>, map: RelationalMap, duration = 0): void {
  const c = centreOf(map) ?? { x: 0, y: 0 };
  const r = ringOf('familial').outer;
  let minX = c.x - r;
  let maxX = c.x + r;
  let minY = c.y - r;
  let maxY = c.y + r;
  for (const n of map.nodes) {
    minX = Math.min(minX, n.x - 80);
    maxX = Math.max(maxX, n.x + 80);
    minY = Math.min(minY, n.y - 40);
    maxY = Math.max(maxY, n.y + 60);
  }
  void instance.fitBounds({ x: minX, y: minY, width: maxX - minX, height: maxY - minY }, { padding: 0.04, duration });
}

/** The problem of each node, by id, from problems keyed like "nodes.3.label". */
export function nodeProblems(map: RelationalMap, problems: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, message] of Object.entries(problems)) {
    const m = /^nodes\.(\d+)\./.exec(key);
    const node = m ? map.nodes[Number(m[1])] : undefined;
    if (node && !out.has(node.id)) out.set(node.id, message);
  }
  return out;
}
