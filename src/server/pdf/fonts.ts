import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The fonts embedded in every PDF (DejaVu Sans, see FONTS.md), read once per process, and the
 * set of characters each can draw. Text is passed through `fitToFont` before it is drawn, so a
 * character the font lacks prints as a visible replacement instead of an invisible empty glyph.
 */
export interface EmbeddedFont {
  /** The name registered with PDFKit. */
  name: 'body' | 'bold';
  data: Buffer;
  covers(codePoint: number): boolean;
}

const require = createRequire(import.meta.url);
const files = { body: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' } as const;
const loaded = new Map<EmbeddedFont['name'], EmbeddedFont>();

export function embeddedFont(name: EmbeddedFont['name']): EmbeddedFont {
  const cached = loaded.get(name);
  if (cached) return cached;
  const data = readFileSync(require.resolve(files[name]));
  const codePoints = readCmap(data);
  const font: EmbeddedFont = { name, data, covers: (cp) => codePoints.has(cp) };
  loaded.set(name, font);
  return font;
}

/**
 * The code points a TrueType/OpenType font maps to a real glyph, from its `cmap` table
 * (format 12 for the full Unicode range when present, else format 4 for the basic plane).
 */
export function readCmap(data: Uint8Array): Set<number> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const numTables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(data[record] ?? 0, data[record + 1] ?? 0, data[record + 2] ?? 0, data[record + 3] ?? 0);
    if (tag === 'cmap') cmap = view.getUint32(record + 8);
  }
  if (cmap < 0) throw new Error('The font has no cmap table.');

  let format12 = -1;
  let format4 = -1;
  const subtables = view.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const offset = cmap + view.getUint32(record + 4);
    const format = view.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12 && format12 < 0) format12 = offset;
    if (format === 4 && format4 < 0) format4 = offset;
  }

  const points = new Set<number>();
  if (format12 >= 0) {
    const groups = view.getUint32(format12 + 12);
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + g * 12;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const glyph = view.getUint32(at + 8);
      for (let cp = start; cp <= end; cp++) if (glyph + (cp - start) !== 0) points.add(cp);
    }
    return points;
  }
  if (format4 < 0) throw new Error('The font has no Unicode cmap subtable.');
  const segCount = view.getUint16(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  for (let s = 0; s < segCount; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const raw = view.getUint16(rangeOffsetAt + rangeOffset + (cp - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(cp);
    }
  }
  return points;
}

/** Joiners, variation selectors and other invisible format characters: dropped when the font lacks them. */
const invisible = /[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufe00-\ufe0f\ufeff\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/u;
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

/**
 * Text as the font can draw it: normalised (NFC, so a decomposed "é" uses the font's "é"),
 * tabs as spaces, control characters removed, unknown spaces as plain spaces, and any other
 * character the font lacks (a CJK ideograph, most emoji) replaced by U+FFFD "�" (or "?" where
 * the font has no such glyph). Never throws.
 */
export function fitToFont(text: string, font: EmbeddedFont): string {
  const clean = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(controls, '');
  const replacement = font.covers(0xfffd) ? '\ufffd' : '?';
  let out = '';
  for (const ch of clean) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || font.covers(cp)) out += ch;
    else if (invisible.test(ch)) continue;
    else if (/\s/u.test(ch)) out += ' ';
    else out += replacement;
  }
  return out;
}
