import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText } from '../src/server/pdf/text.js';
import { json, launch, shot, signedInContext } from './browser.js';

let browser: Browser;
const contexts: BrowserContext[] = [];
let practitioner: Page;
let client: Page;

/** What this spec writes, unique enough to be found again wherever it shows up. */
const intentions = 'To feel at home in Chicago without letting go of Guadalajara.';
const problem = 'Living between two places; missing her mother.';
const goal = 'Two places of belonging here that she chooses herself.';
const objective = 'Goes to one gathering a week that she looks forward to.';
const measure = 'Her own weekly count, talked through each month.';
const reflection = 'The quiet after I spoke about my mother stayed with me all evening.';
const comment = 'I remember it a little differently: I was laughing too, not only crying.';

let clientId = '';
/** The signed note shared with Inés, and the words to find it by in her portal. */
let sharedNote = { id: '', sessionId: '', findBy: '' };

beforeAll(async () => {
  browser = await launch();
  practitioner = await signedIn('mariela@harbour.example');
  client = await signedIn('ines@harbour.example');
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
});

/** A fresh browser context (its own cookies) with one page, signed in as this person. */
async function signedIn(email: string): Promise<Page> {
  const { context, page } = await signedInContext(browser, email, { acceptDownloads: true });
  contexts.push(context);
  return page;
}


interface NoteRow {
  id: string;
  sessionId: string;
  status: string;
  sharedWithClient: boolean;
  version: number;
  fields: { clientReport: string };
}

/**
 * Inés needs a signed note her practitioner shared with her. The demo seed may already hold one;
 * otherwise her practitioner writes, signs and shares one for her latest held session, through the API.
 */
async function ensureSharedNote(): Promise<void> {
  const api = practitioner.request;
  const notes = await json<NoteRow[]>(await api.get(`/api/clients/${clientId}/progress-notes`));
  const found = notes.find((n) => n.status === 'signed' && n.sharedWithClient && n.fields.clientReport.trim().length > 12);
  if (found) {
    sharedNote = { id: found.id, sessionId: found.sessionId, findBy: found.fields.clientReport.trim().slice(0, 40) };
    return;
  }
  const sessions = await json<Array<{ id: string; startsAt: string; status: string }>>(await api.get(`/api/clients/${clientId}/sessions`));
  const held = sessions.filter((s) => s.status === 'held').sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const withNote = new Set(notes.map((n) => n.sessionId));
  const session = held.find((s) => !withNote.has(s.id));
  if (!session) throw new Error('Inés has no held session without a progress note to share.');
  const report = 'She spoke of a long call with her mother and of the choir.';
  const draft = await json<NoteRow>(
    await api.put(`/api/sessions/${session.id}/progress-note`, {
      headers: { 'idempotency-key': `record-e2e-note-${session.id}` },
      data: {
        version: null,
        format: 'dap',
        fields: {
          clientReport: report,
          observations: 'Warm; tearful when speaking of home, laughing about the choir.',
          interventions: 'We slowed down and stayed with the missing.',
          response: 'She said she felt less alone in it.',
          assessment: 'The grief of migration is moving; connection here is growing.',
          plan: 'Meet next week; she will bring a photo of her mother’s kitchen.',
        },
        risk: { level: 'none', summary: '', actions: '' },
        serviceCode: '90834',
        themeIds: [],
      },
    }),
  );
  await json(await api.post(`/api/progress-notes/${draft.id}/sign`, { headers: { 'idempotency-key': `record-e2e-sign-${draft.id}` }, data: { version: draft.version } }));
  await json(await api.put(`/api/progress-notes/${draft.id}/sharing`, { data: { shared: true } }));
  sharedNote = { id: draft.id, sessionId: session.id, findBy: report };
}

