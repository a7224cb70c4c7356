import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ is what workers and plugin processes run: rebuild it (incrementally) before any test.
    globalSetup: ['test/setup/build-first.ts'],
    // Generous bounds that only catch hangs; these machines are shared and noisy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Process and worker targets already use both cores; run files two at a time.
    maxWorkers: 2,
  },
});
