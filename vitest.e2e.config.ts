import { defineConfig } from 'vitest/config';

/** Browser tests: the built app served by `liminal start` on a fresh data folder, driven by Debian's chromium. */
export default defineConfig({
  root: '.',
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    setupFiles: ['e2e/failure-shots.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
