/**
 * How much each suite measures in quick and full mode. Counts are fixed (not
 * "run for N seconds") so two runs are comparable sample for sample; they are
 * sized so `--quick` covers ~16 targets in under a minute and a full run in
 * under five on a 2-core machine (about 2-3 s and 15 s per target).
 */
export interface Budget {
  /** Latency and callback: measured calls, after warm-up calls that are discarded. */
  latencySamples: number;
  latencyWarmup: number;
  /** Throughput: measured rounds per concurrency, and how long one round should last. */
  throughputRounds: number;
  throughputRoundMs: number;
  /** Payload: samples and warm-up calls per payload size, by size in bytes. */
  payload: ReadonlyArray<{ bytes: number; samples: number; warmup: number }>;
  /** Startup: fresh starts measured (after one discarded first start). */
  startupRuns: number;
  /** Recovery, hang and swap: repetitions of the whole scenario. */
  faultTrials: number;
  /** Hang: the call deadline the host sets before giving up on the hung call. */
  hangTimeoutMs: number;
  /** Calls kept in flight while crashing or swapping the plugin. */
  callsInFlight: number;
  /** Deadline of one suite on one target; past it the suite is recorded as failed. */
  suiteTimeoutMs: number;
}

const KIB = 1024;

export const QUICK_BUDGET: Budget = {
  latencySamples: 100,
  latencyWarmup: 20,
  throughputRounds: 3,
  throughputRoundMs: 30,
  // The payload suite checks one answer per size before measuring; that call warms up too.
  payload: [
    { bytes: 16, samples: 20, warmup: 5 },
    { bytes: KIB, samples: 20, warmup: 5 },
    { bytes: 64 * KIB, samples: 5, warmup: 1 },
    { bytes: KIB * KIB, samples: 2, warmup: 0 },
  ],
  startupRuns: 2,
  faultTrials: 1,
  hangTimeoutMs: 250,
  callsInFlight: 8,
  suiteTimeoutMs: 20_000,
};

export const FULL_BUDGET: Budget = {
  latencySamples: 1000,
  latencyWarmup: 100,
  throughputRounds: 10,
  throughputRoundMs: 100,
  payload: [
    { bytes: 16, samples: 300, warmup: 30 },
    { bytes: KIB, samples: 300, warmup: 30 },
    { bytes: 64 * KIB, samples: 50, warmup: 5 },
    { bytes: KIB * KIB, samples: 10, warmup: 1 },
  ],
  startupRuns: 10,
  faultTrials: 3,
  hangTimeoutMs: 500,
  callsInFlight: 16,
  suiteTimeoutMs: 60_000,
};

export function budgetFor(quick: boolean): Budget {
  return quick ? QUICK_BUDGET : FULL_BUDGET;
}
