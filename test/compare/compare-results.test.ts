import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/compare/compare-results.js';
import { decideGate } from '../../src/compare/gate.js';
import { comparisonNotes, machineDifferences } from '../../src/compare/machine-differences.js';
import { makeResults, withSlowerTarget } from '../helpers/bench-results.js';

describe('compareResults', () => {
  it('finds no change when a results file is compared with itself', () => {
    const results = makeResults();
    const comparison = compareResults(results, results);
    const okRows = results.results.filter((r) => r.status === 'ok').length;
    expect(comparison.rows).toHaveLength(okRows);
    for (const row of comparison.rows) {
      expect(row).toMatchObject({ changePct: 0, p: 1, significant: false, verdict: 'not-significant' });
    }
    expect(comparison.regressions).toBe(0);
    expect(comparison.machineDifferences).toEqual([]);
    expect(decideGate(comparison, false)).toMatchObject({ status: 'pass', exitCode: 0 });
  });

  it('says the machine drifted when a raw channel floor moved, and not otherwise', () => {
    const base = makeResults({ seed: 1 });
    expect(compareResults(base, withSlowerTarget(base, 'worker', 1.3)).notes.join(' ')).not.toContain('floors moved');
    const drift = compareResults(base, withSlowerTarget(base, 'floor:message-port', 1.5)).notes.join(' ');
    expect(drift).toContain('the raw channel floors moved between the runs (floor:message-port +50.0%)');
  });

  it('flags exactly the target made 30% slower, on every row that measures time or rate', () => {
    const base = makeResults({ seed: 1 });
    const head = withSlowerTarget(base, 'worker', 1.3);
    const comparison = compareResults(base, head);
    const flagged = comparison.rows.filter((r) => r.verdict === 'regression');
    const expected = base.results.filter((r) => r.target === 'worker' && r.status === 'ok' && ['ms', 'calls/s'].includes(r.unit) && r.samples.length > 1);
    expect(flagged.map((r) => `${r.suite}/${r.metric}/${JSON.stringify(r.params)}`).sort()).toEqual(
      expected.map((r) => `${r.suite}/${r.metric}/${JSON.stringify(r.params)}`).sort(),
    );
    for (const row of flagged) {
      expect(row.target).toBe('worker');
      expect(row.p).toBeLessThan(0.05);
      // Time rows grow by 30%; rate rows (better: higher) drop to 1/1.3.
      expect(row.changePct).toBeCloseTo(row.better === 'lower' ? 30 : (1 / 1.3 - 1) * 100, 6);
    }
    expect(comparison.regressions).toBe(flagged.length);
    expect(decideGate(comparison, false)).toMatchObject({ status: 'regression', exitCode: 1 });
    expect(decideGate(comparison, false).message).toContain('worker latency round-trip +30.0%');
  });

  it('does not call fresh noise a regression: two independent runs of the same code', () => {
    const comparison = compareResults(makeResults({ seed: 1 }), makeResults({ seed: 2 }));
    expect(comparison.rows.filter((r) => r.verdict === 'regression')).toEqual([]);
    expect(comparison.rows.some((r) => r.changePct !== 0)).toBe(true);
  });

  it('calls a significant change smaller than the threshold "within-threshold", and a large gain an improvement', () => {
    const base = makeResults();
    const slightlySlower = compareResults(base, withSlowerTarget(base, 'worker', 1.05), { thresholdPct: 10, alpha: 0.05 });
    const latency = slightlySlower.rows.find((r) => r.target === 'worker' && r.suite === 'latency')!;
    expect(latency).toMatchObject({ significant: true, verdict: 'within-threshold' });
    expect(slightlySlower.regressions).toBe(0);
    const faster = compareResults(base, withSlowerTarget(base, 'worker', 1 / 1.5));
    expect(faster.rows.find((r) => r.target === 'worker' && r.suite === 'latency')!.verdict).toBe('improvement');
    expect(faster.regressions).toBe(0);
  });

  it('respects the threshold and alpha it is given', () => {
    const base = makeResults();
    const head = withSlowerTarget(base, 'worker', 1.3);
    expect(compareResults(base, head, { thresholdPct: 40, alpha: 0.05 }).regressions).toBe(0);
    // n = 30 vs 30 shifted apart: p is tiny, so even a strict alpha keeps the regressions.
    expect(compareResults(base, head, { thresholdPct: 10, alpha: 0.001 }).rows.find((r) => r.target === 'worker' && r.suite === 'latency')!.verdict).toBe(
      'regression',
    );
  });

  it('lists rows found in one file only, and status changes, without failing', () => {
    const base = makeResults();
    const head = makeResults();
    head.results = head.results.filter((r) => !(r.target === 'child-stdio' && r.suite === 'recovery'));
    head.results.push({ ...head.results[1]!, target: 'zeromq' });
    const failing = head.results.findIndex((r) => r.target === 'worker' && r.suite === 'startup' && r.metric === 'start-to-first-call');
    head.results[failing] = { ...head.results[failing]!, status: 'failed', samples: [], median: null, note: 'boom' };
    const comparison = compareResults(base, head);
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
    const comparison = compareResults(base, head);
    expect(comparison.onlyInBase).toEqual([]);
    expect(comparison.onlyInHead).toEqual([]);
  });

  it('treats any change from a zero median as beyond the threshold', () => {
    const base = makeResults();
    const head = structuredClone(base);
    base.results.push({ target: 'worker', suite: 'recovery', metric: 'calls-failed', unit: 'count', better: 'lower', status: 'ok', median: 0, samples: Array(20).fill(0) });
    head.results.push({ target: 'worker', suite: 'recovery', metric: 'calls-failed', unit: 'count', better: 'lower', status: 'ok', median: 3, samples: Array(20).fill(3) });
    const row = compareResults(base, head).rows.find((r) => r.metric === 'calls-failed')!;
    expect(row).toMatchObject({ changePct: null, significant: true, verdict: 'regression' });
  });
});

