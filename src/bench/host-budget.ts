/**
 * What plugbench's host may cost per call (issue 14's call-path budgets): a
 * target's latency over the bare mechanism it is built on, measured in the same
 * rounds, may be at most this many times, by the channel its call crosses: on
 * the host's thread (the in-process and embedded families) 1.5x, a worker's
 * MessagePort or shared memory 1.3x, a process channel 1.1x. Checked by
 * scripts/measure-host-overhead.mjs on a run of the latency suite.
 */
import type { Channel } from '../core/transport.js';
import { median } from 'simple-statistics';
import type { BenchResults } from '../results/types.js';
import { timeSplits, type TimeSplit } from '../results/time-splits.js';

export const HOST_BUDGETS: Readonly<Record<Channel, number>> = {
  function: 1.5,
  'message-port': 1.3,
  'shared-memory': 1.3,
  pipe: 1.1,
  tcp: 1.1,
  unix: 1.1,
  zeromq: 1.1,
};

export interface BudgetVerdict {
  target: string;
  channel: Channel;
  /** The bare mechanism's row name (`bare:grpc-js`), when the target has one. */
  bare?: string;
  /** Medians over the runs of each figure's median, in ms. */
  floorMs?: number;
  bareMs?: number;
  plugbenchMs: number;
  /** The median over the runs of plugbench / bare, each run's ratio from its own alternating rounds. */
  overhead?: number;
  budget: number;
  /** within: overhead <= budget; over: above it; unmeasured: no bare figure to judge against. */
  verdict: 'within' | 'over' | 'unmeasured';
  /** Runs that measured the target. */
  runs: number;
}

/**
 * One verdict per target with a time split in `runs` (results files of the
 * latency suite), judged on the median over the runs; `channelOf` says each
 * target's channel (unknown: not judged).
 */
export function judgeHostBudgets(runs: readonly BenchResults[], channelOf: (target: string) => Channel | undefined): BudgetVerdict[] {
  const byTarget = new Map<string, TimeSplit[]>();
  for (const split of runs.flatMap((results) => timeSplits(results))) {
    byTarget.set(split.target.target, [...(byTarget.get(split.target.target) ?? []), split]);
  }
  return [...byTarget].flatMap(([target, splits]): BudgetVerdict[] => {
    const channel = channelOf(target);
    if (!channel) return [];
    const budget = HOST_BUDGETS[channel];
    const overhead = medianOf(splits.map((split) => split.target.overhead));
    const verdict = overhead === undefined ? 'unmeasured' : overhead <= budget ? 'within' : 'over';
    const judged: BudgetVerdict = { target, channel, plugbenchMs: medianOf(splits.map((split) => split.target.median))!, budget, verdict, runs: splits.length };
    const bare = splits.find((split) => split.target.bare)?.target.bare;
    const floorMs = medianOf(splits.map((split) => split.floor?.median));
    const bareMs = medianOf(splits.map((split) => split.bare?.median));
    if (bare !== undefined) judged.bare = bare;
    if (floorMs !== undefined) judged.floorMs = floorMs;
    if (bareMs !== undefined) judged.bareMs = bareMs;
    if (overhead !== undefined) judged.overhead = overhead;
    return [judged];
  });
}

/** The median of the values that are numbers; undefined when there is none. */
function medianOf(values: ReadonlyArray<number | null | undefined>): number | undefined {
  const numbers = values.filter((value): value is number => typeof value === 'number');
  return numbers.length === 0 ? undefined : median(numbers);
}
