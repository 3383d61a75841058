import path from 'node:path';
import { beforeEach } from 'vitest';
import { launched, shot } from './browser.js';

/**
 * When a browser test fails, every page still open is photographed as
 * `e2e/artifacts/failed-<file>-<test>-<n>.png`, so the failure can be seen as the browser showed it.
 */
beforeEach((context) => {
  context.onTestFailed(async () => {
    const file = path.basename(context.task.file.name, '.e2e.ts');
    const test = context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    let n = 0;
    for (const browser of launched) {
      if (!browser.isConnected()) continue;
      for (const ctx of browser.contexts()) {
        for (const page of ctx.pages()) {
          n += 1;
          await shot(page, `failed-${file}-${test}-${n}`).catch(() => undefined);
        }
      }
    }
  });
});
