import {
  canonicalMap,
  type Direction,
  emotionalPatternLabels,
  type Gender,
  knownEmotionalPatterns,
  type MapNode,
  type MapTie,
  type ParentBond,
  type PartnerStatus,
  type RelationalMap,
} from './map.js';

/**
 * The genogram view of a relational map: the client and their family drawn across generations
 * with McGoldrick and Gerson's symbols, from the same people and ties the ecomap uses.
 *
 * `layoutGenogram` is pure and deterministic (the map is made canonical first, so the order in
 * which things were drawn never moves anyone). It returns shapes in abstract units (one unit is
 * one CSS pixel at 100 %): people with their symbol and label lines, and every line as SVG path
 * data with a named style, so the SVG component, an export or a PDF can draw the same picture.
 *
 * How the layout works, in brief:
 * 1. Generations. Partners, co-parents and twins share a row; a parent sits above a child. Rows
 *    are a longest-path layering of those groups, then parents without ancestors of their own
 *    (in-laws) are lowered to sit just above their children, and childless people sit just
 *    below their parents. A person with no family ties takes the row of someone they have an
 *    emotional line with, or the client's.
 * 2. Order within a row. Partners form a cluster: one person with several partners stands with
 *    the first (by `since`) on the left and the later ones to the right, in order. Clusters are
 *    ordered by repeated barycentre sweeps (down, up, down…) so children sit under their parents,
 *    siblings oldest first, twins together, birth and foster or adoptive parents beside each other.
 * 3. Positions. Each row is placed by isotonic regression (pool adjacent violators) towards the
 *    positions of parents and children, keeping a minimum spacing, so symbols never overlap.
 * 4. Lines. Partnerships run below the partners, stacked in lanes when they would overlap;
 *    children hang from a point on their parents' line (or from the side of a single parent) by
 *    a sibling bar, bars stacked in lanes in the space between rows; twins hang from one point.
 */

// ---------------------------------------------------------------------------------------------
// Shapes

/**
 * The symbol for a gender. Square for a man and circle for a woman (McGoldrick, Gerson & Petry,
 * Genograms, 4th ed., 2020). For a nonbinary person, and for a person whose gender is not
 * recorded, we draw a diamond, as the current pedigree nomenclature does for gender-diverse and
 * unspecified gender (Bennett et al., J Genet Couns 2022); the two are told apart in words, in the
 * label's title and the text alternative, rather than by inventing a fourth shape.
 */
export type GenogramSymbol = 'square' | 'circle' | 'diamond';
export const symbolFor: Record<Gender, GenogramSymbol> = { male: 'square', female: 'circle', nonbinary: 'diamond', unknown: 'diamond' };
export const genderWords: Record<Gender, string> = { male: 'male', female: 'female', nonbinary: 'nonbinary', unknown: 'gender not recorded' };

export interface Point {
  x: number;
  y: number;
}

export interface GenogramPerson {
  id: string;
  /** The full name as the map has it. */
  label: string;
  /** The name wrapped (and if need be shortened) to fit under the symbol. */
  nameLines: string[];
  /** "1948–2019", "b. 1990", "?–2001", or null when no year is known. */
  years: string | null;
  /** Centre of the symbol. */
  x: number;
  y: number;
  /** Baseline of the first label line. */
  labelY: number;
  symbol: GenogramSymbol;
  gender: Gender;
  born: number | null;
  died: number | null;
  deceased: boolean;
  unknownIdentity: boolean;
  /** The client, drawn with a double outline. */
  index: boolean;
  /** Has an adoptive parent: drawn within brackets. */
  adopted: boolean;
  /** Row from the top, 0 first. */
  row: number;
  /** Generations from the client's: -1 their parents', 1 their children's. */
  generation: number;
}

/** Line forms of the family structure; `lineDash` gives each its SVG dash array. */
export type LineStyle = 'solid' | 'dashed' | 'dotted' | 'dashdot';
export const lineDash: Record<LineStyle, string | null> = { solid: null, dashed: '7 5', dotted: '1.5 4', dashdot: '9 4 2 4' };

/** A partnership, or two people recorded only as a child's parents ("coparents"). */
export interface PartnershipLine {
  id: string;
  /** The partner tie, or null for co-parents with no partnership recorded. */
  tieId: string | null;
  a: string;
  b: string;
  status: PartnerStatus | 'coparents';
  since: number | null;
  until: number | null;
  style: LineStyle;
  /** 1 or 2 slashes across the line: separated or ended, divorced. */
  slashes: 0 | 1 | 2;
  /** 1 is just below the symbols; deeper lanes pass under partners in between. */
  lane: number;
  /** Where the children's line leaves it. */
  anchor: Point;
  d: string;
  /** The slashes, as path data. */
  marks: string;
  caption: { x: number; y: number; text: string } | null;
}

/** Children hanging from their parents: the line down from the parents, the sibling bar, and a drop to each child. */
export interface DescentLine {
  id: string;
  bond: ParentBond;
  parents: string[];
  children: string[];
  style: LineStyle;
  d: string;
}

/** Twins (or more) hanging from one shared point; identical twins have a bar between their lines. */
export interface TwinLines {
  id: string;
  ids: string[];
  fork: Point;
  style: LineStyle;
  d: string;
  /** The bars between identical twins, as path data. */
  marks: string;
  identicalPairs: Array<[string, string]>;
}

export interface EmotionalLine {
  tieId: string;
  a: string;
  b: string;
  pattern: string;
  /** One of `knownEmotionalPatterns`, drawn in its own form; any other is a thin named line. */
  known: boolean;
  direction: Direction;
  colour: string;
  width: number;
  dash: string | null;
  d: string;
  /** Bars or small circles along the line, stroked in the same colour, filled white. */
  marks: string;
  /** Closed arrowheads, filled in the line's colour. */
  arrows: string;
  label: { x: number; y: number; text: string } | null;
}

/** How a parent tie shows on the drawing, for the words beside it. */
export interface ParentLink {
  tieId: string;
  parent: string;
  child: string;
  bond: ParentBond;
  /** `partnership`: a step-parent shown through their partnership with the child's parent. */
  shown: 'line' | 'partnership' | 'not drawn';
}

export interface TwinPair {
  a: string;
  b: string;
  identical: boolean;
}

export type LegendSample =
  | { kind: 'symbol'; symbol: GenogramSymbol; index?: boolean; deceased?: boolean; unknownIdentity?: boolean; adopted?: boolean }
  | { kind: 'partnership'; style: LineStyle; slashes: 0 | 1 | 2 }
  | { kind: 'descent'; style: LineStyle }
  | { kind: 'twins'; identical: boolean }
  | { kind: 'emotional'; pattern: string; direction: Direction };

export interface LegendItem {
  key: string;
  label: string;
  sample: LegendSample;
}

export interface GenogramLayout {
  /** Nothing of the family structure yet: no partners, parents, twins or emotional lines. */
  empty: boolean;
  people: GenogramPerson[];
  partnerships: PartnershipLine[];
  descents: DescentLine[];
  twins: TwinLines[];
  emotional: EmotionalLine[];
  parentLinks: ParentLink[];
  twinPairs: TwinPair[];
  /** Rows from the top. */
  generations: number;
  /** Everything drawn lies inside, margin included. */
  bounds: { x: number; y: number; width: number; height: number };
  /** The symbols and lines this drawing uses, in reading order. */
  legend: LegendItem[];
}

// ---------------------------------------------------------------------------------------------
// Measures (abstract units)

/** Width and height of a square or circle symbol. */
export const SYMBOL = 40;
const HALF = SYMBOL / 2;
/** The diamond's half diagonal: a little larger, so it looks the same size as the others. */
export const DIAMOND = 24;
/** Centre to centre of two partners side by side. */
export const SLOT = 112;
/** Added between people who are not partners, and more between unrelated families. */
const CLUSTER_GAP = 28;
const COMPONENT_GAP = 56;
/** A label line is at most this wide (so neighbours' labels keep apart: SLOT − LABEL_WIDTH ≥ 16). */
export const LABEL_WIDTH = 96;
const LABEL_LINE = 14;
const CHARS_PER_LINE = 15;
const LANE_FIRST = 14;
const LANE_STEP = 12;
const BAR_STEP = 10;
const MARGIN = 24;
const FAMILY_INK = '#1f2a2b';

