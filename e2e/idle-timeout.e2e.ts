import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, E2E_PASSWORD, launch, newPage, shot } from './browser.js';

let browser: Browser;
let page: Page;

/** The admin sets the practice's idle time-out through the API, as the settings page does. */
async function setIdleTimeout(minutes: number): Promise<void> {
  const headers = { 'content-type': 'application/json' };
  const signIn = await fetch(`${baseUrl()}/api/auth/sign-in`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ practice: 'harbour', email: 'noor@harbour.example', password: E2E_PASSWORD }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${baseUrl()}/api/practice`, { method: 'PATCH', headers: { ...headers, cookie }, body: JSON.stringify({ idleTimeoutMinutes: minutes }) });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  await setIdleTimeout(1);
});
afterAll(async () => {
  await setIdleTimeout(30);
  await browser.close();
});

describe('the idle time-out keeps what was typed', () => {
  it('warns, signs the person out, and after signing in again in place the text is still in the form', async () => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('sam@harbour.example');
    await page.getByLabel('Password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(/\/today/);
    await page.goto('/clients/new');
    const name = page.getByLabel('Name they want to be called');
    await name.fill('Ilse Verhoeven');
    await page.getByLabel(/concerns/i).first().fill('Words typed before the time-out must survive it.');

    await page.getByRole('dialog', { name: /still there/i }).waitFor({ timeout: 75_000 });
    await shot(page, '05-idle-warning');
    await page.getByRole('dialog', { name: /signed out for privacy|sign in again/i }).waitFor({ timeout: 75_000 });
    await shot(page, '06-signed-out-overlay');
    const overlay = page.getByRole('dialog', { name: /signed out for privacy|sign in again/i });
    await overlay.getByLabel('Password').fill(E2E_PASSWORD);
    await overlay.getByRole('button', { name: 'Sign in and continue' }).click();
    await overlay.waitFor({ state: 'hidden' });

    expect(page.url()).toMatch(/\/clients\/new$/);
    await expect.poll(() => name.inputValue()).toBe('Ilse Verhoeven');
    expect(await page.getByLabel(/concerns/i).first().inputValue()).toBe('Words typed before the time-out must survive it.');
  });
});
