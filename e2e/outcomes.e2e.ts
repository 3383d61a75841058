import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, launch, shot, signedInContext } from './browser.js';

let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: Page;

interface MeasureOutcome {
  instrumentKey: string;
  title: string;
  clients: number;
  clientsWithChange: number;
  averageChange: number | null;
  reliableImprovementRate: number | null;
  reliableDeteriorationRate: number | null;
  rule: string | null;
  higherIsBetter: boolean;
}
interface Outcomes {
  from: string;
  to: string;
  clients: number;
  measures: MeasureOutcome[];
  nhsTalkingTherapies: {
    pairedClients: number;
    casesAtStart: number;
    recoveryRate: number | null;
    reliableRecoveryRate: number | null;
    reliableImprovementRate: number | null;
    reliableDeteriorationRate: number | null;
    rule: string;
  };
  notOnTrack: Array<{ client: string; instrumentKey: string; reason: string; rule: string }>;
  notOnTrackAfter: number;
}
interface Practitioner {
  id: string;
  displayName: string;
  roles: string[];
}

const DAY = 86_400_000;

beforeAll(async () => {
  browser = await launch();
  admin = await signedIn('noor@harbour.example');
});
afterAll(async () => {
  // Leave the practice as the demo had it, for the specs that run after this one.
  await admin.request.put('/api/practice/measure-change', { data: { notOnTrackAfter: 6, instruments: [] } }).catch(() => undefined);
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
});

/** A fresh browser context (its own cookies) with one page, signed in as this person. */
async function signedIn(email: string): Promise<Page> {
  const { context, page } = await signedInContext(browser, email);
  contexts.push(context);
  return page;
}

const isOutcomes = (r: Response) => new URL(r.url()).pathname === '/api/outcomes' && r.request().method() === 'GET';

/** Waits for the outcomes request the page makes after `act`, and asks the API the same question with the same cookies. */
async function pageAndApi(page: Page, act: () => Promise<unknown>): Promise<{ url: URL; api: Outcomes }> {
  const answered = page.waitForResponse((r) => isOutcomes(r) && r.ok());
  await act();
  const url = new URL((await answered).url());
  const api = await json<Outcomes>(await page.request.get(url.pathname + url.search));
  await page.getByRole('region', { name: 'At a glance' }).waitFor();
  return { url, api };
}

const pct = (rate: number) => `${Math.round(rate * 100)}%`;
const figure = (page: Page, label: string): Locator => page.getByRole('group', { name: label, exact: true });
const measureRow = (page: Page, title: string): Locator =>
  page.getByRole('table', { name: 'Change by measure' }).getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: title }) });

/** Every number the page shows matches the API's answer for the same period and caseload. */
async function expectPageShows(page: Page, api: Outcomes): Promise<void> {
  await expect.poll(() => figure(page, 'Clients with scores').textContent()).toContain(`Clients with scores${api.clients}completed`);
  const t = api.nhsTalkingTherapies;
  const rates: Array<[string, number | null, number]> = [
    ['Recovery', t.recoveryRate, t.casesAtStart],
    ['Reliable recovery', t.reliableRecoveryRate, t.casesAtStart],
    ['Reliable improvement', t.reliableImprovementRate, t.pairedClients],
    ['Reliable deterioration', t.reliableDeteriorationRate, t.pairedClients],
  ];
  for (const [label, rate, denominator] of rates) {
    const text = await figure(page, label).textContent();
    if (rate === null) expect(text).toContain('—');
    else expect(text).toContain(`${pct(rate)}${Math.round(rate * denominator)} of ${denominator}`);
  }
  const rows = page.getByRole('table', { name: 'Change by measure' }).locator('tbody tr');
  expect(await rows.count()).toBe(api.measures.length);
  for (const m of api.measures) {
    const cells = measureRow(page, m.title).getByRole('cell');
    expect(await cells.nth(0).textContent()).toBe(String(m.clients));
    expect(await cells.nth(1).textContent()).toBe(String(m.clientsWithChange));
    const improvement = await cells.nth(3).textContent();
    const deterioration = await cells.nth(4).textContent();
    if (m.reliableImprovementRate === null) expect(improvement).toMatch(/^—/);
    else expect(improvement).toContain(pct(m.reliableImprovementRate));
    if (m.reliableDeteriorationRate === null) expect(deterioration).toMatch(/^—/);
    else expect(deterioration).toContain(pct(m.reliableDeteriorationRate));
  }
  const flagged = page.getByRole('region', { name: 'Not on track' }).locator('tbody tr');
  expect(await flagged.count()).toBe(api.notOnTrack.length);
  for (const f of api.notOnTrack) expect(await page.getByRole('region', { name: 'Not on track' }).getByText(f.client, { exact: true }).count()).toBeGreaterThan(0);
}