const bondOrder: readonly ParentBond[] = ['birth', 'adoptive', 'foster', 'unknown', 'step'];
const bondStyle: Record<ParentBond, LineStyle> = { birth: 'solid', unknown: 'solid', adoptive: 'dashed', foster: 'dotted', step: 'dashdot' };
const partnerStyle: Record<PartnerStatus | 'coparents', { style: LineStyle; slashes: 0 | 1 | 2 }> = {
  married: { style: 'solid', slashes: 0 },
  partnered: { style: 'dashed', slashes: 0 },
  separated: { style: 'solid', slashes: 1 },
  divorced: { style: 'solid', slashes: 2 },
  // Widowed reads through the X on the partner who died.
  widowed: { style: 'solid', slashes: 0 },
  // A relationship (not known as a marriage) that ended: dashed, with one slash.
  ended: { style: 'dashed', slashes: 1 },
  coparents: { style: 'dotted', slashes: 0 },
};

/** How each emotional pattern is drawn: its form (in `emotionalPath`), weight and colour (never the only cue). */
export const emotionalStyle: Record<string, { colour: string; width: number; dash: string | null; form: string }> = {
  close: { colour: '#1f6f5c', width: 1.6, dash: null, form: 'two lines' },
  fused: { colour: '#1f6f5c', width: 1.4, dash: null, form: 'three lines' },
  caring: { colour: '#1f6f5c', width: 1.6, dash: null, form: 'a line of small circles' },
  distant: { colour: '#5f6368', width: 1.8, dash: '8 6', form: 'dashed' },
  cut_off: { colour: '#5f6368', width: 1.8, dash: null, form: 'broken, with two bars' },
  conflicted: { colour: '#b3261e', width: 1.6, dash: null, form: 'zigzag' },
  hostile: { colour: '#b3261e', width: 1.6, dash: null, form: 'zigzag over a line' },
  abusive: { colour: '#8a1c4a', width: 3, dash: null, form: 'heavy zigzag, arrow towards the person harmed' },
};
export const otherPatternStyle = { colour: '#3d4a4b', width: 1.2, dash: null, form: 'thin line, named' };

// ---------------------------------------------------------------------------------------------
// Small helpers

const r1 = (n: number): number => Math.round(n * 10) / 10;
const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

class Bounds {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;
  add(x: number, y: number, pad = 0): void {
    this.minX = Math.min(this.minX, x - pad);
    this.minY = Math.min(this.minY, y - pad);
    this.maxX = Math.max(this.maxX, x + pad);
    this.maxY = Math.max(this.maxY, y + pad);
  }
}

/** Path data written as it is built, recording how far it reaches. */
class PathData {
  private parts: string[] = [];
  constructor(private bounds: Bounds) {}
  M(x: number, y: number): this {
    this.bounds.add(x, y, 2);
    this.parts.push(`M${r1(x)} ${r1(y)}`);
    return this;
  }
  L(x: number, y: number): this {
    this.bounds.add(x, y, 2);
    this.parts.push(`L${r1(x)} ${r1(y)}`);
    return this;
  }
  Z(): this {
    this.parts.push('Z');
    return this;
  }
  circle(x: number, y: number, r: number): this {
    this.bounds.add(x, y, r + 2);
    this.parts.push(`M${r1(x - r)} ${r1(y)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`);
    return this;
  }
  toString(): string {
    return this.parts.join('');
  }
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller id is the root, so groups are named the same whatever the order of unions.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

/** A name in at most two lines of about fifteen characters, shortened with an ellipsis if longer. */
export function wrapName(name: string): string[] {
  const words = name.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length <= CHARS_PER_LINE || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  const fit = (s: string) => (s.length > CHARS_PER_LINE ? `${s.slice(0, CHARS_PER_LINE - 1)}…` : s);
  if (lines.length <= 2) return lines.map(fit);
  return [fit(lines[0]!), fit(`${lines.slice(1).join(' ')}`)];
}

/** Birth and death years as written beneath a symbol. */
export function yearsText(n: Pick<MapNode, 'born' | 'died' | 'deceased'>): string | null {
  if (n.born !== null && n.died !== null) return `${n.born}–${n.died}`;
  if (n.died !== null) return `?–${n.died}`;
  if (n.born !== null) return n.deceased ? `${n.born}–?` : `b. ${n.born}`;
  return null;
}

function captionFor(since: number | null, until: number | null): string | null {
  if (since !== null && until !== null) return `${since}–${until}`;
  if (since !== null) return `from ${since}`;
  if (until !== null) return `until ${until}`;
  return null;
}

/**
 * Weighted isotonic placement: positions for blocks in a fixed order, each as close as it can be
 * to its target while every block starts at least `need[i]` after the one before it.
 */
function placeInOrder(targets: number[], weights: number[], need: number[]): number[] {
  const offset: number[] = [];
  let o = 0;
  targets.forEach((_, i) => {
    o += i === 0 ? 0 : need[i]!;
    offset.push(o);
  });
  const blocks: Array<{ w: number; wt: number; n: number }> = [];
  targets.forEach((t, i) => {
    const w = weights[i]!;
    blocks.push({ w, wt: w * (t - offset[i]!), n: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.wt / prev.w <= last.wt / last.w) break;
      blocks.splice(blocks.length - 2, 2, { w: prev.w + last.w, wt: prev.wt + last.wt, n: prev.n + last.n });
    }
  });
  const out: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.n; k++) out.push(b.wt / b.w + offset[out.length]!);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Emotional lines

interface Sample {
  x: number;
  y: number;
  nx: number;
  ny: number;
}

/** A polyline walked by arc length: the point `s` along it and the normal there. */
function walker(points: Point[]): { length: number; at: (s: number) => Sample } {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) cumulative.push(cumulative[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y));
  const length = cumulative[cumulative.length - 1]!;
  const at = (s: number): Sample => {
    const t = Math.max(0, Math.min(length, s));
    // The first vertex at or beyond t, by halving.
    let lo = 1;
    let hi = points.length - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (cumulative[m]! < t) lo = m + 1;
      else hi = m;
    }
    const i = lo;
    const p = points[i - 1]!;
    const q = points[i]!;
    const seg = cumulative[i]! - cumulative[i - 1]!;
    const f = seg === 0 ? 0 : (t - cumulative[i - 1]!) / seg;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const len = Math.hypot(dx, dy) || 1;
    return { x: p.x + dx * f, y: p.y + dy * f, nx: -dy / len, ny: dx / len };
  };
  return { length, at };
}

/**
 * The path data of an emotional line along `points` (from `a` to `b`) in its pattern's form:
 * close two lines, fused three, distant dashed (via `dash`), conflicted a zigzag, hostile a
 * zigzag over a line, abusive a heavy zigzag, cut off broken by two bars, caring a line of small
 * circles, any other pattern a thin line. Arrowheads follow `direction`.
 */
export function emotionalPath(points: Point[], pattern: string, direction: Direction): { d: string; marks: string; arrows: string } {
  return emotionalPathWithin(points, pattern, direction, new Bounds());
}

function emotionalPathWithin(points: Point[], pattern: string, direction: Direction, bounds: Bounds): { d: string; marks: string; arrows: string } {
  const { length, at } = walker(points);
  const d = new PathData(bounds);
  const marks = new PathData(bounds);
  const along = (offset: number, from = 0, to = length) => {
    // Fine enough to follow the curve (itself 64 segments) without thousands of points on a long line.
    const steps = Math.max(1, Math.min(160, Math.ceil((to - from) / 4)));
    for (let i = 0; i <= steps; i++) {
      const p = at(from + ((to - from) * i) / steps);
      if (i === 0) d.M(p.x + p.nx * offset, p.y + p.ny * offset);
      else d.L(p.x + p.nx * offset, p.y + p.ny * offset);
    }
  };
  const zigzag = (amplitude: number, step: number) => {
    const n = Math.max(2, Math.round(length / step));
    for (let i = 0; i <= n; i++) {
      const p = at((length * i) / n);
      const side = i === 0 || i === n ? 0 : i % 2 === 0 ? -amplitude : amplitude;
      if (i === 0) d.M(p.x, p.y);
      else d.L(p.x + p.nx * side, p.y + p.ny * side);
    }
  };
  switch (pattern) {
    case 'close':
      along(-2.5);
      along(2.5);
      break;
    case 'fused':
      along(-4);
      along(0);
      along(4);
      break;
    case 'conflicted':
      zigzag(5, 8);
      break;
    case 'hostile':
      along(0);
      zigzag(6, 7);
      break;
    case 'abusive':
      zigzag(6, 9);
      break;
    case 'cut_off': {
      const gap = Math.min(16, length / 4);
      const mid = length / 2;
      along(0, 0, mid - gap / 2);
      along(0, mid + gap / 2, length);
      for (const s of [mid - gap / 2, mid + gap / 2]) {
        const p = at(s);
        marks.M(p.x - p.nx * 8, p.y - p.ny * 8).L(p.x + p.nx * 8, p.y + p.ny * 8);
      }
      break;
    }
    case 'caring': {
      along(0);
      const n = Math.max(1, Math.floor(length / 22));
      for (let i = 1; i <= n; i++) {
        const p = at((length * i) / (n + 1));
        marks.circle(p.x, p.y, 3);
      }
      break;
    }
    default:
      along(0);
  }
  const arrows = new PathData(bounds);
  const head = (s: number, sign: 1 | -1) => {
    const tip = at(s);
    const back = at(s - sign * 11);
    const ux = (tip.x - back.x) / 11;
    const uy = (tip.y - back.y) / 11;
    const bx = tip.x - ux * 11;
    const by = tip.y - uy * 11;
    arrows.M(tip.x, tip.y).L(bx - uy * 5.5, by + ux * 5.5).L(bx + uy * 5.5, by - ux * 5.5).Z();
  };
  if (length > 30) {
    if (direction === 'a_to_b' || direction === 'both') head(length, 1);
    if (direction === 'b_to_a' || direction === 'both') head(0, -1);
  }
  return { d: d.toString(), marks: marks.toString(), arrows: arrows.toString() };
}

