import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionPlaces, wellbeingLevels } from '../src/domain/measures/instruments/connection-profile.js';
import { json, launch, shot, signedInContext } from './browser.js';

let browser: Browser;
const contexts: BrowserContext[] = [];
/** Mariela Quispe, Inés's, Daniel's and Eli's practitioner. */
let mariela: Page;

const GAD7 = 'Generalized Anxiety Disorder scale (GAD-7)';
const PHONE = { width: 390, height: 844 };
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  browser = await launch();
  mariela = await signedIn('mariela@harbour.example');
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
});

/** A fresh browser context (its own cookies) with one page, signed in as this person. */
async function signedIn(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const { context, page } = await signedInContext(browser, email, { viewport });
  contexts.push(context);
  return page;
}


interface ScorePoint {
  responseId: string;
  at: string;
  total: number;
  answers?: Record<string, number>;
}
interface Summary {
  instrumentKey: string;
  ratedBy: string;
  title: string;
  scores: ScorePoint[];
}
interface SessionRow {
  id: string;
  startsAt: string;
  status: string;
}
interface Checkin {
  responseId: string;
  sessionId: string | null;
  completedAt: string;
  total: number;
  max: number;
  low: boolean;
  dropped: boolean;
  rule: string;
  items: Array<{ linkId: string; text: string; answer: number | null }>;
}

async function clientId(name: string): Promise<string> {
  const found = await json<{ rows: Array<{ id: string; name: string }> }>(await mariela.request.get(`/api/clients?q=${encodeURIComponent(name)}`));
  const row = found.rows.find((r) => r.name === name);
  if (!row) throw new Error(`${name} is not among Mariela’s clients in the demo practice.`);
  return row.id;
}

const summariesOf = async (id: string) => (await json<{ summaries: Summary[] }>(await mariela.request.get(`/api/clients/${id}/measures`))).summaries;

async function openMeasuresTab(page: Page, id: string): Promise<void> {
  await page.goto(`/clients/${id}?tab=measures`);
  await page.getByRole('heading', { name: 'Give a measure' }).waitFor();
}

/** What the keyboard has focus on: the element, its type and its accessible text (run in the page). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el) return { tag: '', type: '', name: '' };
  const labelled = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]')?.textContent : null;
  return { tag: el.tagName.toLowerCase(), type: el.getAttribute('type') ?? '', name: (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim() };
})()`;

async function focused(page: Page): Promise<{ tag: string; type: string; name: string }> {
  const f = (await page.evaluate(FOCUSED)) as { tag: string; type: string; name: string };
  return { ...f, name: f.name.slice(0, 120) };
}

/** Presses Tab until the focused control's accessible name is `name`. */
async function tabTo(page: Page, name: string, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).name === name) return;
  }
  throw new Error(`Tab never reached “${name}”.`);
}

/** Nothing sticks out sideways: the page never scrolls horizontally. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '({ scrollWidth: document.scrollingElement.scrollWidth, clientWidth: document.scrollingElement.clientWidth })',
  )) as { scrollWidth: number; clientWidth: number };
  expect(scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

/** "Tue 3 Mar 2026", as the app writes a date, in the browser's own time zone. */
const dateInBrowser = (page: Page, iso: string) =>
  page.evaluate((at) => {
    const p: Record<string, string> = {};
    for (const x of new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).formatToParts(new Date(at))) p[x.type] = x.value;
    return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
  }, iso);

/** The end of the day `iso` falls on, in the browser's own time zone (the radar steps day by day). */
const endOfDayInBrowser = (page: Page, iso: string) =>
  page.evaluate((at) => {
    const d = new Date(at);
    d.setHours(23, 59, 59, 999);
    return d.getTime();
  }, iso);

