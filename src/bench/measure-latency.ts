/**
 * One round trip at a time: a warm-up that runs until the timings are steady
 * (discarded), then a fixed number of measured calls with tinybench. Each sample
 * is timed around the call itself and kept in the order measured; tinybench adds
 * the 95% margin of the mean (Student's t). tinybench's own warm-up (at least
 * `warmup` calls and LOOP_WARMUP_MS, discarded) runs the measuring loop itself
 * hot: measured on the loaded 2-core VM, without it an in-process call's quick
 * median was 1.5-1.8 µs against 0.67 µs in a full run (scripts/check-warmup.mjs).
 */
import { Bench } from 'tinybench';
import { abortError } from './abort.js';
import { STEADY_WARMUP_MS } from './budget.js';
import { warmUntilSteady, type WarmupReport } from './steady-warmup.js';

export interface LatencyPlan {
  samples: number;
  /** Warm-up calls at least; the warm-up goes on until the timings are steady (see steady-warmup.ts). */
  warmup: number;
  /** How long the warm-up may take: at least `min`, at most `max` ms (default STEADY_WARMUP_MS); `alreadyWarm` as in WarmupPlan. */
  warmupMs?: { min: number; max: number; alreadyWarm?: boolean };
  signal: AbortSignal;
}

export interface LatencyMeasurement {
  /** Milliseconds per call, in the order measured, warm-up excluded. */
  samples: number[];
  mean: number;
  /** Half-width of the 95% confidence interval of the mean (Student's t with n - 1 degrees of freedom). */
  margin: number;
  warmup: WarmupReport;
}

/** The measuring loop's own warm-up, after the steady warm-up of the call. */
const LOOP_WARMUP_MS = 50;

export async function measureLatency(call: () => Promise<unknown>, plan: LatencyPlan): Promise<LatencyMeasurement> {
  const window = plan.warmupMs ?? STEADY_WARMUP_MS;
  const warmup = await warmUntilSteady(call, { minMs: window.min, maxMs: window.max, minCalls: plan.warmup, alreadyWarm: plan.warmupMs?.alreadyWarm === true }, plan.signal);
  const samples: number[] = [];
  let phase: string | undefined;
  const bench = new Bench({
    iterations: plan.samples,
    time: 0,
    warmup: true,
    warmupIterations: plan.warmup,
    warmupTime: LOOP_WARMUP_MS,
    throws: true,
    signal: plan.signal,
  });
  bench.add(
    'call',
    async () => {
      const began = performance.now();
      await call();
      const ms = performance.now() - began;
      if (phase === 'run') samples.push(ms);
      return { overriddenDuration: ms };
    },
    { beforeAll: (mode) => void (phase = mode) },
  );
  await bench.run();
  if (plan.signal.aborted) throw abortError(plan.signal);
  const result = bench.tasks[0]!.result;
  if (result.state === 'errored') throw result.error;
  if (result.state !== 'completed') throw new Error(`latency measurement ended in state ${result.state}`);
  return { samples, mean: result.latency.mean, margin: result.latency.moe, warmup };
}
