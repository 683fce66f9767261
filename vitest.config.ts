import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporal workers crash in worker threads: run each test file in its own process.
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A condition waited for may take seconds on a loaded machine; it still passes as soon as it holds.
    expect: { poll: { timeout: 15_000 } },
    fileParallelism: false,
  },
});
