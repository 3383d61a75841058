import { arrowHeads, levelRadius, qualityColour, strengthDash, strengthWidth, tieGeometry } from './draw.js';
import {
  canonicalMap,
  centreOf,
  type Direction,
  emotionalPatternLabels,
  levelLabels,
  type MapLevel,
  mapLevels,
  type MapNode,
  type MapTie,
  type NodeKind,
  nodeKindLabels,
  nodeKinds,
  qualityLabels,
  type RelationalMap,
  sectorLabels,
  strengthLabels,
  type TieKind,
  tieQualities,
  tieStrengths,
  type TieQuality,
  type TieStrength,
} from './map.js';

/**
 * The ecomap as a picture: one layout (`ecomapScene`) that the SVG export (`mapToSvg`, also the
 * source of the browser's PNG) and the chapter summary PDF both draw, so a printed map, a
 * downloaded one and the screen use the same rings, shapes and line forms. Every shape and line is
 * SVG path data, which PDFKit's `doc.path` reads as well. Pure and deterministic: the same map
 * gives the same bytes.
 */

// ---------------------------------------------------------------------------------------------
// Layout

/** How far a level's tinted band reaches beyond the outermost ring. */
const OUTER_BAND = 45;
const MARGIN = 24;
/** Scene units per point of type: labels are 12 units, details 10.5. */
export const labelSize = 12;
export const detailSize = 10.5;
/** A label longer than this many characters is cut with an ellipsis (the full name stays in the title and the text). */
export const maxLabelChars = 22;

export interface SceneBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A level's ring (the circle its nodes sit on, `levelRadius` in draw.ts) and the tinted band around it. */
export interface SceneRing {
  level: MapLevel;
  label: string;
  radius: number;
  /** The band's outer edge: halfway to the next ring. */
  outer: number;
  fill: string;
  /** Where the ring's name is written: a point on the ring clear of the nodes where possible. */
  labelAt: { x: number; y: number };
}

/** One filled and/or stroked outline, as SVG path data. */
export interface SceneShape {
  d: string;
  fill: string | null;
  stroke: string;
  strokeWidth: number;
  dash: string | null;
}

export interface SceneNode {
  id: string;
  kind: NodeKind;
  level: MapLevel;
  /** The full label, for titles and text alternatives. */
  label: string;
  /** The label as drawn, shortened with an ellipsis when long. */
  shortLabel: string;
  /** A second, smaller line: an institution's sector, a person's years. */
  detail: string | null;
  x: number;
  y: number;
  /** Outline first, then any marks drawn over it (the client's inner ring, a deceased person's cross). */
  shapes: SceneShape[];
  /** A "?" is drawn inside someone whose identity is not known. */
  unknownIdentity: boolean;
  /** The shape's box (without the label). */
  box: SceneBox;
  /** Baseline of the label, centred on `x`; the detail sits one line below. */
  labelY: number;
  /** What a screen reader says for this node. */
  description: string;
}

export interface SceneTie {
  id: string;
  kind: TieKind;
  a: string;
  b: string;
  /** The line (one or more segments). */
  line: string;
  /** Hatches or bars beside the line, drawn thin in the same colour. */
  marks: string;
  /** Closed arrowheads, filled in the line's colour. */
  arrows: string;
  colour: string;
  width: number;
  dash: string | null;
  markWidth: number;
  /** The tie in words, for titles and text alternatives. */
  description: string;
}

export interface LegendLine {
  key: string;
  label: string;
  colour: string;
  width: number;
  dash: string | null;
}

/** What the legend explains: the line forms always, the kinds of node and tie only when the map uses them. */
export interface EcomapLegend {
  strengths: Array<LegendLine & { key: TieStrength }>;
  qualities: Array<LegendLine & { key: TieQuality }>;
  directions: Array<{ key: Exclude<Direction, 'none'> | 'none'; label: string }>;
  kinds: NodeKind[];
  /** Tie kinds other than `connection` used on this map, with the line they are drawn with. */
  otherTies: LegendLine[];
}

