import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestApp, createTestPractice, signIn, type TestPractice } from '../testing/harness.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let p: TestPractice;
let cookie = '';

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  p = await createTestPractice(database);
  cookie = await signIn(app, p.slug, p.emails.admin);
});
afterAll(() => close());

describe('practice settings for documentation', () => {
  it('start with DAP notes, three days before an unsigned note is on the to-do list, and 90-day plan reviews', async () => {
    const practice = (await app.inject({ method: 'GET', url: '/api/practice', headers: { cookie } })).json();
    expect(practice.settings).toMatchObject({ noteFormat: 'dap', unsignedNoteDays: 3, planReviewDays: 90 });
  });

  it('are changed by the admin, within bounds, and keep working with a one-minute time-out', async () => {
    const res = await app.inject({ method: 'PATCH', url: '/api/practice', headers: { cookie }, payload: { noteFormat: 'birp', unsignedNoteDays: 7, idleTimeoutMinutes: 1 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings).toMatchObject({ noteFormat: 'birp', unsignedNoteDays: 7, idleTimeoutMinutes: 1, planReviewDays: 90 });
    expect((await app.inject({ method: 'GET', url: '/api/practice', headers: { cookie } })).statusCode).toBe(200);
    const tooMany = await app.inject({ method: 'PATCH', url: '/api/practice', headers: { cookie }, payload: { unsignedNoteDays: 90 } });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().fields.unsignedNoteDays).toMatch(/30/);
  });

  it('reads settings stored before these existed with their defaults', async () => {
    await database.query(`update practices set settings = settings - 'noteFormat' - 'unsignedNoteDays' - 'planReviewDays' where practice_id = $1`, [p.practiceId]);
    const practice = (await app.inject({ method: 'GET', url: '/api/practice', headers: { cookie } })).json();
    expect(practice.settings).toMatchObject({ noteFormat: 'dap', unsignedNoteDays: 3, planReviewDays: 90, idleTimeoutMinutes: 1 });
  });
});
