import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { consents } from '../../db/schema/index.js';
import { newMap } from '../../domain/maps/map.js';
import { extractPdfText } from '../pdf/text.js';
import { createTestApp, createTestPractice, signIn, type TestPractice } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
const cookies: Record<string, string> = {};
const as = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, payload, headers: { cookie: cookies[who] ?? '' } });
/** Yesterday in UTC is today or yesterday in any practice's time zone. */
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  for (const who of ['admin', 'practitioner', 'unrelated', 'supervisor', 'clientUser'] as const) cookies[who] = await signIn(app, p.slug, p.emails[who]);
});
afterAll(() => close());

describe('consent, per person', () => {
  it('records a consent with its date, scope and end, names what is missing, and lists where each stands', async () => {
    const url = `/api/clients/${p.clientId}/consents`;
    const noCollaborator = await as('practitioner', 'POST', url, { purpose: 'sharing', categories: [], givenOn: yesterday, via: 'in_session' });
    expect(noCollaborator.statusCode).toBe(400);
    expect(noCollaborator.json().fields).toMatchObject({ collaboratorName: expect.stringMatching(/Name the person/), categories: expect.any(String) });
    const future = await as('practitioner', 'POST', url, { purpose: 'treatment', givenOn: inDays(3), via: 'in_session' });
    expect(future.json().fields.givenOn).toMatch(/given/);
    const backwards = await as('practitioner', 'POST', url, { purpose: 'treatment', givenOn: yesterday, expiresOn: '2020-01-01', via: 'in_session' });
    expect(backwards.json().fields.expiresOn).toBeDefined();
    const notes = await as('practitioner', 'POST', url, { purpose: 'sharing', collaboratorName: 'Dr. Amal Haddad', categories: ['relational_notes'], givenOn: yesterday, via: 'in_session' });
    expect(notes.statusCode).toBe(400);

    const treatment = await as('practitioner', 'POST', url, { purpose: 'treatment', scope: 'Weekly sessions, for now.', givenOn: yesterday, via: 'in_session' });
    expect(treatment.statusCode, treatment.body).toBe(201);
    expect(treatment.json()).toMatchObject({ purpose: 'treatment', status: 'active', via: 'in_session', recordedBy: { id: p.practitioner } });
    const sharing = await as('practitioner', 'POST', url, {
      purpose: 'sharing',
      collaboratorName: 'Dr. Amal Haddad',
      collaboratorRole: 'Family doctor',
      categories: ['chapter_summary'],
      scope: 'What we are working on; not the questionnaires.',
      givenOn: yesterday,
      expiresOn: inDays(200),
      via: 'on_paper',
    });
    expect(sharing.statusCode, sharing.body).toBe(201);
    const list = (await as('admin', 'GET', url)).json();
    expect(list.consents.map((c: { purpose: string; status: string }) => `${c.purpose}:${c.status}`)).toEqual(['sharing:active', 'treatment:active']);
    // Only the practitioners in the client's care record consent; others who may read, read.
    expect((await as('admin', 'POST', url, { purpose: 'research', givenOn: yesterday, via: 'on_paper' })).statusCode).toBe(403);
    expect((await as('unrelated', 'GET', url)).statusCode).toBe(404);
  });

  it('releases only what a sharing consent covers, to the collaborator it names, and keeps an account of each release', async () => {
    const list = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/consents`)).json();
    const sharing = list.consents.find((c: { purpose: string }) => c.purpose === 'sharing');
    const treatment = list.consents.find((c: { purpose: string }) => c.purpose === 'treatment');
    const version = await as('practitioner', 'POST', `/api/clients/${p.clientId}/map/versions`, { map: newMap('Amara'), version: 0 });
    expect(version.statusCode).toBe(200);
    const documents = (await as('practitioner', 'GET', `/api/clients/${p.clientId}/releasable`)).json().documents;
    const summary = documents.find((d: { category: string }) => d.category === 'chapter_summary');
    const map = documents.find((d: { category: string }) => d.category === 'relational_map');
    expect(summary.label).toMatch(/Chapter 1 summary/);

    const refusedMap = await as('practitioner', 'POST', `/api/clients/${p.clientId}/disclosures`, { consentId: sharing.id, category: 'relational_map', recordId: map.recordId });
    expect(refusedMap.statusCode).toBe(403);
    expect(refusedMap.json().message).toMatch(/does not cover the relational map/);
    const wrongPurpose = await as('practitioner', 'POST', `/api/clients/${p.clientId}/disclosures`, { consentId: treatment.id, category: 'chapter_summary', recordId: summary.recordId });
    expect(wrongPurpose.statusCode).toBe(403);
    const notTheirs = await as('practitioner', 'POST', `/api/clients/${p.clientId}/disclosures`, { consentId: sharing.id, category: 'chapter_summary', recordId: p.associateClientId });
    expect(notTheirs.statusCode).toBe(400);

    const released = await as('practitioner', 'POST', `/api/clients/${p.clientId}/disclosures`, { consentId: sharing.id, category: 'chapter_summary', recordId: summary.recordId });
    expect(released.statusCode, released.body).toBe(201);
    const { disclosure, downloadUrl } = released.json();
    expect(disclosure).toMatchObject({ collaboratorName: 'Dr. Amal Haddad', recordLabel: 'Chapter 1 summary' });
    const pdf = await as('practitioner', 'GET', downloadUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const words = (await extractPdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(words).toContain('Released to Dr. Amal Haddad (Family doctor) by');
    // The chapter summary holds the relational map, which this consent does not name: it stays behind.
    expect(words).toContain('does not extend to the relational map');
    expect((await as('practitioner', 'GET', `/api/clients/${p.clientId}/consents`)).json().disclosures).toHaveLength(1);

    // Revoked: nothing more leaves under it.
    const silent = await as('practitioner', 'POST', `/api/clients/${p.clientId}/consents/${sharing.id}/revoke`, { note: '' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().fields.note).toMatch(/what the client said/);
    const revoked = await as('practitioner', 'POST', `/api/clients/${p.clientId}/consents/${sharing.id}/revoke`, { note: 'She asked to stop sharing with her doctor.' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedBy: { id: p.practitioner }, revocationNote: 'She asked to stop sharing with her doctor.' });
    const after = await as('practitioner', 'POST', `/api/clients/${p.clientId}/disclosures`, { consentId: sharing.id, category: 'chapter_summary', recordId: summary.recordId });
    expect(after.statusCode).toBe(403);
    expect(after.json().message).toMatch(/revoked/);
    // The record of what was agreed is kept as it was: only revocation is ever written later.
    await expect(database.db.update(consents).set({ scope: 'rewritten' }).where(and(eq(consents.practiceId, p.practiceId), eq(consents.id, treatment.id)))).rejects.toThrow();
    await expect(database.db.execute(sql`update consents set revoked_at = null where practice_id = ${p.practiceId} and id = ${sharing.id}`)).rejects.toThrow();
  });

  it('lets the client see, give and revoke their own consents in the portal, and nobody else’s', async () => {
    const mine = await as('clientUser', 'GET', '/api/portal/consents');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().consents.length).toBeGreaterThanOrEqual(2);
    const given = await as('clientUser', 'POST', '/api/portal/consents', { purpose: 'research', givenOn: yesterday });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ via: 'portal', status: 'active' });
    // Another client's consent cannot be reached from the portal.
    const other = await as('practitioner', 'POST', `/api/clients/${p.associateClientId}/consents`, { purpose: 'research', givenOn: yesterday, via: 'on_paper' });
    expect(other.statusCode).toBe(404);
    const associateConsent = (
      await app.inject({
        method: 'POST',
        url: `/api/clients/${p.associateClientId}/consents`,
        payload: { purpose: 'research', givenOn: yesterday, via: 'on_paper' },
        headers: { cookie: await signIn(app, p.slug, p.emails.associate) },
      })
    ).json();
    expect((await as('clientUser', 'POST', `/api/portal/consents/${associateConsent.id}/revoke`, { note: '' })).statusCode).toBe(404);
    const revoked = await as('clientUser', 'POST', `/api/portal/consents/${given.json().id}/revoke`, { note: '' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedVia: 'portal' });
    // Staff routes stay closed to the client, even about their own record.
    expect((await as('clientUser', 'GET', `/api/clients/${p.clientId}/consents`)).statusCode).toBe(404);
  });
});
