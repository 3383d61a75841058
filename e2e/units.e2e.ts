import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, launch, shot, signedInContext } from './browser.js';

/**
 * A couple's session in the browser: the demo couple "Dana & Kofi" (clients Dana Whitaker and Kofi
 * Asante, each with their own record and portal login), seen by their practitioner Tavita. One note
 * for the couple, a section for each partner, and each partner's portal showing only what was
 * shared with them.
 */

let browser: Browser;
const contexts: BrowserContext[] = [];
let tavita: Page;
let unitId = '';
let sessionId = '';

const UNIT = 'Dana & Kofi';
const DANA = 'Dana Whitaker';
const KOFI = 'Kofi Asante';
// Words found nowhere else, so an assertion cannot pass on text the seed happens to contain.
const stamp = Date.now().toString(36);
const COMMON = `Both partners named the night feeds as the hardest hour (${stamp}-common)`;
const DANA_ONLY = `Dana’s own goal: sleep before midnight twice a week (${stamp}-dana-lanternfish)`;
const KOFI_ONLY = `Kofi’s own worry about his visa renewal (${stamp}-kofi-marigold)`;

beforeAll(async () => {
  browser = await launch();
  const signed = await signedInContext(browser, 'tavita@harbour.example');
  contexts.push(signed.context);
  tavita = signed.page;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
});

const field = (page: Page, label: RegExp) => page.getByRole('textbox', { name: label });
const progressStatus = (page: Page) => page.getByRole('status', { name: /^Progress note:/ });

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => progressStatus(page).getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/Progress note: Saved/);
}

/** The article of this test's couple note in a portal (the seed shares earlier ones), once it is there. */
async function coupleNote(page: Page) {
  // "Couple session · Dana & Kofi, Tue 3 Mar"
  const article = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: new RegExp(`^Couple session · ${UNIT}, `) }) })
    .filter({ hasText: COMMON });
  await article.waitFor();
  return article;
}

