import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, launch, shot, signedInContext } from './browser.js';

/**
 * The relational map in the browser: drawn by mouse on the canvas and by keyboard in the table
 * view, saved as versions and compared, with the metrics panel showing what the API computes.
 */

let browser: Browser;

/** A full-page picture, taken from the top so the sticky header sits where it belongs. */
async function picture(name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await shot(page, name);
}
let context: BrowserContext;
let page: Page;

interface MapNode {
  id: string;
  kind: string;
  label: string;
  level: string;
  x: number;
  y: number;
  turnTo: string | null;
}
interface MapTie {
  id: string;
  kind: string;
  a: string;
  b: string;
  strength?: string;
  quality?: string;
  direction?: string;
}
interface Metrics {
  networkSize: number;
  strongSupportive: number;
  strainShare: number | null;
  levelsCovered: number;
  levels: string[];
  turnTo: number;
  isolationIndex: number;
  density: number | null;
  effectiveSize: number | null;
  constraint: number | null;
  brokerage: number | null;
}
interface MapState {
  map: { nodes: MapNode[]; ties: MapTie[]; alterTiesRecorded: boolean };
  version: number;
  metrics: Metrics;
  versions: Array<{ id: string; number: number }>;
}

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await signedInContext(browser, 'mariela@harbour.example', { acceptDownloads: true }));
});
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
});

/** A new client of Mariela's, whose map is still empty. */
async function newClient(name: string): Promise<string> {
  const client = await json<{ id: string }>(await page.request.post('/api/clients', { data: { name } }));
  return client.id;
}

const mapOf = async (clientId: string) => json<MapState>(await page.request.get(`/api/clients/${clientId}/map`));

async function openMap(clientId: string): Promise<void> {
  await page.goto(`/clients/${clientId}?tab=map`);
  await page.getByRole('heading', { name: 'Relational map', exact: true }).waitFor();
}

/** Waits until the autosave says the map is saved. */
async function saved(): Promise<void> {
  await expect.poll(async () => (await page.getByRole('status', { name: /^Relational map: / }).getAttribute('aria-label')) ?? '', { timeout: 15_000 }).toMatch(/Relational map: Saved/);
}