describe('portal questionnaires', () => {
  let ines = '';
  let gadBefore = 0;
  let phone: Page;
  const gadAnswers = [1, 2, 1, 0, 1, 2, 1];
  const frequency = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];

  it('Mariela asks Inés for a GAD-7 in her portal, and it waits there for her', async () => {
    ines = await clientId('Inés Morales');
    gadBefore = (await summariesOf(ines)).find((s) => s.instrumentKey === 'gad-7' && s.ratedBy === 'client')?.scores.length ?? 0;
    const made = await json<{ channel: string; instrumentKey: string; linkUrl: string | null }>(
      await mariela.request.post(`/api/clients/${ines}/measure-requests`, { data: { instrumentKey: 'gad-7', channel: 'portal' } }),
    );
    expect(made).toMatchObject({ channel: 'portal', instrumentKey: 'gad-7', linkUrl: null });

    phone = await signedIn('ines@harbour.example', PHONE);
    await phone.goto('/portal');
    const section = phone.getByRole('region', { name: 'Questionnaires from your practitioner' });
    await section.getByRole('button', { name: `Answer ${GAD7}` }).first().waitFor();
    await expectNoSidewaysScroll(phone, 'the portal on a phone');
  });

  it('Inés answers it on her phone with the keyboard alone, one question at a time, and is thanked', async () => {
    const section = phone.getByRole('region', { name: 'Questionnaires from your practitioner' });
    const waiting = await section.getByRole('button', { name: `Answer ${GAD7}` }).count();
    await tabTo(phone, `Answer ${GAD7}`);
    await phone.keyboard.press('Enter');
    // Opening the questionnaire takes the keyboard to it, not back to the top of the page.
    await expect.poll(async () => (await focused(phone)).name).toBe(GAD7);

    for (const [i, value] of gadAnswers.entries()) {
      await section.getByText(`Question ${i + 1} of 8`, { exact: true }).waitFor();
      // One question at a time, even here: one set of four answers.
      expect(await section.locator('fieldset').count()).toBe(1);
      expect(await section.getByRole('radio').count()).toBe(4);
      await expectNoSidewaysScroll(phone, `question ${i + 1} on a phone`);
      // Tab reaches the first answer; Space chooses it, the arrow keys move down the answers.
      await phone.keyboard.press('Tab');
      expect(await focused(phone)).toMatchObject({ tag: 'input', type: 'radio' });
      if (value === 0) await phone.keyboard.press('Space');
      for (let n = 0; n < value; n++) await phone.keyboard.press('ArrowDown');
      expect(await section.getByRole('radio', { name: frequency[value], exact: true }).isChecked()).toBe(true);
      await phone.keyboard.press('Enter');
    }
    // The eighth asks how difficult the problems made things; it is not scored.
    await section.getByText('Question 8 of 8', { exact: true }).waitFor();
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('ArrowDown');
    expect(await section.getByRole('radio', { name: 'Somewhat difficult', exact: true }).isChecked()).toBe(true);
    await phone.keyboard.press('Enter');

    await expect.poll(async () => (await focused(phone)).name).toBe('Check your answers');
    await expectNoSidewaysScroll(phone, 'the review on a phone');
    const review = section.getByRole('list', { name: 'Your answers' });
    expect(await review.getByRole('listitem').count()).toBe(8);
    expect(await review.getByRole('listitem').nth(1).textContent()).toContain('More than half the days');
    await shot(phone, 'measures-portal-00-review-phone');
    await tabTo(phone, 'Send my answers');
    await phone.keyboard.press('Enter');

    await expect.poll(async () => (await focused(phone)).name).toBe('Thank you');
    await section.getByText(/Your answers have reached your practitioner/).waitFor();
    expect(await phone.getByText('Please reach out for support now').count()).toBe(0);
    await expectNoSidewaysScroll(phone, 'the thank-you on a phone');
    // Answered, so no longer waiting.
    await expect.poll(() => section.getByRole('button', { name: `Answer ${GAD7}` }).count()).toBe(waiting - 1);
    await tabTo(phone, 'Back to your page');
    await phone.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('heading', { name: 'Thank you' }).count()).toBe(0);
    expect((await focused(phone)).name).toBe('Questionnaires from your practitioner');
    expect(await section.getByRole('button', { name: `Answer ${GAD7}` }).count()).toBe(waiting - 1);
    await phone.reload();
    await section.waitFor();
    await expect.poll(() => section.getByText(/Looking for questionnaires/).count()).toBe(0);
    expect(await section.getByRole('button', { name: `Answer ${GAD7}` }).count()).toBe(waiting - 1);
  });

  it('Mariela sees Inés’s new GAD-7 score on her Measures tab, on the chart and in its table', async () => {
    const total = gadAnswers.reduce((a, b) => a + b, 0);
    const gad = (await summariesOf(ines)).find((s) => s.instrumentKey === 'gad-7' && s.ratedBy === 'client');
    expect(gad?.scores.length).toBe(gadBefore + 1);
    expect(gad?.scores.at(-1)?.total).toBe(total);

    await openMeasuresTab(mariela, ines);
    const chart = mariela.getByRole('region', { name: GAD7 });
    await chart.waitFor();
    await expect.poll(() => chart.locator('.recharts-line-dot').count()).toBe(gadBefore + 1);
    await chart.getByRole('button', { name: 'Show as table' }).click();
    const rows = chart.getByRole('table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(gadBefore + 1);
    const last = rows.nth(gadBefore);
    expect(await last.locator('td').nth(1).textContent()).toBe(String(total));
    expect(await last.locator('td').nth(2).textContent()).toBe('Mild');
  });
});

