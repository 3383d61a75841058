/**
 * The map editor under load: the built app (`liminal start` on a fresh embedded database with the
 * demo practice), a client whose map has 500 nodes and 2,000 ties, opened in headless Chromium
 * (Debian's, at /usr/bin/chromium, through playwright-core). A node is dragged across the canvas
 * by the mouse in small steps, as a hand would, while the page records the time between animation
 * frames. Reported: how long the map took to appear, and the frame times during the drag
 * (p50, p95, the longest, and how many frames took over 50 ms, which a person notices as a stutter).
 *
 * Needs `npm run build` first (the bench script does it). Skipped, with the reason, when Chromium
 * is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { rootDir } from '../src/paths.js';
import { generateLargeMap } from './maps.js';
import { summarise, type Summary } from './stats.js';

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'bench-drag-passphrase';
/** A frame over this is a stutter a person notices (three frames missed at 60 Hz). */
const LONG_FRAME_MS = 50;

export interface DragResult {
  nodes: number;
  ties: number;
  /** From navigation to every node of the map on the canvas. */
  openMs: number;
  dragSteps: number;
  dragMs: number;
  frames: Summary | null;
  longFrames: number;
  /** Frames per second over the drag. */
  fps: number;
  /** The node ended where it was dropped (the drag really moved it). */
  moved: boolean;
}

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'liminal-bench-drag-'));
  const port = 4100 + Math.floor(Math.random() * 800);
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(rootDir, 'bin/liminal.js'), 'start'], {
    env: { ...process.env, PORT: String(port), LIMINAL_DATA_DIR: dataDir, LIMINAL_DEMO_PASSWORD: PASSWORD, LIMINAL_PUBLIC_URL: url, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function benchMapDrag(options: { seed: number; steps: number; log: (line: string) => void }): Promise<DragResult | { skipped: string }> {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (apt-get install chromium)` };
  if (!existsSync(path.join(rootDir, 'dist/web/index.html'))) return { skipped: 'the web app is not built (npm run build)' };
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const api = context.request;
    const signIn = await api.post(`${server.url}/api/auth/sign-in`, { data: { practice: 'harbour', email: 'mariela@harbour.example', password: PASSWORD } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
    // A client of Mariela's with no map yet, given the large one.
    const list = ((await (await api.get(`${server.url}/api/clients?pageSize=50`)).json()) as { rows: Array<{ id: string; name: string }> }).rows;
    let target: string | null = null;
    for (const c of list) {
      const detail = (await (await api.get(`${server.url}/api/clients/${c.id}`)).json()) as { access: string };
      if (detail.access !== 'care') continue;
      const m = (await (await api.get(`${server.url}/api/clients/${c.id}/map`)).json()) as { version: number };
      if (m.version === 0) {
        target = c.id;
        break;
      }
    }
    if (!target) throw new Error('no demo client of Mariela’s without a map');
    const map = generateLargeMap(options.seed);
    const put = await api.put(`${server.url}/api/clients/${target}/map`, { data: { map, version: 0 } });
    if (!put.ok()) throw new Error(`saving the large map failed: ${put.status()} ${(await put.text()).slice(0, 300)}`);

    const page = await context.newPage();
    const opened = performance.now();
    await page.goto(`${server.url}/clients/${target}?tab=map`);
    await page.waitForFunction(`document.querySelectorAll('.react-flow__node').length >= ${map.nodes.length}`, undefined, { timeout: 120_000 });
    const openMs = performance.now() - opened;
    options.log(`  drag: map of ${map.nodes.length} nodes on screen after ${openMs.toFixed(0)} ms`);
    // A node well inside the viewport to drag.
    await page.locator('.react-flow').first().scrollIntoViewIfNeeded();
    // The page's own code runs in the browser, so it is written as text (this file is typed for Node).
    const handle = await page.evaluate<{ id: string; x: number; y: number } | null>(`(() => {
      const nodes = [...document.querySelectorAll('.react-flow__node')].filter((n) => n.dataset.id !== 'client');
      const box = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!box) return null;
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      const inside = nodes
        .map((n) => ({ id: n.dataset.id ?? '', r: n.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.left > box.left + 40 && r.right < box.right - 260 && r.top > Math.max(box.top, 0) + 40 && r.bottom < Math.min(box.bottom, window.innerHeight) - 200)
        .sort((a, b) => Math.hypot(a.r.left - cx, a.r.top - cy) - Math.hypot(b.r.left - cx, b.r.top - cy));
      // On a crowded map nodes overlap: take one that is on top at its own centre, so the mouse grabs it.
      const onTop = inside.filter(({ id, r }) => document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.react-flow__node')?.dataset.id === id);
      const pick = onTop[Math.floor(onTop.length / 3)];
      return pick ? { id: pick.id, x: pick.r.left + pick.r.width / 2, y: pick.r.top + pick.r.height / 2 } : null;
    })()`);
    if (!handle) throw new Error('no node inside the canvas to drag');
    const transformOf = (id: string) => page.evaluate<string>(`document.querySelector('.react-flow__node[data-id="${id}"]')?.style.transform ?? ''`);
    const before = await transformOf(handle.id);
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__recording = true;
      const tick = (t) => {
        if (!window.__recording) return;
        window.__frames.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const started = performance.now();
    await page.mouse.move(handle.x, handle.y);
    await page.mouse.down();
    for (let i = 1; i <= options.steps; i++) {
      const t = i / options.steps;
      await page.mouse.move(handle.x + 220 * Math.sin(t * Math.PI), handle.y + 160 * t);
    }
    await page.mouse.up();
    const dragMs = performance.now() - started;
    const stamps = await page.evaluate<number[]>(`(() => {
      window.__recording = false;
      return window.__frames;
    })()`);
    // The move is committed when the drag ends; give the page a moment to settle.
    await page.waitForTimeout(500);
    const after = await transformOf(handle.id);
    options.log(`  drag: node ${handle.id} ${before} → ${after}`);
    const gaps = stamps.slice(1).map((t, i) => t - (stamps[i] as number));
    return {
      nodes: map.nodes.length,
      ties: map.ties.length,
      openMs,
      dragSteps: options.steps,
      dragMs,
      frames: gaps.length > 0 ? summarise(gaps) : null,
      longFrames: gaps.filter((g) => g > LONG_FRAME_MS).length,
      fps: gaps.length > 0 ? (gaps.length / gaps.reduce((s, g) => s + g, 0)) * 1000 : 0,
      moved: before !== after,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
