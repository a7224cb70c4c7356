/**
 * Warm-up until the timings are steady, not for a fixed number of calls: V8
 * compiles a hot path in tiers (interpreter, baseline, optimised) after enough
 * calls, so 20 calls warm a 300 µs child round trip but leave a 5 µs in-process
 * call in the interpreter. Calls run in short batches; warm-up ends once it has
 * lasted `minMs` and the last batches agree, or at `maxMs` (then it says so).
 */
import { median } from 'simple-statistics';
import { checkAborted } from './abort.js';

export interface WarmupPlan {
  /** Warm up at least this long, whatever the batches say. */
  minMs: number;
  /** Stop here even when not steady; the report says `steady: false`. */
  maxMs: number;
  /** At least this many calls (a slow call may outlast minMs on its own). */
  minCalls: number;
}

/** What the warm-up did, kept beside the row (never part of its identity). */
export interface WarmupReport {
  calls: number;
  ms: number;
  /** The last batches agreed within STEADY_SPREAD before maxMs. */
  steady: boolean;
}

/** One batch lasts about this long (at least one call). */
const BATCH_MS = 10;
/** Steady: the last STEADY_BATCHES batch medians lie within this ratio of each other. */
const STEADY_SPREAD = 1.1;
const STEADY_BATCHES = 3;

/** Calls `call` one at a time until steady; returns what it did. The timings are discarded. */
export async function warmUntilSteady(call: () => Promise<unknown>, plan: WarmupPlan, signal: AbortSignal): Promise<WarmupReport> {
  const began = performance.now();
  const batchMedians: number[] = [];
  let calls = 0;
  for (;;) {
    checkAborted(signal);
    const batch = await timeBatch(call);
    calls += batch.length;
    batchMedians.push(median(batch));
    const ms = performance.now() - began;
    const steady = calls >= plan.minCalls && isSteady(batchMedians);
    if ((ms >= plan.minMs && steady) || ms >= plan.maxMs) return { calls, ms, steady };
  }
}

/** Calls for about BATCH_MS, each timed. */
async function timeBatch(call: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  const end = performance.now() + BATCH_MS;
  do {
    const began = performance.now();
    await call();
    times.push(performance.now() - began);
  } while (performance.now() < end);
  return times;
}

export function isSteady(batchMedians: readonly number[]): boolean {
  if (batchMedians.length < STEADY_BATCHES) return false;
  const last = batchMedians.slice(-STEADY_BATCHES);
  const low = Math.min(...last);
  return low > 0 ? Math.max(...last) / low <= STEADY_SPREAD : Math.max(...last) === low;
}
