/**
 * How much each suite measures in quick and full mode. Sample counts are fixed
 * (not "run for N seconds") so two runs are comparable sample for sample; the
 * warm-up is not: it runs until the timings are steady (steady-warmup.ts), the
 * same way in both modes, so quick and full agree on warm figures. What
 * identifies a measurement (calls in flight, the hang deadline) is the same in
 * both modes, so a quick and a full run share row keys; the one exception, the
 * quick hang check, is in the hang rows' key (docs/benchmark.md#what-a-quick-run-leaves-to-a-full-run).
 */
import { DEFAULT_HANG_CHECK_MS } from '../core/supervisor.js';

export interface Budget {
  /** Latency and callback: measured calls, after warm-up calls that are discarded. */
  latencySamples: number;
  /** Warm-up calls at least; the warm-up itself lasts until steady (STEADY_WARMUP_MS). */
  latencyWarmup: number;
  /** Throughput: the calls in flight measured (each level is a row), measured rounds per level, and how long one round should last. */
  throughputInFlight: readonly number[];
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
  /**
   * Hang: how long the supervisor's health check after the TIMEOUT waits before
   * it counts the plugin as hung (SupervisorOptions.hangCheckMs). A single-threaded
   * process never answers it, so each hung call costs this much, and the hung process
   * spins a core until then.
   */
  hangCheckMs: number;
  /** Calls kept in flight while crashing or swapping the plugin. */
  callsInFlight: number;
  /** Deadline of one suite on one target; past it the suite is recorded as failed. */
  suiteTimeoutMs: number;
}

const KIB = 1024;

/** How long a warm-up may take, in both modes: at least 150 ms (tens of thousands of in-process calls), at most 1.5 s. */
export const STEADY_WARMUP_MS = { min: 150, max: 1_500 } as const;
/** Payload sizes run on a plugin the latency suite has warmed: a short steady check is enough. */
export const PAYLOAD_WARMUP_MS = { min: 30, max: 500, alreadyWarm: true } as const;

/**
 * The quick run's hang check: twice the hang deadline, and well above the ~100 ms a
 * worker takes to start its fresh thread, so a worker still passes it; a hung process
 * is given up on after 0.5 s instead of the default 2 s.
 */
export const QUICK_HANG_CHECK_MS = 500;

/** Scenario parameters: part of the row keys, so the same in quick and full runs. */
const SCENARIO = { hangTimeoutMs: 250, callsInFlight: 16 } as const;

export const QUICK_BUDGET: Budget = {
  // 300, not 100: pinned on the 2-core VM, a nats run's median of 100 calls moved 19%
  // between runs of the same code (300: 12%, 1000: 7%), too much for the gate to see a
  // 25% change in 10 rounds; 300 adds ~2 s to a 22-target latency run (docs/ci.md).
  latencySamples: 300,
  latencyWarmup: 20,
  // The table's two figures, one call at a time and 64 in flight; the knee at 16 is a full run's.
  throughputInFlight: [1, 64],
  throughputRounds: 3,
  throughputRoundMs: 30,
  // The payload suite checks one answer per size before measuring; that call warms up too.
  // 100 small-string samples, not 20: the median of 20 moved up to 115% between a quick
  // and a full run of the same code (scripts/check-warmup.mjs); 100 cost under 0.1 s a target.
  payload: [
    { bytes: 16, samples: 100, warmup: 5 },
    { bytes: KIB, samples: 100, warmup: 5 },
    { bytes: 64 * KIB, samples: 5, warmup: 1 },
    { bytes: KIB * KIB, samples: 2, warmup: 0 },
  ],
  // Runs are the unit (docs/ci.md): a median per run per row, not a p-value from one run's samples.
  startupRuns: 3,
  faultTrials: 3,
  // One hung call proves the hang is handled; its spread is left to a full run.
  hangTrials: 1,
  ...SCENARIO,
  hangCheckMs: QUICK_HANG_CHECK_MS,
  suiteTimeoutMs: 20_000,
};

export const FULL_BUDGET: Budget = {
  latencySamples: 1000,
  latencyWarmup: 100,
  throughputInFlight: [1, 16, 64],
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
  // The supervisor's default: what a user's supervisor does.
  hangCheckMs: DEFAULT_HANG_CHECK_MS,
  suiteTimeoutMs: 60_000,
};

export function budgetFor(quick: boolean): Budget {
  return quick ? QUICK_BUDGET : FULL_BUDGET;
}
