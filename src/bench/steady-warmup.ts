/**
 * Warm-up until the timings are steady, not for a fixed number of calls: V8
 * compiles a hot path in tiers (interpreter, baseline, optimised) after enough
 * calls, so 20 calls warm a 300 µs child round trip but leave a 5 µs in-process
 * call in the interpreter. Calls run in short batches; warm-up ends once it has
 * lasted `minMs`, the last batches agree and no slow drift is left, or at `maxMs`
 * (then it says so).
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
  /** A plugin another suite has warmed (payload's sizes): three batches agreeing is enough, no wait for a drift to stop. */
  alreadyWarm?: boolean;
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
/** Steady: the last STEADY_BATCHES batch medians lie within this ratio of each other (isSteady)... */
const STEADY_SPREAD = 1.1;
const STEADY_BATCHES = 3;
/**
 * ...and, for a call's warm-up, its last third is within this ratio of the third before it (the
 * median of each third's batch medians). Three batches in a row can agree by chance
 * while a slow drift goes on: a nats call (three processes on one CPU) gets faster
 * for its first ~4000 calls, 285 -> 100 µs, and a warm-up of 270 calls that passed the
 * three-batch test measured 238 µs where one of 1600 measured 114 µs (docs/method.md, "Warm means warm").
 */
const DRIFT_SPREAD = 1.05;
/**
 * Before the drift check may end a first warm-up, it has made JIT_CALLS calls or lasted
 * JIT_MS: V8 tiers a path up over thousands of calls, and over the first 150 ms two
 * adjacent thirds of a slow drift can agree within 5% (pinned runs of the same code:
 * warm-ups that stopped after 341-3112 calls measured stdio-rpc 73-74 µs, uds-jsonrpc
 * 90-102 and nats 187, where those of 8000 calls or more measured 47-66, 44-77 and 94-124).
 */
const JIT_CALLS = 5_000;
const JIT_MS = 750;

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
    const steady = calls >= plan.minCalls && isSteady(batchMedians) && (plan.alreadyWarm === true || (pastTierUp(calls, ms) && stoppedDrifting(batchMedians)));
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
  return batchMedians.length >= STEADY_BATCHES && withinRatio(batchMedians.slice(-STEADY_BATCHES), STEADY_SPREAD);
}

function pastTierUp(calls: number, ms: number): boolean {
  return calls >= JIT_CALLS || ms >= JIT_MS;
}

/** The last third of the batches against the third before it; too few batches for thirds of STEADY_BATCHES: not yet. */
export function stoppedDrifting(batchMedians: readonly number[]): boolean {
  const third = Math.floor(batchMedians.length / 3);
  if (third < STEADY_BATCHES) return false;
  return withinRatio([median(batchMedians.slice(-2 * third, -third)), median(batchMedians.slice(-third))], DRIFT_SPREAD);
}

function withinRatio(values: readonly number[], ratio: number): boolean {
  const low = Math.min(...values);
  return low > 0 ? Math.max(...values) / low <= ratio : Math.max(...values) === low;
}