interface Obstacle {
  id: string;
  x: number;
  y: number;
  labelY: number;
}

const CELL = 100;

/** People bucketed by the squares of a grid their symbol and name cover, so a line looks only at its neighbours. */
class ObstacleGrid {
  private cells = new Map<string, Obstacle[]>();
  constructor(obstacles: Obstacle[]) {
    for (const o of obstacles) {
      const x0 = Math.floor((o.x - LABEL_WIDTH / 2) / CELL);
      const x1 = Math.floor((o.x + LABEL_WIDTH / 2) / CELL);
      const y0 = Math.floor((o.y - HALF - 8) / CELL);
      const y1 = Math.floor((o.labelY + 2 * LABEL_LINE) / CELL);
      for (let cx = x0; cx <= x1; cx++)
        for (let cy = y0; cy <= y1; cy++) {
          const key = `${cx}:${cy}`;
          const list = this.cells.get(key) ?? [];
          list.push(o);
          this.cells.set(key, list);
        }
    }
  }
  near(p: Point): Obstacle[] {
    return this.cells.get(`${Math.floor(p.x / CELL)}:${Math.floor(p.y / CELL)}`) ?? [];
  }
}

const onSymbol = (p: Point, o: Obstacle) => Math.hypot(p.x - o.x, p.y - o.y) < HALF + 8;
const onName = (p: Point, o: Obstacle) => Math.abs(p.x - o.x) < LABEL_WIDTH / 2 && p.y > o.labelY - 12 && p.y < o.labelY + 2 * LABEL_LINE;

/**
 * A gentle curve between two symbols, trimmed at their edges: arched above a row, bowed to one
 * side across rows. Of a few bends, the one passing fewest other people's symbols and names (and
 * not through the two people's own names) wins, then the gentlest, so a line seldom seems to end
 * at someone it does not join.
 */
function emotionalCurve(a: Point, b: Point, sameRow: boolean, grid: ObstacleGrid, ends: [string, string]): Point[] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const dist = Math.hypot(dx, dy) || 1;
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const base = sameRow ? Math.min(90, 26 + dist * 0.18) : Math.min(44, 18 + dist * 0.1);
  const bends = sameRow ? [1, 1.4, 1.8, 2.3, 3] : [1, -1, 0, 0.5, -0.5, 1.5, -1.5, 2, -2, 2.5, -2.5, 3, -3, 4, -4, 5, -5, 6, -6];
  const clear = HALF + 8;
  let best: { points: Point[]; cost: number } | null = null;
  bends.forEach((k, i) => {
    const control = sameRow ? { x: mid.x, y: mid.y - base * k } : { x: mid.x - (dy / dist) * base * k, y: mid.y + (dx / dist) * base * k };
    const points: Point[] = [];
    const n = 64;
    for (let j = 0; j <= n; j++) {
      const t = j / n;
      const u = 1 - t;
      points.push({ x: u * u * a.x + 2 * u * t * control.x + t * t * b.x, y: u * u * a.y + 2 * u * t * control.y + t * t * b.y });
    }
    const kept = points.filter((p) => Math.hypot(p.x - a.x, p.y - a.y) >= clear && Math.hypot(p.x - b.x, p.y - b.y) >= clear);
    const line = kept.length >= 2 ? kept : [a, b];
    const symbols = new Set<string>();
    const names = new Set<string>();
    for (const p of line)
      for (const o of grid.near(p)) {
        if (o.id === ends[0] || o.id === ends[1]) {
          if (onName(p, o)) names.add(o.id);
        } else if (onSymbol(p, o)) symbols.add(o.id);
        else if (onName(p, o)) names.add(o.id);
      }
    const nameOnly = [...names].filter((id) => !symbols.has(id)).length;
    const cost = symbols.size + 0.3 * nameOnly + i * 0.01;
    if (!best || cost < best.cost) best = { points: line, cost };
  });
  return best!.points;
}

// ---------------------------------------------------------------------------------------------
// Layout

type PartnerTie = Extract<MapTie, { kind: 'partner' }>;
type ParentTie = Extract<MapTie, { kind: 'parent' }>;
type TwinTie = Extract<MapTie, { kind: 'twin' }>;
type EmotionalTie = Extract<MapTie, { kind: 'emotional' }>;

interface Union {
  key: string;
  a: string;
  b: string;
  tie: PartnerTie | null;
}

interface Unit {
  key: string;
  bond: ParentBond;
  parents: string[];
  union: Union | null;
  children: string[];
}

interface Cluster {
  members: string[];
  row: number;
  /** Two partners may swap sides; a person with several partners keeps them in order. */
  flippable: boolean;
  discovery: number;
  component: string;
}

