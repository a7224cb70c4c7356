/**
 * How much each suite measures in quick and full mode. Sample counts are fixed
 * (not "run for N seconds") so two runs are comparable sample for sample; the
 * warm-up is not: it runs until the timings are steady (steady-warmup.ts), the
 * same way in both modes, so quick and full agree on warm figures. What
 * identifies a measurement (calls in flight, the hang deadline) is the same in
 * both modes, so a quick and a full run share row keys.
 */
export interface Budget {
  /** Latency and callback: measured calls, after warm-up calls that are discarded. */
  latencySamples: number;
  /** Warm-up calls at least; the warm-up itself lasts until steady (STEADY_WARMUP_MS). */
  latencyWarmup: number;
  /** Throughput: measured rounds per concurrency, and how long one round should last. */
  throughputRounds: number;
  throughputRoundMs: number;
  /** Payload: samples and warm-up calls per payload size, by size in bytes. */
  payload: ReadonlyArray<{ bytes: number; samples: number; warmup: number }>;
  /** Startup: fresh starts measured (after one discarded first start). */
  startupRuns: number;
  /** Recovery and swap: repetitions of the whole scenario. */
  faultTrials: number;
  /** Hang: repetitions (each costs the deadline plus a restart, seconds for a process). */
  hangTrials: number;
  /** Hang: the call deadline the host sets before giving up on the hung call. */
  hangTimeoutMs: number;
  /** Calls kept in flight while crashing or swapping the plugin. */
  callsInFlight: number;
  /** Deadline of one suite on one target; past it the suite is recorded as failed. */
  suiteTimeoutMs: number;
}

const KIB = 1024;

/** How long a warm-up may take, in both modes: at least 150 ms (tens of thousands of in-process calls), at most 1.5 s. */
export const STEADY_WARMUP_MS = { min: 150, max: 1_500 } as const;
/** Payload sizes run on a plugin the latency suite has warmed: a short steady check is enough. */
export const PAYLOAD_WARMUP_MS = { min: 30, max: 500 } as const;

/** Scenario parameters: part of the row keys, so the same in quick and full runs. */
const SCENARIO = { hangTimeoutMs: 250, callsInFlight: 16 } as const;

export const QUICK_BUDGET: Budget = {
  latencySamples: 100,
  latencyWarmup: 20,
  throughputRounds: 5,
  throughputRoundMs: 30,
  // The payload suite checks one answer per size before measuring; that call warms up too.
  payload: [
    { bytes: 16, samples: 20, warmup: 5 },
    { bytes: KIB, samples: 20, warmup: 5 },
    { bytes: 64 * KIB, samples: 5, warmup: 1 },
    { bytes: KIB * KIB, samples: 2, warmup: 0 },
  ],
  // Enough fresh starts and crashes for a single run's samples to reach p < 0.05 (5 + 5, 4 + 4).
  startupRuns: 5,
  faultTrials: 4,
  hangTrials: 2,
  ...SCENARIO,
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
  faultTrials: 5,
  hangTrials: 3,
  ...SCENARIO,
  suiteTimeoutMs: 60_000,
};

export function budgetFor(quick: boolean): Budget {
  return quick ? QUICK_BUDGET : FULL_BUDGET;
}
