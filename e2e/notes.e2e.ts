import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText } from '../src/server/pdf/text.js';
import { launch, shot, signedInContext } from './browser.js';

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
});

/** A fresh browser context (its own cookies) with one page, signed in as this person. */
async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const signed = await signedInContext(browser, email, { acceptDownloads: true });
  contexts.push(signed.context);
  return signed;
}

/** From the to-do list on Today, opens the first held session that still needs its progress note. */
async function openSessionWithoutNote(page: Page): Promise<string> {
  await page.goto('/today');
  const section = page.getByRole('region', { name: 'Sessions waiting for a progress note' });
  await section.getByRole('link', { name: /^Write the note for/ }).first().click();
  await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: 'Progress note' }).waitFor();
  return page.url();
}

const field = (page: Page, label: RegExp) => page.getByRole('textbox', { name: label });
const progressStatus = (page: Page) => page.getByRole('status', { name: /^Progress note:/ });

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => progressStatus(page).getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/Progress note: Saved/);
}

/** Writes every part of the note, so each section of any format has something in it. */
async function writeWholeNote(page: Page, words: string): Promise<void> {
  await field(page, /What the client brought/).fill(`${words}: spoke about the weeks since the move.`);
  await field(page, /What you noticed/).fill('Settled, warm, some tears when speaking of home.');
  await field(page, /What you offered/).fill('Grounding, then mapping who is near and who is far.');
  await field(page, /How it landed/).fill('Relief at naming the distance; curious about the map.');
  await field(page, /Your assessment/).fill('Isolation easing; connection to one friend growing.');
  await field(page, /Next steps/).fill('Meet again next week; bring the map.');
}

async function sign(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign note' }).click();
  const dialog = page.getByRole('dialog', { name: /Sign and lock/ });
  await dialog.getByRole('button', { name: 'Sign and lock the note' }).click();
  await page.getByText('Signed and locked').waitFor();
}

