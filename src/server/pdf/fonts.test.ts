import { describe, expect, it } from 'vitest';
import { embeddedFont, fitToFont } from './fonts.js';

describe('the embedded font', () => {
  const body = embeddedFont('body');

  it('knows it can draw accented Latin, curly quotes and dashes, and that it has no CJK ideographs', () => {
    for (const ch of 'éñøŁőễ’“”—…') expect(body.covers(ch.codePointAt(0) ?? 0), ch).toBe(true);
    expect(body.covers('漢'.codePointAt(0) ?? 0)).toBe(false);
    expect(body.covers('🌱'.codePointAt(0) ?? 0)).toBe(false);
  });

  it('keeps text the font can draw exactly as written', () => {
    const text = 'Zoë said: “I’m still here” — and smiled… naïve, Łódź, Nguyễn';
    expect(fitToFont(text, body)).toBe(text);
  });

  it('replaces characters the font lacks with a visible replacement mark instead of an empty glyph', () => {
    expect(fitToFont('tea 漢字 and 🌱 garden', body)).toBe('tea \ufffd\ufffd and \ufffd garden');
  });

  it('drops invisible joiners and control characters, and turns tabs into spaces', () => {
    expect(fitToFont('a\u0007b\tc\r\nd', body)).toBe('ab    c\nd');
    expect(fitToFont('flag\u{e0067}\u{e007f} end', body)).toBe('flag end');
  });

  it('composes decomposed accents so they print as one letter', () => {
    expect(fitToFont('Jose\u0301', body)).toBe('José');
  });
});
