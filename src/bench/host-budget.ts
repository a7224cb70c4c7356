/**
 * What plugbench's host may cost per call (issue 14's call-path budgets): a
 * target's latency over the bare mechanism it is built on, measured in the same
 * rounds, may be at most this many times, by family. Checked by
 * scripts/measure-host-overhead.mjs on a run of the latency suite.
 */
import type { Family } from '../core/transport.js';
import type { BenchResults, ResultRow } from './results.js';
import { timeSplits } from './time-splits.js';

export const HOST_BUDGETS: Readonly<Record<Family, number>> = {
  'in-process': 1.5,
  embedded: 1.5,
  thread: 1.3,
  process: 1.1,
};

export interface BudgetVerdict {
  target: string;
  family: Family;
  floor?: ResultRow;
  bare?: ResultRow;
  plugbench: ResultRow;
  /** plugbench / bare, from the target row. */
  overhead?: number;
  budget: number;
  /** within: overhead <= budget; over: above it; unmeasured: no bare figure to judge against. */
  verdict: 'within' | 'over' | 'unmeasured';
}

/** One verdict per target with its time split in `results`; `familyOf` says each target's family. */
export function judgeHostBudgets(results: BenchResults, familyOf: (target: string) => Family | undefined): BudgetVerdict[] {
  return timeSplits(results).flatMap(({ target, floor, bare }): BudgetVerdict[] => {
    const family = familyOf(target.target);
    if (!family) return [];
    const budget = HOST_BUDGETS[family];
    const overhead = target.overhead;
    const verdict = overhead === undefined ? 'unmeasured' : overhead <= budget ? 'within' : 'over';
    return [{ target: target.target, family, plugbench: target, budget, verdict, ...(overhead === undefined ? {} : { overhead }), ...(floor ? { floor } : {}), ...(bare ? { bare } : {}) }];
  });
}
