/**
 * Latency rows judged against their own channel floor: runs whose machine speed
 * swings by ±40% (target and floor of a run alike, as measured pinned on a VM)
 * hide a 25% slower plugin from the medians, not from the per-run ratio.
 */
import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-results.js';
import type { LoadedRun } from '../../src/compare/load-side.js';
import type { ResultRow } from '../../src/results/types.js';
import { makeResults, seededRandom } from '../helpers/bench-results.js';

/** Target, its floor, and the floor's median round trip over the target's. */
const ROWS = [
  { target: 'in-process', floor: 'floor:function', ms: 0.0008, share: 0.8 },
  { target: 'go-stdio-rpc', floor: 'floor:pipe', ms: 0.056, share: 0.6 },
  { target: 'tcp-rpc', floor: 'floor:tcp', ms: 1.2, share: 0.05 },
] as const;

function latencyRow(target: string, samples: number[], extra: Partial<ResultRow> = {}): ResultRow {
  return { target, suite: 'latency', metric: 'round-trip', unit: 'ms', better: 'lower', status: 'ok', samples, median: median(samples), ...extra };
}

/**
 * `count` runs, each with a machine speed of its own (±`swing`); `slower[target]` makes that target's
 * round trip this much slower (0.25: 25%), its floor unchanged; `segment[target]` makes the
 * machine that much slower while that target and its floor are measured.
 */
function runs(count: number, seed: number, slower: Record<string, number> = {}, segment: Record<string, number> = {}, swing = 0.4): LoadedRun[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const speed = 1 + swing * (2 * random() - 1);
    let segmentSpeed = 1;
    const noise = () => speed * segmentSpeed * (0.97 + 0.06 * random());
    const results = makeResults({ seed: seed + i });
    results.options.targets = ROWS.map((r) => r.target);
    results.results = ROWS.flatMap(({ target, floor, ms, share }) => {
      segmentSpeed = 1 + (segment[target] ?? 0);
      // The plugin's own part of the round trip grows; the channel's part (the floor) does not.
      const own = 1 + (slower[target] ?? 0) / (1 - share);
      const floorRow = latencyRow(floor, Array.from({ length: 50 }, () => ms * share * noise()), { params: { beside: target } });
      const samples = Array.from({ length: 50 }, () => ms * (share + (1 - share) * own) * noise());
      return [floorRow, latencyRow(target, samples, { floor, ratio: median(samples) / floorRow.median! })];
    });
    return { file: `round-${i + 1}.json`, results };
  });
}

/**
 * tcp-rpc's floor given noise of its own: each run's floor median times (1 + shift ± spread),
 * so that within a side tcp-rpc's runs no longer follow it.
 */
function noisyFloor(loaded: LoadedRun[], shift: number, spread: number, random: () => number): LoadedRun[] {
  return loaded.map((run) => ({
    ...run,
    results: {
      ...run.results,
      results: run.results.results.map((row) => {
        if (row.target !== 'tcp-rpc') return row;
        const floorMedian = (row.median! / row.ratio!) * (1 + shift + spread * (2 * random() - 1));
        return { ...row, ratio: row.median! / floorMedian };
      }),
    },
  }));
}

/** The same runs without their ratios: judged on the medians alone, as before. */
const withoutRatios = (loaded: LoadedRun[]) => loaded.map((run) => ({ ...run, results: { ...run.results, results: run.results.results.map(({ ratio: _ratio, ...row }) => row) } }));