describe('the connection profile radar', () => {
  const axes = [...connectionPlaces, ...wellbeingLevels];

  /** Each line's row in the table alternative: label → [client, practitioner]. */
  async function tableValues(section: Locator): Promise<Record<string, [string, string]>> {
    const out: Record<string, [string, string]> = {};
    for (const tr of await section.getByRole('table', { name: /^Connection profile as of/ }).locator('tbody tr').all()) {
      const [label, client, practitioner, gap] = (await tr.locator('th, td').allTextContents()).map((t) => t.trim());
      if (label !== undefined && client !== undefined && practitioner !== undefined && gap !== undefined) out[label] = [client, practitioner];
    }
    return out;
  }

  const expected = (client: ScorePoint | undefined, practitioner: ScorePoint | undefined) =>
    Object.fromEntries(axes.map((a) => [a.label, [String(client?.answers?.[a.linkId] ?? '—'), String(practitioner?.answers?.[a.linkId] ?? '—')]]));

  it('draws the client’s and the practitioner’s ratings over each other, with the same numbers in a table, and plays them over time', async () => {
    const ines = await clientId('Inés Morales');
    const profile = (await summariesOf(ines)).filter((s) => s.instrumentKey === 'connection-profile');
    const byClient = profile.find((s) => s.ratedBy === 'client')?.scores ?? [];
    const byPractitioner = profile.find((s) => s.ratedBy === 'practitioner')?.scores ?? [];
    expect(byClient.length, 'the demo seed should give Inés connection profiles rated by herself').toBeGreaterThan(0);
    expect(byPractitioner.length, 'the demo seed should give Inés connection profiles rated by Mariela').toBeGreaterThan(0);

    await openMeasuresTab(mariela, ines);
    const section = mariela.getByRole('region', { name: 'Connection profile, side by side' });
    await section.waitFor();
    const all = [...byClient, ...byPractitioner].sort((a, b) => a.at.localeCompare(b.at));
    const days: string[] = [];
    for (const r of all) {
      const day = await dateInBrowser(mariela, r.at);
      if (!days.includes(day)) days.push(day);
    }
    expect(days.length, 'the demo seed should rate Inés’s connection profile on at least two days').toBeGreaterThan(1);

    // At first the latest of each, drawn as two shapes on each radar, and the same numbers in the table.
    const table = section.getByRole('table', { name: /^Connection profile as of/ });
    await expect.poll(() => table.getAttribute('aria-label')).toBe(`Connection profile as of ${days.at(-1)}`);
    const radars = section.locator('div[role="img"]');
    expect(await radars.count()).toBe(2);
    for (const radar of await radars.all()) {
      await expect.poll(() => radar.locator('.recharts-radar').count()).toBe(2);
      expect(await radar.locator('.recharts-radar-polygon').count()).toBe(2);
    }
    // Each radar's legend names both raters.
    for (const radar of await radars.all()) {
      expect(await radar.getByText('Client’s rating', { exact: true }).count()).toBe(1);
      expect(await radar.getByText('Practitioner’s rating', { exact: true }).count()).toBe(1);
    }
    await expect.poll(() => tableValues(section)).toEqual(expected(byClient.at(-1), byPractitioner.at(-1)));
    // The radar's description carries the numbers too, for a screen reader.
    const latest = byClient.at(-1)!;
    expect(await radars.first().getAttribute('aria-label')).toContain(`Relationships client ${latest.answers?.relationships}`);

    // Back to the first day with the keyboard: the date and the numbers are the ones given then.
    const slider = section.getByRole('slider', { name: 'As of' });
    await slider.focus();
    await mariela.keyboard.press('Home');
    await expect.poll(() => table.getAttribute('aria-label')).toBe(`Connection profile as of ${days[0]}`);
    const firstDayEnds = await endOfDayInBrowser(mariela, all[0]!.at);
    const asOfFirst = (list: ScorePoint[]) => list.filter((r) => new Date(r.at).getTime() <= firstDayEnds).at(-1);
    const atFirst = expected(asOfFirst(byClient), asOfFirst(byPractitioner));
    await expect.poll(() => tableValues(section)).toEqual(atFirst);
    expect(atFirst).not.toEqual(expected(byClient.at(-1), byPractitioner.at(-1)));

    // Played, it walks through every day rated and stops at the latest.
    const seen: string[] = [];
    await section.getByRole('button', { name: 'Play over time' }).click();
    const deadline = Date.now() + days.length * 1500 + 10_000;
    for (;;) {
      const label = (await table.getAttribute('aria-label'))?.replace('Connection profile as of ', '') ?? '';
      if (seen.at(-1) !== label) seen.push(label);
      if ((await section.getByRole('button', { name: 'Play over time' }).count()) === 1 && seen.length > 1) break;
      if (Date.now() > deadline) throw new Error(`Playing never finished; it showed ${seen.join(', ')}`);
      await mariela.waitForTimeout(100);
    }
    expect(seen).toEqual(days);
    await expect.poll(() => tableValues(section)).toEqual(expected(byClient.at(-1), byPractitioner.at(-1)));
    await section.screenshot({ path: 'e2e/artifacts/measures-portal-01-radar.png' });
  });
});

