import { arrowHeads, tieGeometry } from '../../domain/maps/draw.js';
import { nodeKindLabels } from '../../domain/maps/map.js';
import { detailSize, type EcomapScene, kindShape, labelSize, type SceneShape } from '../../domain/maps/svg.js';
import { embeddedFont, fitToFont } from './fonts.js';

/**
 * The ecomap on a PDF page, drawn from the same scene as the SVG export (`ecomapScene`): paths
 * are the scene's own SVG path data, scaled into the box; labels are set in the embedded font at
 * a size that stays readable however small the drawing becomes.
 */

type Doc = PDFKit.PDFDocument;
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ink = '#1d232b';
const muted = '#4a5561';
const ringStroke = '#aeb8c4';

/** An SVG dash pattern of one or two lengths ('6 5') as PDFKit's dash and space. */
const dashOf = (dash: string | null): { length: number; space: number } | null => {
  const [length, space] = dash?.split(/\s+/).map(Number).filter((v) => Number.isFinite(v) && v > 0) ?? [];
  return length ? { length, space: space ?? length } : null;
};

function stroke(doc: Doc, d: string, colour: string, width: number, dash: string | null): void {
  if (!d) return;
  const pattern = dashOf(dash);
  doc.path(d).lineWidth(width).strokeColor(colour).lineJoin('round');
  if (pattern) doc.dash(pattern.length, { space: pattern.space });
  doc.stroke();
  if (pattern) doc.undash();
}

function shape(doc: Doc, s: SceneShape): void {
  const pattern = dashOf(s.dash);
  doc.path(s.d).lineWidth(s.strokeWidth).strokeColor(s.stroke).lineJoin('round');
  if (pattern) doc.dash(pattern.length, { space: pattern.space });
  if (s.fill) doc.fillColor(s.fill).fillAndStroke();
  else doc.stroke();
  if (pattern) doc.undash();
}

/** The scale at which a scene fits `width` and at most `maxHeight` (never enlarged past its own size). */
export function ecomapScale(scene: EcomapScene, width: number, maxHeight: number): number {
  return Math.min(1, width / scene.bounds.width, maxHeight / scene.bounds.height);
}

/** Text centred on (x, y) as its middle, on a faint white ground so lines under it do not cross the letters. */
function centredText(doc: Doc, text: string, x: number, middle: number, size: number, font: 'body' | 'bold', colour: string, ground = true): void {
  const fitted = fitToFont(text, embeddedFont(font));
  doc.font(font).fontSize(size);
  const width = doc.widthOfString(fitted);
  const height = size * 1.15;
  if (ground) doc.rect(x - width / 2 - 1.5, middle - height / 2, width + 3, height).fillOpacity(0.82).fillColor('#ffffff').fill().fillOpacity(1);
  doc.fillColor(colour).text(fitted, x - width / 2, middle - size * 0.58, { lineBreak: false });
}