/** Lays the family structure of a map out as a genogram (see the module comment for how). */
export function layoutGenogram(input: RelationalMap): GenogramLayout {
  const map = canonicalMap(input);
  const nodeById = new Map(map.nodes.map((n) => [n.id, n]));
  const personLike = (id: string) => {
    const n = nodeById.get(id);
    return n !== undefined && (n.kind === 'client' || n.kind === 'person');
  };
  const familyTies = map.ties.filter(
    (t): t is PartnerTie | ParentTie | TwinTie | EmotionalTie =>
      (t.kind === 'partner' || t.kind === 'parent' || t.kind === 'twin' || t.kind === 'emotional') && t.a !== t.b && personLike(t.a) && personLike(t.b),
  );
  const drawn = new Set<string>();
  for (const n of map.nodes) if (n.kind === 'client' || (n.kind === 'person' && n.unknownIdentity)) drawn.add(n.id);
  for (const t of familyTies) {
    drawn.add(t.a);
    drawn.add(t.b);
  }
  const ids = [...drawn].sort(byString);
  const node = (id: string): MapNode => nodeById.get(id)!;
  const clientId = map.nodes.find((n) => n.kind === 'client')?.id ?? null;

  const partnerTies = familyTies.filter((t): t is PartnerTie => t.kind === 'partner');
  const parentTies = familyTies.filter((t): t is ParentTie => t.kind === 'parent');
  const twinTies = familyTies.filter((t): t is TwinTie => t.kind === 'twin');
  const emotionalTies = familyTies.filter((t): t is EmotionalTie => t.kind === 'emotional');

  // Unions: partnerships, and two parents of a child with no partnership recorded.
  const unions = new Map<string, Union>();
  for (const t of partnerTies) unions.set(pairKey(t.a, t.b), { key: pairKey(t.a, t.b), a: t.a < t.b ? t.a : t.b, b: t.a < t.b ? t.b : t.a, tie: t });
  const partnered = (a: string, b: string) => unions.get(pairKey(a, b))?.tie != null;

  // Parent units: who a child hangs from, one unit per bond and pair (or single parent).
  const units = new Map<string, Unit>();
  const parentLinks: ParentLink[] = [];
  const tiesByChild = new Map<string, ParentTie[]>();
  for (const t of parentTies) tiesByChild.set(t.b, [...(tiesByChild.get(t.b) ?? []), t]);
  for (const child of [...tiesByChild.keys()].sort(byString)) {
    const links = tiesByChild.get(child)!;
    const everyParent = links.map((l) => l.a);
    const throughPartnership = new Set(
      links.filter((l) => l.bond === 'step' && everyParent.some((p) => p !== l.a && partnered(p, l.a))).map((l) => l.id),
    );
    for (const l of links) parentLinks.push({ tieId: l.id, parent: l.a, child, bond: l.bond, shown: throughPartnership.has(l.id) ? 'partnership' : 'line' });
    for (const bond of bondOrder) {
      let ps = links.filter((l) => l.bond === bond && !throughPartnership.has(l.id)).map((l) => l.a).sort(byString);
      while (ps.length > 0) {
        let pair: [string, string] | null = null;
        if (ps.length >= 2) {
          for (let i = 0; i < ps.length && !pair; i++) for (let j = i + 1; j < ps.length && !pair; j++) if (partnered(ps[i]!, ps[j]!)) pair = [ps[i]!, ps[j]!];
          pair ??= [ps[0]!, ps[1]!];
        }
        const parents = pair ?? [ps[0]!];
        let union: Union | null = null;
        if (pair) {
          const key = pairKey(pair[0], pair[1]);
          union = unions.get(key) ?? { key, a: pair[0], b: pair[1], tie: null };
          unions.set(key, union);
        }
        const key = `${bond}:${parents.join('+')}`;
        const unit = units.get(key) ?? { key, bond, parents, union, children: [] };
        unit.children.push(child);
        units.set(key, unit);
        ps = ps.filter((p) => !parents.includes(p));
      }
    }
  }
  const unitList = [...units.values()].sort((x, y) => byString(x.key, y.key));
  const childUnits = new Map<string, Unit[]>();
  const parentUnits = new Map<string, Unit[]>();
  for (const u of unitList) {
    for (const c of u.children) childUnits.set(c, [...(childUnits.get(c) ?? []), u]);
    for (const p of u.parents) parentUnits.set(p, [...(parentUnits.get(p) ?? []), u]);
  }
  const unionList = [...unions.values()].sort((x, y) => byString(x.key, y.key));
  const unionsOf = new Map<string, Union[]>();
  for (const u of unionList) {
    unionsOf.set(u.a, [...(unionsOf.get(u.a) ?? []), u]);
    unionsOf.set(u.b, [...(unionsOf.get(u.b) ?? []), u]);
  }

  // Twin groups (twins, triplets…).
  const twinFind = new UnionFind();
  for (const t of twinTies) twinFind.union(t.a, t.b);
  const twinGroups = new Map<string, string[]>();
  for (const t of twinTies)
    for (const id of [t.a, t.b]) {
      const g = twinFind.find(id);
      const list = twinGroups.get(g) ?? [];
      if (!list.includes(id)) list.push(id);
      twinGroups.set(g, list);
    }
  const twinRep = (id: string) => (twinGroups.has(twinFind.find(id)) ? twinFind.find(id) : id);

  // 1. Generations. Same-row groups: unions and twins.
  const rowFind = new UnionFind();
  for (const u of unionList) rowFind.union(u.a, u.b);
  for (const t of twinTies) rowFind.union(t.a, t.b);
  const groupOf = (id: string) => rowFind.find(id);
  const groups = [...new Set(ids.map(groupOf))].sort(byString);
  const down = new Map<string, Set<string>>();
  for (const u of unitList)
    for (const p of u.parents)
      for (const c of u.children) {
        const gp = groupOf(p);
        const gc = groupOf(c);
        if (gp === gc) continue;
        const set = down.get(gp) ?? new Set<string>();
        set.add(gc);
        down.set(gp, set);
      }
  // Depth-first, dropping any edge that closes a circle, so the layering always ends.
  const state = new Map<string, 'open' | 'done'>();
  const kept = new Map<string, string[]>();
  const keptUp = new Map<string, string[]>();
  const postorder: string[] = [];
  const visit = (g: string) => {
    state.set(g, 'open');
    for (const c of [...(down.get(g) ?? [])].sort(byString)) {
      if (state.get(c) === 'open') continue;
      kept.set(g, [...(kept.get(g) ?? []), c]);
      keptUp.set(c, [...(keptUp.get(c) ?? []), g]);
      if (!state.has(c)) visit(c);
    }
    state.set(g, 'done');
    postorder.push(g);
  };
  for (const g of groups) if (!state.has(g)) visit(g);
  const topo = [...postorder].reverse();
  const gen = new Map<string, number>(groups.map((g) => [g, 0]));
  for (const g of topo) for (const c of kept.get(g) ?? []) gen.set(c, Math.max(gen.get(c)!, gen.get(g)! + 1));
  const hasKids = (g: string) => (kept.get(g) ?? []).length > 0;
  // Lower parents towards their children, heeding children who have children themselves where
  // there are any (a childless child can follow their parents down)…
  for (const g of postorder) {
    const all = kept.get(g) ?? [];
    const kids = all.some(hasKids) ? all.filter(hasKids) : all;
    if (kids.length > 0) gen.set(g, Math.max(gen.get(g)!, Math.min(...kids.map((k) => gen.get(k)!)) - 1));
  }
  // …then childless people sit just below their parents.
  for (const g of topo) {
    const ups = keptUp.get(g) ?? [];
    if (!hasKids(g) && ups.length > 0) gen.set(g, Math.max(...ups.map((p) => gen.get(p)!)) + 1);
  }
  // Families not joined to the client's line up through an emotional line, or sit beside the client.
  const familyFind = new UnionFind();
  for (const u of unionList) familyFind.union(u.a, u.b);
  for (const t of twinTies) familyFind.union(t.a, t.b);
  for (const u of unitList) for (const p of u.parents) for (const c of u.children) familyFind.union(p, c);
  const componentOf = (id: string) => familyFind.find(id);
  const personGen = (id: string) => gen.get(groupOf(id))!;
  const shift = new Map<string, number>();
  const clientComponent = clientId !== null && drawn.has(clientId) ? componentOf(clientId) : null;
  if (clientComponent !== null) shift.set(clientComponent, 0);
  const components = [...new Set(ids.map(componentOf))].sort(byString);
  let progress = true;
  while (progress) {
    progress = false;
    for (const comp of components) {
      if (shift.has(comp)) continue;
      for (const t of emotionalTies) {
        const [mine, theirs] = componentOf(t.a) === comp ? [t.a, t.b] : componentOf(t.b) === comp ? [t.b, t.a] : [null, null];
        if (mine === null || theirs === null) continue;
        const other = shift.get(componentOf(theirs));
        if (other === undefined) continue;
        shift.set(comp, personGen(theirs) + other - personGen(mine));
        progress = true;
        break;
      }
    }
  }
  const clientRow0 = clientId !== null && drawn.has(clientId) ? personGen(clientId) : 0;
  for (const comp of components) {
    if (shift.has(comp)) continue;
    const members = ids.filter((id) => componentOf(id) === comp);
    const top = Math.min(...members.map(personGen));
    shift.set(comp, members.length === 1 ? clientRow0 - top : -top);
  }
  const rawRow = new Map(ids.map((id) => [id, personGen(id) + shift.get(componentOf(id))!]));
  const minRow = Math.min(...rawRow.values());
  const rowOf = new Map(ids.map((id) => [id, rawRow.get(id)! - minRow]));
  const row = (id: string) => rowOf.get(id)!;
  const rowCount = ids.length === 0 ? 0 : Math.max(...rowOf.values()) + 1;

  // Discovery order from the client, for a stable first arrangement.
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  };
  for (const t of familyTies) link(t.a, t.b);
  for (const u of unionList) if (!u.tie) link(u.a, u.b);
  const discovery = new Map<string, number>();
  const queue = clientId !== null && drawn.has(clientId) ? [clientId] : [];
  const seed = [...queue, ...ids];
  for (const start of seed) {
    if (discovery.has(start)) continue;
    const q = [start];
    discovery.set(start, discovery.size);
    while (q.length > 0) {
      const n = q.shift()!;
      for (const m of [...new Set(neighbours.get(n) ?? [])].sort(byString)) {
        if (discovery.has(m)) continue;
        discovery.set(m, discovery.size);
        q.push(m);
      }
    }
  }

  // 2. Clusters of partners, each in its own order.
  const clusterFind = new UnionFind();
  for (const u of unionList) clusterFind.union(u.a, u.b);
  const clusterMembers = new Map<string, string[]>();
  for (const id of ids) clusterMembers.set(clusterFind.find(id), [...(clusterMembers.get(clusterFind.find(id)) ?? []), id]);
  const sinceOf = (u: Union) => u.tie?.since ?? Number.POSITIVE_INFINITY;
  const other = (u: Union, id: string) => (u.a === id ? u.b : u.a);
  const clusters: Cluster[] = [];
  for (const members of clusterMembers.values()) {
    const inCluster = new Set(members);
    const degree = (id: string) => (unionsOf.get(id) ?? []).filter((u) => inCluster.has(other(u, id))).length;
    const hub = [...members].sort((x, y) => degree(y) - degree(x) || (x === clientId ? -1 : y === clientId ? 1 : byString(x, y)))[0]!;
    const placed = new Set([hub]);
    const partnersOf = (id: string) =>
      (unionsOf.get(id) ?? [])
        .filter((u) => inCluster.has(other(u, id)) && !placed.has(other(u, id)))
        .sort((x, y) => sinceOf(x) - sinceOf(y) || byString(other(x, id), other(y, id)))
        .map((u) => other(u, id));
    const left: string[] = [];
    const right: string[] = [];
    const side = new Map<string, 'left' | 'right'>();
    const bfs: string[] = [];
    partnersOf(hub).forEach((p, i) => {
      placed.add(p);
      side.set(p, i === 0 ? 'left' : 'right');
      (i === 0 ? left : right).push(p);
      bfs.push(p);
    });
    while (bfs.length > 0) {
      const m = bfs.shift()!;
      for (const p of partnersOf(m)) {
        placed.add(p);
        side.set(p, side.get(m)!);
        (side.get(m) === 'left' ? left : right).push(p);
        bfs.push(p);
      }
    }
    // Anyone the walk missed (cannot happen in a connected cluster) still gets a place.
    for (const m of members) if (!placed.has(m)) right.push(m);
    const order = [...left.reverse(), hub, ...right];
    clusters.push({
      members: order,
      row: row(hub),
      flippable: order.length === 2,
      discovery: Math.min(...order.map((m) => discovery.get(m) ?? 0)),
      component: componentOf(hub),
    });
  }
  const rows: Cluster[][] = Array.from({ length: rowCount }, () => []);
  for (const c of clusters) rows[c.row]!.push(c);
  for (const r of rows) r.sort((x, y) => x.discovery - y.discovery);

  // Positions: x by person.
  const x = new Map<string, number>();
  const need = (r: Cluster[], i: number): number => {
    if (i === 0) return 0;
    const prev = r[i - 1]!;
    const cur = r[i]!;
    return (prev.members.length - 1) * SLOT + SLOT + CLUSTER_GAP + (prev.component === cur.component ? 0 : COMPONENT_GAP);
  };
  const setRow = (r: Cluster[], lefts: number[]) => r.forEach((c, i) => c.members.forEach((m, k) => x.set(m, lefts[i]! + k * SLOT)));
  const pack = (r: Cluster[]) => {
    const lefts: number[] = [];
    r.forEach((_, i) => lefts.push(i === 0 ? 0 : lefts[i - 1]! + need(r, i)));
    setRow(r, lefts);
  };
  rows.forEach(pack);
  const xOf = (id: string) => x.get(id)!;
  const centre = (c: Cluster) => (xOf(c.members[0]!) + xOf(c.members[c.members.length - 1]!)) / 2;
  const unitAnchorApprox = (u: Unit) => mean(u.parents.map(xOf));
  const bornOf = (id: string) => node(id).born ?? Number.POSITIVE_INFINITY;

  const upTargets = (m: string) => (childUnits.get(m) ?? []).filter((u) => u.parents.every((p) => row(p) < row(m))).map(unitAnchorApprox);
  const downTargets = (m: string) =>
    (parentUnits.get(m) ?? [])
      .map((u) => u.children.filter((c) => row(c) > row(m)))
      .filter((cs) => cs.length > 0)
      .map((cs) => mean(cs.map(xOf)));
  const orient = (r: Cluster[]) => {
    for (const c of r) {
      if (!c.flippable) continue;
      const cost = () =>
        c.members.reduce((sum, m) => {
          const own = xOf(m);
          const single = (parentUnits.get(m) ?? []).filter((u) => u.parents.length === 1).flatMap((u) => u.children.filter((ch) => row(ch) > row(m)).map(xOf));
          const twins = (twinGroups.get(twinFind.find(m)) ?? []).filter((t) => t !== m).map(xOf);
          return (
            sum +
            upTargets(m).reduce((s, t) => s + Math.abs(own - t), 0) +
            single.reduce((s, t) => s + Math.abs(own - t), 0) +
            twins.reduce((s, t) => s + 3 * Math.abs(own - t), 0)
          );
        }, 0);
      const before = cost();
      const lefts = c.members.map(xOf);
      c.members.reverse();
      c.members.forEach((m, k) => x.set(m, lefts[k]!));
      if (cost() >= before - 1e-9) {
        c.members.reverse();
        c.members.forEach((m, k) => x.set(m, lefts[k]!));
      }
    }
  };
  const sweepDown = (r: Cluster[]) => {
    const keyed = r.map((c) => {
      const blood = c.members.filter((m) => upTargets(m).length > 0);
      const key = blood.length > 0 ? mean(blood.flatMap(upTargets)) : centre(c);
      const born = blood.length > 0 ? Math.min(...blood.map(bornOf)) : Math.min(...c.members.map(bornOf));
      const rep = [...c.members.map(twinRep)].sort(byString)[0]!;
      return { c, key, born, rep };
    });
    keyed.sort((p, q) => (Math.abs(p.key - q.key) > 1e-6 ? p.key - q.key : p.born !== q.born ? (p.born < q.born ? -1 : 1) : byString(p.rep, q.rep) || p.c.discovery - q.c.discovery));
    r.splice(0, r.length, ...keyed.map((k) => k.c));
    pack(r);
    orient(r);
  };
  const sweepUp = (r: Cluster[]) => {
    const keyed = r.map((c) => {
      const targets = c.members.flatMap(downTargets);
      return { c, key: targets.length > 0 ? mean(targets) : centre(c), now: centre(c) };
    });
    keyed.sort((p, q) => (Math.abs(p.key - q.key) > 1e-6 ? p.key - q.key : p.now - q.now || p.c.discovery - q.c.discovery));
    r.splice(0, r.length, ...keyed.map((k) => k.c));
    pack(r);
    orient(r);
  };
  for (let pass = 0; pass < 5; pass++) {
    if (pass % 2 === 0) for (let i = 1; i < rows.length; i++) sweepDown(rows[i]!);
    else for (let i = rows.length - 2; i >= 0; i--) sweepUp(rows[i]!);
  }
  if (rows.length > 0) {
    // The top row has nobody above: order it once more by its children, then settle the rows below.
    sweepUp(rows[0]!);
    for (let i = 1; i < rows.length; i++) sweepDown(rows[i]!);
  }

  // Row order is final: index of each person in their row, and the gap each union's children leave from.
  const rowPeople: string[][] = rows.map((r) => r.flatMap((c) => c.members));
  const indexInRow = new Map<string, number>();
  rowPeople.forEach((people) => people.forEach((p, i) => indexInRow.set(p, i)));
  const ix = (id: string) => indexInRow.get(id)!;
  const unionGap = new Map<string, number>();
  const unionCount = (id: string) => (unionsOf.get(id) ?? []).length;
  for (const u of unionList) {
    const [l, r] = ix(u.a) < ix(u.b) ? [u.a, u.b] : [u.b, u.a];
    if (ix(r) - ix(l) === 1) unionGap.set(u.key, ix(l));
    else {
      // Between the partner with fewer partnerships and their neighbour towards the other,
      // so the children's line never comes down through someone's name.
      const far = unionCount(r) <= unionCount(l) ? r : l;
      unionGap.set(u.key, far === r ? ix(r) - 1 : ix(l));
    }
  }
  const gapX = (rowIndex: number, gap: number): number => {
    const people = rowPeople[rowIndex]!;
    const leftP = people[gap];
    const rightP = people[gap + 1];
    if (leftP !== undefined && rightP !== undefined) return (xOf(leftP) + xOf(rightP)) / 2;
    if (leftP !== undefined) return xOf(leftP) + SLOT / 2;
    return xOf(rightP!) - SLOT / 2;
  };
  const anchorX = (u: Unit) => (u.union ? gapX(row(u.union.a), unionGap.get(u.union.key)!) : xOf(u.parents[0]!));

  // 3. Positions: rows placed towards their parents and children, alternately downwards and upwards.
  for (let it = 0; it < 12; it++) {
    const order = it % 2 === 0 ? rows.map((_, i) => i) : rows.map((_, i) => rows.length - 1 - i);
    for (const ri of order) {
      const r = rows[ri]!;
      if (r.length === 0) continue;
      const targets: number[] = [];
      const weights: number[] = [];
      for (const c of r) {
        const left = xOf(c.members[0]!);
        let sum = 0;
        let weight = 0;
        c.members.forEach((m, k) => {
          for (const u of childUnits.get(m) ?? []) {
            if (!u.parents.every((p) => row(p) < ri)) continue;
            sum += anchorX(u) - k * SLOT;
            weight += 1;
          }
        });
        const anchored = new Set<Unit>();
        for (const m of c.members) for (const u of parentUnits.get(m) ?? []) anchored.add(u);
        for (const u of anchored) {
          const kids = u.children.filter((ch) => row(ch) > ri);
          if (kids.length === 0) continue;
          sum += mean(kids.map(xOf)) - (anchorX(u) - left);
          weight += 1;
        }
        if (weight === 0) {
          targets.push(left);
          weights.push(1e-3);
        } else {
          targets.push(sum / weight);
          weights.push(weight);
        }
      }
      setRow(r, placeInOrder(targets, weights, r.map((_, i) => need(r, i))));
    }
  }

  // 4. Lines. Partnership lanes within each cluster.
  const unionLane = new Map<string, number>();
  const rowLanes = rows.map(() => 0);
  for (const c of clusters) {
    const inCluster = new Set(c.members);
    const mine = unionList
      .filter((u) => inCluster.has(u.a))
      .map((u) => ({ u, lo: Math.min(ix(u.a), ix(u.b)), hi: Math.max(ix(u.a), ix(u.b)) }))
      .sort((p, q) => p.hi - p.lo - (q.hi - q.lo) || p.lo - q.lo || byString(p.u.key, q.u.key));
    const lanes: Array<Array<{ lo: number; hi: number }>> = [];
    for (const m of mine) {
      let lane = 0;
      while ((lanes[lane] ?? []).some((o) => m.lo < o.hi && o.lo < m.hi)) lane++;
      (lanes[lane] ??= []).push(m);
      unionLane.set(m.u.key, lane + 1);
      rowLanes[c.row] = Math.max(rowLanes[c.row]!, lane + 1);
    }
  }

  // Which descents come down each gap, spread apart when several share one.
  interface Drop {
    unit: Unit;
    row: number;
    gap: number;
    kidsMean: number;
  }
  const drops: Drop[] = [];
  for (const u of unitList) {
    const parentRow = row(u.parents[0]!);
    const kids = u.children.filter((ch) => row(ch) > parentRow);
    if (kids.length === 0) continue;
    const kidsMean = mean(kids.map(xOf));
    let gap: number;
    if (u.union) gap = unionGap.get(u.union.key)!;
    else {
      const p = u.parents[0]!;
      gap = kidsMean >= xOf(p) ? ix(p) : ix(p) - 1;
    }
    drops.push({ unit: u, row: parentRow, gap, kidsMean });
  }
  const dropX = new Map<string, number>();
  const byGap = new Map<string, Drop[]>();
  for (const dr of drops) byGap.set(`${dr.row}:${dr.gap}`, [...(byGap.get(`${dr.row}:${dr.gap}`) ?? []), dr]);
  for (const list of byGap.values()) {
    list.sort((p, q) => p.kidsMean - q.kidsMean || byString(p.unit.key, q.unit.key));
    list.forEach((dr, i) => dropX.set(dr.unit.key, gapX(dr.row, dr.gap) + (i - (list.length - 1) / 2) * 7));
  }

  // Where each line reaches a child's head: the first unit (by bond) in the middle, others beside it.
  const entryX = new Map<string, number>();
  for (const id of ids) {
    const incoming = (childUnits.get(id) ?? []).filter((u) => dropX.has(u.key) && row(id) > row(u.parents[0]!));
    incoming.sort((p, q) => bondOrder.indexOf(p.bond) - bondOrder.indexOf(q.bond) || byString(p.key, q.key));
    const offsets = incoming.length <= 1 ? [0] : incoming.length === 2 ? [0, 9] : incoming.map((_, i) => (i - (incoming.length - 1) / 2) * 8);
    incoming.forEach((u, i) => entryX.set(`${u.key}>${id}`, xOf(id) + offsets[i]!));
  }

  // Twin groups hang from the first unit all of them share.
  interface Fork {
    ids: string[];
    unit: Unit | null;
    x: number;
  }
  const forks: Fork[] = [];
  for (const members of [...twinGroups.entries()].sort((p, q) => byString(p[0], q[0])).map(([, m]) => m)) {
    const sorted = [...members].sort((p, q) => xOf(p) - xOf(q));
    const shared = (childUnits.get(sorted[0]!) ?? [])
      .filter((u) => dropX.has(u.key) && sorted.every((m) => u.children.includes(m)))
      .sort((p, q) => bondOrder.indexOf(p.bond) - bondOrder.indexOf(q.bond) || byString(p.key, q.key))[0];
    forks.push({ ids: sorted, unit: shared ?? null, x: mean(sorted.map(xOf)) });
  }
  const forkOf = new Map<string, Fork>();
  for (const f of forks) if (f.unit) for (const m of f.ids) forkOf.set(`${f.unit.key}>${m}`, f);

  // Sibling bars: one per unit and child row, stacked in lanes in the space above that row.
  interface Bar {
    unit: Unit;
    childRow: number;
    kids: string[];
    lo: number;
    hi: number;
    lane: number;
  }
  const bars: Bar[] = [];
  for (const dr of drops) {
    const kidsByRow = new Map<number, string[]>();
    for (const ch of dr.unit.children) if (row(ch) > dr.row) kidsByRow.set(row(ch), [...(kidsByRow.get(row(ch)) ?? []), ch]);
    for (const [childRow, kids] of [...kidsByRow.entries()].sort((p, q) => p[0] - q[0])) {
      const xs = [dropX.get(dr.unit.key)!, ...kids.map((k) => forkOf.get(`${dr.unit.key}>${k}`)?.x ?? entryX.get(`${dr.unit.key}>${k}`)!)];
      bars.push({ unit: dr.unit, childRow, kids, lo: Math.min(...xs), hi: Math.max(...xs), lane: 0 });
    }
  }
  const barLanes = rows.map(() => 0);
  for (let ri = 0; ri < rows.length; ri++) {
    const here = bars.filter((b) => b.childRow === ri).sort((p, q) => p.lo - q.lo || p.hi - q.hi || byString(p.unit.key, q.unit.key));
    const laneEnds: number[] = [];
    for (const b of here) {
      let lane = 0;
      while (laneEnds[lane] !== undefined && laneEnds[lane]! + 6 > b.lo) lane++;
      laneEnds[lane] = b.hi;
      b.lane = lane;
      barLanes[ri] = Math.max(barLanes[ri]!, lane + 1);
    }
  }

  // Vertical measures of each row.
  const rowTop: number[] = [];
  const rowCentre: number[] = [];
  const rowLabelY: number[] = [];
  const barsTop: number[] = [];
  let cursor = 0;
  let previousLabelBottom = 0;
  for (let ri = 0; ri < rows.length; ri++) {
    if (ri === 0) {
      barsTop.push(cursor - 26 - Math.max(0, barLanes[0]! - 1) * BAR_STEP);
    } else {
      const top = previousLabelBottom + 16;
      barsTop.push(top);
      cursor = barLanes[ri]! > 0 ? top + (barLanes[ri]! - 1) * BAR_STEP + 24 : previousLabelBottom + 36;
    }
    rowTop.push(cursor);
    const centreY = cursor + HALF;
    rowCentre.push(centreY);
    const lanesBottom = rowLanes[ri]! > 0 ? centreY + HALF + LANE_FIRST + (rowLanes[ri]! - 1) * LANE_STEP : centreY + DIAMOND;
    const labelTop = lanesBottom + (rowLanes[ri]! > 0 ? 9 : 6);
    rowLabelY.push(labelTop + 11);
    const lines = Math.max(1, ...rowPeople[ri]!.map((p) => wrapName(node(p).label).length + (yearsText(node(p)) ? 1 : 0)));
    previousLabelBottom = labelTop + lines * LABEL_LINE;
  }
  const laneY = (ri: number, lane: number) => rowCentre[ri]! + HALF + LANE_FIRST + (lane - 1) * LANE_STEP;
  const barY = (b: Bar) => barsTop[b.childRow]! + b.lane * BAR_STEP;
  const reach = (id: string) => (symbolFor[node(id).gender] === 'diamond' ? DIAMOND : HALF);

  const bounds = new Bounds();
  const adoptedIds = new Set(parentTies.filter((t) => t.bond === 'adoptive').map((t) => t.b));
  const people: GenogramPerson[] = ids.map((id) => {
    const n = node(id);
    const ri = row(id);
    const nameLines = wrapName(n.label);
    const years = yearsText(n);
    const person: GenogramPerson = {
      id,
      label: n.label,
      nameLines,
      years,
      x: xOf(id),
      y: rowCentre[ri]!,
      labelY: rowLabelY[ri]!,
      symbol: symbolFor[n.gender],
      gender: n.gender,
      born: n.born,
      died: n.died,
      deceased: n.deceased || n.died !== null,
      unknownIdentity: n.unknownIdentity,
      index: n.kind === 'client',
      adopted: adoptedIds.has(id),
      row: ri,
      generation: clientId !== null && drawn.has(clientId) ? ri - row(clientId) : ri,
    };
    bounds.add(person.x - LABEL_WIDTH / 2, person.y - HALF - 8);
    bounds.add(person.x + LABEL_WIDTH / 2, person.labelY + (nameLines.length + (years ? 1 : 0) - 1) * LABEL_LINE + 4);
    return person;
  });

  const partnerships: PartnershipLine[] = unionList.map((u) => {
    const ri = row(u.a);
    const [l, r] = xOf(u.a) <= xOf(u.b) ? [u.a, u.b] : [u.b, u.a];
    const lane = unionLane.get(u.key)!;
    const y = laneY(ri, lane);
    const d = new PathData(bounds)
      .M(xOf(l), rowCentre[ri]! + reach(l))
      .L(xOf(l), y)
      .L(xOf(r), y)
      .L(xOf(r), rowCentre[ri]! + reach(r))
      .toString();
    const status: PartnerStatus | 'coparents' = u.tie ? u.tie.status : 'coparents';
    const { style, slashes } = partnerStyle[status];
    const ax = gapX(ri, unionGap.get(u.key)!);
    const marks = new PathData(bounds);
    for (let i = 0; i < slashes; i++) {
      const sx = ax + 11 + i * 7;
      marks.M(sx - 3.5, y + 5).L(sx + 3.5, y - 5);
    }
    const since = u.tie?.since ?? null;
    const until = u.tie?.until ?? null;
    const text = captionFor(since, until);
    return {
      id: `partnership:${u.key}`,
      tieId: u.tie?.id ?? null,
      a: u.a,
      b: u.b,
      status,
      since,
      until,
      style,
      slashes,
      lane,
      anchor: { x: ax, y },
      d,
      marks: marks.toString(),
      caption: text === null ? null : { x: ax, y: y - 7, text },
    };
  });

  const descents: DescentLine[] = [];
  for (const dr of drops) {
    const u = dr.unit;
    const path = new PathData(bounds);
    const vx = dropX.get(u.key)!;
    const ri = dr.row;
    const myBars = bars.filter((b) => b.unit === u);
    const lowest = Math.max(...myBars.map(barY));
    if (u.union) path.M(vx, laneY(ri, unionLane.get(u.union.key)!));
    else {
      const p = u.parents[0]!;
      const sx = xOf(p) + (vx >= xOf(p) ? reach(p) : -reach(p));
      path.M(sx, rowCentre[ri]!).L(vx, rowCentre[ri]!);
    }
    path.L(vx, lowest);
    for (const b of myBars) {
      const by = barY(b);
      path.M(b.lo, by).L(b.hi, by);
      for (const k of b.kids) {
        if (forkOf.has(`${u.key}>${k}`)) continue;
        const ex = entryX.get(`${u.key}>${k}`)!;
        path.M(ex, by).L(ex, rowCentre[b.childRow]! - reach(k));
      }
    }
    descents.push({ id: `descent:${u.key}`, bond: u.bond, parents: u.parents, children: u.children.filter((c) => row(c) > ri), style: bondStyle[u.bond], d: path.toString() });
  }

  const twinPairs: TwinPair[] = twinTies.map((t) => ({ a: t.a, b: t.b, identical: t.identical }));
  const twins: TwinLines[] = forks.map((f) => {
    const ri = row(f.ids[0]!);
    const bar = f.unit ? bars.find((b) => b.unit === f.unit && b.childRow === ri) : undefined;
    const fork = { x: f.x, y: bar ? barY(bar) : rowTop[ri]! - 18 };
    const path = new PathData(bounds);
    const ends = new Map<string, Point>();
    for (const m of f.ids) {
      const end = { x: f.unit ? entryX.get(`${f.unit.key}>${m}`) ?? xOf(m) : xOf(m), y: rowCentre[ri]! - reach(m) };
      ends.set(m, end);
      path.M(fork.x, fork.y).L(end.x, end.y);
    }
    const marks = new PathData(bounds);
    const identicalPairs: Array<[string, string]> = [];
    for (const t of twinTies) {
      if (!t.identical || !ends.has(t.a) || !ends.has(t.b)) continue;
      identicalPairs.push([t.a, t.b]);
      const at = (e: Point) => ({ x: fork.x + (e.x - fork.x) * 0.5, y: fork.y + (e.y - fork.y) * 0.5 });
      const p = at(ends.get(t.a)!);
      const q = at(ends.get(t.b)!);
      marks.M(p.x, p.y).L(q.x, q.y);
    }
    return {
      id: `twins:${f.ids.join('+')}`,
      ids: f.ids,
      fork,
      style: f.unit ? bondStyle[f.unit.bond] : 'solid',
      d: path.toString(),
      marks: marks.toString(),
      identicalPairs,
    };
  });

  const personById = new Map(people.map((p) => [p.id, p]));
  const grid = new ObstacleGrid(people);
  const emotional: EmotionalLine[] = emotionalTies.map((t) => {
    const a = personById.get(t.a)!;
    const b = personById.get(t.b)!;
    const points = emotionalCurve(a, b, a.row === b.row, grid, [t.a, t.b]);
    const known = (knownEmotionalPatterns as readonly string[]).includes(t.pattern);
    const style = known ? emotionalStyle[t.pattern]! : otherPatternStyle;
    const { d, marks, arrows } = emotionalPathWithin(points, t.pattern, t.direction, bounds);
    const middle = points[Math.floor(points.length / 2)]!;
    return {
      tieId: t.id,
      a: t.a,
      b: t.b,
      pattern: t.pattern,
      known,
      direction: t.direction,
      colour: style.colour,
      width: style.width,
      dash: style.dash,
      d,
      marks,
      arrows,
      label: known ? null : { x: middle.x, y: middle.y - 5, text: patternName(t.pattern) },
    };
  });
  for (const e of emotional) if (e.label) bounds.add(e.label.x, e.label.y, 40);

  const empty = familyTies.length === 0;
  const b = people.length === 0 ? { minX: 0, minY: 0, maxX: 0, maxY: 0 } : bounds;
  return {
    empty,
    people,
    partnerships,
    descents,
    twins,
    emotional,
    // A parent tie the rows could not honour (someone recorded as the partner or twin of their own
    // parent) has no line; the words still say it.
    parentLinks: parentLinks.map((l) => (l.shown === 'line' && row(l.parent) >= row(l.child) ? { ...l, shown: 'not drawn' as const } : l)),
    twinPairs,
    generations: rowCount,
    bounds: { x: r1(b.minX - MARGIN), y: r1(b.minY - MARGIN), width: r1(b.maxX - b.minX + 2 * MARGIN), height: r1(b.maxY - b.minY + 2 * MARGIN) },
    legend: legendFor(people, partnerships, descents, twins, emotional),
  };
}