describe('sessions and phase moves on the measure charts', () => {
  /**
   * Compares each chart on a client's Measures tab with the API: one point per score, a tick per held
   * session and a dashed line per phase move within the span of the scores, and the caption saying the same.
   */
  async function checkMarkers(name: string): Promise<{ sessions: number; moves: number }> {
    const id = await clientId(name);
    const summaries = (await summariesOf(id)).filter((s) => s.scores.length > 0 && s.instrumentKey !== 'connection-profile');
    expect(summaries.length, `${name} should have measures in the demo practice`).toBeGreaterThan(0);
    const sessions = await json<SessionRow[]>(await mariela.request.get(`/api/clients/${id}/sessions`));
    const journey = await json<{ chapters: Array<{ moves: Array<{ fromPhase: string | null; movedAt: string }> }> }>(await mariela.request.get(`/api/clients/${id}/journey`));
    const held = sessions.filter((s) => s.status === 'held').map((s) => new Date(s.startsAt).getTime());
    // The first move opens a chapter; only changes of phase are marked.
    const moves = journey.chapters.flatMap((c) => c.moves).filter((m) => m.fromPhase !== null).map((m) => new Date(m.movedAt).getTime());

    await openMeasuresTab(mariela, id);
    const drawn = { sessions: 0, moves: 0 };
    for (const s of summaries) {
      // The scores' span, with a week (or a tenth of the span) either side: a session just after the last score still shows.
      const times = s.scores.map((p) => new Date(p.at).getTime());
      const first = Math.min(...times);
      const last = Math.max(...times);
      const pad = Math.max(7 * DAY, (last - first) * 0.1);
      const within = (t: number) => t >= first - pad && t <= last + pad;
      const sessionMarks = held.filter(within).length;
      const moveMarks = moves.filter(within).length;

      const title = `${s.title}${s.ratedBy === 'practitioner' ? ' (practitioner’s rating)' : ''}`;
      const chart = mariela.getByRole('region', { name: title, exact: true });
      await chart.waitFor();
      await expect.poll(() => chart.locator('.recharts-line-dot').count(), { message: `${name}, ${title}: one point per score` }).toBe(s.scores.length);
      await expect
        .poll(() => chart.locator('.recharts-reference-line-line:not([stroke-dasharray])').count(), { message: `${name}, ${title}: session ticks` })
        .toBe(sessionMarks);
      expect(await chart.locator('.recharts-reference-line-line[stroke-dasharray]').count(), `${name}, ${title}: phase-move lines`).toBe(moveMarks);
      // The caption, read by screen readers, names what is drawn and nothing else.
      const caption = (await chart.locator('figcaption').textContent()) ?? '';
      if (sessionMarks > 0) expect(caption).toContain(`mark the ${sessionMarks} session${sessionMarks === 1 ? '' : 's'} held`);
      else expect(caption).not.toContain('ticks');
      if (moveMarks > 0) expect(caption).toContain('The dashed lines mark the phase moves');
      else expect(caption, `${name}, ${title}: no phase move is drawn, so the caption names none`).not.toContain('dashed lines');
      // With two or more scores the words under the chart never say there is only one.
      if (s.scores.length > 1) expect(await chart.getByText(/One score so far/).count(), `${name}, ${title}: says “one score” under ${s.scores.length}`).toBe(0);
      drawn.sessions += sessionMarks;
      drawn.moves += moveMarks;
    }
    return drawn;
  }

  it('Daniel’s charts mark his held sessions and his move to transition between his scores, and say so in words', async () => {
    const drawn = await checkMarkers('Daniel Tsosie');
    expect(drawn.sessions).toBeGreaterThan(0);
    // Daniel moved to the transition phase between his scores, so at least one chart shows a move.
    expect(drawn.moves).toBeGreaterThan(0);
    await mariela.evaluate('window.scrollTo(0, 0)');
    await mariela.screenshot({ path: 'e2e/artifacts/measures-tab.png', fullPage: true });
  });

  it('Inés’s phase moves came weeks before her first score, so her charts neither draw nor mention them', async () => {
    const drawn = await checkMarkers('Inés Morales');
    expect(drawn.sessions).toBeGreaterThan(0);
    expect(drawn.moves).toBe(0);
  });
});

