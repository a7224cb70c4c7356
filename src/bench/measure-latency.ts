/**
 * One round trip at a time, with tinybench: a fixed number of warm-up calls
 * (discarded), then a fixed number of measured calls. Each sample is timed
 * around the call itself and kept in the order measured, so later runs can be
 * compared sample for sample; tinybench adds the mean's margin of error.
 */
import { Bench } from 'tinybench';
import { abortError } from './abort.js';

export interface LatencyPlan {
  samples: number;
  warmup: number;
  signal: AbortSignal;
}

export interface LatencyMeasurement {
  /** Milliseconds per call, in the order measured, warm-up excluded. */
  samples: number[];
  mean: number;
  /** Half-width of the 95% confidence interval of the mean. */
  margin: number;
}

export async function measureLatency(call: () => Promise<unknown>, plan: LatencyPlan): Promise<LatencyMeasurement> {
  const samples: number[] = [];
  let phase: string | undefined;
  const bench = new Bench({
    iterations: plan.samples,
    time: 0,
    warmup: plan.warmup > 0,
    warmupIterations: plan.warmup,
    warmupTime: 0,
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
  return { samples, mean: result.latency.mean, margin: result.latency.moe };
}
