import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { type MapNode, sectorLabels } from '../../../domain/maps/map';
import { ShapeSvg } from './look';
import { turnToLabels } from './mapWords';

/** How a node differs between two compared versions. */
export type NodeMark = 'added' | 'lost';

export type MapNodeData = {
  node: MapNode;
  /** A problem that stops the map being saved as a version, in words. */
  problem: string | null;
  mark: NodeMark | null;
  readOnly: boolean;
};
export type FlowNode = Node<MapNodeData, 'mapNode'>;

/** The zero-sized handle at a node's centre that its ties are drawn from. */
export const CENTRE_HANDLE = 'centre';

/** The second line under a name: an institution's sector, a person's years. */
export function nodeDetail(node: MapNode): string | null {
  if (node.kind === 'institution' && node.sector) return sectorLabels[node.sector];
  if (node.kind !== 'person' && node.kind !== 'client') return node.kind === 'influence' ? 'influence' : null;
  if (node.born !== null && node.died !== null) return `${node.born}–${node.died}`;
  if (node.born !== null) return node.deceased ? `${node.born}–?` : `born ${node.born}`;
  if (node.died !== null) return `died ${node.died}`;
  return node.deceased ? 'died' : null;
}

/**
 * One node of the ecomap: its kind's shape, its name beneath, a heart when the client can turn to
 * them, a mark when something needs settling, and a handle to draw a tie from. Memoised: dragging
 * one node redraws only that node.
 */
function MapNodeViewImpl({ data, selected }: NodeProps<FlowNode>) {
  const { node, problem, mark, readOnly } = data;
  const detail = nodeDetail(node);
  return (
    <div className={`lm-node${selected ? ' lm-node-selected' : ''}${mark === 'lost' ? ' lm-node-lost' : ''}`}>
      <ShapeSvg kind={node.kind} deceased={node.deceased && (node.kind === 'person' || node.kind === 'client')} unknownIdentity={node.unknownIdentity} faded={mark === 'lost'} />
      {node.turnTo && (
        <span className="lm-node-flag lm-node-turn" title={`Someone to turn to: ${turnToLabels[node.turnTo].toLowerCase()}`} aria-hidden>
          ♥
        </span>
      )}
      {problem && (
        <span className="lm-node-flag lm-node-problem" title={problem} aria-hidden>
          !
        </span>
      )}
      <div className="lm-node-label">
        <span className={node.label ? (node.kind === 'client' ? 'lm-node-client' : undefined) : 'lm-node-unnamed'}>{node.label || 'Unnamed'}</span>
        {detail && <span className="lm-node-sub">{detail}</span>}
        {mark === 'added' && <span className="lm-mark lm-mark-added">+ new</span>}
        {mark === 'lost' && <span className="lm-mark lm-mark-lost">lost</span>}
      </div>
      <Handle id={CENTRE_HANDLE} type="source" position={Position.Bottom} className="lm-handle-centre" isConnectable={false} aria-hidden />
      <Handle
        id="out"
        type="source"
        position={Position.Bottom}
        className="lm-handle"
        isConnectable={!readOnly}
        aria-label={readOnly ? undefined : `Draw a tie from ${node.label || 'this entry'}`}
        title={readOnly ? undefined : 'Drag from here to someone or something to draw a tie'}
        style={readOnly ? { visibility: 'hidden' } : undefined}
      />
    </div>
  );
}

export const MapNodeView = memo(MapNodeViewImpl);
