/**
 * The results file: what `plugbench bench` writes and `compare`/`report` read.
 * One row per target, suite and metric, with the raw samples, so a later run can
 * be compared statistically. Bump RESULTS_SCHEMA_VERSION on any breaking change.
 */

export const RESULTS_SCHEMA_VERSION = 1;

export interface MachineInfo {
  node: string;
  cpuModel: string;
  cores: number;
  /** e.g. "linux 6.1.0 x64" */
  os: string;
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

export interface ResultRow {
  /** Target name, or `floor:<channel>` for a raw channel floor. */
  target: string;
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
  p99?: number;
  mean?: number;
  /** Half-width of the 95% confidence interval of the mean (tinybench's margin of error), when computed. */
  margin?: number;
  /** Bounds of the confidence interval of the median (order statistics; 95% once there are 6 samples or more). */
  ciLow?: number;
  ciHigh?: number;
  /** Samples outside 1.5 IQR: flagged, never dropped. */
  outliers?: number;
  /** For latency rows: the floor this target is compared with, and target median / floor median. */
  floor?: string;
  ratio?: number;
  /** Suite parameters (payload size, calls in flight, ...). */
  params?: Record<string, string | number | boolean>;
  note?: string;
}

export interface SkippedTarget {
  target: string;
  reason: string;
}

export interface BenchResults {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  createdAt: string;
  machine: MachineInfo;
  options: { quick: boolean; suites: string[]; targets: string[] };
  /** Measured cost of the harness itself (an empty task), in ms per sample. */
  harness?: { emptyTaskMedianMs: number; samples: number[] };
  /** Wall time of the whole run. */
  durationMs: number;
  /** Errors a transport let escape (an unhandled rejection) during the run, with the step; the run went on. */
  warnings?: string[];
  skipped: SkippedTarget[];
  results: ResultRow[];
}
