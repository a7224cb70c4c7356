import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The crash storm (1,100 plugin starts) is CI's own step, `npm run test:storm`, so it does not
    // load both cores while the timing-bounded tests of `npm test` run beside it.
    exclude: process.env.PLUGBENCH_STORM === '1' ? [] : ['test/storm/**'],
    // dist/ is what workers and plugin processes run: rebuild it (incrementally) before any test.
    globalSetup: ['test/setup/build-first.ts'],
    // Generous bounds that only catch hangs; these machines are shared and noisy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Process and worker targets already use both cores; run files two at a time.
    maxWorkers: 2,
  },
});
