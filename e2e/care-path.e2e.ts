import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_PASSWORD, launch, newPage, shot } from './browser.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
});
afterAll(() => browser.close());

/** A local date N days from today, as the date input wants it (the context runs in America/Chicago). */
function localDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

async function signIn(email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/today/);
}

describe('a practitioner walks a client’s journey in the browser', () => {
  it('signs in, accepts someone who reached out, and lands on their new client page in reaching out', async () => {
    // A person reaches out on the public page first.
    await page.goto('/p/harbour');
    await page.getByLabel(/your name/i).fill('Wren Adeyemi');
    await page.getByLabel(/how .*reach you/i).fill('wren.adeyemi@example.org');
    await page.getByLabel(/what brings you/i).fill('I have been feeling very alone since my father died.');
    await page.getByRole('button', { name: /send/i }).click();
    await expect.poll(() => page.getByText(/thank you for reaching out/i).count()).toBeGreaterThan(0);

    await signIn('tavita@harbour.example');
    await shot(page, '01-today');
    await page.goto('/inquiries');
    await page.getByRole('link', { name: /Wren Adeyemi/ }).first().click();
    await page.getByRole('button', { name: 'Accept and open a chapter' }).click();
    await page.getByRole('button', { name: 'Accept and open chapter' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}/);
    await expect.poll(() => page.getByRole('heading', { name: /Wren Adeyemi/ }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Reaching out').count()).toBeGreaterThan(0);
    await shot(page, '02-new-client');
  });

  it('moves the chapter into assessment with a note', async () => {
    await page.getByRole('button', { name: 'Move to phase…' }).click();
    const form = page.getByRole('form', { name: 'Move to another phase' });
    await form.getByLabel('Move to phase').selectOption({ label: 'Assessment' });
    await form.getByLabel('Note (optional)').fill('First meeting: we begin to know each other.');
    await form.getByRole('button', { name: 'Move to Assessment' }).click();
    await expect.poll(() => page.getByText('First meeting: we begin to know each other.').count()).toBeGreaterThan(0);
  });

  it('schedules a session, holds it, and records the FORCE movements visited', async () => {
    await page.getByRole('tab', { name: /sessions/i }).click();
    await page.getByRole('button', { name: 'Schedule a session' }).click();
    const form = page.getByRole('form', { name: 'Schedule a session' });
    await form.getByLabel('Date').fill(localDate(-1));
    await form.getByLabel('Start time').fill('07:00');
    await form.getByRole('button', { name: /schedule/i }).click();
    const link = page.getByRole('link', { name: /7:00|07:00/ }).first();
    await link.click();
    await page.waitForURL(/\/sessions\//);
    await page.getByRole('button', { name: 'Mark held' }).click();
    await page.getByRole('button', { name: 'Add Finding ground' }).click();
    await page.getByRole('button', { name: 'Add Relating' }).click();
    await page.getByRole('button', { name: 'Add Finding ground' }).click();
    await page.getByRole('form', { name: 'Mark the session held' }).getByRole('button', { name: /held/i }).last().click();
    await expect.poll(() => page.getByText('Held', { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Relating').count()).toBeGreaterThan(0);
    await shot(page, '03-session-held');
  });

  it('ends the chapter with a transition summary, then opens a return linked to it', async () => {
    await page.goBack();
    await page.waitForURL(/\/clients\//);
    await page.getByRole('tab', { name: /journey/i }).click();
    await page.getByRole('button', { name: 'End this chapter' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What was lived').fill('Grief met in company; a first thread back to friends.');
    await dialog.getByLabel('What remains open').fill('Her relationship with her brother.');
    await dialog.getByLabel('The door left open').fill('She knows she can come back.');
    await dialog.getByRole('button', { name: 'End chapter with this summary' }).click();
    await expect.poll(() => page.getByText('Her relationship with her brother.').count()).toBeGreaterThan(0);

    await page.getByRole('region', { name: 'A return' }).getByRole('button').first().click();
    await expect.poll(() => page.getByText(/chapter 2/i).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/continues chapter 1/i).count()).toBeGreaterThan(0);
    await shot(page, '04-return');
  });
});
