import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, launch, shot, signedInContext } from './browser.js';

/**
 * Bringing clients together from a client's profile: Tavita makes a group of Dana Whitaker and Kofi
 * Asante (both her clients) with their daughter as a related person, then on the group's page adds
 * a grandmother who comes to sessions, writes its note, sees each person as they belong, and puts one
 * of them on Kofi's relational map from the panel beside it.
 */

let browser: Browser;
const contexts: BrowserContext[] = [];
let tavita: Page;

const DANA = 'Dana Whitaker';
const KOFI = 'Kofi Asante';
const stamp = Date.now().toString(36);
const NAME = `New parents’ circle ${stamp}`;

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

/** A client's id as Tavita's API finds them (the cookie is the page's). */
async function clientId(name: string): Promise<string> {
  const found = await json<{ rows: Array<{ id: string; name: string }> }>(await tavita.request.get(`/api/clients?q=${encodeURIComponent(name)}`));
  const id = found.rows.find((r) => r.name === name)?.id;
  expect(id, `${name} is in Tavita’s caseload`).toBeDefined();
  return id ?? '';
}

/** The row of the people table naming this person. */
const personRow = (page: Page, name: string) => page.getByRole('table', { name: `People in ${NAME}` }).getByRole('row').filter({ hasText: name });

describe('a couple, family or group made from a client’s profile', () => {
  it('makes a group with a second client and a related person, each with their relationship', async () => {
    await tavita.goto(`/clients/${await clientId(DANA)}?tab=profile`);

    // The couple the seed made is listed on her profile, by name.
    const card = tavita.locator('#units');
    await card.getByRole('link', { name: /Dana & Kofi/ }).first().waitFor();

    await card.getByRole('button', { name: 'New couple, family or group' }).click();
    const form = tavita.getByRole('form', { name: 'New couple, family or group' });
    await form.getByText('Group', { exact: true }).click();
    await form.getByRole('group', { name: DANA }).getByLabel('Relationship').fill('mother');

    // A second client, found by typing part of his name.
    await form.getByLabel('Add another client').fill('Kofi');
    await tavita.getByRole('option', { name: new RegExp(`^${KOFI}`) }).click();
    await form.getByRole('group', { name: KOFI }).getByLabel('Relationship').fill('father');

    // Their daughter, who has no account and does not come.
    await form.getByRole('button', { name: 'Add a related person' }).click();
    const related = form.getByRole('group', { name: 'Related person 1' });
    await related.getByLabel('Name').fill('Ama');
    await related.getByLabel('Relationship').fill('daughter, 10 months');

    await form.getByLabel('Name of the group').fill(NAME);
    await form.getByRole('button', { name: 'Make the group' }).click();

    const made = tavita.getByRole('status').filter({ hasText: `${NAME} is made.` });
    await made.waitFor();
    await made.getByRole('link', { name: `Open ${NAME}` }).click();
    await tavita.getByRole('heading', { level: 1, name: NAME }).waitFor();
    // The new page opens at its top, not where the profile was scrolled to.
    expect(await tavita.evaluate('window.scrollY')).toBe(0);
    await shot(tavita, 'unit-page-made');

    // Each person as they belong: the clients with the relationships typed in the form, the daughter without an account.
    await expect.poll(() => personRow(tavita, DANA).textContent()).toMatch(/mother.*Yes, as a client/);
    await expect.poll(() => personRow(tavita, KOFI).textContent()).toMatch(/father.*Yes, as a client/);
    await expect.poll(() => personRow(tavita, 'Ama').textContent()).toMatch(/daughter, 10 months.*No/);
  });

  it('adds a grandmother who comes to sessions, and writes the group’s note', async () => {
    await tavita.getByRole('button', { name: 'Add a related person' }).click();
    const add = tavita.getByRole('form', { name: 'Add a related person to the group' });
    await add.getByLabel('Name').fill('Akosua Asante');
    await add.getByLabel('Relationship').fill('grandmother');
    await add.getByLabel('Comes to sessions').check();
    await add.getByRole('button', { name: 'Add to the group' }).click();
    await expect.poll(() => personRow(tavita, 'Akosua Asante').textContent()).toMatch(/grandmother.*Yes/);

    await tavita.getByRole('button', { name: 'Edit name and note' }).click();
    const edit = tavita.getByRole('form', { name: 'Edit the group' });
    await edit.getByLabel('Note').fill('Meets around the first year with the baby.');
    await edit.getByRole('button', { name: 'Save name and note' }).click();
    await tavita.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await tavita.getByText('Meets around the first year with the baby.').waitFor();

    // What the page shows is what the server keeps, and the group is on Kofi's record too.
    type UnitAnswer = { name: string; note: string; members: Array<{ name: string; relationship: string; attends: boolean; kind: string }> };
    const units = await json<UnitAnswer[]>(await tavita.request.get(`/api/clients/${await clientId(KOFI)}/units`));
    const group = units.find((u) => u.name === NAME);
    expect(group?.note).toBe('Meets around the first year with the baby.');
    expect(group?.members.map((m) => `${m.kind}:${m.name}:${m.relationship}:${m.attends}`)).toEqual([
      `client:${DANA}:mother:true`,
      `client:${KOFI}:father:true`,
      'related:Ama:daughter, 10 months:false',
      'related:Akosua Asante:grandmother:true',
    ]);
  });

  it('shows the group’s people on Kofi’s relational map, and puts one there with a click', async () => {
    const kofi = await clientId(KOFI);
    await tavita.goto(`/clients/${kofi}?tab=map`);
    const panel = tavita.getByRole('region', { name: `People in ${NAME}` });
    await panel.waitFor();
    // The others in the group, each as they belong: Dana as a client (a link to her record), the daughter without an account.
    await panel.getByRole('link', { name: `${DANA} (mother)` }).waitFor();
    await panel.getByText('Ama (daughter, 10 months)').waitFor();

    await panel.getByRole('button', { name: 'Add Akosua Asante to the map' }).click();
    await panel.getByRole('listitem').filter({ hasText: 'Akosua Asante' }).getByText('Already on the map').waitFor();
    await expect.poll(() => tavita.getByRole('status', { name: /^Relational map:/ }).getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/Saved/);

    // Saved on his map as a person at the social level (a group's people start there), her relationship as the note.
    const saved = await json<{ map: { nodes: Array<{ label: string; kind: string; level: string; note: string }> } }>(await tavita.request.get(`/api/clients/${kofi}/map`));
    expect(saved.map.nodes.filter((n) => n.label === 'Akosua Asante')).toEqual([expect.objectContaining({ kind: 'person', level: 'social', note: 'grandmother' })]);
  });
});