describe('a couple’s session, its note and each partner’s portal', () => {
  it('schedules a session for the couple from its page that began two hours ago, and shows it by the couple’s name', async () => {
    // The couple, found as Tavita's API sees it (the cookie is the page's).
    const found = await json<{ rows: Array<{ id: string; name: string }> }>(await tavita.request.get(`/api/clients?q=${encodeURIComponent(DANA)}`));
    const dana = found.rows.find((r) => r.name === DANA);
    expect(dana, `${DANA} is in Tavita’s caseload`).toBeDefined();
    const units = await json<Array<{ id: string; name: string; kind: string }>>(await tavita.request.get(`/api/clients/${dana?.id ?? ''}/units`));
    unitId = units.find((u) => u.name === UNIT && u.kind === 'couple')?.id ?? '';
    expect(unitId).not.toBe('');

    await tavita.goto(`/units/${unitId}`);
    await tavita.getByRole('button', { name: 'Schedule a session for the couple' }).click();
    const form = tavita.getByRole('form', { name: 'Schedule a session' });
    // Two hours ago, in the browser's own time zone (the form's date and time are local).
    const start = await tavita.evaluate(() => {
      const d = new Date(Date.now() - 2 * 60 * 60 * 1000);
      d.setMinutes(Math.floor(d.getMinutes() / 5) * 5, 0, 0);
      const p = (n: number) => String(n).padStart(2, '0');
      return { date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, time: `${p(d.getHours())}:${p(d.getMinutes())}`, iso: d.toISOString() };
    });
    await form.getByLabel('Date').fill(start.date);
    await form.getByLabel('Start time').fill(start.time);
    await form.getByRole('button', { name: 'Schedule session' }).click();
    await tavita.getByText(`The session of ${UNIT} is scheduled.`).waitFor();

    const sessions = await json<Array<{ id: string; startsAt: string; attendees: Array<{ name: string; clientId: string | null }> }>>(
      await tavita.request.get(`/api/units/${unitId}/sessions`),
    );
    const mine = sessions.find((s) => new Date(s.startsAt).getTime() === new Date(start.iso).getTime());
    expect(mine).toBeDefined();
    sessionId = mine?.id ?? '';
    // Both partners are on the attendance list, and no one else: a couple is two people.
    expect(mine?.attendees.filter((a) => a.clientId !== null).map((a) => a.name).sort()).toEqual([DANA, KOFI].sort());
    expect(mine?.attendees.filter((a) => a.clientId === null)).toEqual([]);

    // The week's calendar shows it by the couple's name and kind.
    await tavita.goto(`/calendar?week=${start.date}`);
    await expect.poll(() => tavita.getByRole('link', { name: new RegExp(`${UNIT} · couple`) }).count()).toBeGreaterThan(0);

    // From the couple's page, to the session.
    await tavita.goto(`/units/${unitId}`);
    await tavita.locator(`a[href="/sessions/${sessionId}"]`).first().click();
    await tavita.waitForURL(new RegExp(`/sessions/${sessionId}$`));
    const title = tavita.getByRole('heading', { level: 1, name: `Couple session: ${UNIT}` });
    await title.waitFor();
    expect(await title.getByRole('link', { name: UNIT }).getAttribute('href')).toBe(`/units/${unitId}`);
  });

  it('records both partners as attended, marks the session held, and writes one note with a section for each', async () => {
    const attendance = tavita.getByRole('region', { name: 'Attendance' });
    await attendance.getByText(/Marking the session held counts everyone still “expected” as attended/).waitFor();
    expect(await attendance.getByRole('radiogroup').count()).toBe(2);
    await attendance.getByRole('radiogroup', { name: DANA }).getByRole('radio', { name: 'Attended' }).check();
    await attendance.getByRole('radiogroup', { name: KOFI }).getByRole('radio', { name: 'Attended' }).check();
    await attendance.getByRole('textbox', { name: `Note on ${KOFI}’s attendance (optional)` }).fill('Joined ten minutes late, by video from work.');
    await attendance.getByRole('button', { name: 'Save attendance' }).click();
    await attendance.getByText('Attendance saved.').waitFor();
    await shot(tavita, 'unit-session-01-attendance');

    await tavita.getByRole('button', { name: 'Mark held' }).click();
    const held = tavita.getByRole('form', { name: 'Mark the session held' });
    const attending = held.getByText(/^Attending: /);
    await attending.waitFor();
    expect(await attending.textContent()).toContain(DANA);
    expect(await attending.textContent()).toContain(KOFI);
    await held.getByRole('button', { name: /^Record as held/ }).click();
    await tavita.getByRole('heading', { name: 'Progress note' }).waitFor();

    await field(tavita, /What the client brought/).fill(COMMON);
    await field(tavita, /What you noticed/).fill('Warm with each other; Dana tearful when speaking of her mother.');
    await field(tavita, /What you offered/).fill('Slowed the exchange; each partner spoke to the other rather than to me.');
    await field(tavita, /How it landed/).fill('Kofi softened; Dana said she felt heard.');
    await field(tavita, /Your assessment/).fill('Strain eased; their connection is the resource.');
    await field(tavita, /Next steps/).fill('Meet again in two weeks; each to notice one kind act.');
    await field(tavita, /^Only for Dana/).fill(DANA_ONLY);
    await field(tavita, /^Only for Kofi/).fill(KOFI_ONLY);
    await waitSaved(tavita);

    // The sections are kept with the rest of the note.
    await tavita.reload();
    await expect.poll(() => field(tavita, /^Only for Dana/).inputValue()).toBe(DANA_ONLY);
    await expect.poll(() => field(tavita, /^Only for Kofi/).inputValue()).toBe(KOFI_ONLY);
    await expect.poll(() => field(tavita, /What the client brought/).inputValue()).toBe(COMMON);
    await shot(tavita, 'unit-session-02-note-draft');
  });

  it('signs the note, shares the common part with both and only Dana’s own section with Dana', async () => {
    await tavita.getByRole('button', { name: 'Sign note' }).click();
    const dialog = tavita.getByRole('dialog', { name: /Sign and lock/ });
    await dialog.getByRole('button', { name: 'Sign and lock the note' }).click();
    await tavita.getByText('Signed and locked').waitFor();

    // Attendance is fixed once the note is signed, and says why.
    const attendance = tavita.getByRole('region', { name: 'Attendance' });
    await attendance.getByText(/The progress note is signed/).waitFor();
    expect(await attendance.getByRole('radio').count()).toBe(0);

    const sharing = tavita.getByRole('region', { name: 'Open notes' });
    await sharing.getByRole('switch', { name: 'Share the note with everyone who attended' }).check();
    const summary = sharing.getByRole('list', { name: 'What each person can read now' });
    await expect.poll(() => summary.getByText('Kofi: the common part', { exact: true }).count()).toBe(1);
    await sharing.getByRole('switch', { name: 'Share Dana’s own section with Dana' }).check();
    await expect.poll(() => summary.getByText('Dana: the common part and their own section', { exact: true }).count()).toBe(1);
    expect(await sharing.getByRole('switch', { name: 'Share Kofi’s own section with Kofi' }).isChecked()).toBe(false);

    // As the server has it after a reload.
    await tavita.reload();
    const again = tavita.getByRole('region', { name: 'Open notes' });
    await expect.poll(() => again.getByRole('switch', { name: 'Share Dana’s own section with Dana' }).isChecked()).toBe(true);
    expect(await again.getByRole('switch', { name: 'Share the note with everyone who attended' }).isChecked()).toBe(true);
    expect(await again.getByRole('switch', { name: 'Share Kofi’s own section with Kofi' }).isChecked()).toBe(false);
    await shot(tavita, 'unit-session-03-signed-and-shared');
  });

  it('lists the couple’s session by the couple’s name in each partner’s sessions and progress notes', async () => {
    const found = await json<{ rows: Array<{ id: string; name: string }> }>(await tavita.request.get(`/api/clients?q=${encodeURIComponent(KOFI)}`));
    const kofiId = found.rows.find((r) => r.name === KOFI)?.id ?? '';
    await tavita.goto(`/clients/${kofiId}?tab=sessions`);
    const link = tavita.locator(`a[href="/sessions/${sessionId}"]`).filter({ hasText: `${UNIT} · couple` });
    await link.first().waitFor();
    await shot(tavita, 'unit-session-06-client-sessions');
    await tavita.goto(`/clients/${kofiId}?tab=notes`);
    await tavita.getByRole('table', { name: 'Progress notes' }).getByText(new RegExp(`^Together with ${UNIT}`)).first().waitFor();
    // In Kofi's record the note carries his own section only: Dana's words are not on his page.
    expect(await tavita.getByText(/dana-lanternfish/).count()).toBe(0);
    await shot(tavita, 'unit-session-07-client-notes');
  });

  it('Dana’s portal shows the common part and her own section, and none of Kofi’s words', async () => {
    const { context, page } = await signedInContext(browser, 'dana@harbour.example');
    contexts.push(context);
    await page.goto('/portal');
    const note = await coupleNote(page);
    await note.getByText(COMMON).waitFor();
    await note.getByText('Just for you').waitFor();
    await note.getByText(DANA_ONLY).waitFor();
    expect(await page.getByText(KOFI_ONLY).count()).toBe(0);
    expect(await page.getByText(/kofi-marigold/).count()).toBe(0);
    await shot(page, 'unit-session-04-dana-portal');

    // Comments keep working on a couple's note.
    await note.getByRole('textbox', { name: 'Add a comment' }).fill(`I remember it as gentler than that (${stamp}-dana-comment)`);
    await note.getByRole('button', { name: 'Send comment' }).click();
    await note.getByText(/Your comment is sent/).waitFor();
  });

  it('Kofi’s portal shows the common part and neither partner’s own section', async () => {
    const { context, page } = await signedInContext(browser, 'kofi@harbour.example');
    contexts.push(context);
    await page.goto('/portal');
    const note = await coupleNote(page);
    await note.getByText(COMMON).waitFor();
    expect(await note.getByText('Just for you').count()).toBe(0);
    expect(await page.getByText(DANA_ONLY).count()).toBe(0);
    expect(await page.getByText(/dana-lanternfish/).count()).toBe(0);
    expect(await page.getByText(KOFI_ONLY).count()).toBe(0);
    // Dana's comment is hers: Kofi does not see it.
    expect(await page.getByText(/dana-comment/).count()).toBe(0);
    await shot(page, 'unit-session-05-kofi-portal');
  });
});