describe('progress notes in the browser', () => {
  it('autosaves a progress note through reloads and a dropped connection, signs it, adds a signed addendum and downloads the PDF', async () => {
    const { context, page } = await signedIn('sam@harbour.example');
    await openSessionWithoutNote(page);

    await field(page, /What the client brought/).fill('Arrived early and spoke of a hard week at work.');
    await waitSaved(page);
    await page.reload();
    await expect.poll(() => field(page, /What the client brought/).inputValue()).toBe('Arrived early and spoke of a hard week at work.');

    // Typed and reloaded at once: the text is still there (kept in the tab, and sent while leaving).
    await field(page, /Next steps/).fill('Check in about sleep next time.');
    await page.reload();
    await expect.poll(() => field(page, /Next steps/).inputValue()).toBe('Check in about sleep next time.');
    await waitSaved(page);

    // The connection drops: the text stays, the page says it is retrying, and saves once back online.
    await context.setOffline(true);
    await field(page, /How it landed/).fill('Typed while the connection was down.');
    await expect.poll(() => progressStatus(page).getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/Not saved yet — retrying/);
    await context.setOffline(false);
    await waitSaved(page);
    await page.reload();
    await expect.poll(() => field(page, /How it landed/).inputValue()).toBe('Typed while the connection was down.');

    await writeWholeNote(page, 'Sam’s client');
    await waitSaved(page);
    await shot(page, 'notes-01-draft');
    await sign(page);
    await expect.poll(() => page.getByText(/Signed by Sam/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/Content fingerprint/).count()).toBeGreaterThan(0);
    expect(await page.getByRole('textbox', { name: /What the client brought/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Add addendum' }).click();
    await page.getByRole('textbox', { name: 'Addendum' }).fill('Later the same day the client wrote to say the map helped.');
    await page.getByRole('button', { name: 'Sign and add the addendum' }).click();
    const addenda = page.getByRole('list', { name: 'Addenda, oldest first' });
    await expect.poll(() => addenda.getByText('Later the same day the client wrote to say the map helped.').count()).toBe(1);
    await expect.poll(() => addenda.getByText(/Signed by Sam/).count()).toBe(1);
    await shot(page, 'notes-02-signed');

    // The signed note's PDF carries what was written and the signature.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    const file = await download.path();
    const text = (await extractPdfText(new Uint8Array(readFileSync(file)))).replace(/\s+/g, ' ');
    expect(text).toContain('spoke about the weeks since the move');
    expect(text).toContain('Later the same day the client wrote to say the map helped');
    expect(text).toMatch(/Sam/);
  });

  it('sends an associate’s signed note to the supervisor, who co-signs it from her queue', async () => {
    const hyunwoo = (await signedIn('hyunwoo@harbour.example')).page;
    const url = await openSessionWithoutNote(hyunwoo);
    await writeWholeNote(hyunwoo, 'Hyun-woo’s client');
    await waitSaved(hyunwoo);
    await hyunwoo.getByRole('button', { name: 'Sign note' }).click();
    await expect.poll(() => hyunwoo.getByRole('dialog').getByText(/supervisor to co-sign/).count()).toBe(1);
    await hyunwoo.getByRole('dialog').getByRole('button', { name: 'Sign and lock the note' }).click();
    await hyunwoo.getByText('Waiting for the supervisor’s co-signature.').waitFor();

    const mariela = (await signedIn('mariela@harbour.example')).page;
    await mariela.getByRole('link', { name: /Supervision/ }).click();
    await mariela.waitForURL(/\/supervision$/);
    const queue = mariela.getByRole('table', { name: 'Notes waiting for your co-signature' });
    // The queue may hold other notes of his; open this one.
    const row = queue.getByRole('row').filter({ has: mariela.locator(`a[href="${new URL(url).pathname}"]`) });
    await row.getByRole('link', { name: /Read and co-sign .*Hyun-woo/ }).click();
    await mariela.waitForURL(url);
    await shot(mariela, 'notes-03-cosign');
    await mariela.getByRole('button', { name: 'Co-sign', exact: true }).click();
    await expect.poll(() => mariela.getByText(/Co-signed by Mariela/).count()).toBeGreaterThan(0);

    await hyunwoo.reload();
    await expect.poll(() => hyunwoo.getByText(/Co-signed by Mariela/).count()).toBeGreaterThan(0);
  });

  it('shows both versions when two tabs edit the same draft, and keeps the chosen one', async () => {
    const { context, page: first } = await signedIn('tavita@harbour.example');
    const url = await openSessionWithoutNote(first);
    await field(first, /What the client brought/).fill('Written in the first tab.');
    await waitSaved(first);

    const second = await context.newPage();
    second.setDefaultTimeout(15_000);
    await second.goto(url);
    await expect.poll(() => field(second, /What the client brought/).inputValue()).toBe('Written in the first tab.');

    await field(first, /What the client brought/).fill('Written in the first tab, then changed there again.');
    await waitSaved(first);

    await field(second, /What the client brought/).fill('Written in the second tab, which had the older version.');
    const conflict = second.getByRole('region', { name: 'This progress note was changed elsewhere' });
    await conflict.waitFor({ timeout: 20_000 });
    await expect.poll(() => conflict.getByText('Written in the second tab, which had the older version.').count()).toBe(1);
    await expect.poll(() => conflict.getByText('Written in the first tab, then changed there again.').count()).toBe(1);
    await expect.poll(() => conflict.getByText('Your version').count()).toBeGreaterThan(0);
    await expect.poll(() => conflict.getByText(/Saved elsewhere by you/).count()).toBeGreaterThan(0);
    await shot(second, 'notes-04-conflict');

    await conflict.getByRole('button', { name: 'Keep my version' }).click();
    await waitSaved(second);
    await first.reload();
    await expect.poll(() => field(first, /What the client brought/).inputValue()).toBe('Written in the second tab, which had the older version.');
  });
});