/** A pattern's name as words: the known label, or the stored name with spaces. */
export function patternName(pattern: string): string {
  return emotionalPatternLabels[pattern] ?? pattern.replaceAll('_', ' ');
}

// ---------------------------------------------------------------------------------------------
// Legend

function legendFor(people: GenogramPerson[], partnerships: PartnershipLine[], descents: DescentLine[], twins: TwinLines[], emotional: EmotionalLine[]): LegendItem[] {
  const items: LegendItem[] = [];
  const genders = new Set(people.map((p) => p.gender));
  if (genders.has('male')) items.push({ key: 'symbol:square', label: 'Male', sample: { kind: 'symbol', symbol: 'square' } });
  if (genders.has('female')) items.push({ key: 'symbol:circle', label: 'Female', sample: { kind: 'symbol', symbol: 'circle' } });
  if (genders.has('nonbinary') || genders.has('unknown')) {
    const label = genders.has('nonbinary') && genders.has('unknown') ? 'Nonbinary, or gender not recorded' : genders.has('nonbinary') ? 'Nonbinary' : 'Gender not recorded';
    items.push({ key: 'symbol:diamond', label, sample: { kind: 'symbol', symbol: 'diamond' } });
  }
  const sampleSymbol: GenogramSymbol = genders.has('male') ? 'square' : genders.has('female') ? 'circle' : 'diamond';
  if (people.some((p) => p.index)) items.push({ key: 'index', label: 'The client (double outline)', sample: { kind: 'symbol', symbol: people.find((p) => p.index)!.symbol, index: true } });
  if (people.some((p) => p.deceased)) items.push({ key: 'deceased', label: 'Died (a cross), with years of birth and death', sample: { kind: 'symbol', symbol: sampleSymbol, deceased: true } });
  if (people.some((p) => p.unknownIdentity)) items.push({ key: 'unknown', label: 'Identity not known (question mark)', sample: { kind: 'symbol', symbol: sampleSymbol, unknownIdentity: true } });
  if (people.some((p) => p.adopted)) items.push({ key: 'adopted', label: 'Adopted (in brackets)', sample: { kind: 'symbol', symbol: sampleSymbol, adopted: true } });

  const statuses = new Set(partnerships.map((p) => p.status));
  const partnerLabels: Array<[PartnerStatus | 'coparents', string]> = [
    ['married', 'Married'],
    ['partnered', 'Partners, not married (dashed)'],
    ['separated', 'Separated (one slash)'],
    ['divorced', 'Divorced (two slashes)'],
    ['widowed', 'Widowed (the partner who died is crossed)'],
    ['ended', 'Relationship ended (dashed, one slash)'],
    ['coparents', 'Parents of a child, no partnership recorded (dotted)'],
  ];
  for (const [status, label] of partnerLabels)
    if (statuses.has(status)) items.push({ key: `partner:${status}`, label, sample: { kind: 'partnership', ...partnerStyle[status] } });

  const bonds = new Set(descents.map((d) => d.bond));
  if (bonds.has('birth') || bonds.has('unknown'))
    items.push({
      key: 'bond:birth',
      label: bonds.has('unknown') ? (bonds.has('birth') ? 'Birth parent and child, or how is not recorded' : 'Parent and child (how is not recorded)') : 'Birth parent and child',
      sample: { kind: 'descent', style: 'solid' },
    });
  if (bonds.has('adoptive')) items.push({ key: 'bond:adoptive', label: 'Adoptive parent and child (dashed)', sample: { kind: 'descent', style: 'dashed' } });
  if (bonds.has('foster')) items.push({ key: 'bond:foster', label: 'Foster parent and child (dotted)', sample: { kind: 'descent', style: 'dotted' } });
  if (bonds.has('step')) items.push({ key: 'bond:step', label: 'Step-parent and child (dash and dot)', sample: { kind: 'descent', style: 'dashdot' } });

  if (twins.some((t) => t.identicalPairs.length < t.ids.length - 1)) items.push({ key: 'twins:fraternal', label: 'Twins (from one point)', sample: { kind: 'twins', identical: false } });
  if (twins.some((t) => t.identicalPairs.length > 0)) items.push({ key: 'twins:identical', label: 'Identical twins (a bar between)', sample: { kind: 'twins', identical: true } });

  const patterns = new Set(emotional.map((e) => e.pattern));
  for (const p of knownEmotionalPatterns)
    if (patterns.has(p)) items.push({ key: `emotional:${p}`, label: `${patternName(p)} (${emotionalStyle[p]!.form})`, sample: { kind: 'emotional', pattern: p, direction: p === 'abusive' ? 'a_to_b' : 'none' } });
  if (emotional.some((e) => !e.known)) items.push({ key: 'emotional:other', label: 'Other pattern (thin line, named on it)', sample: { kind: 'emotional', pattern: 'other', direction: 'none' } });
  if (emotional.some((e) => e.direction !== 'none' && e.pattern !== 'abusive'))
    items.push({ key: 'arrow', label: 'Arrow: the way the pattern runs', sample: { kind: 'emotional', pattern: 'other', direction: 'a_to_b' } });
  return items;
}

