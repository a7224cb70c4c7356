/**
 * compareRuns on generated runs: every run has its own noise and, with `drift`, a
 * machine speed of its own (floors and targets alike), as on a shared VM.
 */
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../src/results/types.js';
import { compareRuns } from '../../src/compare/compare-results.js';
import { decideGate } from '../../src/compare/gate.js';
import { makeResults, makeRuns, mapRuns, withSlowerTarget } from '../helpers/bench-results.js';

const one = (results: BenchResults) => [{ file: 'run.json', results }];
const regressed = (comparison: ReturnType<typeof compareRuns>) => comparison.rows.filter((r) => r.verdict === 'regression').map((r) => `${r.target} ${r.suite} ${r.metric}`);

describe('compareRuns over runs', () => {
  it('finds nothing in 10 + 10 runs of the same code whose machine speed swings by up to 30% per run', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const comparison = compareRuns(makeRuns(10, { seed, drift: 0.3 }), makeRuns(10, { seed: seed + 100, drift: 0.3 }));
      expect(comparison.mode).toBe('runs');
      expect(regressed(comparison)).toEqual([]);
      expect(comparison.familySize).toBeGreaterThan(20);
    }
  });

  it('flags a target 25% slower in every head run on its judged rows only, never on floors or derived rows', () => {
    const base = makeRuns(10, { seed: 1, drift: 0.05 });
    const head = mapRuns(makeRuns(10, { seed: 2, drift: 0.05 }), (r) => withSlowerTarget(r, 'worker', 1.25));
    const comparison = compareRuns(base, head);
    const flagged = comparison.rows.filter((r) => r.verdict === 'regression');
    expect(new Set(flagged.map((r) => r.target))).toEqual(new Set(['worker']));
    expect(flagged.map((r) => `${r.suite} ${r.metric}`)).toContain('latency round-trip');
    const derived = comparison.rows.find((r) => r.target === 'worker' && r.metric === 'calls-per-second')!;
    expect(derived).toMatchObject({ verdict: 'derived', derivedFrom: ['round-trip'], holmP: null });
    expect(comparison.rows.find((r) => r.target === 'floor:message-port')!.verdict).toBe('reference');
    expect(comparison.regressions).toBe(flagged.length);
    expect(decideGate(comparison, false).message).toMatch(/^\d+ regressions: worker latency round-trip \+2\d\.\d% \(p[<=]/);
  });

  it('never counts a floor as a regression, however far it moves', () => {
    const base = makeRuns(10, { seed: 1 });
    const head = mapRuns(makeRuns(10, { seed: 2 }), (r) => withSlowerTarget(r, 'floor:message-port', 3));
    const comparison = compareRuns(base, head);
    expect(comparison.regressions).toBe(0);
    expect(comparison.rows.find((r) => r.target === 'floor:message-port')).toMatchObject({ verdict: 'reference', holmP: null });
  });

  it('says which suites could not be judged when the runs are too few: 2 + 2 never reach p < 0.05', () => {
    const comparison = compareRuns(makeRuns(2, { seed: 1 }), mapRuns(makeRuns(2, { seed: 2 }), (r) => withSlowerTarget(r, 'worker', 2)));
    expect(comparison.regressions).toBe(0);
    expect(comparison.familySize).toBe(0);
    const latency = comparison.suites.find((s) => s.suite === 'latency')!;
    expect(latency).toMatchObject({ inconclusive: latency.rows, bestDetectablePct: null });
    expect(comparison.rows.find((r) => r.target === 'worker' && r.metric === 'round-trip')).toMatchObject({ verdict: 'inconclusive', detectable: null });
  });

  it('gives every row the smallest change it could have detected; a quiet row detects less than the threshold', () => {
    const comparison = compareRuns(makeRuns(10, { seed: 1 }), makeRuns(10, { seed: 2 }));
    const latency = comparison.rows.find((r) => r.target === 'worker' && r.metric === 'round-trip')!;
    expect(latency.verdict).toBe('no-change');
    expect(latency.detectable!.pct).toBeGreaterThan(0);
    expect(latency.detectable!.pct).toBeLessThan(10);
    expect(latency.ci!.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('calls a row failing in most head runs a regression, and one failure in ten a note', () => {
    const fail = (results: BenchResults) => ({
      ...results,
      results: results.results.map((r) => (r.target === 'worker' && r.metric === 'start-to-first-call' ? { ...r, status: 'failed' as const, samples: [], median: null, note: 'boom' } : r)),
    });
    const base = makeRuns(10, { seed: 1 });
    const mostly = makeRuns(10, { seed: 2 }).map((run, i) => (i < 6 ? { ...run, results: fail(run.results) } : run));
    expect(compareRuns(base, mostly).statusChanges).toEqual([expect.objectContaining({ target: 'worker', suite: 'startup', regression: true })]);
    const once = makeRuns(10, { seed: 2 }).map((run, i) => (i === 0 ? { ...run, results: fail(run.results) } : run));
    const comparison = compareRuns(base, once);
    expect(comparison.regressions).toBe(0);
    expect(comparison.rows.find((r) => r.target === 'worker' && r.metric === 'start-to-first-call')!.notes).toEqual([
      'failed in 1 of 10 head runs: boom; judged on the others',
    ]);
  });
});

describe('compareRuns with one run per side', () => {
  it('says it cannot tell drift from change', () => {
    const comparison = compareRuns(one(makeResults({ seed: 1 })), one(makeResults({ seed: 2 })));
    expect(comparison.mode).toBe('samples');
    expect(comparison.notes[0]).toMatch(/^one run per side: .* cannot tell the machine drifting between the runs from a change of the code/);
  });

  it('flags a 30% slower target on its time and rate rows', () => {
    const base = makeResults({ seed: 1 });
    const comparison = compareRuns(one(base), one(withSlowerTarget(base, 'worker', 1.3)));
    expect(new Set(comparison.rows.filter((r) => r.verdict === 'regression').map((r) => r.target))).toEqual(new Set(['worker']));
  });

  it('calls a change the floors show as well "the machine", not a regression', () => {
    // The whole machine 30% slower in head: targets and floors alike.
    const comparison = compareRuns(one(makeResults({ seed: 1 })), one(makeResults({ seed: 2, speed: 1.3 })));
    expect(comparison.machineSpeed!.driftPct).toBeCloseTo(30, 0);
    expect(comparison.regressions).toBe(0);
    expect(comparison.rows.find((r) => r.target === 'worker' && r.metric === 'round-trip')).toMatchObject({ verdict: 'machine' });
  });

  it('treats any change from a zero median as beyond the threshold', () => {
    const base = makeResults();
    const head = structuredClone(base);
    base.results.push({ target: 'worker', suite: 'recovery', metric: 'calls-failed', unit: 'count', better: 'lower', status: 'ok', median: 0, samples: Array(20).fill(0) });
    head.results.push({ target: 'worker', suite: 'recovery', metric: 'calls-failed', unit: 'count', better: 'lower', status: 'ok', median: 3, samples: Array(20).fill(3) });
    const row = compareRuns(one(base), one(head)).rows.find((r) => r.metric === 'calls-failed')!;
    expect(row).toMatchObject({ changePct: null, significant: true, verdict: 'regression' });
  });

  it('lists rows found on one side only, and status changes', () => {
    const base = makeResults();
    const head = makeResults();
    head.results = head.results.filter((r) => !(r.target === 'child-stdio' && r.suite === 'recovery'));
    head.results.push({ ...head.results[1]!, target: 'zeromq' });
    const failing = head.results.findIndex((r) => r.target === 'worker' && r.metric === 'start-to-first-call');
    head.results[failing] = { ...head.results[failing]!, status: 'failed', samples: [], median: null, note: 'boom' };
    const comparison = compareRuns(one(base), one(head));
    expect(comparison.onlyInBase).toEqual([expect.objectContaining({ target: 'child-stdio', suite: 'recovery' })]);
    expect(comparison.onlyInHead).toEqual([expect.objectContaining({ target: 'zeromq', suite: 'latency' })]);
    expect(comparison.statusChanges).toEqual([expect.objectContaining({ target: 'worker', suite: 'startup', base: 'ok', head: 'failed', regression: true })]);
    expect(comparison.notComparedCount).toBe(1); // in-process hang: not-recoverable in both
    expect(comparison.regressions).toBe(1);
  });

  it('matches rows by parameters whatever their order in the file', () => {
    const base = makeResults();
    const head = structuredClone(base);
    for (const r of head.results) if (r.params) r.params = Object.fromEntries(Object.entries({ extra: 'x', ...r.params }).reverse());
    for (const r of base.results) if (r.params) r.params = { extra: 'x', ...r.params };
    const comparison = compareRuns(one(base), one(head));
    expect(comparison.onlyInBase).toEqual([]);
    expect(comparison.onlyInHead).toEqual([]);
  });
});