describe('the relationship check-in beside each session', () => {
  let eli = '';
  let checkins: Checkin[] = [];
  let dropped: Checkin | undefined;
  const rate = (total: number) => {
    const keys = ['listened', 'mattered', 'way-of-working', 'could-say', 'connected'];
    const base = Math.floor(total / 5);
    return Object.fromEntries(keys.map((k, i) => [k, base + (i < total % 5 ? 1 : 0)]));
  };

  it('a drop in Eli’s check-ins shows as a gentle flag on that session, its rule opened with the keyboard', async () => {
    eli = await clientId('Eli Navarro');
    const sessions = await json<SessionRow[]>(await mariela.request.get(`/api/clients/${eli}/sessions`));
    const held = sessions.filter((s) => s.status === 'held').sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(held.length, 'Eli needs four held sessions in the demo practice').toBeGreaterThanOrEqual(4);
    // After the four latest sessions, in order: steady, steady, a drop, and back up.
    for (const [i, total] of [48, 47, 30, 45].entries()) {
      const session = held[held.length - 4 + i]!;
      await json(await mariela.request.post(`/api/clients/${eli}/measures`, { data: { instrumentKey: 'relationship-checkin', answers: rate(total), sessionId: session.id } }));
    }
    checkins = (await json<{ checkins: Checkin[] }>(await mariela.request.get(`/api/clients/${eli}/relationship-checkins`))).checkins;
    dropped = checkins.findLast((c) => c.total === 30 && c.sessionId === held[held.length - 2]!.id);
    expect(dropped?.dropped, 'the server should call 30 after 48 and 47 a drop').toBe(true);

    await mariela.goto(`/sessions/${dropped!.sessionId}`);
    const section = mariela.getByRole('region', { name: 'Relationship check-in' });
    await section.getByText('Check-in 30/50', { exact: true }).waitFor();
    // Gentle, not alarming: no alert role, a soft colour and words.
    expect(await section.getByRole('alert').count()).toBe(0);
    const flag = section.getByRole('button', { name: 'Lower than usual' });
    expect(await flag.getAttribute('aria-expanded')).toBe('false');
    expect(await section.getByText(dropped!.rule).count()).toBe(0);
    await tabTo(mariela, 'Lower than usual');
    await mariela.keyboard.press('Enter');
    expect(await flag.getAttribute('aria-expanded')).toBe('true');
    await section.getByText(dropped!.rule).waitFor();
    // The five sentences and how true each was.
    const answers = section.getByRole('list', { name: 'The client’s answers' }).getByRole('listitem');
    expect(await answers.count()).toBe(5);
    for (const [i, item] of dropped!.items.entries()) {
      const text = (await answers.nth(i).textContent()) ?? '';
      expect(text).toContain(item.text);
      expect(text).toContain(`${item.answer} of 10`);
    }
    await shot(mariela, 'measures-portal-02-session-checkin');
    await mariela.keyboard.press('Enter');
    expect(await flag.getAttribute('aria-expanded')).toBe('false');
  });

  it('on Eli’s Sessions tab the check-in shows beside the sessions it was given for, and only those', async () => {
    const sessions = await json<SessionRow[]>(await mariela.request.get(`/api/clients/${eli}/sessions`));
    const latest = new Map<string, Checkin>();
    for (const c of checkins) if (c.sessionId) latest.set(c.sessionId, c);

    await mariela.goto(`/clients/${eli}?tab=sessions`);
    const past = mariela.getByRole('region', { name: 'Past sessions' });
    await past.getByRole('columnheader', { name: 'Relationship check-in' }).waitFor();
    for (const s of sessions.filter((x) => new Date(x.startsAt).getTime() < Date.now())) {
      const row = past.locator('tbody tr', { has: mariela.locator(`a[href="/sessions/${s.id}"]`) });
      const text = (await row.textContent()) ?? '';
      const c = latest.get(s.id);
      if (c) expect(text).toContain(`Check-in ${c.total}/${c.max}`);
      else expect(text).not.toContain('Check-in');
      const flagged = await row.getByRole('button', { name: /Lower than usual|Worth talking about/ }).count();
      expect(flagged).toBe(c && (c.dropped || c.low) ? 1 : 0);
    }
    const row = past.locator('tbody tr', { has: mariela.locator(`a[href="/sessions/${dropped!.sessionId}"]`) });
    await row.getByRole('button', { name: 'Lower than usual' }).click();
    await row.getByText(dropped!.rule).waitFor();
    await shot(mariela, 'measures-portal-03-sessions-tab');
  });

  it('a held session without a check-in says so on its page', async () => {
    const candidates = [eli, await clientId('Inés Morales'), await clientId('Daniel Tsosie')];
    let without: string | undefined;
    for (const id of candidates) {
      const sessions = await json<SessionRow[]>(await mariela.request.get(`/api/clients/${id}/sessions`));
      const given = new Set((await json<{ checkins: Checkin[] }>(await mariela.request.get(`/api/clients/${id}/relationship-checkins`))).checkins.map((c) => c.sessionId));
      without = sessions.find((s) => s.status === 'held' && !given.has(s.id))?.id;
      if (without) break;
    }
    expect(without, 'some held session in Mariela’s caseload should have no check-in').toBeDefined();
    await mariela.goto(`/sessions/${without}`);
    const section = mariela.getByRole('region', { name: 'Relationship check-in' });
    await section.getByText('No check-in for this session yet.').waitFor();
    expect(await section.getByText(/^Check-in \d+\/50$/).count()).toBe(0);
  });
});
