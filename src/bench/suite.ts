/**
 * What a suite is: a named measurement run against one target, returning rows.
 * The runner hands each suite a context with the target, the budget, a signal
 * (Ctrl-C or the suite's deadline) and a stop list that ends whatever it starts.
 */
import type { Supervisor, SupervisorEvent } from '../core/supervisor.js';
import type { PluginHandle, StartOptions, Target } from '../core/transport.js';
import type { Budget } from './budget.js';
import { SUITE_NAMES, type SuiteName } from '../results/suite-names.js';
import type { ResultRow } from '../results/types.js';
import type { RowIdentity } from './rows.js';
import type { StopList } from './stop-list.js';

/**
 * What a run measures when no suite is named. `isolation` is opt-in: it runs the
 * audit's probes in throwaway child hosts (about 8 s per target), so ask for it
 * with `--suites isolation` or run `plugbench audit`.
 */
export const DEFAULT_SUITE_NAMES: readonly SuiteName[] = SUITE_NAMES.filter((name) => name !== 'isolation');

export interface SuiteContext {
  readonly target: Target;
  readonly budget: Budget;
  /** Aborts on Ctrl-C or when the suite runs past its deadline. */
  readonly signal: AbortSignal;
  /** Everything started here is stopped when the suite ends, whatever happens. */
  readonly stopList: StopList;
  /** Starts the target with the bench's host functions; the handle is on the stop list. */
  start(options?: StartOptions): Promise<PluginHandle>;
  /** The target's running plugin shared by the warm suites (started on first use, stopped after the target's last suite). */
  warm(): Promise<PluginHandle>;
  /**
   * The target's supervised plugin shared by the fault suites: fault injection on,
   * restart backoff 0 (so recovery figures are the transport's, not the policy's),
   * no crash limit that a run could reach.
   */
  supervised(): Promise<Supervisor>;
  /** Listens to the supervised plugin's events until the returned function is called. */
  onSupervisorEvent(listener: (event: SupervisorEvent) => void): () => void;
  /** Names a row of this suite for this target. */
  row(metric: string, unit: string, better: 'lower' | 'higher', params?: RowIdentity['params']): RowIdentity;
  /** What the suite is doing now, for the progress line. */
  progress(detail: string): void;
  /** The isolation audit, when the caller passed one (BenchOptions.isolation). */
  readonly isolation?: RunIsolation;
}

/**
 * Runs the isolation audit's probes on one target and returns its rows. The audit
 * lives in src/audit, which the bench does not import: whoever runs the bench passes it.
 */
export type RunIsolation = (target: string, onProgress: (line: string) => void) => Promise<ResultRow[]>;

export interface Suite {
  readonly name: SuiteName;
  /** One line for --help and the README. */
  readonly summary: string;
  run(context: SuiteContext): Promise<ResultRow[]>;
}

/** A call that has not answered after this long counts as hung (recovery, swap). */
export const HUNG_AFTER_MS = 5_000;

/** Default deadline of one call during the benchmark, so a broken target fails a suite instead of hanging it. */
export const BENCH_CALL_TIMEOUT_MS = 10_000;

/** What the bench's `getConfig("prefix")` answers. */
export const BENCH_PREFIX = 'reverted: ';