const centreOf = async (locator: Locator) => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** The accessible name of what has keyboard focus (run in the page). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el) return '';
  const labelled = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]')?.textContent : null;
  return (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim();
})()`;
/** The canvas's zoom, read from its viewport's transform (run in the page). */
const ZOOM = `(() => {
  const t = document.querySelector('.react-flow__viewport')?.style.transform ?? '';
  const m = /scale\\(([0-9.]+)\\)/.exec(t);
  return m ? Number(m[1]) : 1;
})()`;
const focusedName = async () => (await page.evaluate(FOCUSED)) as string;

/** Presses Tab until the focused element has this accessible name (a keyboard user's way through the page). */
async function tabTo(name: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedName()) === name) return;
  }
  throw new Error(`Tab never reached “${name}”`);
}

describe('the relational map in the browser', () => {
  it('a practitioner draws a small map by mouse: two people added with the form, a tie dragged from the client, a node moved and kept after reload, another removed with the Delete key', async () => {
    const clientId = await newClient('Rosa Mouse-Drawn');
    await openMap(clientId);
    const canvas = page.getByRole('application', { name: /^Relational map of Rosa Mouse-Drawn/ });
    await canvas.waitFor();

    await page.getByRole('button', { name: 'Add a person, group or place' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add to the map' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Ana');
    await dialog.getByRole('combobox', { name: 'Level' }).selectOption('familial');
    await dialog.getByRole('combobox', { name: 'Someone to turn to' }).selectOption('client');
    await dialog.getByRole('button', { name: 'Add to the map' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('group', { name: /^Ana, person, familial level, someone to turn to/ }).waitFor();

    await page.getByRole('button', { name: 'Add a person, group or place' }).click();
    dialog = page.getByRole('dialog', { name: 'Add to the map' });
    await dialog.getByRole('combobox', { name: 'Kind' }).selectOption('group');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Choir');
    await dialog.getByRole('button', { name: 'Add to the map' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const ana = page.getByRole('group', { name: /^Ana, person/ });
    const choir = page.getByRole('group', { name: /^Choir, group or community, social level/ });
    await choir.waitFor();

    // A tie: drag from the client's handle onto Ana.
    await canvas.scrollIntoViewIfNeeded();
    const handle = page.getByLabel('Draw a tie from Rosa Mouse-Drawn');
    const from = await centreOf(handle);
    const to = await centreOf(ana);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 12, from.y + ((to.y - from.y) * i) / 12);
    await page.mouse.up();
    dialog = page.getByRole('dialog', { name: 'A tie between Rosa Mouse-Drawn and Ana' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'Strong' }).check();
    await dialog.getByRole('radio', { name: 'Stressful' }).check();
    await dialog.getByRole('radio', { name: 'Energy flows to Rosa Mouse-Drawn' }).check();
    await dialog.getByRole('button', { name: 'Add this tie' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('group', { name: /^Tie: Strong, stressful tie between Rosa Mouse-Drawn and Ana; energy flows to Rosa Mouse-Drawn/ }).waitFor();
    await saved();

    // Move Choir along its ring (sideways), so it stays at the social level.
    const client = page.getByRole('group', { name: /^Rosa Mouse-Drawn, the client/ });
    // Where Choir sits from the client, in the map's own units (the zoom may differ after a reload).
    const offset = async () => {
      const c = await centreOf(client);
      const n = await centreOf(choir);
      const zoom = Number((await page.evaluate(ZOOM)) as number);
      return { dx: (n.x - c.x) / zoom, dy: (n.y - c.y) / zoom };
    };
    await canvas.scrollIntoViewIfNeeded();
    const start = await offset();
    const before = await centreOf(choir);
    await page.mouse.move(before.x, before.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(before.x + 6 * i, before.y + 1 * i);
    await page.mouse.up();
    const seen = await offset();
    expect(seen.dx - start.dx).toBeGreaterThan(30);
    await saved();
    const moved = await mapOf(clientId);
    const choirSaved = moved.map.nodes.find((n) => n.label === 'Choir');
    expect(choirSaved).toMatchObject({ kind: 'group', level: 'social' });
    const tie = moved.map.ties.find((t) => t.kind === 'connection');
    const anaSaved = moved.map.nodes.find((n) => n.label === 'Ana');
    expect(anaSaved).toMatchObject({ level: 'familial', turnTo: 'client' });
    expect(tie).toMatchObject({ strength: 'strong', quality: 'stressful' });
    // Energy flows to the client, whichever end the client is stored at.
    expect(tie?.direction).toBe(tie?.b === anaSaved?.id ? 'b_to_a' : 'a_to_b');

    await picture('maps-01-drawn-by-mouse');

    await page.reload();
    await page.getByRole('group', { name: /^Choir, group or community/ }).waitFor();
    await canvas.scrollIntoViewIfNeeded();
    const after = await offset();
    expect(Math.abs(after.dx - seen.dx)).toBeLessThan(2);
    expect(Math.abs(after.dy - seen.dy)).toBeLessThan(2);
    const kept = (await mapOf(clientId)).map.nodes.find((n) => n.label === 'Choir');
    const client0 = (await mapOf(clientId)).map.nodes.find((n) => n.kind === 'client');
    expect(Math.abs((kept?.x ?? 0) - (client0?.x ?? 0) - after.dx)).toBeLessThan(2);

    // Selected and removed with the Delete key; the client cannot be removed that way.
    await page.getByRole('group', { name: /^Choir, group or community/ }).click();
    await page.getByRole('complementary', { name: 'Selected on the map' }).getByRole('heading', { name: 'Choir' }).waitFor();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByRole('group', { name: /^Choir, group or community/ }).count()).toBe(0);
    await client.click();
    await page.keyboard.press('Delete');
    await saved();
    const left = await mapOf(clientId);
    expect(left.map.nodes.map((n) => n.label).sort()).toEqual(['Ana', 'Rosa Mouse-Drawn']);
    expect(left.map.ties).toHaveLength(1);
  });

  let keyboardClient = '';

  it('the same small map is built by keyboard alone in the table view, and the canvas shows it', async () => {
    keyboardClient = await newClient('Rosa Keyboard-Built');
    await openMap(keyboardClient);
    // The view switch is a radio group: arrow keys move between Map, Table and Family structure.
    await page.getByRole('radio', { name: 'Map' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'People, groups and places' }).waitFor();

    await tabTo('Add a person, group or place');
    await page.keyboard.press('Enter');
    await expect.poll(focusedName).toBe('Name, row 2');
    await page.keyboard.type('Ana');
    await page.keyboard.press('Tab'); // kind: a person already
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fam'); // level
    await page.keyboard.press('Tab'); // sector: none for a person, so on to "someone to turn to"
    await page.keyboard.type('Marked by the c');

    await tabTo('Add a person, group or place');
    await page.keyboard.press('Enter');
    await expect.poll(focusedName).toBe('Name, row 3');
    await page.keyboard.type('Choir');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Gr'); // kind: group or community

    await tabTo('Add a tie');
    await page.keyboard.press('Enter');
    await expect.poll(focusedName).toBe('From, tie 1');
    await tabTo('Strength, tie 1');
    await page.keyboard.type('Str');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Stre');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Energy flows t');
    await saved();
    await picture('maps-02-built-by-keyboard');

    const built = await mapOf(keyboardClient);
    const ana = built.map.nodes.find((n) => n.label === 'Ana');
    const choir = built.map.nodes.find((n) => n.label === 'Choir');
    expect(ana).toMatchObject({ kind: 'person', level: 'familial', turnTo: 'client' });
    expect(choir).toMatchObject({ kind: 'group', level: 'social' });
    expect(built.map.ties).toHaveLength(1);
    expect(built.map.ties[0]).toMatchObject({ kind: 'connection', strength: 'strong', quality: 'stressful' });
    expect(built.map.ties[0]?.direction).toBe(built.map.ties[0]?.b === ana?.id ? 'b_to_a' : 'a_to_b');

    // Back to the map by keyboard: the same people and the tie are drawn there.
    await page.getByRole('radio', { name: 'Table' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('group', { name: /^Ana, person, familial level/ }).waitFor();
    await page.getByRole('group', { name: /^Choir, group or community, social level/ }).waitFor();
    await page.getByRole('group', { name: /^Tie: Strong, stressful tie between .*Ana/ }).waitFor();
  });

  it('two versions saved with a change between them: the comparison names the change and marks it on the canvas', async () => {
    await openMap(keyboardClient);
    await page.getByRole('button', { name: 'Save version 1…' }).click();
    const form = page.getByRole('form', { name: 'Save version 1' });
    await form.getByRole('textbox', { name: 'Label (optional)' }).fill('First drawing');
    await expect.poll(() => form.getByRole('combobox', { name: 'Session (optional)' }).inputValue()).toBe('');
    await form.getByRole('button', { name: 'Save version 1' }).click();
    await page.getByText('Version 1 saved.').waitFor();

    // Saving again with nothing changed is refused in plain words.
    await page.getByRole('button', { name: 'Save version 2…' }).click();
    await page.getByRole('form', { name: 'Save version 2' }).getByRole('button', { name: 'Save version 2' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nothing has changed since version 1.' }).waitFor();
    await page.getByRole('form', { name: 'Save version 2' }).getByRole('button', { name: 'Cancel' }).click();

    // The tie with Ana becomes supportive, and Choir joins the client.
    await page.getByRole('radio', { name: 'Map' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('combobox', { name: 'Quality, tie 1' }).selectOption('supportive');
    await page.getByRole('button', { name: 'Add a tie' }).click();
    await expect.poll(async () => page.getByRole('combobox', { name: 'To, tie 2' }).locator('option:checked').textContent()).toBe('Choir');
    await saved();

    await page.getByRole('button', { name: 'Save version 2…' }).click();
    await page.getByRole('form', { name: 'Save version 2' }).getByRole('button', { name: 'Save version 2' }).click();
    await page.getByText('Version 2 saved.').waitFor();
    const state = await mapOf(keyboardClient);
    expect(state.versions.map((v) => v.number)).toEqual([2, 1]);

    await page.getByRole('button', { name: 'Show the changes' }).click();
    const comparison = page.getByRole('region', { name: /^What changed from version 1/ });
    await comparison.waitFor();
    const words = comparison.getByRole('list', { name: 'What changed, in words' });
    await expect.poll(() => words.textContent()).toMatch(/Ana changed from stressful to supportive/);
    await expect.poll(() => words.textContent()).toMatch(/New tie with Choir/);
    await expect.poll(() => comparison.getByText('1 changed in quality').count()).toBe(1);
    // On the canvas: the changed tie says what it was, the new one is marked new.
    await comparison.getByText('was stressful').waitFor();
    await expect.poll(() => comparison.getByRole('group', { name: /^Tie: .*Choir.*new since the earlier version/ }).count()).toBe(1);
    await expect.poll(() => comparison.getByText('+ new', { exact: true }).count()).toBeGreaterThan(0);
    await picture('maps-03-comparison');

    // A version exports as a drawn picture (SVG, and PNG made in the browser from it) and as data.
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download version 2 as SVG' }).click()]);
    const svgText = await readFile((await svg.path())!, 'utf8');
    expect(svgText).toContain('<svg');
    expect(svgText).toContain('Ana');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download version 2 as PNG' }).click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await readFile((await png.path())!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(5_000);
  });

  it('a map changed in another tab meanwhile shows both, and nothing drawn here is lost', async () => {
    await openMap(keyboardClient);
    await page.getByRole('group', { name: /^Ana, person/ }).waitFor();
    // Someone else saves the map first (another tab, another practitioner in the care).
    const current = await mapOf(keyboardClient);
    const theirs = { ...current.map, nodes: current.map.nodes.map((n) => (n.label === 'Choir' ? { ...n, label: 'Parish choir' } : n)) };
    await json(await page.request.put(`/api/clients/${keyboardClient}/map`, { data: { map: theirs, version: current.version } }));

    await page.getByRole('button', { name: 'Add a person, group or place' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to the map' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Tía Carmen');
    await dialog.getByRole('button', { name: 'Add to the map' }).click();
    const conflict = page.getByRole('region', { name: 'The relational map was changed elsewhere' });
    await conflict.waitFor({ timeout: 20_000 });
    await expect.poll(() => conflict.textContent()).toMatch(/Tía Carmen/);
    await expect.poll(() => conflict.textContent()).toMatch(/Parish choir/);
    await conflict.getByRole('button', { name: 'Keep my version' }).click();
    await saved();
    const kept = await mapOf(keyboardClient);
    expect(kept.map.nodes.map((n) => n.label)).toContain('Tía Carmen');
  });

  it('the metrics panel shows the values the API computes for Inés’s map', async () => {
    const found = await json<{ rows: Array<{ id: string }> }>(await page.request.get(`/api/clients?q=${encodeURIComponent('Inés')}`));
    const ines = found.rows[0]!.id;
    const { metrics } = await mapOf(ines);
    await openMap(ines);
    const panel = page.getByRole('region', { name: 'Connection metrics' });
    await panel.waitFor();
    const two = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
    const expected: Array<[string, string]> = [
      ['Size of the network', String(metrics.networkSize)],
      ['Strong supportive ties', String(metrics.strongSupportive)],
      ['Share of ties under strain', metrics.strainShare === null ? 'No ties yet' : `${Math.round(metrics.strainShare * 100)} %`],
      ['Levels covered', `${metrics.levelsCovered} of 5`],
      ['People to turn to', String(metrics.turnTo)],
      ['Isolation index', metrics.isolationIndex.toFixed(2)],
      ['Density', metrics.density === null ? 'Not worked out' : two(metrics.density)],
      ['Effective size', metrics.effectiveSize === null ? 'Not worked out' : two(metrics.effectiveSize)],
      ['Constraint', metrics.constraint === null ? 'Not worked out' : two(metrics.constraint)],
      ['Brokerage', metrics.brokerage === null ? 'Not worked out' : two(metrics.brokerage)],
    ];
    for (const [label, value] of expected) {
      const row = panel.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
      const cell = row.getByRole('cell').first();
      expect((await cell.textContent())?.startsWith(value), `${label}: “${await cell.textContent()}” should start with ${value}`).toBe(true);
    }
    // The isolation index says how it is worked out without being asked; the others on demand.
    await panel.getByText(/I = 1 − \(0\.5 × min\(W, 5\)\/5/).waitFor();
    await panel.getByRole('button', { name: 'Show how density is worked out' }).click();
    await panel.getByText(/Pairs in the client’s network who know each other/).waitFor();
    await picture('maps-04-metrics');
  });
});
