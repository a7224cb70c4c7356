/** The host-budget verdicts the check script prints, judged on generated results (plugbench at 1.25× its bare mechanism). */
import { describe, expect, it } from 'vitest';
import { HOST_BUDGETS, judgeHostBudgets } from '../../src/bench/host-budget.js';
import type { Family } from '../../src/core/transport.js';
import { makeResults, withTimeSplits } from '../helpers/bench-results.js';

const FAMILIES: Record<string, Family> = { 'in-process': 'in-process', worker: 'thread', 'child-stdio': 'process' };

describe('judgeHostBudgets', () => {
  it("judges each target's × bare against its family's budget", () => {
    const verdicts = judgeHostBudgets(withTimeSplits(makeResults()), (name) => FAMILIES[name]);
    expect(verdicts.map((v) => [v.target, v.budget, v.verdict])).toEqual([
      ['in-process', HOST_BUDGETS['in-process'], 'within'],
      ['worker', HOST_BUDGETS.thread, 'within'],
      ['child-stdio', HOST_BUDGETS.process, 'over'],
    ]);
    for (const verdict of verdicts) expect(verdict.overhead).toBeCloseTo(verdict.plugbench.median! / verdict.bare!.median!, 10);
  });

  it('calls a target without a bare figure unmeasured, and leaves out targets of unknown family', () => {
    const results = withTimeSplits(makeResults());
    const worker = results.results.find((r) => r.target === 'worker' && r.role === 'target')!;
    delete worker.overhead;
    const verdicts = judgeHostBudgets(results, (name) => (name === 'child-stdio' ? undefined : FAMILIES[name]));
    expect(verdicts.map((v) => [v.target, v.verdict])).toEqual([
      ['in-process', 'within'],
      ['worker', 'unmeasured'],
    ]);
  });
});
