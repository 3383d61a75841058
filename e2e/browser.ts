import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { E2E_PASSWORD } from './global-setup.js';

export const baseUrl = (): string => inject('baseUrl');

/** The browsers this test file launched, so a failing test can leave a picture of every open page. */
export const launched: Browser[] = [];

export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  launched.push(browser);
  return browser;
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 900 }, timezoneId: 'America/Chicago' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('e2e/artifacts', { recursive: true });
  await page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage: true });
}

/**
 * A fresh browser context (its own cookies) with one page, signed in as this person through the
 * sign-in page; it waits for their home (Today, or the portal for a client).
 */
export async function signedInContext(
  browser: Browser,
  email: string,
  options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: options.viewport ?? { width: 1280, height: 900 },
    timezoneId: 'America/Chicago',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/(today|portal)/);
  return { context, page };
}

/** An API answer's JSON body, or an error that carries the status and body (a test then says why it failed). */
export async function json<T>(res: { ok(): boolean; status(): number; text(): Promise<string> }): Promise<T> {
  const body = await res.text();
  if (!res.ok()) throw new Error(`API answered ${res.status()}: ${body}`);
  return JSON.parse(body) as T;
}

export { E2E_PASSWORD };
