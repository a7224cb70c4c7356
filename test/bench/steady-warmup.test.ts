/** The warm-up loop against calls whose duration is set by the test (no speed thresholds: counts, flags, and the schedule the test gives its own calls). */
import { describe, expect, it } from 'vitest';
import { isSteady, stoppedDrifting, warmUntilSteady } from '../../src/bench/steady-warmup.js';

/** A call that takes about `ms()` milliseconds of busy time. */
const busyCall = (ms: () => number) => async () => {
  const end = performance.now() + ms();
  while (performance.now() < end);
};

describe('warmUntilSteady', () => {
  it('goes on past minCalls and minMs until steady, and says it became steady', async () => {
    const report = await warmUntilSteady(busyCall(() => 0.05), { minMs: 30, maxMs: 10_000, minCalls: 5 }, new AbortController().signal);
    expect(report.steady).toBe(true);
    expect(report.calls).toBeGreaterThanOrEqual(5);
    expect(report.ms).toBeGreaterThanOrEqual(30);
  });

  it('stops at maxMs when the timings never settle, and says so', async () => {
    let calls = 0;
    // Calls longer than a batch (10 ms), so each is a batch of its own; every other one twice as slow: never three within 10%.
    const report = await warmUntilSteady(busyCall(() => (calls++ % 2 === 0 ? 12 : 24)), { minMs: 0, maxMs: 300, minCalls: 1 }, new AbortController().signal);
    expect(report.steady).toBe(false);
    expect(report.ms).toBeGreaterThanOrEqual(300);
  });

  it('goes on while the calls keep getting faster, and stops at once with alreadyWarm', async () => {
    // Calls 4% faster every 10 ms (a batch) from 0.5 ms, until 0.1 ms at ~390 ms: any three batches in a row agree within 10%.
    const drifting = () => {
      const began = performance.now();
      return busyCall(() => Math.max(0.1, 0.5 * 0.96 ** ((performance.now() - began) / 10)));
    };
    const plan = { minMs: 0, maxMs: 10_000, minCalls: 1 };
    const warm = await warmUntilSteady(drifting(), { ...plan, alreadyWarm: true }, new AbortController().signal);
    const untilFlat = await warmUntilSteady(drifting(), plan, new AbortController().signal);
    expect(warm.steady && untilFlat.steady).toBe(true);
    expect(warm.ms).toBeLessThan(390);
    expect(untilFlat.ms).toBeGreaterThan(390);
  });

  it('makes thousands of calls (or lasts 750 ms) before the drift check may end it, however flat the timings', async () => {
    const flat = await warmUntilSteady(busyCall(() => 0.02), { minMs: 0, maxMs: 10_000, minCalls: 1 }, new AbortController().signal);
    expect(flat.steady).toBe(true);
    expect(flat.calls >= 5000 || flat.ms >= 750).toBe(true);
    const warmed = await warmUntilSteady(busyCall(() => 0.02), { minMs: 0, maxMs: 10_000, minCalls: 1, alreadyWarm: true }, new AbortController().signal);
    expect(warmed.calls).toBeLessThan(5000);
  });

  it('stops when the run is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(warmUntilSteady(busyCall(() => 0.01), { minMs: 0, maxMs: 1000, minCalls: 1 }, controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('stoppedDrifting', () => {
  it('waits for thirds of three batches or more', () => {
    expect(stoppedDrifting([10, 10, 10, 10, 10, 10, 10, 10])).toBe(false);
    expect(stoppedDrifting([10, 10, 10, 10, 10, 10, 10, 10, 10])).toBe(true);
  });

  it('sees a slow drift that three batches in a row agree on', () => {
    // 2% faster per batch: any three in a row are within 10%, the last third is 11% under the one before.
    const drifting = Array.from({ length: 18 }, (_, i) => 200 * 0.98 ** i);
    expect(isSteady(drifting)).toBe(true);
    expect(stoppedDrifting(drifting)).toBe(false);
  });

  it('lets noise pass once the level is flat: the thirds are compared by their medians', () => {
    const flatButNoisy = [300, 200, 150, 100, 130, 95, 105, 99, 140, 101, 97, 103, 96, 135, 100];
    expect(stoppedDrifting(flatButNoisy)).toBe(true);
  });
});