export interface EcomapScene {
  centre: { x: number; y: number };
  /** Innermost first. */
  rings: SceneRing[];
  ties: SceneTie[];
  nodes: SceneNode[];
  /** The drawing's extent (rings, shapes and labels) with a margin, in the map's own coordinates. */
  bounds: SceneBox;
  legend: EcomapLegend;
  /** A sentence or two saying what the map holds, for a text alternative. */
  summary: string;
}

const ink = '#1d232b';
const muted = '#4a5561';
const ringStroke = '#aeb8c4';

const ringFill: Record<MapLevel, string> = {
  personal: '#fdf8ec',
  familial: '#f9f1e7',
  social: '#f1f5fa',
  ecological: '#eff6f0',
  spiritual: '#f6f2fb',
};

interface KindStyle {
  fill: string;
  stroke: string;
  dash: string | null;
  /** Half the shape's width and height. */
  rx: number;
  ry: number;
  outline: (x: number, y: number) => string;
}

const n = (v: number): string => {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
};

function circle(x: number, y: number, r: number): string {
  return `M${n(x - r)} ${n(y)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`;
}

function polygon(points: Array<[number, number]>): string {
  return `${points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${n(px)} ${n(py)}`).join('')}Z`;
}

/** A regular polygon of `sides` around (x, y), its first point straight up unless `turn` says otherwise. */
function regular(x: number, y: number, r: number, sides: number, turn = 0): string {
  return polygon(
    Array.from({ length: sides }, (_, i): [number, number] => {
      const angle = -Math.PI / 2 + turn + (i * 2 * Math.PI) / sides;
      return [x + r * Math.cos(angle), y + r * Math.sin(angle)];
    }),
  );
}

function star(x: number, y: number, outer: number, inner: number): string {
  return polygon(
    Array.from({ length: 10 }, (_, i): [number, number] => {
      const r = i % 2 === 0 ? outer : inner;
      const angle = -Math.PI / 2 + (i * Math.PI) / 5;
      return [x + r * Math.cos(angle), y + r * Math.sin(angle)];
    }),
  );
}

/**
 * A shape per kind, never told apart by colour alone: the client a double circle, a person a
 * circle, a family a house, a group a hexagon, an institution a rectangle, a place a hill, a
 * practice a diamond, the spiritual a star, an influence an octagon with a dashed outline.
 */
const kindStyles: Record<NodeKind, KindStyle> = {
  client: { fill: '#fff1cc', stroke: '#17324d', dash: null, rx: 30, ry: 30, outline: (x, y) => circle(x, y, 30) },
  person: { fill: '#e6f0fb', stroke: '#2d5b88', dash: null, rx: 20, ry: 20, outline: (x, y) => circle(x, y, 20) },
  family: {
    fill: '#fbeadb',
    stroke: '#8a4b12',
    dash: null,
    rx: 24,
    ry: 22,
    outline: (x, y) => polygon([[x, y - 22], [x + 24, y - 4], [x + 24, y + 20], [x - 24, y + 20], [x - 24, y - 4]]),
  },
  group: { fill: '#e3f3ed', stroke: '#1f6f5c', dash: null, rx: 23, ry: 23, outline: (x, y) => regular(x, y, 23, 6, Math.PI / 6) },
  institution: {
    fill: '#edf0f3',
    stroke: '#3c4650',
    dash: null,
    rx: 27,
    ry: 17,
    outline: (x, y) => polygon([[x - 27, y - 17], [x + 27, y - 17], [x + 27, y + 17], [x - 27, y + 17]]),
  },
  place: { fill: '#e8f4e1', stroke: '#3d6b2a', dash: null, rx: 27, ry: 20, outline: (x, y) => polygon([[x, y - 20], [x + 27, y + 18], [x - 27, y + 18]]) },
  practice: { fill: '#f4e9f6', stroke: '#7a3f86', dash: null, rx: 23, ry: 23, outline: (x, y) => polygon([[x, y - 23], [x + 23, y], [x, y + 23], [x - 23, y]]) },
  spiritual: { fill: '#fff5d6', stroke: '#7d6300', dash: null, rx: 25, ry: 24, outline: (x, y) => star(x, y + 2, 25, 11) },
  influence: { fill: '#f1ebfa', stroke: '#5b3f8c', dash: '5 3', rx: 23, ry: 23, outline: (x, y) => regular(x, y, 23, 8, Math.PI / 8) },
};

/** A kind's shape centred on (0, 0), for legends drawn elsewhere (the PDF). */
export function kindShape(kind: NodeKind): SceneShape {
  const style = kindStyles[kind];
  return { d: style.outline(0, 0), fill: style.fill, stroke: style.stroke, strokeWidth: 1.5, dash: style.dash };
}

/** How ties other than ecomap connections are drawn: thin, so the client's own ties stay in front. */
const otherTieStyle: Record<Exclude<TieKind, 'connection'>, { label: string; colour: string; width: number; dash: string | null }> = {
  knows: { label: 'Know each other', colour: '#66707c', width: 1, dash: '2 3' },
  influence: { label: 'Influence (arrow points to what it touches)', colour: '#5b3f8c', width: 1.5, dash: '8 4' },
  partner: { label: 'Partners (family structure)', colour: '#5c6b80', width: 1.2, dash: null },
  parent: { label: 'Parent and child (family structure)', colour: '#5c6b80', width: 1.2, dash: null },
  twin: { label: 'Twins (family structure)', colour: '#5c6b80', width: 1.2, dash: null },
  emotional: { label: 'Emotional line (drawn in full in the genogram)', colour: '#5c6b80', width: 1.2, dash: '1 3' },
};

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** A label as drawn: trimmed and, past `max` characters, cut with an ellipsis (never inside a character such as an emoji with its skin tone). */
export function shortenLabel(label: string, max = maxLabelChars): string {
  const chars = Array.from(graphemes.segment(label.trim()), (s) => s.segment);
  if (chars.length <= max) return chars.join('');
  return `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

