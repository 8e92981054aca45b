import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // The browser specs share one Chromium and big generated archives: run files one at a time there.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
