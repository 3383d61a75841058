import type { Direction, MapLevel, TieQuality, TieStrength } from './map.js';

/**
 * How an ecomap tie is drawn, shared by the editor, the SVG/PNG export and the PDF so the legend
 * means the same everywhere. Strength is the line's weight (tenuous is also dashed); quality is
 * the line's form, never colour alone: supportive plain, stressful hatched, conflicted zigzag,
 * cut off broken by two bars.
 */
export const strengthWidth: Record<TieStrength, number> = { tenuous: 1.5, moderate: 2.5, strong: 4.5 };
export const strengthDash: Record<TieStrength, string | null> = { tenuous: '6 5', moderate: null, strong: null };
/** Colours with at least 4.5:1 contrast on white, each paired with its own line form. */
export const qualityColour: Record<TieQuality, string> = {
  supportive: '#1f6f5c',
  stressful: '#9a4a00',
  conflicted: '#b3261e',
  cut_off: '#5f6368',
};

export interface TieGeometry {
  /** The line itself (one or two segments), as SVG path data. */
  line: string;
  /** Hatches, bars or nothing, drawn with the same colour at a fixed thin weight. */
  marks: string;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** The path data of a tie between two points, in the form its quality asks for. */
export function tieGeometry(x1: number, y1: number, x2: number, y2: number, quality: TieQuality): TieGeometry {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length < 1) return { line: `M${round(x1)} ${round(y1)}L${round(x2)} ${round(y2)}`, marks: '' };
  const ux = dx / length;
  const uy = dy / length;
  const nx = -uy;
  const ny = ux;
  const at = (t: number, side = 0): string => `${round(x1 + ux * t + nx * side)} ${round(y1 + uy * t + ny * side)}`;
  const straight = `M${at(0)}L${at(length)}`;
  switch (quality) {
    case 'supportive':
      return { line: straight, marks: '' };
    case 'stressful': {
      const marks: string[] = [];
      for (let t = 14; t < length - 10; t += 12) marks.push(`M${at(t - 3, -6)}L${at(t + 3, 6)}`);
      return { line: straight, marks: marks.join('') };
    }
    case 'conflicted': {
      const points = [`M${at(0)}`];
      const steps = Math.max(2, Math.floor(length / 10));
      const step = length / steps;
      for (let i = 1; i < steps; i++) points.push(`L${at(i * step, i % 2 === 0 ? -5 : 5)}`);
      points.push(`L${at(length)}`);
      return { line: points.join(''), marks: '' };
    }
    case 'cut_off': {
      const gap = Math.min(16, length / 4);
      const mid = length / 2;
      return {
        line: `M${at(0)}L${at(mid - gap / 2)}M${at(mid + gap / 2)}L${at(length)}`,
        marks: `M${at(mid - gap / 2, -8)}L${at(mid - gap / 2, 8)}M${at(mid + gap / 2, -8)}L${at(mid + gap / 2, 8)}`,
      };
    }
  }
}

/**
 * Arrowheads for the direction energy flows, as closed SVG paths set back `inset` from each end
 * (so they sit outside the node shapes). `a_to_b` points at the second point.
 */
export function arrowHeads(x1: number, y1: number, x2: number, y2: number, direction: Direction, inset = 34): string {
  if (direction === 'none') return '';
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length < inset * 2 + 4) return '';
  const ux = dx / length;
  const uy = dy / length;
  const head = (tipX: number, tipY: number, sx: number, sy: number): string => {
    const bx = tipX - sx * 10;
    const by = tipY - sy * 10;
    return `M${round(tipX)} ${round(tipY)}L${round(bx - sy * 5)} ${round(by + sx * 5)}L${round(bx + sy * 5)} ${round(by - sx * 5)}Z`;
  };
  const toB = head(x2 - ux * inset, y2 - uy * inset, ux, uy);
  const toA = head(x1 + ux * inset, y1 + uy * inset, -ux, -uy);
  if (direction === 'a_to_b') return toB;
  if (direction === 'b_to_a') return toA;
  return toA + toB;
}

/**
 * The rings of the ecomap, one per level, around the client at (0, 0): a node is drawn on (or
 * near) the ring of its level, so "each placed at its level" can be seen at a glance.
 */
export const levelRadius: Record<MapLevel, number> = { personal: 130, familial: 250, social: 370, ecological: 490, spiritual: 610 };

/** A point on a level's ring at an angle in degrees (0 = right, 90 = down, as on screen). */
export function onRing(level: MapLevel, degrees: number): { x: number; y: number } {
  const r = levelRadius[level];
  const t = (degrees * Math.PI) / 180;
  return { x: Math.round(r * Math.cos(t)), y: Math.round(r * Math.sin(t)) };
}
