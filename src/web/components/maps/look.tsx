/**
 * How each kind of node looks on the canvas: the very shapes and colours of the SVG export and
 * the PDF (`ecomapScene` in src/domain/maps/svg.ts), so what is drawn on screen is what is printed.
 * Kinds are told apart by shape, never by colour alone; an influence has a dashed outline.
 */
import { type MapNode, type NodeKind, newMap } from '../../../domain/maps/map';
import { type SceneBox, type SceneShape, ecomapScene } from '../../../domain/maps/svg';

interface KindLook {
  shapes: SceneShape[];
  box: SceneBox;
}

const cache = new Map<string, KindLook>();
const template = newMap('').nodes[0]!;

/** The outline (and marks) of a node of this kind, centred on (0, 0). */
export function lookOf(kind: NodeKind, deceased = false): KindLook {
  const key = `${kind}|${deceased}`;
  let look = cache.get(key);
  if (!look) {
    const node: MapNode = { ...template, id: 'n', kind, label: 'x', level: 'social', x: 0, y: 0, deceased };
    const drawn = ecomapScene({ nodes: [node], ties: [], alterTiesRecorded: false }).nodes[0];
    look = { shapes: drawn?.shapes ?? [], box: drawn?.box ?? { x: -20, y: -20, width: 40, height: 40 } };
    cache.set(key, look);
  }
  return look;
}

/** A node's shape as an inline SVG; `faded` draws it pale and dashed (lost since an earlier version). */
export function ShapeSvg({ kind, deceased = false, faded = false, scale = 1, unknownIdentity = false }: { kind: NodeKind; deceased?: boolean; faded?: boolean; scale?: number; unknownIdentity?: boolean }) {
  const { shapes, box } = lookOf(kind, deceased);
  const pad = 2;
  return (
    <svg
      width={(box.width + pad * 2) * scale}
      height={(box.height + pad * 2) * scale}
      viewBox={`${box.x - pad} ${box.y - pad} ${box.width + pad * 2} ${box.height + pad * 2}`}
      aria-hidden
      style={{ display: 'block', overflow: 'visible', opacity: faded ? 0.5 : 1 }}
    >
      {shapes.map((s, i) => (
        <path key={i} d={s.d} fill={s.fill ?? 'none'} stroke={s.stroke} strokeWidth={s.strokeWidth} strokeDasharray={faded && i === 0 ? '5 4' : (s.dash ?? undefined)} strokeLinejoin="round" />
      ))}
      {unknownIdentity && (
        <text x={0} y={6} fontSize={17} fontWeight={700} textAnchor="middle" fill="#1d232b">
          ?
        </text>
      )}
    </svg>
  );
}