function years(node: MapNode): string | null {
  if (node.born !== null && node.died !== null) return `${node.born}–${node.died}`;
  if (node.born !== null) return node.deceased ? `${node.born}–?` : `born ${node.born}`;
  if (node.died !== null) return `died ${node.died}`;
  return node.deceased ? 'died' : null;
}

function detailOf(node: MapNode): string | null {
  if (node.kind === 'institution' && node.sector) return sectorLabels[node.sector];
  if (node.kind === 'person' || node.kind === 'client') return years(node);
  return null;
}

const kindWord = (kind: NodeKind): string => (kind === 'client' ? 'the client' : nodeKindLabels[kind].toLowerCase());

const turnToWords = { client: 'the client says they can turn to them', practitioner: 'the practitioner notes the client can turn to them', both: 'someone the client can turn to' } as const;

function nodeDescription(node: MapNode): string {
  const parts = [`${node.label}: ${kindWord(node.kind)}`];
  if (node.kind !== 'client') parts.push(`${levelLabels[node.level].toLowerCase()} level`);
  const detail = detailOf(node);
  if (detail) parts.push(detail);
  if (node.deceased) parts.push('deceased');
  if (node.unknownIdentity) parts.push('identity not known');
  if (node.turnTo) parts.push(turnToWords[node.turnTo]);
  return `${parts.join(', ')}.`;
}

function flowWords(a: string, b: string, direction: Direction): string {
  switch (direction) {
    case 'none':
      return '';
    case 'both':
      return '; energy flows both ways';
    case 'a_to_b':
      return `; energy flows from ${a} to ${b}`;
    case 'b_to_a':
      return `; energy flows from ${b} to ${a}`;
  }
}

const flipped: Record<Direction, Direction> = { none: 'none', a_to_b: 'b_to_a', b_to_a: 'a_to_b', both: 'both' };