/** Draws the scene into `box`, centred across it, scaled by `scale`. */
export function drawEcomap(doc: Doc, scene: EcomapScene, box: Box, scale: number): void {
  const { bounds } = scene;
  const ox = box.x + (box.width - bounds.width * scale) / 2;
  const oy = box.y;
  const px = (x: number) => ox + (x - bounds.x) * scale;
  const py = (y: number) => oy + (y - bounds.y) * scale;

  doc.save();
  doc.translate(ox, oy).scale(scale).translate(-bounds.x, -bounds.y);
  const circle = (r: number) => `M${scene.centre.x - r} ${scene.centre.y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
  for (const ring of [...scene.rings].reverse()) doc.path(circle(ring.outer)).fillColor(ring.fill).fill();
  for (const ring of scene.rings) stroke(doc, circle(ring.radius), ringStroke, 1, '4 4');
  for (const tie of scene.ties) {
    stroke(doc, tie.line, tie.colour, tie.width, tie.dash);
    stroke(doc, tie.marks, tie.colour, tie.markWidth, null);
    if (tie.arrows) doc.path(tie.arrows).fillColor(tie.colour).fill();
  }
  for (const node of scene.nodes) for (const s of node.shapes) shape(doc, s);
  doc.restore();

  // Type is set after the drawing, at page scale, so it stays legible when the map is small.
  const labelPt = Math.max(6, Math.min(9, labelSize * scale));
  const detailPt = Math.max(5.5, Math.min(8, detailSize * scale));
  for (const ring of scene.rings) centredText(doc, ring.label, px(ring.labelAt.x), py(ring.labelAt.y), Math.max(5.5, Math.min(8, 11 * scale)), 'bold', muted, false);
  for (const node of scene.nodes) {
    if (node.unknownIdentity) centredText(doc, '?', px(node.x), py(node.y), Math.max(7, 16 * scale), 'bold', ink, false);
    // The label's middle sits where the SVG's baseline-placed label has its middle.
    const labelMiddle = py(node.labelY - labelSize * 0.35);
    const top = Math.max(labelMiddle, py(node.box.y + node.box.height) + labelPt * 0.65);
    centredText(doc, node.shortLabel, px(node.x), top, labelPt, node.kind === 'client' ? 'bold' : 'body', ink);
    if (node.detail) centredText(doc, node.detail, px(node.x), top + labelPt * 1.15, detailPt, 'body', muted);
  }
}

interface LegendItem {
  label: string;
  sample: (doc: Doc, x: number, middle: number) => void;
}

const SAMPLE = 26;
const ROW = 14;

/** Draws `paint` at half size from (x, y): samples are the real geometry of a 52-unit line, so every form reads as on the map. */
const halfSize = (paint: (doc: Doc) => void) => (doc: Doc, x: number, y: number) => {
  doc.save();
  doc.translate(x, y).scale(SAMPLE / 52);
  paint(doc);
  doc.restore();
};

/** The legend's items: the line forms always, the shapes and other lines the map uses. */
function legendItems(scene: EcomapScene): LegendItem[] {
  const straight = 'M0 0L52 0';
  const { legend } = scene;
  return [
    ...legend.strengths.map((s) => ({ label: s.label, sample: halfSize((doc) => stroke(doc, straight, s.colour, s.width, s.dash)) })),
    ...legend.qualities.map((q) => ({
      label: q.label,
      sample: halfSize((doc) => {
        const g = tieGeometry(0, 0, 52, 0, q.key);
        stroke(doc, g.line, q.colour, q.width, q.dash);
        stroke(doc, g.marks, q.colour, 1.5, null);
      }),
    })),
    {
      label: 'Energy flows the way the arrow points',
      sample: halfSize((doc) => {
        stroke(doc, straight, ink, 1.5, null);
        doc.path(arrowHeads(0, 0, 52, 0, 'a_to_b', 0)).fillColor(ink).fill();
      }),
    },
    ...legend.kinds.map((kind) => ({
      label: nodeKindLabels[kind],
      sample: (doc: Doc, x: number, y: number) => {
        doc.save();
        doc.translate(x + SAMPLE / 2, y).scale(0.22);
        shape(doc, kindShape(kind));
        doc.restore();
      },
    })),
    ...legend.otherTies.map((t) => ({ label: t.label, sample: halfSize((doc) => stroke(doc, straight, t.colour, t.width * 1.5, t.dash)) })),
  ];
}

/** The height the legend takes across `width`. */
export function legendHeight(doc: Doc, scene: EcomapScene, width: number): number {
  return layoutLegend(doc, scene, width).height;
}

function layoutLegend(doc: Doc, scene: EcomapScene, width: number): { height: number; placed: Array<{ item: LegendItem; x: number; row: number; text: string }> } {
  const body = embeddedFont('body');
  doc.font('body').fontSize(7.5);
  const placed: Array<{ item: LegendItem; x: number; row: number; text: string }> = [];
  let x = 0;
  let row = 0;
  for (const item of legendItems(scene)) {
    const text = fitToFont(item.label, body);
    const w = SAMPLE + 5 + doc.widthOfString(text) + 12;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    placed.push({ item, x, row, text });
    x += w;
  }
  return { height: (row + 1) * ROW + 4, placed };
}

/** The short legend under a drawing: line samples and shapes, each with its words, flowing in rows. */
export function drawLegend(doc: Doc, scene: EcomapScene, box: Box): void {
  const { placed } = layoutLegend(doc, scene, box.width);
  for (const { item, x, row, text } of placed) {
    const middle = box.y + row * ROW + 7;
    item.sample(doc, box.x + x, middle);
    doc.font('body').fontSize(7.5).fillColor(ink).text(text, box.x + x + SAMPLE + 5, middle - 4.2, { lineBreak: false });
  }
}