describe('latency rows judged against their floor', () => {
  it('judges a row on its ratio where the floor is on the host thread, half the round trip or followed run by run, and on its medians elsewhere', () => {
    const judgedBy = (comparison: ReturnType<typeof compareRuns>) =>
      Object.fromEntries(comparison.rows.filter((r) => r.verdict !== 'reference').map((r) => [r.target, r.judgedBy?.floor ?? 'medians']));
    // The machine's swing moves tcp-rpc and its small floor alike, run by run: the floor is followed.
    const swinging = compareRuns(runs(10, 1), runs(10, 2));
    expect(judgedBy(swinging)).toEqual({ 'in-process': 'floor:function', 'go-stdio-rpc': 'floor:pipe', 'tcp-rpc': 'floor:tcp' });
    expect(swinging.rows.find((r) => r.target === 'tcp-rpc')!.judgedBy!.tracking).toBeGreaterThanOrEqual(0.7);
    // A floor with noise of its own that tcp-rpc's runs do not follow: its medians.
    const random = seededRandom(9);
    const own = compareRuns(noisyFloor(runs(10, 1), 0, 0.4, random), noisyFloor(runs(10, 2), 0, 0.4, random));
    expect(judgedBy(own)).toEqual({ 'in-process': 'floor:function', 'go-stdio-rpc': 'floor:pipe', 'tcp-rpc': 'medians' });
    expect(own.notes.some((note) => note.includes('2 latency rows are judged on each run') && note.includes('in-process, go-stdio-rpc'))).toBe(true);
  });

  it('finds a 25% slower tcp-rpc behind the swing through the small floor its runs follow', () => {
    const comparison = compareRuns(runs(10, 51), runs(10, 52, { 'tcp-rpc': 0.25 }));
    expect(comparison.rows.find((r) => r.target === 'tcp-rpc')).toMatchObject({ verdict: 'regression', judgedBy: { floor: 'floor:tcp' } });
    expect(compareRuns(withoutRatios(runs(10, 51)), withoutRatios(runs(10, 52, { 'tcp-rpc': 0.25 }))).regressions).toBe(0);
  });

  it('finds nothing in 10 + 10 runs of the same code whose machine speed swings by ±40%', () => {
    for (const seed of [1, 3, 5, 7]) expect(compareRuns(runs(10, seed), runs(10, seed + 100)).regressions).toBe(0);
  });

  it('finds a plugin 25% slower behind that swing, which the medians alone cannot tell from it', () => {
    const base = runs(10, 11);
    const head = runs(10, 12, { 'in-process': 0.25, 'go-stdio-rpc': 0.25 });
    const comparison = compareRuns(base, head);
    const row = (target: string) => comparison.rows.find((r) => r.target === target)!;
    for (const target of ['in-process', 'go-stdio-rpc']) {
      expect(row(target)).toMatchObject({ verdict: 'regression', judgedBy: { floor: expect.stringMatching(/^floor:/) } });
      // The ratio moved about 25%; "vs machine" says so.
      expect(row(target).correctedChangePct).toBeGreaterThan(15);
    }
    expect(row('tcp-rpc').verdict).not.toBe('regression');
    const onMedians = compareRuns(withoutRatios(base), withoutRatios(head));
    expect(onMedians.rows.filter((r) => r.verdict === 'regression')).toEqual([]);
  });

  it('keeps a real change on a row judged on its medians when its floor moved only by chance', () => {
    // tcp-rpc 25% slower; the floor beside it a twentieth of the round trip, noisy from run to run (±40%),
    // its head runs 20% higher, not beyond chance: its ratio alone would say the change is within "the machine".
    const random = seededRandom(31);
    const [base, head] = [noisyFloor(runs(10, 41, {}, {}, 0.05), 0, 0.4, random), noisyFloor(runs(10, 42, { 'tcp-rpc': 0.25 }, {}, 0.05), 0.2, 0.4, random)];
    const ratios = (loaded: LoadedRun[]) => loaded.map((run) => run.results.results.find((r) => r.target === 'tcp-rpc')!.ratio!);
    expect(Math.abs((median(ratios(head)) / median(ratios(base)) - 1) * 100)).toBeLessThan(10);
    const row = compareRuns(base, head).rows.find((r) => r.target === 'tcp-rpc')!;
    expect(row.judgedBy).toBeUndefined();
    expect(row).toMatchObject({ significant: true, verdict: 'regression' });
  });

  it('calls a row judged on its medians "the machine" when the floor beside it slowed as much', () => {
    // Runs of a steadier machine, and every head run 35% slower while tcp-rpc and its floor were measured, as a busy minute would make it;
    // the floor with ±10% of its own from run to run, so that within a side tcp-rpc does not follow it.
    const random = seededRandom(23);
    const comparison = compareRuns(noisyFloor(runs(10, 21, {}, {}, 0.05), 0, 0.1, random), noisyFloor(runs(10, 22, {}, { 'tcp-rpc': 0.35 }, 0.05), 0, 0.1, random));
    const row = comparison.rows.find((r) => r.target === 'tcp-rpc')!;
    expect(row.judgedBy).toBeUndefined();
    expect(row.changePct).toBeGreaterThan(10);
    expect(row).toMatchObject({ significant: true, verdict: 'machine' });
    expect(Math.abs(row.correctedChangePct!)).toBeLessThan(10);
  });
});
