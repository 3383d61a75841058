import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, E2E_PASSWORD, launch, shot } from './browser.js';

let browser: Browser;
const contexts: BrowserContext[] = [];
let practitioner: Page;
let linkUrl = '';

const CLIENT = 'Kalani Akana';
const PHQ9 = 'Patient Health Questionnaire (PHQ-9)';

async function freshContext(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport, timezoneId: 'America/Chicago' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

beforeAll(async () => {
  browser = await launch();
  practitioner = await freshContext();
  await practitioner.goto('/sign-in');
  await practitioner.getByLabel('Email').fill('tavita@harbour.example');
  await practitioner.getByLabel('Password').fill(E2E_PASSWORD);
  await practitioner.getByRole('button', { name: /sign in/i }).click();
  await practitioner.waitForURL(/\/today/);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
});

/** Answers the questionnaire on screen one question at a time, then opens the review. */
async function answer(page: Page, choices: Array<string | null>): Promise<void> {
  for (const [i, choice] of choices.entries()) {
    await page.getByText(`Question ${i + 1} of ${choices.length}`, { exact: true }).first().waitFor();
    if (choice === null) {
      await page.getByRole('button', { name: 'Leave this one out' }).click();
      continue;
    }
    await page.getByRole('radio', { name: choice, exact: true }).check();
    await page.getByRole('button', { name: i === choices.length - 1 ? 'Review my answers' : 'Next question' }).click();
  }
  await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
}

async function openMeasuresTab(page: Page): Promise<void> {
  await page.goto('/clients');
  await page.getByRole('link', { name: CLIENT }).first().click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}/);
  await page.getByRole('tab', { name: 'Measures' }).click();
  await page.getByRole('heading', { name: 'Give a measure' }).waitFor();
}

const banner = (page: Page) => page.getByRole('region', { name: /risk answers? needs? your attention/ });

describe('measures in the browser', () => {
  it('a practitioner makes a single-use PHQ-9 link, shown once with its expiry', async () => {
    await openMeasuresTab(practitioner);
    await expect.poll(() => practitioner.getByText(/Kroenke K, Spitzer RL, Williams JBW/).count()).toBeGreaterThan(0);
    await practitioner.getByRole('button', { name: 'Make a single-use link' }).click();
    const field = practitioner.getByRole('textbox', { name: `Single-use link for ${PHQ9}` });
    await field.waitFor();
    linkUrl = await field.inputValue();
    expect(linkUrl).toMatch(/\/m\/[^/]+\.[^/]+$/);
    await expect.poll(() => practitioner.getByText(/Works once, until/).count()).toBe(1);
    await expect.poll(() => practitioner.getByRole('region', { name: 'Waiting to be answered' }).getByText(PHQ9).count()).toBe(1);
  });

  it('the client opens the link without signing in, answers item 9 above “Not at all” and sees the crisis resources at once', async () => {
    // On a phone: one question at a time.
    const client = await freshContext({ width: 390, height: 844 });
    await client.goto(linkUrl);
    await client.getByRole('heading', { name: 'A questionnaire from Harbour Relational Health' }).waitFor();
    // Nothing else of the app is reachable from the link.
    expect(await client.getByRole('navigation').count()).toBe(0);
    expect(await client.getByRole('link').count()).toBe(0);

    await client.getByText('Question 1 of 10', { exact: true }).waitFor();
    expect(await client.getByRole('radio').count()).toBe(4);
    await shot(client, 'measures-00-phone-question');
    const more = 'More than half the days';
    await answer(client, [more, more, more, more, more, more, more, more, 'Several days', 'Somewhat difficult']);
    await shot(client, 'measures-01-review');
    await client.getByRole('button', { name: 'Send my answers' }).click();

    const alert = client.getByRole('alert').filter({ hasText: 'Please reach out for support now' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/988/);
    await client.getByRole('heading', { name: 'Thank you' }).waitFor();
    await shot(client, 'measures-02-crisis-resources');

    // Used once: the link no longer opens, and says so kindly.
    await client.reload();
    await client.getByRole('heading', { name: 'This link cannot be opened' }).waitFor();
    expect(await client.getByRole('radio').count()).toBe(0);
  });

  it('the practitioner sees the risk banner, acknowledges it with a note, and the banner goes', async () => {
    await practitioner.reload();
    await banner(practitioner).waitFor();
    expect(await banner(practitioner).textContent()).toContain(CLIENT);
    await banner(practitioner).getByRole('button', { name: `Acknowledge the risk alert for ${CLIENT}` }).click();

    const dialog = practitioner.getByRole('dialog', { name: `Acknowledge the risk alert for ${CLIENT}` });
    await dialog.getByRole('button', { name: 'Acknowledge with this note' }).click();
    await dialog.getByText('A note is needed to acknowledge the alert.').waitFor();
    await dialog.getByRole('textbox', { name: /What you did/ }).fill('Called Kalani the same hour; she is safe with Mika tonight. Safety plan reviewed; session brought forward.');
    await dialog.getByRole('button', { name: 'Acknowledge with this note' }).click();
    await expect.poll(() => practitioner.getByRole('button', { name: `Acknowledge the risk alert for ${CLIENT}` }).count()).toBe(0);
    await expect.poll(() => practitioner.getByRole('dialog').count()).toBe(0);
  });

  it('a second PHQ-9 completed in session shows with the first on the chart and in its table', async () => {
    await openMeasuresTab(practitioner);
    await practitioner.getByRole('button', { name: 'Complete now, in session' }).click();
    const some = 'Several days';
    await answer(practitioner, [some, some, some, some, some, some, some, some, 'Not at all', null]);
    await practitioner.getByRole('button', { name: 'Save the answers' }).click();
    await practitioner.getByRole('heading', { name: 'Thank you' }).waitFor();
    expect(await practitioner.getByText('Please reach out for support now').count()).toBe(0);
    await practitioner.getByRole('button', { name: 'Close the questionnaire' }).click();

    const chart = practitioner.getByRole('region', { name: PHQ9 });
    await chart.waitFor();
    await expect.poll(() => chart.locator('.recharts-line-dot').count()).toBe(2);
    // The five published PHQ-9 severity bands lie behind the points.
    await expect.poll(() => chart.locator('.recharts-reference-area').count()).toBe(5);
    expect(await chart.locator('.recharts-reference-area').allTextContents()).toEqual(['None–minimal', 'Mild', 'Moderate', 'Moderately severe', 'Severe']);
    await expect.poll(() => chart.getByText(/From 17 at the first to 8 at the latest/).count()).toBe(1);
    await chart.getByRole('button', { name: 'Show as table' }).click();
    const table = chart.getByRole('table');
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator('td').nth(1).textContent()).toBe('17');
    expect(await rows.nth(0).locator('td').nth(2).textContent()).toBe('Moderately severe');
    expect(await rows.nth(1).locator('td').nth(1).textContent()).toBe('8');
    expect(await rows.nth(1).locator('td').nth(2).textContent()).toBe('Mild');
    // The chart's description says the same in words, for screen readers.
    expect(await chart.getByRole('img').first().getAttribute('aria-label')).toMatch(/17 \(moderately severe\).*8 \(mild\)/);
    await practitioner.evaluate('window.scrollTo(0, 0)');
    await shot(practitioner, 'measures-03-chart');
  });
});
