/**
 * What a suite gets to work with on one target: the budget, the signal, a stop
 * list, and the plugins it shares with the target's other suites
 * (one warm plugin, one supervised plugin), all started the bench's way.
 */
import { createHostFunctions } from '../core/host-api.js';
import { Supervisor, type SupervisorEvent } from '../core/supervisor.js';
import type { StartOptions, Target } from '../core/transport.js';
import type { Budget } from './budget.js';
import type { ResultRow } from '../results/types.js';
import type { ProgressEvent } from './run-bench.js';
import type { StopList } from './stop-list.js';
import { BENCH_CALL_TIMEOUT_MS, BENCH_PREFIX, HUNG_AFTER_MS, type RunIsolation, type Suite, type SuiteContext } from './suite.js';
import { WarmPlugin } from './warm-plugin.js';

export interface SuiteRun {
  budget: Budget;
  signal: AbortSignal;
  stopList: StopList;
  shared: SharedPlugins;
  emit: (event: ProgressEvent) => void;
  /** Start options the user asked for (signing, sandbox), applied to every start. */
  startOptions?: StartOptions;
  isolation?: RunIsolation;
}

/** A target's plugins that several suites share (see WarmPlugin). */
export interface SharedPlugins {
  warm: WarmPlugin;
  supervised: WarmPlugin<Supervisor>;
  supervisorListeners: Set<(event: SupervisorEvent) => void>;
}

export function sharedPlugins(target: Target, budget: Budget, signal: AbortSignal, stopList: StopList, extra: StartOptions = {}): SharedPlugins {
  const supervisorListeners = new Set<(event: SupervisorEvent) => void>();
  const startSupervised = () =>
    Supervisor.start(
      target,
      { ...benchStartOptions(signal, extra), faultInjection: true },
      {
        restart: { initialDelayMs: 0, maxCrashes: Number.MAX_SAFE_INTEGER },
        hangCheckMs: budget.hangCheckMs,
        drainTimeoutMs: HUNG_AFTER_MS,
        onEvent: (event) => supervisorListeners.forEach((listener) => listener(event)),
      },
    );
  return {
    warm: new WarmPlugin(() => target.start(benchStartOptions(signal, extra)), stopList),
    supervised: new WarmPlugin(startSupervised, stopList),
    supervisorListeners,
  };
}

export function runSuite(suite: Suite, target: Target, run: SuiteRun): Promise<ResultRow[]> {
  const { budget, signal, emit, stopList, shared } = run;
  const startOptions = benchStartOptions(signal, run.startOptions);
  const context: SuiteContext = {
    target,
    budget,
    signal,
    stopList,
    start: async (options = {}) => stopList.add(await target.start({ ...startOptions, ...options })),
    warm: () => shared.warm.get(),
    supervised: () => shared.supervised.get(),
    onSupervisorEvent: (listener) => {
      shared.supervisorListeners.add(listener);
      return () => shared.supervisorListeners.delete(listener);
    },
    row: (metric, unit, better, params) => ({ target: target.name, suite: suite.name, metric, unit, better, ...(params ? { params } : {}) }),
    progress: (detail) => emit({ type: 'detail', label: target.name, suite: suite.name, detail }),
    ...(run.isolation ? { isolation: run.isolation } : {}),
  };
  return suite.run(context);
}

/** How the bench starts every plugin: its host functions, and a deadline on every call so nothing hangs the run. */
export function benchStartOptions(signal: AbortSignal, extra: StartOptions = {}): StartOptions {
  return {
    ...extra,
    hostFunctions: createHostFunctions({ config: { prefix: BENCH_PREFIX } }),
    callTimeoutMs: BENCH_CALL_TIMEOUT_MS,
    signal,
  };
}