const bondWords = { birth: 'a birth parent', adoptive: 'an adoptive parent', foster: 'a foster parent', step: 'a step-parent', unknown: 'a parent' } as const;

/** A tie in words, naming both ends. */
export function tieDescription(tie: MapTie, a: string, b: string): string {
  switch (tie.kind) {
    case 'connection':
      return `${a} and ${b}: ${strengthLabels[tie.strength].toLowerCase()}, ${qualityLabels[tie.quality].toLowerCase()}${flowWords(a, b, tie.direction)}.`;
    case 'knows':
      return `${a} and ${b} know each other.`;
    case 'influence':
      return `${a} (an influence) touches ${b}.`;
    case 'partner':
      return `${a} and ${b} are partners (${tie.status}).`;
    case 'parent':
      return `${a} is ${bondWords[tie.bond]} of ${b}.`;
    case 'twin':
      return `${a} and ${b} are ${tie.identical ? 'identical' : 'fraternal'} twins.`;
    case 'emotional':
      return `${a} and ${b}: ${(emotionalPatternLabels[tie.pattern] ?? tie.pattern.replace(/_/g, ' ')).toLowerCase()} (emotional line)${flowWords(a, b, tie.direction)}.`;
  }
}

const estimateWidth = (text: string, size: number): number => Array.from(text).length * size * 0.58;

/** Angles tried for a ring's name, top first, then alternately either side of it. */
const labelAngles = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8, 9, -9, 10, -10, 11, -11, 12].map((step) => -90 + step * 15);

function ringsFor(nodes: MapNode[], centre: { x: number; y: number }): SceneRing[] {
  // Points a ring's name should keep clear of: every node and its label.
  const taken = nodes.flatMap((node) => [
    { x: node.x, y: node.y },
    { x: node.x, y: node.y + kindStyles[node.kind].ry + 12 },
  ]);
  return mapLevels.map((level, i) => {
    const radius = levelRadius[level];
    const next = mapLevels[i + 1];
    const outer = next ? (radius + levelRadius[next]) / 2 : radius + OUTER_BAND;
    const points = labelAngles.map((degrees) => {
      const t = (degrees * Math.PI) / 180;
      const x = centre.x + radius * Math.cos(t);
      const y = centre.y + radius * Math.sin(t);
      const clearance = Math.min(Infinity, ...taken.map((p) => Math.hypot((p.x - x) / 2, p.y - y)));
      return { x, y, clearance };
    });
    const clear = points.find((p) => p.clearance >= 34) ?? points.reduce((best, p) => (p.clearance > best.clearance ? p : best));
    return { level, label: levelLabels[level], radius, outer, fill: ringFill[level], labelAt: { x: Math.round(clear.x), y: Math.round(clear.y) } };
  });
}

function nodeShapes(node: MapNode): SceneShape[] {
  const style = kindStyles[node.kind];
  const shapes: SceneShape[] = [{ d: style.outline(node.x, node.y), fill: style.fill, stroke: style.stroke, strokeWidth: node.kind === 'client' ? 2 : 1.5, dash: style.dash }];
  if (node.kind === 'client') shapes.push({ d: circle(node.x, node.y, 25), fill: null, stroke: style.stroke, strokeWidth: 1.5, dash: null });
  if (node.deceased && (node.kind === 'person' || node.kind === 'client')) {
    const r = style.rx * 0.7;
    shapes.push({
      d: `M${n(node.x - r)} ${n(node.y - r)}L${n(node.x + r)} ${n(node.y + r)}M${n(node.x + r)} ${n(node.y - r)}L${n(node.x - r)} ${n(node.y + r)}`,
      fill: null,
      stroke: style.stroke,
      strokeWidth: 1.5,
      dash: null,
    });
  }
  return shapes;
}

/** Several ties between the same two nodes are drawn side by side, this far apart. */
const PARALLEL_GAP = 7;

