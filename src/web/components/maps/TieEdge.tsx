import { type Edge, type EdgeProps, EdgeLabelRenderer } from '@xyflow/react';
import { memo } from 'react';
import { arrowHeads, qualityColour, strengthDash, strengthWidth, tieGeometry } from '../../../domain/maps/draw';
import { type MapTie, type TieQuality, qualityLabels } from '../../../domain/maps/map';

/** How a tie differs between two compared versions (never shown by colour alone: each has words). */
export type TieMark = { kind: 'added' } | { kind: 'lost' } | { kind: 'stronger' } | { kind: 'weaker' } | { kind: 'quality'; was: TieQuality };

export type TieEdgeData = {
  tie: MapTie;
  marks: TieMark[];
  /** The names at both ends (and the client's), as last described. */
  ends: string;
  /** How far arrowheads stand back from the ends: clear of the client's bigger circle. */
  inset: number;
};
export type FlowEdge = Edge<TieEdgeData, 'tie'>;

/** How ties other than connections are drawn: thin, as in the SVG export, so the client's own ties stay in front. */
export const otherTieLine: Record<Exclude<MapTie['kind'], 'connection'>, { colour: string; width: number; dash: string | null }> = {
  knows: { colour: '#66707c', width: 1.2, dash: '2 3' },
  influence: { colour: '#5b3f8c', width: 1.5, dash: '8 4' },
  partner: { colour: '#5c6b80', width: 1.2, dash: null },
  parent: { colour: '#5c6b80', width: 1.2, dash: null },
  twin: { colour: '#5c6b80', width: 1.2, dash: null },
  emotional: { colour: '#5c6b80', width: 1.2, dash: '1 3' },
};

export function markWords(mark: TieMark): string {
  switch (mark.kind) {
    case 'added':
      return '+ new';
    case 'lost':
      return 'lost';
    case 'stronger':
      return '↑ stronger';
    case 'weaker':
      return '↓ weaker';
    case 'quality':
      return `was ${qualityLabels[mark.was].toLowerCase()}`;
  }
}

/** The line, marks and arrowheads of one tie, between two points (also used by the legend). */
export function TieLines({ tie, x1, y1, x2, y2, faded = false, inset = 36 }: { tie: MapTie; x1: number; y1: number; x2: number; y2: number; faded?: boolean; inset?: number }) {
  if (tie.kind === 'connection') {
    const colour = qualityColour[tie.quality];
    const g = tieGeometry(x1, y1, x2, y2, tie.quality);
    const arrows = arrowHeads(x1, y1, x2, y2, tie.direction, inset);
    return (
      <g opacity={faded ? 0.45 : 1}>
        <path d={g.line} fill="none" stroke={colour} strokeWidth={strengthWidth[tie.strength]} strokeDasharray={faded ? '6 5' : (strengthDash[tie.strength] ?? undefined)} strokeLinejoin="round" />
        {g.marks && <path d={g.marks} fill="none" stroke={colour} strokeWidth={1.5} strokeLinecap="round" />}
        {arrows && <path d={arrows} fill={colour} stroke="none" />}
      </g>
    );
  }
  const style = otherTieLine[tie.kind];
  const direction = tie.kind === 'influence' ? 'a_to_b' : tie.kind === 'emotional' ? tie.direction : 'none';
  const arrows = arrowHeads(x1, y1, x2, y2, direction, inset);
  return (
    <g opacity={faded ? 0.45 : 1}>
      <path d={`M${x1} ${y1}L${x2} ${y2}`} fill="none" stroke={style.colour} strokeWidth={style.width} strokeDasharray={faded ? '6 5' : (style.dash ?? undefined)} />
      {arrows && <path d={arrows} fill={style.colour} />}
    </g>
  );
}

/**
 * A tie on the ecomap, drawn centre to centre after Hartman's conventions (src/domain/maps/draw.ts):
 * weight for strength, line form for quality, arrowheads for the way energy flows. Its ends are
 * the nodes' centre handles, which the canvas already tracks: a tie reads nothing else from the
 * store, so dragging one node costs each other tie nothing.
 */
function TieEdgeImpl({ sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<FlowEdge>) {
  if (!data) return null;
  const { tie, marks, inset } = data;
  const lost = marks.some((m) => m.kind === 'lost');
  const straight = `M${sourceX} ${sourceY}L${targetX} ${targetY}`;
  return (
    <>
      <path d={straight} className="lm-tie-halo" fill="none" strokeWidth={(tie.kind === 'connection' ? strengthWidth[tie.strength] : 2) + 10} strokeOpacity={selected ? 0.55 : 0} />
      <TieLines tie={tie} x1={sourceX} y1={sourceY} x2={targetX} y2={targetY} faded={lost} inset={inset} />
      <path d={straight} className="react-flow__edge-interaction" fill="none" strokeOpacity={0} strokeWidth={18} />
      {marks.length > 0 && (
        <EdgeLabelRenderer>
          <div className="lm-tie-marks" style={{ transform: `translate(-50%, -50%) translate(${(sourceX + targetX) / 2}px, ${(sourceY + targetY) / 2}px)` }}>
            {marks.map((m) => (
              <span key={m.kind} className={`lm-mark lm-mark-${m.kind}`}>
                {markWords(m)}
              </span>
            ))}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const TieEdge = memo(TieEdgeImpl);