describe('machineDifferences and the gate', () => {
  it('ignores the hostname, commit and plugbench version, and names CPU, cores, OS and Node differences', () => {
    const base = makeResults();
    const sameMachine = makeResults({ machine: { hostname: 'runner-42', gitCommit: 'ffff', plugbenchVersion: '0.2.0' } });
    expect(machineDifferences(base, sameMachine)).toEqual([]);
    const other = makeResults({ machine: { cpuModel: 'Other CPU', cores: 4, os: 'darwin 23.0.0 arm64', node: 'v22.1.0' } });
    expect(machineDifferences(base, other).map((d) => d.what)).toEqual(['CPU', 'cores', 'OS', 'Node']);
  });

  it('refuses to gate results from different machines unless allowed, even with a regression', () => {
    const base = makeResults();
    const head = withSlowerTarget(makeResults({ machine: { cpuModel: 'Other CPU' } }), 'worker', 1.3);
    const comparison = compareResults(base, head);
    const refused = decideGate(comparison, false);
    expect(refused).toMatchObject({ status: 'refused', exitCode: 2 });
    expect(refused.message).toContain('CPU Test CPU @ 2.00GHz vs Other CPU');
    expect(refused.message).toContain('--allow-different-machines');
    expect(decideGate(comparison, true)).toMatchObject({ status: 'regression', exitCode: 1 });
  });

  it('notes, without refusing, a quick run against a full one and a busy machine', () => {
    const notes = comparisonNotes(makeResults({ quick: true }), makeResults({ quick: false, machine: { loadAverage: [3.5, 2, 1] } }));
    expect(notes).toEqual([
      'base is a quick run and head a full run: sample counts differ, so p-values do too',
      'head started with load average 3.50 on 2 cores: its samples may be noisy',
    ]);
    expect(comparisonNotes(makeResults(), makeResults())).toEqual([]);
  });
});
