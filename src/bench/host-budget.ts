/**
 * What plugbench's host may cost per call (issue 14's call-path budgets): a
 * target's latency over the bare mechanism it is built on, measured in the same
 * rounds, may be at most this many times, by the channel its call crosses: on
 * the host's thread (the in-process and embedded families) 1.5x, a worker's
 * MessagePort 1.3x, a process channel 1.1x. Checked by
 * scripts/measure-host-overhead.mjs on a run of the latency suite.
 */
import type { Channel } from '../core/transport.js';
import type { BenchResults, ResultRow } from './results.js';
import { timeSplits } from './time-splits.js';

export const HOST_BUDGETS: Readonly<Record<Channel, number>> = {
  function: 1.5,
  'message-port': 1.3,
  pipe: 1.1,
  tcp: 1.1,
  unix: 1.1,
  zeromq: 1.1,
};

export interface BudgetVerdict {
  target: string;
  channel: Channel;
  floor?: ResultRow;
  bare?: ResultRow;
  plugbench: ResultRow;
  /** plugbench / bare, from the target row. */
  overhead?: number;
  budget: number;
  /** within: overhead <= budget; over: above it; unmeasured: no bare figure to judge against. */
  verdict: 'within' | 'over' | 'unmeasured';
}

/** One verdict per target with its time split in `results`; `channelOf` says each target's channel (unknown: not judged). */
export function judgeHostBudgets(results: BenchResults, channelOf: (target: string) => Channel | undefined): BudgetVerdict[] {
  return timeSplits(results).flatMap(({ target, floor, bare }): BudgetVerdict[] => {
    const channel = channelOf(target.target);
    if (!channel) return [];
    const budget = HOST_BUDGETS[channel];
    const overhead = target.overhead;
    const verdict = overhead === undefined ? 'unmeasured' : overhead <= budget ? 'within' : 'over';
    return [{ target: target.target, channel, plugbench: target, budget, verdict, ...(overhead === undefined ? {} : { overhead }), ...(floor ? { floor } : {}), ...(bare ? { bare } : {}) }];
  });
}
