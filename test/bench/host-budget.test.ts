/** The host-budget verdicts the check script prints, judged on generated results (plugbench at 1.25× its bare mechanism). */
import { describe, expect, it } from 'vitest';
import { HOST_BUDGETS, judgeHostBudgets } from '../../src/bench/host-budget.js';
import type { BenchResults } from '../../src/results/types.js';
import type { Channel } from '../../src/core/transport.js';
import { makeResults, withTimeSplits } from '../helpers/bench-results.js';

const CHANNELS: Record<string, Channel> = { 'in-process': 'function', worker: 'message-port', 'child-stdio': 'pipe' };
const channelOf = (name: string) => CHANNELS[name];

/** A run whose `target` came out at `overhead` × bare. */
function runWith(target: string, overhead: number, seed: number): BenchResults {
  const results = withTimeSplits(makeResults({ seed }));
  results.results.find((r) => r.target === target && r.role === 'target')!.overhead = overhead;
  return results;
}

describe('judgeHostBudgets', () => {
  it("judges each target's × bare against the budget of its channel", () => {
    const verdicts = judgeHostBudgets([withTimeSplits(makeResults())], channelOf);
    expect(verdicts.map((v) => [v.target, v.budget, v.verdict, v.runs])).toEqual([
      ['in-process', HOST_BUDGETS.function, 'within', 1],
      ['worker', HOST_BUDGETS['message-port'], 'within', 1],
      ['child-stdio', HOST_BUDGETS.pipe, 'over', 1],
    ]);
    for (const verdict of verdicts) expect(verdict.overhead).toBeCloseTo(verdict.plugbenchMs / verdict.bareMs!, 10);
  });

  it('judges several runs on the median ratio, so one noisy run neither passes nor fails a target', () => {
    const runs = [runWith('child-stdio', 1.0, 1), runWith('child-stdio', 1.05, 2), runWith('child-stdio', 3.0, 3)];
    const verdict = judgeHostBudgets(runs, channelOf).find((v) => v.target === 'child-stdio')!;
    expect(verdict).toMatchObject({ overhead: 1.05, verdict: 'within', runs: 3 });
  });

  it('calls a target without a bare figure unmeasured, and leaves out targets of unknown channel', () => {
    const results = withTimeSplits(makeResults());
    delete results.results.find((r) => r.target === 'worker' && r.role === 'target')!.overhead;
    const verdicts = judgeHostBudgets([results], (name) => (name === 'child-stdio' ? undefined : CHANNELS[name]));
    expect(verdicts.map((v) => [v.target, v.verdict])).toEqual([
      ['in-process', 'within'],
      ['worker', 'unmeasured'],
    ]);
  });
});
