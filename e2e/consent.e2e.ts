import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText } from '../src/server/pdf/text.js';
import { json, launch, signedInContext } from './browser.js';

let browser: Browser;
const contexts: BrowserContext[] = [];
let mariela: Page;
let clientId = '';

const CLIENT = 'Inés Morales';
const DOCTOR = 'Dr. Amal Haddad';
const SHARING_TITLE = `Sharing with ${DOCTOR} (family doctor)`;
const RESEARCH_TITLE = 'The practice’s outcome research (de-identified)';
const RESEARCH_PORTAL_TITLE = 'Your scores in the practice’s outcome research';

interface ConsentRow {
  id: string;
  purpose: string;
  collaboratorName: string;
  collaboratorRole: string;
  categories: string[];
  status: string;
  revokedBy: { name: string } | null;
}

beforeAll(async () => {
  browser = await launch();
  const signedIn = await signedInContext(browser, 'mariela@harbour.example', { acceptDownloads: true });
  contexts.push(signedIn.context);
  mariela = signedIn.page;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
});

/** Inés's Profile tab, scrolled to its Consent section. */
async function openConsent(page: Page): Promise<Locator> {
  await page.goto('/clients');
  await page.getByRole('link', { name: CLIENT }).first().click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}/);
  clientId = /\/clients\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  await page.getByRole('tab', { name: 'Profile' }).click();
  const section = page.getByRole('region', { name: 'Consent', exact: true });
  await section.getByRole('heading', { name: 'Consent to treatment' }).waitFor();
  return section;
}

/** A picture of one part of the page, for checking by eye (a whole page is too tall to read). */
async function shot(part: Locator, name: string): Promise<void> {
  mkdirSync('e2e/artifacts', { recursive: true });
  await part.screenshot({ path: `e2e/artifacts/${name}.png` });
}

const consentCard = (scope: Locator | Page, title: string) => scope.getByRole('article', { name: title, exact: true });

