/**
 * The startup suite's bare runtime (alternating with the fresh starts, ratio per
 * pair), the recovery suite's warm-spare rows and the hang suite's check, on real targets.
 */
import { describe, expect, it } from 'vitest';
import { QUICK_BUDGET } from '../../src/bench/budget.js';
import { runBench } from '../../src/bench/run-bench.js';
import { DEFAULT_HANG_CHECK_MS } from '../../src/core/supervisor.js';
import type { ResultRow } from '../../src/results/types.js';

const find = (rows: readonly ResultRow[], target: string, metric: string, spare = false) =>
  rows.find((row) => row.target === target && row.metric === metric && (row.params?.['spare'] === true) === spare);

describe('startup suite: the bare runtime beside the plugin', () => {
  it('times `node -e 0` before each fresh start of a Node process target and divides each pair', async () => {
    const { results } = await runBench({ quick: true, targets: ['stdio-rpc', 'in-process'], suites: ['startup'] });
    const bare = find(results, 'stdio-rpc', 'bare-runtime-start')!;
    const start = find(results, 'stdio-rpc', 'start-to-first-call')!;
    const ratio = find(results, 'stdio-rpc', 'start-vs-bare-runtime')!;
    expect(bare).toMatchObject({ status: 'ok', unit: 'ms' });
    expect(bare.note).toContain('node -e 0');
    expect(bare.samples).toHaveLength(QUICK_BUDGET.startupRuns);
    expect(ratio.samples).toEqual(start.samples.map((ms, index) => ms / bare.samples[index]!));
    // A plugin inside the host has no process of its own to compare.
    expect(find(results, 'in-process', 'bare-runtime-start')).toBeUndefined();
  });
});

describe('recovery suite: with a warm spare', () => {
  it('measures the crash and the hang again with a spare, and what the spare costs', async () => {
    const { results } = await runBench({ quick: true, targets: ['worker'], suites: ['recovery'] });
    expect(results.filter((row) => row.status !== 'ok').map((row) => `${row.metric}: ${row.note}`)).toEqual([]);
    const plain = find(results, 'worker', 'time-to-first-success')!;
    const spared = find(results, 'worker', 'time-to-first-success', true)!;
    expect(plain.samples).toHaveLength(QUICK_BUDGET.faultTrials);
    expect(spared.samples).toHaveLength(QUICK_BUDGET.hangTrials);
    // The spare serves at once: the supervisor records no restart time.
    expect(find(results, 'worker', 'restart', true)!.samples.every((ms) => ms === 0)).toBe(true);
    expect(find(results, 'worker', 'calls-hung', true)!.samples.every((count) => count === 0)).toBe(true);
    // A thread spare shows only as host RSS growth, which GC noise can hide (counted as 0), so this pins a measured, finite figure.
    const spareMemory = find(results, 'worker', 'spare-memory')!.median ?? Number.NaN;
    expect(Number.isFinite(spareMemory) && spareMemory >= 0).toBe(true);
    const hang = find(results, 'worker', 'time-to-usable', true)!;
    expect(hang.params).toMatchObject({ timeoutMs: QUICK_BUDGET.hangTimeoutMs, spare: true });
    expect(hang.samples.every((ms) => ms >= QUICK_BUDGET.hangTimeoutMs)).toBe(true);
  });
});

describe('hang suite: the quick hang check', () => {
  it('recovers a hung Node process after the quick check, keys the row by it, and a full check keeps the old key', async () => {
    const quick = await runBench({ quick: true, targets: ['stdio-rpc'], suites: ['hang'] });
    const usable = find(quick.results, 'stdio-rpc', 'time-to-usable')!;
    expect(usable).toMatchObject({ status: 'ok', params: { timeoutMs: QUICK_BUDGET.hangTimeoutMs, hangCheckMs: QUICK_BUDGET.hangCheckMs } });
    expect(usable.samples).toHaveLength(QUICK_BUDGET.hangTrials);
    // The process never answers the check: usable again only after the deadline and the whole check.
    expect(usable.samples.every((ms) => ms >= QUICK_BUDGET.hangTimeoutMs + QUICK_BUDGET.hangCheckMs)).toBe(true);
    expect(find(quick.results, 'stdio-rpc', 'time-to-timeout')!.params).toEqual({ timeoutMs: QUICK_BUDGET.hangTimeoutMs });
    const full = await runBench({ quick: true, targets: ['stdio-rpc'], suites: ['hang'], budget: { hangCheckMs: DEFAULT_HANG_CHECK_MS } });
    expect(find(full.results, 'stdio-rpc', 'time-to-usable')!.params).toEqual({ timeoutMs: QUICK_BUDGET.hangTimeoutMs });
  }, 60_000);
});