/** Legend sample path for an emotional pattern, a short straight run of the same form. */
export function emotionalSample(pattern: string, direction: Direction, length = 44): { d: string; marks: string; arrows: string } {
  return emotionalPath(
    [
      { x: 2, y: 12 },
      { x: 2 + length, y: 12 },
    ],
    pattern,
    direction,
  );
}

// ---------------------------------------------------------------------------------------------
// Words

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const countWord = (n: number) => numberWords[n] ?? String(n);

/** Where a person's generation sits, said from the client's. */
export function generationWords(generation: number): string {
  if (generation === 0) return 'the client’s generation';
  const n = Math.abs(generation);
  return `${countWord(n)} generation${n === 1 ? '' : 's'} ${generation < 0 ? 'above' : 'below'} the client`;
}

const parentNoun = (gender: Gender, bond: ParentBond): string => {
  const base = gender === 'female' ? 'mother' : gender === 'male' ? 'father' : 'parent';
  switch (bond) {
    case 'birth':
      return `birth ${base}`;
    case 'adoptive':
      return `adoptive ${base}`;
    case 'foster':
      return `foster ${base}`;
    case 'step':
      return `step${base}`;
    case 'unknown':
      return base;
  }
};

const statusWords: Record<PartnerStatus | 'coparents', string> = {
  married: 'married',
  partnered: 'partners, not married',
  separated: 'separated',
  divorced: 'divorced',
  widowed: 'widowed',
  ended: 'their relationship ended',
  coparents: 'parents of a child together; no partnership recorded',
};

