import { describe, expect, it } from 'vitest';
import { arrowHeads, levelRadius, qualityColour, strengthWidth, tieGeometry } from './draw.js';
import { type MapTie, type RelationalMap, relationalMapSchema, type RelationalMapInput } from './map.js';
import { ecomapScene, mapToSvg, shortenLabel, xmlEscape } from './svg.js';

/**
 * A small well-formedness check for XML, enough to catch what a hand-written serialiser gets
 * wrong: unbalanced or crossed tags, unquoted or repeated attributes, a raw "<" or "&" in text or
 * an attribute, an unknown entity, text or a second element outside the root.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const entity = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
  const checkAmpersands = (text: string, where: string) => {
    for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
      entity.lastIndex = i;
      if (!entity.test(text)) problems.push(`a bare “&” in ${where}: …${text.slice(i, i + 12)}`);
    }
  };
  const token =
    /<!--[\s\S]*?-->|<\/([A-Za-z_][\w:.-]*)\s*>|<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/y;
  const stack: string[] = [];
  let roots = 0;
  let at = 0;
  while (at < body.length) {
    token.lastIndex = at;
    const m = token.exec(body);
    if (!m) {
      problems.push(`cannot read from offset ${at}`);
      break;
    }
    at = token.lastIndex;
    const [, close, open, attributes, selfClosing, text, stray] = m;
    if (stray) problems.push(`a “<” that starts no tag at offset ${at - 1}: ${body.slice(at - 1, at + 20)}`);
    else if (text !== undefined) {
      if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root: ${text.slice(0, 20)}`);
      checkAmpersands(text, 'text');
    } else if (close) {
      const top = stack.pop();
      if (top !== close) problems.push(`</${close}> closes <${top ?? 'nothing'}>`);
    } else if (open) {
      if (stack.length === 0) roots++;
      const names = new Set<string>();
      for (const a of (attributes ?? '').matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        if (names.has(a[1]!)) problems.push(`<${open}> repeats the attribute ${a[1]}`);
        names.add(a[1]!);
        checkAmpersands(a[3] ?? a[4] ?? '', `the attribute ${a[1]}`);
      }
      if (!selfClosing) stack.push(open);
    }
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** Attribute values of every element with this name, in document order. */
function elements(svg: string, name: string): Array<Record<string, string>> {
  return [...svg.matchAll(new RegExp(`<${name}((?:\\s+[\\w:-]+="[^"]*")*)\\s*/?>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}

const mapOf = (input: RelationalMapInput): RelationalMap => relationalMapSchema.parse(input);

const smallMap = (): RelationalMap =>
  mapOf({
    nodes: [
      { id: 'client', kind: 'client', label: 'Robin Ash', level: 'personal', x: 0, y: 0 },
      { id: 'nan', kind: 'person', label: 'Nan', level: 'familial', x: 0, y: -250, gender: 'female', born: 1940, died: 2020, deceased: true },
      { id: 'work', kind: 'institution', label: 'Warehouse', level: 'ecological', x: 490, y: 0, sector: 'work' },
      { id: 'band', kind: 'group', label: 'The Tuesday band', level: 'social', x: -370, y: 0 },
      { id: 'racism', kind: 'influence', label: 'Racism at work', level: 'ecological', x: 350, y: 350 },
    ],
    ties: [
      { id: 't1', kind: 'connection', a: 'client', b: 'nan', strength: 'strong', quality: 'supportive', direction: 'b_to_a' },
      { id: 't2', kind: 'connection', a: 'client', b: 'work', strength: 'tenuous', quality: 'stressful', direction: 'a_to_b' },
      { id: 't3', kind: 'connection', a: 'client', b: 'band', strength: 'moderate', quality: 'supportive' },
      { id: 't4', kind: 'influence', a: 'racism', b: 'work' },
    ],
  });

const svgOf = (map: RelationalMap) => mapToSvg(map, { title: 'Robin Ash — relational map, version 1', subtitle: 'Saved 4 Mar 2026' });

describe('the ecomap as SVG', () => {
  it('is one well-formed SVG document with a namespace, a size and a viewBox', () => {
    const svg = svgOf(smallMap());
    expect(xmlProblems(svg)).toEqual([]);
    const [root] = elements(svg, 'svg');
    expect(root?.['xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(Number(root?.['width'])).toBeGreaterThan(0);
    expect(Number(root?.['height'])).toBeGreaterThan(0);
    expect(root?.['viewBox']?.split(' ').map(Number)).toHaveLength(4);
  });

  it('the well-formedness check refuses the mistakes an SVG writer could make', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>Tom & Jo</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a < b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg x="1" x="2"/>')).not.toEqual([]);
    expect(xmlProblems('<svg/><svg/>')).not.toEqual([]);
    expect(xmlProblems('<svg title="Tom &amp; Jo"><text>&lt;ok&gt;</text></svg>')).toEqual([]);
  });

  it('escapes labels with <, &, quotes and apostrophes and stays well-formed', () => {
    const map = smallMap();
    map.nodes[1] = { ...map.nodes[1]!, label: `Nan & "Pop" <Ó'Brien>` };
    const svg = svgOf(map);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('Nan &amp; &quot;Pop&quot; &lt;Ó&apos;Brien&gt;');
    expect(svg).not.toContain('<Ó');
    expect(svgOf({ ...map })).toBe(svg);
  });

  it('escapes the title and subtitle too, and removes characters XML cannot hold', () => {
    const svg = mapToSvg(smallMap(), { title: 'Map <1> & "2"', subtitle: 'it\u0007s\ud800 fine' });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('<title id="ecomap-title">Map &lt;1&gt; &amp; &quot;2&quot;</title>');
    expect(svg).toContain('its fine');
    expect(xmlEscape('a\u0000b\uffffc💚')).toBe('abc💚');
  });

  it('names itself with a title and describes every person, place and tie in words', () => {
    const svg = svgOf(smallMap());
    const [root] = elements(svg, 'svg');
    expect(root?.['role']).toBe('img');
    expect(root?.['aria-labelledby']).toBe('ecomap-title ecomap-desc');
    const desc = /<desc id="ecomap-desc">([\s\S]*?)<\/desc>/.exec(svg)?.[1] ?? '';
    expect(desc).toContain('Robin Ash at the centre, with 4 people, groups and places around them and 4 ties.');
    expect(desc).toContain('Nan: person, familial level, 1940–2020, deceased.');
    expect(desc).toContain('Warehouse: institution, ecological level, Work.');
    expect(desc).toContain('Nan and Robin Ash: strong, supportive; energy flows from Nan to Robin Ash.');
    expect(desc).toContain('Racism at work (an influence) touches Warehouse.');
  });

  it('puts every strength and every quality in the legend, used or not', () => {
    const svg = svgOf(smallMap());
    for (const words of ['Strong', 'Moderate', 'Tenuous (dashed)', 'Supportive', 'Stressful (hatched)', 'Conflicted (zigzag)', 'Cut off (broken)', 'Energy flows both ways']) {
      expect(svg).toContain(`>${words}</text>`);
    }
  });

  it('lists in the legend only the kinds of node and tie the map uses', () => {
    const svg = svgOf(smallMap());
    for (const used of ['The client', 'Person', 'Institution', 'Group or community', 'Cultural or systemic influence', 'Influence (arrow points to what it touches)']) {
      expect(svg).toContain(`>${used}</text>`);
    }
    for (const unused of ['Place or land', 'Practice or activity', 'Family or household', 'Know each other']) expect(svg).not.toContain(`>${unused}</text>`);
  });

  it('fits the viewBox around every node, even one placed far outside the rings', () => {
    const map = smallMap();
    map.nodes.push({ ...map.nodes[1]!, id: 'far', label: 'Far away', x: -2400, y: 1800, deceased: false, died: null });
    const svg = svgOf(map);
    const [x, y, width, height] = (elements(svg, 'svg')[0]?.['viewBox'] ?? '').split(' ').map(Number) as [number, number, number, number];
    for (const node of map.nodes) {
      expect(node.x, node.id).toBeGreaterThan(x);
      expect(node.x, node.id).toBeLessThan(x + width);
      // The drawing sits under a 64-unit title band.
      expect(node.y + 64, node.id).toBeGreaterThan(y);
      expect(node.y + 64, node.id).toBeLessThan(y + height);
    }
    expect(x).toBeLessThan(-2400 - 20);
  });

  it('shortens a long label with an ellipsis and keeps the full name in its title', () => {
    const map = smallMap();
    map.nodes[3] = { ...map.nodes[3]!, label: 'The Tuesday evening community samba band' };
    const svg = svgOf(map);
    expect(svg).toContain('>The Tuesday evening c…</text>');
    expect(svg).toContain('<title>The Tuesday evening community samba band: group or community, social level.</title>');
    expect(shortenLabel('Grandmother 👵🏽 and the garden', 14)).toBe('Grandmother 👵🏽…');
    expect(shortenLabel('  Short  ')).toBe('Short');
  });

  it('draws each connection with the shared line rules: form by quality, weight by strength, dashes for tenuous, arrows for direction', () => {
    const svg = svgOf(smallMap());
    const paths = elements(svg, 'path');
    const toNan = tieGeometry(0, 0, 0, -250, 'supportive');
    const line = paths.find((p) => p['d'] === toNan.line);
    expect(line).toMatchObject({ stroke: qualityColour.supportive, 'stroke-width': String(strengthWidth.strong) });
    expect(paths.some((p) => p['d'] === arrowHeads(0, 0, 0, -250, 'b_to_a') && p['fill'] === qualityColour.supportive)).toBe(true);
    const toWork = tieGeometry(0, 0, 490, 0, 'stressful');
    expect(paths.find((p) => p['d'] === toWork.line)).toMatchObject({ stroke: qualityColour.stressful, 'stroke-dasharray': '6 5' });
    expect(paths.some((p) => p['d'] === toWork.marks)).toBe(true);
  });

  it('draws an influence with a dashed outline and a deceased person with a cross', () => {
    const scene = ecomapScene(smallMap());
    const racism = scene.nodes.find((node) => node.id === 'racism');
    const band = scene.nodes.find((node) => node.id === 'band');
    expect(racism?.shapes[0]?.dash).not.toBeNull();
    expect(band?.shapes[0]?.dash).toBeNull();
    const nan = scene.nodes.find((node) => node.id === 'nan');
    expect(nan?.shapes).toHaveLength(2);
    expect(nan?.detail).toBe('1940–2020');
  });

  it('gives the same bytes for the same map, whatever order it was drawn in', () => {
    const map = smallMap();
    const shuffled: RelationalMap = { ...map, nodes: [...map.nodes].reverse(), ties: [...map.ties].reverse() };
    expect(svgOf(shuffled)).toBe(svgOf(map));
  });

  it('leaves out a tie whose end is no longer on the map instead of failing', () => {
    const map = smallMap();
    const dangling: MapTie = { id: 't9', kind: 'knows', a: 'band', b: 'gone' };
    const svg = svgOf({ ...map, ties: [...map.ties, dangling] });
    expect(xmlProblems(svg)).toEqual([]);
    expect(ecomapScene({ ...map, ties: [...map.ties, dangling] }).ties.map((t) => t.id)).not.toContain('t9');
  });

  it('draws a fresh map with only the client as the five rings around them', () => {
    const scene = ecomapScene(mapOf({ nodes: [{ id: 'client', kind: 'client', label: 'Robin Ash', level: 'personal' }], ties: [] }));
    expect(scene.rings.map((r) => [r.label, r.radius])).toEqual([
      ['Personal', levelRadius.personal],
      ['Familial', levelRadius.familial],
      ['Social', levelRadius.social],
      ['Ecological', levelRadius.ecological],
      ['Spiritual', levelRadius.spiritual],
    ]);
    expect(xmlProblems(svgOf(mapOf({ nodes: [{ id: 'client', kind: 'client', label: 'Robin Ash', level: 'personal' }], ties: [] })))).toEqual([]);
  });

  it('writes a ring’s name away from a node sitting at the top of that ring', () => {
    const map = smallMap();
    const top = ecomapScene(map).rings.find((r) => r.level === 'familial');
    // Nan sits at the very top of the familial ring, so its name moves aside.
    expect(top?.labelAt).not.toEqual({ x: 0, y: -levelRadius.familial });
    const social = ecomapScene(map).rings.find((r) => r.level === 'social');
    expect(social?.labelAt).toEqual({ x: 0, y: -levelRadius.social });
  });

  it('draws two ties between the same two people side by side rather than on top of each other', () => {
    const map = mapOf({
      nodes: [
        { id: 'client', kind: 'client', label: 'Robin Ash', level: 'personal' },
        { id: 'mum', kind: 'person', label: 'Mum', level: 'familial', x: 250, y: 0 },
      ],
      ties: [
        { id: 'c', kind: 'connection', a: 'client', b: 'mum', strength: 'strong', quality: 'conflicted' },
        { id: 'p', kind: 'parent', a: 'mum', b: 'client', bond: 'birth' },
      ],
    });
    const [first, second] = ecomapScene(map).ties;
    expect(first?.line).not.toBe(second?.line);
    expect([first?.line, second?.line]).not.toContain(tieGeometry(0, 0, 250, 0, 'conflicted').line);
    expect(second?.line).toBe('M250 3.5L0 3.5');
  });
});
