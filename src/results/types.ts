/**
 * The results file: what `plugbench bench` writes and `compare`/`report` read
 * (and `audit` writes rows of).
 * One row per target, suite and metric, with the raw samples, so a later run can
 * be compared statistically. Bump RESULTS_SCHEMA_VERSION on any breaking change.
 */

/** 2: machine platform/release/arch apart; rows with ciConfidence, derivedFrom, warmup, calibration; no calibrated count in params. */
export const RESULTS_SCHEMA_VERSION = 2;

export interface MachineInfo {
  node: string;
  cpuModel: string;
  /** The CPUs the run could use (`os.availableParallelism()`): 1 when pinned with `bench --cpu`. */
  cores: number;
  /** Which CPUs, as Linux lists them ("0"), when the run was pinned to fewer than the machine has (`bench --cpu`, or taskset). */
  cpusAllowed?: string;
  /** e.g. "linux 6.1.0 x64": platform, kernel release and architecture, for people. */
  os: string;
  /** `os.platform()`, e.g. "linux": part of what makes two machines the same. */
  platform: string;
  /** `os.release()`, e.g. "6.1.0-40-cloud-amd64": a different build is a note, not a different machine. */
  release: string;
  /** `os.arch()`, e.g. "x64". */
  arch: string;
  hostname: string;
  totalMemoryBytes: number;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAverage: number[];
  /** Commit of the project measured (the git repository plugbench ran in), "-dirty" when it had changes; null outside git. */
  gitCommit: string | null;
  plugbenchVersion: string;
  /** plugbench's own commit when it ran from a checkout of plugbench; null when installed as a package. */
  plugbenchCommit?: string | null;
  /** Clock of the first core when the run started, in MHz; null where the system does not say. */
  cpuMHz?: number | null;
  /** Versions of the libraries the targets are built on: npm packages by name, Python modules as "python <pip name>". */
  libraries?: Record<string, string>;
}

/**
 * How a row came out. Failed runs are data, not gaps: a suite that failed for a
 * target records status "failed" and the error in `note`.
 */
export type RowStatus = 'ok' | 'failed' | 'skipped' | 'not-recoverable' | 'not-supported';

/**
 * What a row measures: a target through plugbench (the default when absent), the
 * raw floor of a channel, or the bare mechanism a target is built on. Floors and
 * bare rows are references measured beside a target, never the project's own figures.
 */
export type RowRole = 'target' | 'floor' | 'bare';

export interface ResultRow {
  /** Target name, `floor:<channel>` for a raw channel floor, or `bare:<mechanism>` for a bare mechanism. */
  target: string;
  role?: RowRole;
  suite: string;
  metric: string;
  /** "ms", "calls/s", "MB/s", "bytes", "count", "lines", ... */
  unit: string;
  /** Which direction is an improvement; compare uses it to call a change a regression. */
  better: 'lower' | 'higher';
  status: RowStatus;
  /** Median of `samples` (null when there are none). */
  median: number | null;
  /** Raw samples after warm-up, in the order measured. */
  samples: number[];
  /** 99th percentile, only with at least P99_MIN_SAMPLES samples (below that it is the maximum in disguise). */
  p99?: number;
  mean?: number;
  /** Half-width of the 95% confidence interval of the mean (Student's t, tinybench's margin of error), when computed. */
  margin?: number;
  /** Confidence interval of the median from order statistics, with at least 2 samples, and its real level. */
  ciLow?: number;
  ciHigh?: number;
  /** Coverage of [ciLow, ciHigh]: 0.95 and above from 6 samples on, less below (0.75 for 3, 0.5 for 2). */
  ciConfidence?: number;
  /** Samples outside 1.5 IQR: flagged, never dropped. */
  outliers?: number;
  /** For latency rows: the floor this target is compared with, and target median / floor median. */
  floor?: string;
  ratio?: number;
  /** For latency rows: the bare mechanism row measured in the same rounds (`bare:<mechanism>`), and target median / its median. */
  bare?: string;
  overhead?: number;
  /**
   * What identifies the measurement besides target, suite and metric (payload size, calls in flight); part of the row key.
   * `beside` names the target a floor or bare row was measured with.
   */
  params?: Record<string, string | number | boolean>;
  /**
   * Metrics of the same target and suite this row is computed from (calls/s from
   * round trips, MB/s from a payload's round trips, a sum or a paired difference):
   * compare shows it but judges only its sources, so one change counts once.
   */
  derivedFrom?: string[];
  /** How the warm-up before the samples went (calls, ms, whether it became steady). */
  warmup?: { calls: number; ms: number; steady: boolean };
  /** Counts the run calibrated for itself (calls per throughput round): facts, never part of the key. */
  calibration?: Record<string, number>;
  note?: string;
}

export interface SampleOverrides {
  samples?: number;
  warmup?: number;
}

export interface SkippedTarget {
  target: string;
  reason: string;
}

export interface BenchResults {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  createdAt: string;
  machine: MachineInfo;
  /**
   * `plugin`: the file `--plugin` named, by absolute path and SHA-256, when the run measured a user's plugin.
   * `overrides`: `--samples` / `--warmup` when given (measured calls and minimum warm-up calls per latency, callback and payload row).
   */
  options: { quick: boolean; suites: string[]; targets: string[]; plugin?: { path: string; sha256: string }; overrides?: SampleOverrides };
  /** Measured cost of the harness itself (an empty task), in ms per sample. */
  harness?: { emptyTaskMedianMs: number; samples: number[] };
  /** Wall time of the whole run. */
  durationMs: number;
  /** Errors a transport let escape (an unhandled rejection) during the run, with the step; the run went on. */
  warnings?: string[];
  skipped: SkippedTarget[];
  results: ResultRow[];
}