describe('the record in the browser: diagnosis, plan, emergence and the client’s voice', () => {
  it('finds Inés through the API and opens her record on the diagnosis tab', async () => {
    const found = await json<{ rows: Array<{ id: string; name: string }> }>(await practitioner.request.get('/api/clients?q=Morales'));
    clientId = found.rows.find((r) => r.name === 'Inés Morales')?.id ?? '';
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    await practitioner.goto(`/clients/${clientId}`);
    await practitioner.getByRole('tab', { name: 'Diagnosis' }).click();
    await practitioner.getByRole('heading', { name: 'Diagnosis as a starting point' }).waitFor();
  });

  it('adds a diagnosis found by searching words, and a Z-code for a family circumstance, each with its context', async () => {
    const page = practitioner;
    await page.getByRole('button', { name: 'Add a diagnosis' }).click();
    const form = page.getByRole('form', { name: 'Add a diagnosis' });
    const search = form.getByRole('combobox', { name: /Search ICD-10-CM/ });

    // A category is shown but cannot be chosen.
    await search.fill('F41');
    const header = page.getByRole('option', { name: /^F41 Other anxiety disorders/ });
    await expect.poll(() => header.getAttribute('aria-disabled')).toBe('true');

    await search.fill('generalized anxiety');
    await page.getByRole('option', { name: 'F41.1 Generalized anxiety disorder' }).click();
    await expect.poll(() => form.getByText('F41.1', { exact: true }).count()).toBe(1);
    await form.getByRole('textbox', { name: /Context narrative/ }).fill(
      'Worry that rose after the move, carried with two children and no family nearby. It does not capture her humour or her faith.',
    );
    await form.getByRole('checkbox', { name: /Primary diagnosis/ }).check();
    await form.getByRole('button', { name: 'Add diagnosis' }).click();
    await page.getByRole('status').filter({ hasText: 'F41.1 Generalized anxiety disorder is added.' }).waitFor();
    await page.getByRole('article', { name: 'Generalized anxiety disorder' }).waitFor();

    // The Z-codes for circumstances are one click away.
    await page.getByRole('button', { name: 'Add a diagnosis' }).click();
    await form.getByRole('button', { name: 'Family and close relationships (Z63)' }).click();
    await page.getByRole('option', { name: 'Z63.32 Other absence of family member' }).click();
    await form.getByRole('textbox', { name: /Context narrative/ }).fill('Her mother and sister live far away; the family is split across a border.');
    await form.getByRole('checkbox', { name: /Primary diagnosis/ }).uncheck();
    await form.getByRole('button', { name: 'Add diagnosis' }).click();
    const zcode = page.getByRole('article', { name: 'Other absence of family member' });
    await zcode.waitFor();
    await expect.poll(() => zcode.getByText('Primary', { exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByRole('article', { name: 'Generalized anxiety disorder' }).getByText('Primary', { exact: true }).count()).toBe(1);
    await shot(page, 'record-01-diagnoses');
  });

  it('writes the treatment plan, intentions first, autosaves the draft and saves it as a version', async () => {
    const page = practitioner;
    await page.getByRole('tab', { name: 'Treatment plan' }).click();
    const draft = page.getByRole('form', { name: 'Treatment plan draft' });
    await draft.getByRole('textbox', { name: 'The client’s intentions, in their own words' }).fill(intentions);
    // The demo may already hold a plan for this chapter: rewrite its first problem rather than add an empty one.
    if ((await draft.getByRole('textbox', { name: 'Problem 1', exact: true }).count()) === 0) await draft.getByRole('button', { name: 'Add a problem' }).click();
    await draft.getByRole('textbox', { name: 'Problem 1', exact: true }).fill(problem);
    await draft.getByRole('textbox', { name: 'Goal 1.1', exact: true }).fill(goal);
    if ((await draft.getByRole('textbox', { name: 'Objective 1 of goal 1.1', exact: true }).count()) === 0) {
      await draft.getByRole('button', { name: 'Add an objective to goal 1.1' }).click();
    }
    await draft.getByRole('textbox', { name: 'Objective 1 of goal 1.1', exact: true }).fill(objective);
    await draft.getByRole('textbox', { name: /How it is measured \(objective 1 of goal 1\.1\)/ }).fill(measure);
    // A review date is suggested from the practice's interval when the draft has none yet.
    const suggestReview = draft.getByRole('button', { name: /^Review in \d+ days/ });
    if (await suggestReview.count()) await suggestReview.click();
    await expect.poll(() => page.getByRole('status', { name: /^Plan draft: Saved/ }).count(), { timeout: 20_000 }).toBe(1);

    // The draft is on the server: a reload brings it back.
    await page.reload();
    await expect.poll(() => draft.getByRole('textbox', { name: 'Problem 1', exact: true }).inputValue()).toBe(problem);

    await draft.getByRole('button', { name: /^Save as version \d+$/ }).click();
    await page.getByText(/^Version \d+ is saved\./).waitFor();
    await page.getByRole('heading', { name: /^Chapter \d+: version \d+ in effect$/ }).waitFor();
    await expect.poll(() => page.getByText(/has not acknowledged version \d+ in the portal yet/).count()).toBe(1);
    await shot(page, 'record-02-plan');
  });

  it('the client reads her plan in plain words and acknowledges it with her name; the time is shown', async () => {
    await ensureSharedNote();
    const page = client;
    await page.goto('/portal');
    const plan = page.getByRole('region', { name: 'Your plan' });
    await plan.getByText(intentions).waitFor();
    await plan.getByText(goal).waitFor();
    await plan.getByRole('textbox', { name: 'Your name' }).fill('Inés Morales');
    await plan.getByRole('button', { name: 'I have read this plan' }).click();
    await expect.poll(() => plan.getByRole('status').textContent()).toMatch(/You read this plan: Inés Morales, \w{3} \d{1,2} \w{3}.*\d{2}:\d{2}/);
  });

  it('the client comments on the note shared with her, and writes what stayed with her after the session', async () => {
    const page = client;
    const notes = page.getByRole('region', { name: 'Notes your practitioner shared with you' });
    const earlier = notes.getByRole('button', { name: /^Show \d+ earlier/ });
    if (await earlier.count()) await earlier.click();
    const note = notes.getByRole('article').filter({ hasText: sharedNote.findBy });
    await note.getByRole('textbox', { name: 'Add a comment' }).fill(comment);
    await note.getByRole('button', { name: 'Send comment' }).click();
    await note.getByText(comment).waitFor();
    await expect.poll(() => note.getByText(/^Your comment,/).count()).toBeGreaterThan(0);
    // The note itself offers nothing to edit: the only box is the client's own comment.
    await expect.poll(() => note.getByRole('textbox').count()).toBe(1);

    const sessions = await json<Array<{ id: string; startsAt: string }>>(await page.request.get('/api/portal/sessions'));
    const latest = sessions[0];
    expect(latest).toBeDefined();
    const reflections = page.getByRole('region', { name: 'After a session: what stayed with me' });
    await reflections.getByRole('textbox', { name: /^What stayed with me after the session on/ }).first().fill(reflection);
    await expect.poll(() => reflections.getByRole('status', { name: /Saved/ }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => reflections.getByRole('textbox', { name: /^What stayed with me after the session on/ }).first().inputValue()).toBe(reflection);
    await shot(page, 'record-03-portal');

    // The practitioner sees both in the session view.
    await practitioner.goto(`/sessions/${sharedNote.sessionId}`);
    await practitioner.getByText(comment).waitFor();
    await practitioner.goto(`/sessions/${latest?.id}`);
    await practitioner.getByText(reflection).waitFor();
    await shot(practitioner, 'record-04-session-voice');
  });

  it('the practitioner sees the acknowledgement on the plan, with the name and time', async () => {
    const page = practitioner;
    await page.goto(`/clients/${clientId}?tab=plan`);
    await expect.poll(() => page.getByText(/^Acknowledged by Inés Morales on \w{3} \d{1,2} \w{3}/).count()).toBe(1);
    await page.getByRole('button', { name: /^Version \d+, saved/ }).first().click();
    await page.getByText(/^Read and acknowledged by Inés Morales, /).waitFor();
  });

  it('names a theme and moves its arc; it shows as unplanned beside the plan’s goals', async () => {
    const page = practitioner;
    await page.getByRole('tab', { name: 'Emergence' }).click();
    await page.getByRole('button', { name: 'Name a theme' }).click();
    const form = page.getByRole('form', { name: 'Name a theme' });
    await form.getByRole('textbox', { name: /Theme name/ }).fill('Sunday calls home');
    await form.getByRole('button', { name: 'Name this theme' }).click();
    const unplanned = page.getByRole('region', { name: /^Arrived unplanned/ });
    const card = unplanned.getByRole('article', { name: 'Sunday calls home' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Update the arc of Sunday calls home' }).click();
    await card.getByRole('combobox', { name: 'Stage now' }).selectOption({ label: 'Recurring' });
    await card.getByRole('textbox', { name: /Note/ }).fill('It came back when she spoke of her children.');
    await card.getByRole('button', { name: 'Record this stage' }).click();
    await card.getByText('It came back when she spoke of her children.').waitFor();
    await page.getByRole('region', { name: 'The plan’s goals' }).getByText(goal).waitFor();
    await shot(page, 'record-05-emergence');
  });

  it('links the theme into the plan; the next version says so in words and the theme is no longer unplanned', async () => {
    const page = practitioner;
    await page.getByRole('tab', { name: 'Treatment plan' }).click();
    const draft = page.getByRole('form', { name: 'Treatment plan draft' });
    await draft.getByRole('checkbox', { name: /Sunday calls home/ }).check();
    await expect.poll(() => page.getByRole('status', { name: /^Plan draft: Saved/ }).count(), { timeout: 20_000 }).toBe(1);
    await draft.getByRole('button', { name: /^Save as version \d+$/ }).click();
    await page.getByText(/^Version \d+ is saved\./).waitFor();
    await page.getByRole('button', { name: /^Version \d+, saved/ }).first().click();
    await page.getByText('Theme linked in: Sunday calls home.').waitFor();

    await page.getByRole('tab', { name: 'Emergence' }).click();
    await page.getByRole('region', { name: /^Linked to the plan/ }).getByRole('article', { name: 'Sunday calls home' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: /^Arrived unplanned/ }).getByRole('article', { name: 'Sunday calls home' }).count()).toBe(0);
  });

  it('downloads the chapter summary PDF, with the diagnoses and the plan in it', async () => {
    const page = practitioner;
    await page.getByRole('tab', { name: 'Treatment plan' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chapter summary (PDF)' }).click()]);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await extractPdfText(new Uint8Array(bytes))).replace(/\s+/g, ' ');
    expect(text).toContain('F41.1');
    expect(text).toContain('Z63.32');
    expect(text).toContain('Inés Morales');
    expect(text).toContain('Two places of belonging');
  });
});