function expectLastTwelveMonths(url: URL): void {
  const from = new Date(url.searchParams.get('from') ?? '').getTime();
  const to = new Date(url.searchParams.get('to') ?? '').getTime();
  expect(Math.abs(to - Date.now())).toBeLessThan(2 * DAY);
  expect(Math.abs(to - from - 365 * DAY)).toBeLessThan(3 * DAY);
}

describe('practice outcomes', () => {
  it('an admin sees the whole practice’s outcomes for the last 12 months, then one practitioner’s, and never a client’s name', async () => {
    const whole = await pageAndApi(admin, () => admin.getByRole('link', { name: 'Outcomes', exact: true }).click());
    await admin.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
    expectLastTwelveMonths(whole.url);
    expect(whole.url.searchParams.has('practitionerId')).toBe(false);
    // The demo practice has scores to report: real numbers, not an empty page.
    expect(whole.api.clients).toBeGreaterThan(3);
    expect(whole.api.nhsTalkingTherapies.pairedClients).toBeGreaterThan(0);
    expect(await admin.getByRole('textbox', { name: 'Period' }).inputValue()).toBe('Last 12 months');
    expect(await admin.getByRole('textbox', { name: 'Caseload' }).inputValue()).toBe('Whole practice');
    await expectPageShows(admin, whole.api);
    await admin.getByText(/De-identified: no names/).waitFor();
    // The chart shows a bar for each measure with a reliable-change rule and repeated scores, and says the same in words.
    const charted = whole.api.measures.filter((m) => m.rule !== null && m.clientsWithChange > 0);
    expect(charted.length).toBeGreaterThan(0);
    const chart = admin.getByRole('img', { name: /^Reliable improvement and deterioration by measure/ });
    for (const m of charted) expect(await chart.getAttribute('aria-label')).toContain(`${pct(m.reliableImprovementRate ?? 0)} reliably improved`);
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(charted.length);

    const clients = await json<{ rows: Array<{ name: string }> }>(await admin.request.get('/api/clients?pageSize=100'));
    expect(clients.rows.length).toBeGreaterThan(5);
    const wholeText = await admin.locator('body').innerText();
    for (const c of clients.rows) expect(wholeText).not.toContain(c.name);

    await admin.evaluate('window.scrollTo(0, 0)');
    await shot(admin, 'outcomes');
    await admin.getByRole('region', { name: 'Change by measure' }).screenshot({ path: 'e2e/artifacts/outcomes-by-measure.png' });

    const practitioners = await json<Practitioner[]>(await admin.request.get('/api/practitioners'));
    const mariela = practitioners.find((p) => p.displayName.includes('Mariela'));
    expect(mariela).toBeDefined();
    const one = await pageAndApi(admin, async () => {
      await admin.getByRole('textbox', { name: 'Caseload' }).click();
      await admin.getByRole('option', { name: new RegExp(`^${mariela!.displayName}`) }).click();
    });
    expect(one.url.searchParams.get('practitionerId')).toBe(mariela!.id);
    expect(one.url.searchParams.get('from')).toBe(whole.url.searchParams.get('from'));
    expect(one.api.clients).toBeGreaterThan(0);
    expect(one.api.clients).toBeLessThan(whole.api.clients);
    await expectPageShows(admin, one.api);
    await admin.getByText(/^Showing Mariela Quispe’s clients, from/).waitFor();
    const oneText = await admin.locator('body').innerText();
    for (const c of clients.rows) expect(oneText).not.toContain(c.name);
  });

  it('an admin sets the PHQ-9’s SD and reliability, sees the threshold as they type, and the outcomes name the practice’s rule', async () => {
    await admin.getByRole('link', { name: 'Practice settings', exact: true }).click();
    const section = admin.getByRole('region', { name: 'Measures' });
    await section.getByRole('table', { name: 'Reliable-change rule by instrument' }).waitFor();
    // The PHQ-9 ships with a published threshold; our own values replace it once ticked.
    await section.getByText('Reliable change of 6 points').first().waitFor();
    await section.getByRole('checkbox', { name: 'Use our own SD and reliability for PHQ-9' }).check();
    await section.getByLabel('PHQ-9 SD').fill('5.7');
    await section.getByLabel('PHQ-9 reliability').fill('0.84');
    const expected = (1.96 * 5.7 * Math.SQRT2 * Math.sqrt(1 - 0.84)).toFixed(1);
    await section.getByText(`Change of ${expected} points or more counts as reliable.`).waitFor();
    // A reliability of 1 would make every change reliable: the page says so before saving.
    await section.getByLabel('PHQ-9 reliability').fill('1');
    await section.getByText('Give an SD above 0 and a reliability below 1 to see the threshold.').waitFor();
    await section.getByLabel('PHQ-9 reliability').fill('0.84');
    await section.getByLabel(/Flag a client as not on track/).fill('8');

    const saved = admin.waitForResponse((r) => new URL(r.url()).pathname === '/api/practice/measure-change');
    await section.getByRole('button', { name: 'Save measure settings' }).click();
    expect((await saved).status()).toBe(200);
    await admin.getByText('Measure settings saved').waitFor();

    await admin.reload();
    const again = admin.getByRole('region', { name: 'Measures' });
    await again.getByRole('table', { name: 'Reliable-change rule by instrument' }).waitFor();
    expect(await again.getByRole('checkbox', { name: 'Use our own SD and reliability for PHQ-9' }).isChecked()).toBe(true);
    expect(await again.getByLabel('PHQ-9 SD').inputValue()).toBe('5.7');
    expect(await again.getByLabel('PHQ-9 reliability').inputValue()).toBe('0.84');
    expect(await again.getByLabel(/Flag a client as not on track/).inputValue()).toBe('8');
    await again.getByText(`Change of ${expected} points or more counts as reliable.`).waitFor();
    await again.screenshot({ path: 'e2e/artifacts/outcomes-measure-settings.png' });

    const after = await pageAndApi(admin, () => admin.getByRole('link', { name: 'Outcomes', exact: true }).click());
    const phq9 = after.api.measures.find((m) => m.instrumentKey === 'phq-9');
    expect(phq9?.rule).toMatch(/SD 5\.7 and reliability 0\.84/);
    expect(after.api.notOnTrackAfter).toBe(8);
    await measureRow(admin, phq9!.title).getByText(/SD 5\.7 and reliability 0\.84 set by the practice/).waitFor();
    await admin.getByText(/no reliable improvement by their 8th score/).waitFor();
    await expectPageShows(admin, after.api);
  });

  it('a practitioner sees only their own caseload, with no way to choose another', async () => {
    const tavita = await signedIn('tavita@harbour.example');
    const mine = await pageAndApi(tavita, () => tavita.getByRole('link', { name: 'Outcomes', exact: true }).click());
    expectLastTwelveMonths(mine.url);
    expect(mine.url.searchParams.has('practitionerId')).toBe(false);
    expect(await tavita.getByRole('textbox', { name: 'Caseload' }).count()).toBe(0);
    await expectPageShows(tavita, mine.api);

    // What he sees is his caseload: the admin, asking for Tavita's clients over the same days, gets the same report.
    const practitioners = await json<Practitioner[]>(await admin.request.get('/api/practitioners'));
    const him = practitioners.find((p) => p.displayName.includes('Tavita'))!;
    const other = practitioners.find((p) => p.displayName.includes('Mariela'))!;
    const asAdmin = await json<Outcomes>(
      await admin.request.get(`/api/outcomes?${new URLSearchParams({ from: mine.url.searchParams.get('from')!, to: mine.url.searchParams.get('to')!, practitionerId: him.id })}`),
    );
    expect(mine.api.clients).toBe(asAdmin.clients);
    expect(mine.api.measures).toEqual(asAdmin.measures);
    expect(mine.api.nhsTalkingTherapies).toEqual(asAdmin.nhsTalkingTherapies);

    // A colleague's caseload cannot be reached by editing the address either.
    const forced = await pageAndApi(tavita, () => tavita.goto(`/outcomes?practitioner=${other.id}`));
    expect(forced.url.searchParams.has('practitionerId')).toBe(false);
    expect(forced.api.clients).toBe(mine.api.clients);
    // Another period: the last 3 months, and then the same days chosen by hand.
    const quarter = await pageAndApi(tavita, async () => {
      await tavita.getByRole('textbox', { name: 'Period' }).click();
      await tavita.getByRole('option', { name: 'Last 3 months' }).click();
    });
    const span = new Date(quarter.url.searchParams.get('to')!).getTime() - new Date(quarter.url.searchParams.get('from')!).getTime();
    expect(span).toBeGreaterThan(88 * DAY);
    expect(span).toBeLessThan(94 * DAY);
    await expectPageShows(tavita, quarter.api);
    await tavita.getByRole('textbox', { name: 'Period' }).click();
    await tavita.getByRole('option', { name: 'Choose dates' }).click();
    const firstDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'America/Chicago' }).format(
      new Date(quarter.url.searchParams.get('from')!),
    );
    await expect.poll(() => tavita.getByLabel('First day').textContent()).toBe(firstDay);
    await tavita.getByLabel('Last day').waitFor();
    await tavita.getByText(new RegExp(`^Showing your clients, from ${firstDay} to `)).waitFor();

    // A period with no scores says so, in words.
    await tavita.goto('/outcomes?period=custom&from=2001-01-01&to=2001-01-31');
    await tavita.getByText('None of your clients completed a measure in this period, so there is nothing to report yet. Try a longer period.').waitFor();
    expect(await tavita.getByRole('region', { name: 'At a glance' }).count()).toBe(0);
    await tavita.getByText('Showing your clients, from 1 January 2001 to 31 January 2001', { exact: false }).waitFor();

    const refused = await tavita.request.get(`/api/outcomes?${new URLSearchParams({ from: mine.url.searchParams.get('from')!, to: mine.url.searchParams.get('to')!, practitionerId: other.id })}`);
    expect(refused.status()).toBe(404);
  });

  it('a supervisor chooses between their own clients and their associate’s, and no one else’s', async () => {
    const mariela = await signedIn('mariela@harbour.example');
    const both = await pageAndApi(mariela, () => mariela.getByRole('link', { name: 'Outcomes', exact: true }).click());
    expect(both.url.searchParams.has('practitionerId')).toBe(false);
    expect(await mariela.getByRole('textbox', { name: 'Caseload' }).inputValue()).toBe('Your clients and your associates’ clients');
    await mariela.getByRole('textbox', { name: 'Caseload' }).click();
    const options = (await mariela.getByRole('option').allTextContents()).map((t) => t.trim());
    expect(options).toEqual(['Your clients and your associates’ clients', 'Only your own clients', expect.stringMatching(/^Hyun-woo Park.*whom you supervise$/)]);
    const own = await pageAndApi(mariela, () => mariela.getByRole('option', { name: 'Only your own clients' }).click());
    expect(own.url.searchParams.get('practitionerId')).toBeTruthy();
    expect(own.api.clients).toBeLessThan(both.api.clients);
    await expectPageShows(mariela, own.api);
  });
});
