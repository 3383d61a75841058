import { useStore } from '@xyflow/react';
import { type RefObject, memo, useEffect } from 'react';
import type { SceneRing } from '../../../domain/maps/svg';

/**
 * The five levels as concentric rings around the client, drawn behind the map and moving with
 * it, each in its tinted band and named where no one stands: personal innermost, spiritual
 * outermost. The same rings as the SVG export (`ecomapScene`).
 */
function LevelRingsImpl({ rings, cx, cy }: { rings: readonly SceneRing[]; cx: number; cy: number }) {
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const text = readableScale(zoom);
  return (
    <svg className="react-flow__background lm-rings" aria-hidden style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}>
      <g transform={`translate(${tx} ${ty}) scale(${zoom})`}>
        {[...rings].reverse().map((ring) => (
          <circle key={`band-${ring.level}`} cx={cx} cy={cy} r={ring.outer} fill={ring.fill} stroke="none" />
        ))}
        {rings.map((ring) => (
          <circle key={`ring-${ring.level}`} cx={cx} cy={cy} r={ring.radius} fill="none" stroke="#aeb8c4" strokeWidth={1} strokeDasharray="4 4" />
        ))}
        {rings.map((ring) => (
          <text
            key={`name-${ring.level}`}
            x={ring.labelAt.x}
            y={ring.labelAt.y + 4 * text}
            textAnchor="middle"
            fontSize={11.5 * text}
            fontWeight={700}
            fill="#4a5561"
            stroke={ring.fill}
            strokeWidth={4 * text}
            paintOrder="stroke"
            letterSpacing={0.4}
          >
            {ring.label}
          </text>
        ))}
      </g>
    </svg>
  );
}

export const LevelRings = memo(LevelRingsImpl);

/** How much names grow in map units when zoomed out, so they stay readable on screen. */
export function readableScale(zoom: number): number {
  return Math.min(2.2, Math.max(1, 0.9 / zoom));
}

/**
 * Keeps names on the canvas readable when the map is zoomed out: sets `--lm-text-scale` on the
 * canvas for the labels' CSS, without redrawing any node.
 */
export function ReadableLabels({ target }: { target: RefObject<HTMLElement | null> }) {
  const zoom = useStore((s) => s.transform[2]);
  useEffect(() => {
    target.current?.style.setProperty('--lm-text-scale', String(readableScale(zoom)));
  }, [zoom, target]);
  return null;
}
