import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './testing/harness.js';

let doc: { paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>> };
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestApp();
  close = t.close;
  doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
});
afterAll(() => close());

describe('the API documentation', () => {
  it('lists every route with its own operationId and an area tag', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, ...op })));
    expect(ops.length).toBeGreaterThan(40);
    for (const op of ops) {
      expect(op.operationId, `${op.method} ${op.path}`).toBeTruthy();
      expect(op.tags?.length, `${op.method} ${op.path}`).toBeGreaterThan(0);
    }
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
