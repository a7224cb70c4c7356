/**
 * Runs a benchmark: the harness's own overhead, the raw floor of any channel
 * asked for with `floors` (each target's latency suite measures its own channel's
 * floor beside it), then every suite on every available target, one at a time. A suite
 * that fails or runs past its deadline becomes a failed row and the run goes
 * on; Ctrl-C (the signal) stops every plugin and rejects with CANCELLED.
 */
import { PluginError, toPluginError } from '../core/errors.js';
import type { Channel, StartOptions, Target } from '../core/transport.js';
import { selectTargets } from '../targets/load-target.js';
import { abortError, checkAborted, untilAborted } from './abort.js';
import { budgetFor, type Budget } from './budget.js';
import { floorName, measureFloor } from './floors/index.js';
import { KEY_METRICS } from './key-figures.js';
import { collectMachineInfo } from './machine.js';
import { measureLatency } from './measure-latency.js';
import { RESULTS_SCHEMA_VERSION, type BenchResults, type ResultRow } from '../results/types.js';
import { statusRow } from './rows.js';
import { StopList } from './stop-list.js';
import { selectChannels, selectSuites } from './select.js';
import type { SuiteName } from '../results/suite-names.js';
import type { RunIsolation, Suite } from './suite.js';
import { runSuite, sharedPlugins } from './suite-context.js';
import { prepareTargets, suitesFor } from './user-plugin.js';
import { summarize } from '../stats/summary.js';

export interface BenchOptions {
  /** Target names; default every registered target (unavailable ones are skipped with the reason). */
  targets?: readonly string[];
  /** Suite names; default every suite. */
  suites?: readonly string[];
  quick?: boolean;
  /** Changes to the quick or full budget (sample counts, deadlines), for tests and experiments. */
  budget?: Partial<Budget>;
  /** Channels whose floor to measure on its own, beside those each target's latency suite measures. */
  floors?: readonly string[];
  /** Ctrl-C: aborting stops every plugin and ends the run with CANCELLED. */
  signal?: AbortSignal;
  /** Everything started goes here, so the caller can kill it on a second Ctrl-C. */
  stopList?: StopList;
  onProgress?: (event: ProgressEvent) => void;
  /** Applied to every plugin the run starts: `requireSigned`, `sandbox`. */
  startOptions?: StartOptions;
  /** What the isolation suite runs (the audit); without it that suite fails with a note saying so. */
  isolation?: RunIsolation;
}

/** What a run reports while it works; `label` is a target or `floor:<channel>`. */
export type ProgressEvent =
  | { type: 'skipped'; target: string; reason: string }
  | { type: 'plan'; total: number; targets: number; suites: readonly string[]; quick: boolean }
  | { type: 'step'; index: number; total: number; label: string; suite: string }
  | { type: 'detail'; label: string; suite: string; detail: string }
  | { type: 'done'; index: number; total: number; label: string; suite: string; ok: boolean; ms: number; note?: string };

interface Step {
  label: string;
  suite: string;
  /** Runs under `signal` (Ctrl-C or the step deadline); everything it starts goes on `stopList`. */
  run(signal: AbortSignal, stopList: StopList): Promise<ResultRow[]>;
  /** After the step: stop the target's shared warm plugin when this was its last suite or when it failed. */
  after?: (failed: boolean) => Promise<void>;
}

