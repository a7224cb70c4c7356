/** The host-budget verdicts the check script prints, judged on generated results (plugbench at 1.25× its bare mechanism). */
import { describe, expect, it } from 'vitest';
import { HOST_BUDGETS, judgeHostBudgets } from '../../src/bench/host-budget.js';
import type { Channel } from '../../src/core/transport.js';
import { makeResults, withTimeSplits } from '../helpers/bench-results.js';

const CHANNELS: Record<string, Channel> = { 'in-process': 'function', worker: 'message-port', 'child-stdio': 'pipe' };

describe('judgeHostBudgets', () => {
  it("judges each target's × bare against the budget of its channel", () => {
    const verdicts = judgeHostBudgets(withTimeSplits(makeResults()), (name) => CHANNELS[name]);
    expect(verdicts.map((v) => [v.target, v.budget, v.verdict])).toEqual([
      ['in-process', HOST_BUDGETS.function, 'within'],
      ['worker', HOST_BUDGETS['message-port'], 'within'],
      ['child-stdio', HOST_BUDGETS.pipe, 'over'],
    ]);
    for (const verdict of verdicts) expect(verdict.overhead).toBeCloseTo(verdict.plugbench.median! / verdict.bare!.median!, 10);
  });

  it('calls a target without a bare figure unmeasured, and leaves out targets of unknown channel', () => {
    const results = withTimeSplits(makeResults());
    const worker = results.results.find((r) => r.target === 'worker' && r.role === 'target')!;
    delete worker.overhead;
    const verdicts = judgeHostBudgets(results, (name) => (name === 'child-stdio' ? undefined : CHANNELS[name]));
    expect(verdicts.map((v) => [v.target, v.verdict])).toEqual([
      ['in-process', 'within'],
      ['worker', 'unmeasured'],
    ]);
  });
});