describe('consent per person in the browser', () => {
  it('a practitioner records a sharing consent, releases the chapter summary it names as a PDF, and cannot release what it does not name', async () => {
    const page = mariela;
    const section = await openConsent(page);
    // The demo seed gives Inés consent to treatment, so the work may go on.
    await consentCard(section, 'Treatment').first().getByText('Active', { exact: true }).waitFor();
    expect(await section.getByText(/No consent to treatment/).count()).toBe(0);

    await section.getByRole('button', { name: 'Record a consent' }).click();
    const form = page.getByRole('form', { name: 'Record a consent' });
    // Collaborator and parts of the record belong to sharing only.
    expect(await form.getByRole('textbox', { name: /Collaborator’s name/ }).count()).toBe(0);
    await form.getByRole('textbox', { name: 'Purpose' }).click();
    await page.getByRole('option', { name: 'Sharing with a named collaborator' }).click();
    await form.getByText(/such as a family doctor/).waitFor();
    await form.getByRole('button', { name: 'Record consent' }).click();
    // The server's field messages land beside the fields.
    await form.getByText('Name the person or service it may be shared with.').waitFor();
    await form.getByText('Choose at least one part of the record that may be shared.').waitFor();
    await shot(form, 'consent-00-form');

    await form.getByRole('textbox', { name: /Collaborator’s name/ }).fill(DOCTOR);
    await form.getByRole('textbox', { name: 'Their role' }).fill('family doctor');
    await form.getByRole('checkbox', { name: /^Chapter summary/ }).check();
    await form.getByRole('textbox', { name: 'Scope' }).fill('The summary of this chapter only, so her doctor knows what the work is about.');
    expect(await form.getByRole('radio', { name: 'In session' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Record consent' }).click();
    await section.getByRole('status').filter({ hasText: `The consent to share with ${DOCTOR} (family doctor) is recorded.` }).waitFor();

    const card = consentCard(section, SHARING_TITLE);
    await card.getByText('Active', { exact: true }).waitFor();
    expect(await card.textContent()).toMatch(/in session/);
    expect(await card.textContent()).toContain('May be shared: Chapter summary');
    await shot(section, 'consent-01-recorded');

    // Release under the new consent: only what it names is offered.
    const release = page.getByRole('form', { name: 'Release a document' });
    await release.getByRole('textbox', { name: 'Under which consent' }).click();
    await page.getByRole('option', { name: /^Dr\. Amal Haddad \(family doctor\): chapter summary/ }).click();
    await release.getByRole('textbox', { name: 'Document' }).click();
    const offered = (await page.getByRole('option').allTextContents()).map((t) => t.trim());
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((o) => /^Chapter \d+ summary$/.test(o))).toBe(true);
    expect(await page.getByRole('option', { name: /Relational map|Treatment plan/ }).count()).toBe(0);
    await page.getByRole('option', { name: 'Chapter 1 summary' }).click();

    const [download] = await Promise.all([page.waitForEvent('download'), release.getByRole('button', { name: 'Release and download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await extractPdfText(new Uint8Array(bytes))).replace(/\s+/g, ' ');
    // Its first lines say to whom it was released.
    expect(text).toContain(`Released to ${DOCTOR} (family doctor)`);
    await section.getByRole('status').filter({ hasText: `Released to ${DOCTOR}: Chapter 1 summary.` }).waitFor();

    // The accounting of disclosures: what, to whom, when, by whom.
    const table = section.getByRole('table', { name: /Accounting of disclosures/ });
    const row = table.locator('tbody tr').filter({ hasText: 'Chapter 1 summary' });
    await expect.poll(() => row.count()).toBe(1);
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    expect(cells[0]).toContain('Chapter 1 summary');
    expect(cells[1]).toBe(DOCTOR);
    expect(cells[2]).toMatch(/\d{2}:\d{2}$/);
    expect(cells[3]).toMatch(/Mariela/);
    await shot(section.getByRole('region', { name: 'Share with a collaborator' }), 'consent-02-released');

    // What the consent does not name is refused by the server too, not only left out of the list.
    const consents = await json<{ consents: ConsentRow[]; disclosures: unknown[] }>(await page.request.get(`/api/clients/${clientId}/consents`));
    expect(consents.disclosures.length).toBeGreaterThan(0);
    const mine = consents.consents.find((c) => c.purpose === 'sharing' && c.collaboratorRole === 'family doctor' && c.status === 'active');
    expect(mine).toBeDefined();
    const documents = await json<{ documents: Array<{ category: string; recordId: string }> }>(await page.request.get(`/api/clients/${clientId}/releasable`));
    const other = documents.documents.find((d) => d.category !== 'chapter_summary');
    expect(other).toBeDefined();
    const refused = await page.request.post(`/api/clients/${clientId}/disclosures`, { data: { consentId: mine!.id, category: other!.category, recordId: other!.recordId } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^The consent to share with Dr\. Amal Haddad does not cover the (treatment plan|relational map)\.$/);

    // Revoked meanwhile (say, by a colleague on the client's word): the release is refused, in the server's words, on screen.
    await release.getByRole('textbox', { name: 'Under which consent' }).click();
    await page.getByRole('option', { name: /^Dr\. Amal Haddad \(family doctor\): chapter summary/ }).click();
    await release.getByRole('textbox', { name: 'Document' }).click();
    await page.getByRole('option', { name: 'Chapter 1 summary' }).click();
    const revoked = await page.request.post(`/api/clients/${clientId}/consents/${mine!.id}/revoke`, { data: { note: 'Inés rang to say she has changed her mind about sharing.' } });
    expect(revoked.status()).toBe(200);
    await release.getByRole('button', { name: 'Release and download' }).click();
    const refusal = release.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`The consent to share with ${DOCTOR} was revoked; nothing more can be released under it.`);
    // The list catches up: the revoked consent is no longer offered, and its card says so.
    await consentCard(section, SHARING_TITLE).getByText(/^Revoked on /).first().waitFor();
    await release.getByRole('textbox', { name: 'Under which consent' }).click();
    expect(await page.getByRole('option', { name: /\(family doctor\)/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await shot(release, 'consent-03-refused');
    // Only the one release was recorded.
    const after = await json<{ disclosures: unknown[] }>(await page.request.get(`/api/clients/${clientId}/consents`));
    expect(after.disclosures.length).toBe(consents.disclosures.length);
  });

  it('a practitioner revokes a consent only with a note, and the card says who and when', async () => {
    const page = mariela;
    const section = await openConsent(page);
    // The seeded sharing consent with the family doctor.
    const card = consentCard(section, `Sharing with ${DOCTOR} (Family doctor)`);
    await card.getByText('Active', { exact: true }).waitFor();
    await card.getByRole('button', { name: /^Revoke/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this consent?' });
    await dialog.getByRole('button', { name: 'Revoke consent' }).click();
    await dialog.getByText('A note is needed to revoke a consent.').waitFor();
    await dialog.getByRole('textbox', { name: /Note/ }).fill('She asked in session to stop sharing with her doctor for now.');
    await dialog.getByRole('button', { name: 'Revoke consent' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await card.getByText(/^Revoked on /).first().waitFor();
    const words = (await card.textContent()) ?? '';
    expect(words).toMatch(/Revoked on .+ by Mariela[^.]*, in session\./);
    expect(words).toContain('She asked in session to stop sharing with her doctor for now.');
    expect(await card.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    // With no active sharing consent left, nothing can be released.
    await section.getByText('No sharing consent is active, so nothing can be released.', { exact: false }).waitFor();
  });

  it('a client revokes her research consent in the portal on a phone, and her practitioner sees who revoked it and when', async () => {
    const { context, page } = await signedInContext(browser, 'ines@harbour.example', { viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const section = page.getByRole('region', { name: 'Your consents' });
    const card = consentCard(section, RESEARCH_PORTAL_TITLE);
    await card.getByText('In effect', { exact: true }).waitFor();
    expect(await section.textContent()).toMatch(/change your mind about any of these at any time/);
    await shot(section, 'consent-04-portal');

    await card.getByRole('button', { name: `Revoke: ${RESEARCH_PORTAL_TITLE}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke your consent?' });
    await dialog.getByText(/Your care does not change in any way/).waitFor();
    await dialog.getByRole('textbox', { name: /Anything you would like your practitioner to know/ }).fill('I would rather keep my scores to myself for now.');
    await dialog.getByRole('button', { name: 'Revoke my consent' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await card.getByText('Revoked', { exact: true }).waitFor();
    expect(await card.textContent()).toMatch(/You revoked it here, .+\d{2}:\d{2}\. Your note: “I would rather keep my scores to myself for now\.”/);
    expect(await card.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    // What is still in force is listed first.
    expect(await section.getByRole('article').first().getByText('In effect', { exact: true }).count()).toBe(1);
    // She can give it again herself whenever she likes.
    await section.getByRole('button', { name: 'I agree to my scores being used in the research' }).waitFor();
    await shot(section, 'consent-05-portal-revoked');

    const staffSection = await openConsent(mariela);
    const staffCard = consentCard(staffSection, RESEARCH_TITLE);
    await staffCard.getByText(/^Revoked on /).first().waitFor();
    const words = (await staffCard.textContent()) ?? '';
    expect(words).toMatch(/Revoked on .+\d{2}:\d{2} by Inés Morales, in the portal\./);
    expect(words).toContain('I would rather keep my scores to myself for now.');
    const rows = await json<{ consents: ConsentRow[] }>(await mariela.request.get(`/api/clients/${clientId}/consents`));
    expect(rows.consents.find((c) => c.purpose === 'research')?.status).toBe('revoked');
    await shot(staffCard, 'consent-06-staff-sees-revoked');
  });

  it('the outcomes page says how many clients are left out for want of research consent, matching the report', async () => {
    const page = mariela;
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/outcomes' && r.ok());
    await page.goto('/outcomes');
    const report = (await (await answered).json()) as { withoutResearchConsent: number };
    // Inés has just revoked hers.
    expect(report.withoutResearchConsent).toBeGreaterThan(0);
    const n = report.withoutResearchConsent;
    const line = page.getByText(/not counted: they have not given consent for their de-identified scores/);
    await line.waitFor();
    expect(await line.textContent()).toBe(
      `${n === 1 ? '1 client is' : `${n} clients are`} not counted: they have not given consent for their de-identified scores to be used in the practice’s outcome research.`,
    );
  });
});