export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const began = performance.now();
  const createdAt = new Date().toISOString();
  const quick = options.quick ?? false;
  const budget = { ...budgetFor(quick), ...options.budget };
  const suites = suitesFor(selectSuites(options.suites), options.startOptions);
  const extraFloors = selectChannels(options.floors);
  const run: RunScope = { budget, signal: options.signal ?? new AbortController().signal, stopList: options.stopList ?? new StopList(), emit: options.onProgress ?? (() => {}) };
  const { signal, stopList, emit } = run;

  // With --plugin or --require-signed, only targets that run the plugin and answer right are measured.
  const { runnable, skipped, rows: refused, plugin } = await prepareTargets(await selectTargets(options.targets), suites, { ...options, signal, stopList, emit });
  for (const target of skipped) emit({ type: 'skipped', target: target.name, reason: target.reason ?? 'unavailable' });
  const machine = await collectMachineInfo(runnable);

  const harness = await untilAborted(measureLatency(async () => {}, { samples: budget.latencySamples, warmup: budget.latencyWarmup, signal }), signal);
  const steps = [...extraFloors.map((channel) => floorStep(channel, budget)), ...runnable.flatMap((target) => targetSteps(target, suites, run, options))];
  emit({ type: 'plan', total: steps.length, targets: runnable.length, suites: suites.map((suite) => suite.name), quick });
  const results = [...refused, ...(await runSteps(steps, run))];

  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    createdAt,
    machine,
    options: { quick, suites: suites.map((suite) => suite.name), targets: runnable.map((target) => target.name), ...(plugin ? { plugin } : {}) },
    harness: { emptyTaskMedianMs: summarize(harness.samples).median, samples: harness.samples },
    durationMs: performance.now() - began,
    skipped: skipped.map((target) => ({ target: target.name, reason: target.reason ?? 'unavailable' })),
    results,
  };
}

/** What every step of one run shares. */
interface RunScope {
  budget: Budget;
  /** Ctrl-C. */
  signal: AbortSignal;
  stopList: StopList;
  emit: (event: ProgressEvent) => void;
}

/** The raw floor of a channel asked for on its own. */
function floorStep(channel: Channel, budget: Budget): Step {
  return { label: floorName(channel), suite: 'latency', run: async (stepSignal, scope) => [await measureFloor(channel, budget, stepSignal, scope)] };
}

/** One step per suite on one target; the target's shared plugins stop after its last suite, or after a failed one. */
function targetSteps(target: Target, suites: readonly Suite[], run: RunScope, options: BenchOptions): Step[] {
  const shared = sharedPlugins(target, run.budget, run.signal, run.stopList, options.startOptions);
  const extra = { ...(options.startOptions ? { startOptions: options.startOptions } : {}), ...(options.isolation ? { isolation: options.isolation } : {}) };
  return suites.map((suite, i) => ({
    label: target.name,
    suite: suite.name,
    run: (stepSignal, scope) => runSuite(suite, target, { budget: run.budget, signal: stepSignal, stopList: scope, shared, emit: run.emit, ...extra }),
    after: async (failed) => {
      if (failed || i === suites.length - 1) await Promise.all([shared.warm.reset(), shared.supervised.reset()]);
    },
  }));
}

/** Runs the steps in order, reporting each; whatever they started is stopped at the end, whatever happens. */
async function runSteps(steps: readonly Step[], { budget, signal, stopList, emit }: RunScope): Promise<ResultRow[]> {
  const results: ResultRow[] = [];
  try {
    for (const [position, step] of steps.entries()) {
      checkAborted(signal);
      const progress = { index: position + 1, total: steps.length, label: step.label, suite: step.suite };
      emit({ type: 'step', ...progress });
      const stepBegan = performance.now();
      const rows = await runStep(step, budget, signal, stopList);
      const failure = rows.find((row) => row.status === 'failed');
      await step.after?.(failure !== undefined);
      results.push(...rows);
      emit({ type: 'done', ...progress, ok: !failure, ms: performance.now() - stepBegan, ...(failure?.note ? { note: failure.note } : {}) });
    }
  } finally {
    await stopList.stopAll();
  }
  checkAborted(signal);
  return results;
}

/**
 * One step under its own deadline and stop-list scope: whatever it started is
 * stopped when it ends; a failure or a missed deadline becomes a failed row.
 */
async function runStep(step: Step, budget: Budget, signal: AbortSignal, stopList: StopList): Promise<ResultRow[]> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new PluginError('TIMEOUT', `${step.suite} on ${step.label} did not finish within ${budget.suiteTimeoutMs / 1000} s`)),
    budget.suiteTimeoutMs,
  );
  const stepSignal = AbortSignal.any([signal, deadline.signal]);
  const scope = stopList.scope();
  try {
    return await untilAborted(step.run(stepSignal, scope), stepSignal);
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    const key = KEY_METRICS[step.suite as SuiteName] ?? KEY_METRICS.latency;
    return [statusRow({ target: step.label, suite: step.suite, ...key }, 'failed', toPluginError(error).message)];
  } finally {
    clearTimeout(timer);
    await scope.stopAll();
  }
}