function sceneTies(map: RelationalMap, byId: Map<string, MapNode>): SceneTie[] {
  const pairKey = (t: MapTie) => (t.a < t.b ? `${t.a}\u0000${t.b}` : `${t.b}\u0000${t.a}`);
  const drawable = map.ties.filter((t) => byId.has(t.a) && byId.has(t.b) && t.a !== t.b);
  const perPair = new Map<string, number>();
  for (const t of drawable) perPair.set(pairKey(t), (perPair.get(pairKey(t)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return drawable.map((tie) => {
    const a = byId.get(tie.a)!;
    const b = byId.get(tie.b)!;
    const key = pairKey(tie);
    const count = perPair.get(key) ?? 1;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    // The offset is measured along the normal of the pair's own order, so it does not depend on a tie's orientation.
    const [low, high] = a.id < b.id ? [a, b] : [b, a];
    const length = Math.hypot(high.x - low.x, high.y - low.y) || 1;
    const offset = (index - (count - 1) / 2) * PARALLEL_GAP;
    const ox = (-(high.y - low.y) / length) * offset;
    const oy = ((high.x - low.x) / length) * offset;
    const [x1, y1, x2, y2] = [a.x + ox, a.y + oy, b.x + ox, b.y + oy];
    // A tie with the client is told from the other end: "Mum and Robin: strong, supportive".
    const description =
      a.kind === 'client' && b.kind !== 'client' && (tie.kind === 'connection' || tie.kind === 'emotional')
        ? tieDescription({ ...tie, a: tie.b, b: tie.a, direction: flipped[tie.direction] }, b.label, a.label)
        : tieDescription(tie, a.label, b.label);
    if (tie.kind === 'connection') {
      const geometry = tieGeometry(x1, y1, x2, y2, tie.quality);
      return {
        id: tie.id,
        kind: tie.kind,
        a: tie.a,
        b: tie.b,
        line: geometry.line,
        marks: geometry.marks,
        arrows: arrowHeads(x1, y1, x2, y2, tie.direction),
        colour: qualityColour[tie.quality],
        width: strengthWidth[tie.strength],
        dash: strengthDash[tie.strength],
        markWidth: 1.5,
        description,
      };
    }
    const style = otherTieStyle[tie.kind];
    const direction: Direction = tie.kind === 'influence' ? 'a_to_b' : tie.kind === 'emotional' ? tie.direction : 'none';
    return {
      id: tie.id,
      kind: tie.kind,
      a: tie.a,
      b: tie.b,
      line: `M${n(x1)} ${n(y1)}L${n(x2)} ${n(y2)}`,
      marks: '',
      arrows: arrowHeads(x1, y1, x2, y2, direction, 30),
      colour: style.colour,
      width: style.width,
      dash: style.dash,
      markWidth: 1,
      description,
    };
  });
}

function legendFor(map: RelationalMap): EcomapLegend {
  const used = new Set(map.nodes.map((node) => node.kind));
  const tieKindsUsed = new Set(map.ties.map((t) => t.kind));
  return {
    strengths: [...tieStrengths].reverse().map((key) => ({
      key,
      label: key === 'tenuous' ? `${strengthLabels[key]} (dashed)` : strengthLabels[key],
      colour: ink,
      width: strengthWidth[key],
      dash: strengthDash[key],
    })),
    qualities: tieQualities.map((key) => ({
      key,
      label: { supportive: qualityLabels.supportive, stressful: `${qualityLabels.stressful} (hatched)`, conflicted: `${qualityLabels.conflicted} (zigzag)`, cut_off: `${qualityLabels.cut_off} (broken)` }[key],
      colour: qualityColour[key],
      width: strengthWidth.moderate,
      dash: null,
    })),
    directions: [
      { key: 'a_to_b', label: 'Energy flows the way the arrow points' },
      { key: 'both', label: 'Energy flows both ways' },
      { key: 'none', label: 'No arrow: no direction noted' },
    ],
    kinds: nodeKinds.filter((kind) => used.has(kind)),
    otherTies: (['knows', 'influence', 'partner', 'parent', 'twin', 'emotional'] as const)
      .filter((kind) => tieKindsUsed.has(kind))
      .map((kind) => ({ key: kind, ...otherTieStyle[kind] })),
  };
}

/**
 * The ecomap laid out: the client's position is the centre of the five level rings (the radii the
 * editor draws, `levelRadius`), each in a tinted band; ties under nodes; every node where it was
 * placed. The bounds hold the rings and every node with its label. Ties whose ends are missing
 * are left out.
 */
export function ecomapScene(input: RelationalMap): EcomapScene {
  const map = canonicalMap(input);
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  const client = centreOf(map);
  const centre = client ? { x: client.x, y: client.y } : { x: 0, y: 0 };
  const rings = ringsFor(map.nodes, centre);
  const outer = rings[rings.length - 1]?.outer ?? 0;
  let minX = centre.x - outer;
  let maxX = centre.x + outer;
  let minY = centre.y - outer;
  let maxY = centre.y + outer;

  const nodes: SceneNode[] = map.nodes.map((node) => {
    const style = kindStyles[node.kind];
    const shortLabel = shortenLabel(node.label);
    const detail = detailOf(node);
    const labelY = node.y + style.ry + 15;
    const textWidth = Math.max(estimateWidth(shortLabel, labelSize), detail ? estimateWidth(detail, detailSize) : 0);
    const half = Math.max(style.rx, textWidth / 2 + 3);
    minX = Math.min(minX, node.x - half);
    maxX = Math.max(maxX, node.x + half);
    minY = Math.min(minY, node.y - style.ry);
    maxY = Math.max(maxY, labelY + (detail ? 17 : 4));
    return {
      id: node.id,
      kind: node.kind,
      level: node.level,
      label: node.label,
      shortLabel,
      detail,
      x: node.x,
      y: node.y,
      shapes: nodeShapes(node),
      unknownIdentity: node.unknownIdentity,
      box: { x: node.x - style.rx, y: node.y - style.ry, width: style.rx * 2, height: style.ry * 2 },
      labelY,
      description: nodeDescription(node),
    };
  });

  const ties = sceneTies(map, byId);
  const others = map.nodes.filter((node) => node.kind !== 'client').length;
  const clientName = client?.label ?? 'The client';
  const summary =
    `${clientName} at the centre, with ${others === 1 ? 'one person, group or place' : `${others} people, groups and places`} around them ` +
    `and ${ties.length === 1 ? 'one tie' : `${ties.length} ties`}. The rings, from the centre: ${mapLevels.map((l) => levelLabels[l].toLowerCase()).join(', ')}.`;

  return {
    centre,
    rings,
    ties,
    nodes,
    bounds: { x: minX - MARGIN, y: minY - MARGIN, width: maxX - minX + 2 * MARGIN, height: maxY - minY + 2 * MARGIN },
    legend: legendFor(map),
    summary,
  };
}

// ---------------------------------------------------------------------------------------------
// SVG

const invalidXml = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text for XML content or a double- or single-quoted attribute: the five special characters escaped, characters XML forbids removed. */
export function xmlEscape(text: string): string {
  return text
    .replace(invalidXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (pairs: Record<string, string | number | null | undefined>): string =>
  Object.entries(pairs)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => ` ${key}="${xmlEscape(typeof value === 'number' ? n(value) : value)}"`)
    .join('');

const fontFamily = 'DejaVu Sans, Verdana, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

function shapeSvg(shape: SceneShape): string {
  return `<path${attrs({ d: shape.d, fill: shape.fill ?? 'none', stroke: shape.stroke, 'stroke-width': shape.strokeWidth, 'stroke-dasharray': shape.dash, 'stroke-linejoin': 'round' })}/>`;
}

function lineSvg(line: LegendLine | SceneTie, d: string, marks = '', arrows = ''): string {
  const width = line.width;
  let out = `<path${attrs({ d, fill: 'none', stroke: line.colour, 'stroke-width': width, 'stroke-dasharray': line.dash, 'stroke-linecap': 'butt', 'stroke-linejoin': 'round' })}/>`;
  if (marks) out += `<path${attrs({ d: marks, fill: 'none', stroke: line.colour, 'stroke-width': 'markWidth' in line ? line.markWidth : 1.5 })}/>`;
  if (arrows) out += `<path${attrs({ d: arrows, fill: line.colour, stroke: 'none' })}/>`;
  return out;
}

const text = (x: number, y: number, content: string, extra: Record<string, string | number | null> = {}): string =>
  `<text${attrs({ x, y, ...extra })}>${xmlEscape(content)}</text>`;

const ROW = 22;

/** The legend, drawn from (x, y) downwards in a column `width` wide; returns the markup and its height. */
function legendSvg(legend: EcomapLegend, x: number, y: number, width: number): { svg: string; height: number } {
  const parts: string[] = [];
  let at = y;
  const heading = (label: string) => {
    at += at === y ? 18 : 32;
    parts.push(text(x, at, label, { 'font-size': 12, 'font-weight': 'bold', fill: ink }));
    at += 4;
  };
  const row = (sample: string, label: string) => {
    at += ROW;
    parts.push(sample, text(x + 62, at + 4, label, { 'font-size': 11, fill: ink }));
  };
  heading('Strength: the line’s weight');
  for (const s of legend.strengths) row(lineSvg(s, `M${n(x)} ${n(at + ROW)}L${n(x + 50)} ${n(at + ROW)}`), s.label);
  heading('Quality: the line’s form');
  for (const q of legend.qualities) {
    const g = tieGeometry(x, at + ROW, x + 50, at + ROW, q.key);
    row(lineSvg(q, g.line, g.marks), q.label);
  }
  heading('Direction');
  for (const d of legend.directions) {
    const sample: LegendLine = { key: d.key, label: d.label, colour: ink, width: 1.5, dash: null };
    const y0 = at + ROW;
    row(lineSvg(sample, `M${n(x)} ${n(y0)}L${n(x + 50)} ${n(y0)}`, '', arrowHeads(x - 2, y0, x + 52, y0, d.key, 0)), d.label);
  }
  if (legend.kinds.length) {
    heading('On this map');
    for (const kind of legend.kinds) {
      const style = kindStyles[kind];
      const scale = 0.42;
      const cx = x + 25;
      const cy = at + ROW;
      const sample = `<g${attrs({ transform: `translate(${n(cx)} ${n(cy)}) scale(${scale})` })}>${shapeSvg({ d: style.outline(0, 0), fill: style.fill, stroke: style.stroke, strokeWidth: 2, dash: style.dash })}</g>`;
      row(sample, nodeKindLabels[kind]);
    }
    for (const tie of legend.otherTies) row(lineSvg(tie, `M${n(x)} ${n(at + ROW)}L${n(x + 50)} ${n(at + ROW)}`), tie.label);
  }
  at += 18;
  const height = at - y + 4;
  const frame = `<rect${attrs({ x: x - 12, y: y - 4, width: width + 12, height, fill: '#ffffff', stroke: '#c8ced6', rx: 6 })}/>`;
  return { svg: frame + parts.join(''), height };
}

export interface SvgOptions {
  /** The picture's title: drawn at the top and given as its accessible name. */
  title: string;
  /** A line under the title (the client, the version and its date). */
  subtitle?: string;
}

const LEGEND_WIDTH = 330;
const HEADER = 64;

/**
 * The ecomap as a standalone SVG document: title and subtitle, the five level rings, ties drawn
 * after Hartman's conventions (weight for strength, form for quality, arrows for direction), each
 * node as its kind's shape with its label, and a legend. A `<title>` and a `<desc>` listing every
 * node and tie in words make it readable without sight.
 */
export function mapToSvg(map: RelationalMap, options: SvgOptions): string {
  const scene = ecomapScene(map);
  const { bounds } = scene;
  const legendX = bounds.x + bounds.width + 20;
  const legend = legendSvg(scene.legend, legendX, bounds.y + HEADER + 8, LEGEND_WIDTH - 20);
  const left = bounds.x;
  const top = bounds.y;
  const width = Math.ceil(bounds.width + LEGEND_WIDTH + 16);
  const height = Math.ceil(HEADER + Math.max(bounds.height, legend.height + 24));

  const desc = [
    options.subtitle ? `${options.subtitle}.` : '',
    scene.summary,
    ...scene.nodes.map((node) => node.description),
    ...scene.ties.map((tie) => tie.description),
  ]
    .filter((line) => line !== '')
    .join('\n');

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.push(
    `<svg${attrs({
      xmlns: 'http://www.w3.org/2000/svg',
      version: '1.1',
      width,
      height,
      viewBox: `${n(left)} ${n(top)} ${width} ${height}`,
      role: 'img',
      'aria-labelledby': 'ecomap-title ecomap-desc',
      'font-family': fontFamily,
    })}>\n`,
  );
  out.push(`<title id="ecomap-title">${xmlEscape(options.title)}</title>\n`);
  out.push(`<desc id="ecomap-desc">${xmlEscape(desc)}</desc>\n`);
  out.push(`<rect${attrs({ x: left, y: top, width, height, fill: '#ffffff' })}/>\n`);
  out.push(text(left + MARGIN, top + 28, options.title, { 'font-size': 18, 'font-weight': 'bold', fill: '#17324d' }));
  if (options.subtitle) out.push(text(left + MARGIN, top + 48, options.subtitle, { 'font-size': 12, fill: muted }));
  out.push('\n');

  // The drawing sits below the title: the map's own coordinates, moved down by the header.
  out.push(`<g${attrs({ transform: `translate(0 ${HEADER})` })}>\n`);
  out.push('<g class="rings">');
  for (const ring of [...scene.rings].reverse()) out.push(`<path${attrs({ d: circle(scene.centre.x, scene.centre.y, ring.outer), fill: ring.fill, stroke: 'none' })}/>`);
  for (const ring of scene.rings) {
    out.push(`<path${attrs({ d: circle(scene.centre.x, scene.centre.y, ring.radius), fill: 'none', stroke: ringStroke, 'stroke-width': 1, 'stroke-dasharray': '4 4' })}/>`);
  }
  for (const ring of scene.rings) {
    out.push(
      text(ring.labelAt.x, ring.labelAt.y + 4, ring.label, {
        'font-size': 11,
        'font-weight': 'bold',
        fill: muted,
        'text-anchor': 'middle',
        stroke: ring.fill,
        'stroke-width': 4,
        'paint-order': 'stroke',
      }),
    );
  }
  out.push('</g>\n<g class="ties">\n');
  for (const tie of scene.ties) out.push(`<g><title>${xmlEscape(tie.description)}</title>${lineSvg(tie, tie.line, tie.marks, tie.arrows)}</g>\n`);
  out.push('</g>\n<g class="nodes">\n');
  for (const node of scene.nodes) {
    const parts = node.shapes.map(shapeSvg);
    if (node.unknownIdentity) parts.push(text(node.x, node.y + 6, '?', { 'font-size': 17, 'font-weight': 'bold', fill: ink, 'text-anchor': 'middle' }));
    const halo = { stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke', 'stroke-linejoin': 'round', 'text-anchor': 'middle' };
    parts.push(text(node.x, node.labelY, node.shortLabel, { 'font-size': labelSize, fill: ink, 'font-weight': node.kind === 'client' ? 'bold' : null, ...halo }));
    if (node.detail) parts.push(text(node.x, node.labelY + 14, node.detail, { 'font-size': detailSize, fill: muted, ...halo }));
    out.push(`<g><title>${xmlEscape(node.description)}</title>${parts.join('')}</g>\n`);
  }
  out.push('</g>\n</g>\n');
  out.push(`<g class="legend">${legend.svg}</g>\n`);
  out.push('</svg>\n');
  return out.join('');
}