export interface GenogramWords {
  summary: string;
  people: string[];
  partnerships: string[];
  parents: string[];
  twins: string[];
  emotional: string[];
}

/** The genogram in sentences: the text alternative for people who do not see the drawing. */
export function describeGenogram(layout: GenogramLayout): GenogramWords {
  const byId = new Map(layout.people.map((p) => [p.id, p]));
  const name = (id: string) => byId.get(id)?.label ?? 'someone no longer on the map';
  const possessive = (id: string) => `${name(id)}’s`;
  const ordered = [...layout.people].sort((p, q) => p.row - q.row || p.x - q.x);
  const people = ordered.map((p) => {
    const facts = [genderWords[p.gender]];
    if (p.unknownIdentity) facts.push('identity not known');
    if (p.born !== null) facts.push(`born ${p.born}`);
    if (p.deceased) facts.push(p.died !== null ? `died ${p.died}` : 'has died');
    if (p.adopted) facts.push('adopted');
    facts.push(generationWords(p.generation));
    return `${p.label}${p.index ? ' (the client)' : ''}: ${facts.join('; ')}.`;
  });
  const partnerships = layout.partnerships.map((p) => {
    const years = captionFor(p.since, p.until);
    return `${name(p.a)} and ${name(p.b)}: ${statusWords[p.status]}${years ? ` (${years})` : ''}.`;
  });
  const listed = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
  const linksByChild = new Map<string, ParentLink[]>();
  for (const l of layout.parentLinks) linksByChild.set(l.child, [...(linksByChild.get(l.child) ?? []), l]);
  const parents = ordered
    .filter((p) => linksByChild.has(p.id))
    .map((p) => {
      const links = [...linksByChild.get(p.id)!].sort((x, y) => bondOrder.indexOf(x.bond) - bondOrder.indexOf(y.bond) || byString(name(x.parent), name(y.parent)));
      const items = links.map((l) => {
        const noun = parentNoun(byId.get(l.parent)?.gender ?? 'unknown', l.bond);
        const how = l.bond === 'unknown' ? ', how is not recorded' : l.shown === 'partnership' ? ', shown through the partnership' : '';
        return `${name(l.parent)} (${noun}${how})`;
      });
      return `${possessive(p.id)} ${links.length === 1 ? 'parent' : 'parents'}: ${listed(items)}.`;
    });
  const twins = layout.twinPairs.map((t) => `${name(t.a)} and ${name(t.b)} are ${t.identical ? 'identical' : 'fraternal'} twins.`);
  const emotional = layout.emotional.map((e) => {
    const way =
      e.direction === 'a_to_b'
        ? `, from ${name(e.a)} towards ${name(e.b)}`
        : e.direction === 'b_to_a'
          ? `, from ${name(e.b)} towards ${name(e.a)}`
          : e.direction === 'both'
            ? ', both ways'
            : '';
    return `${name(e.a)} and ${name(e.b)}: ${patternName(e.pattern).toLowerCase()}${way}.`;
  });
  const n = layout.people.length;
  const summary = `Genogram of ${n} ${n === 1 ? 'person' : 'people'} across ${countWord(layout.generations)} generation${layout.generations === 1 ? '' : 's'}.`;
  return { summary, people, partnerships, parents, twins, emotional };
}
