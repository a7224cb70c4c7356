/**
 * recovery: crash the plugin (`fault:crash`) while calls are in flight, under
 * the supervisor. Measures the time from the crash request to the first
 * successful call on the fresh plugin, the calls that failed, and the calls
 * that hung (must be 0). Restart backoff is 0, so the figure is the transport's
 * own recovery, not the supervisor's policy (100 ms by default). The same crash,
 * and a hung call, are then measured under a supervisor with a warm spare
 * (`spare: true`, rows with `spare` in their params), with the spare's memory beside
 * them; the hung call without a spare is the hang suite's time-to-usable (same
 * deadline), which takes seconds per trial on a process and would not fit this suite's deadline.
 */
import { SEED_TEXT } from '../../core/contract.js';
import { PluginError, toPluginError } from '../../core/errors.js';
import type { Supervisor, SupervisorEvent } from '../../core/supervisor.js';
import { checkAborted, sleep, untilAborted, withinMs } from '../abort.js';
import type { ResultRow } from '../../results/types.js';
import { measuredRow, statusRow } from '../rows.js';
import { HUNG_AFTER_MS, type Suite, type SuiteContext } from '../suite.js';
import { describeErrors, startTraffic } from '../traffic.js';
import { hangTrials } from './recovery-hang.js';
import { startWithSpare, type SpareSupervisor } from './recovery-spare.js';

/** How long a fresh plugin gets to serve its first call before the trial fails. */
const RECOVER_DEADLINE_MS = 10_000;
/** After a fault:crash that did not answer CRASHED, how long the supervisor gets to notice a crash anyway. */
const CRASH_NOTICE_MS = 500;
/** Traffic runs this long before the crash, so calls are in flight. */
const LEAD_IN_MS = 20;

export const recoverySuite: Suite = {
  name: 'recovery',
  summary: 'crash with calls in flight, and a hung call, with and without a warm spare: time to the first successful call through the supervisor, calls failed, calls hung, the spare\'s memory',
  async run(context) {
    if (!context.target.capabilities.crashIsolated) {
      return [statusRow(firstSuccessRow(context, false), 'not-supported', 'a crash of this plugin takes the host down with it (crashIsolated: false)')];
    }
    const plain = await context.supervised();
    const rows = await watched(context.onSupervisorEvent, (watch) => crashTrials(context, plain, watch));
    // A plugin that cannot crash on request has nothing for a spare to take over either.
    if (rows.some((row) => row.status === 'not-supported')) return rows;
    const spare = await startWithSpare(context);
    rows.push(
      measuredRow(context.row('spare-memory', 'bytes', 'lower'), [spare.spareBytes], {
        note: 'what the idle spare adds: host RSS growth after a full GC, plus the spare process RSS when it has one',
      }),
    );
    rows.push(...(await watched(spare.onEvent, (watch) => crashTrials(context, spare.supervisor, watch, spare))));
    rows.push(...(await hangTrials(context, spare)));
    return rows;
  },
};

/** Runs `trials` with a CrashWatch fed by `subscribe`'s events, unsubscribing after. */
async function watched(subscribe: (listener: (event: SupervisorEvent) => void) => () => void, trials: (watch: CrashWatch) => Promise<ResultRow[]>): Promise<ResultRow[]> {
  const watch: CrashWatch = { crashes: 0 };
  const unsubscribe = subscribe((event) => {
    if (event.type === 'crashed') {
      watch.crashes++;
      watch.lastCrashAt = performance.now();
    }
    if (event.type === 'recovered') watch.onRecovered?.(performance.now(), event.record.restartMs);
  });
  try {
    return await trials(watch);
  } finally {
    unsubscribe();
  }
}

/** What the supervisor reported: crashes seen, and who waits for the next recovery. */
interface CrashWatch {
  crashes: number;
  /** When the supervisor last reported a crash (performance.now()). */
  lastCrashAt?: number;
  onRecovered?: (at: number, restartMs: number) => void;
}

/** Row params: the calls in flight, and `spare: true` for the supervisor with a warm spare. */
const paramsOf = (context: SuiteContext, spare: boolean) => ({ inFlight: context.budget.callsInFlight, ...(spare ? { spare: true } : {}) });
const firstSuccessRow = (context: SuiteContext, spare: boolean) => context.row('time-to-first-success', 'ms', 'lower', paramsOf(context, spare));

async function crashTrials(context: SuiteContext, supervisor: Supervisor, watch: CrashWatch, spare?: SpareSupervisor): Promise<ResultRow[]> {
  const { budget, signal } = context;
  const firstSuccess = firstSuccessRow(context, spare !== undefined);
  const samples: CrashSamples = { firstSuccess: [], noticed: [], failed: [], hung: [], restart: [] };
  const notes: string[] = [];
  // Each spare trial also waits for a fresh spare: as many as the hang trials, so a process target fits the suite deadline.
  const trials = spare ? budget.hangTrials : budget.faultTrials;
  for (let trial = 1; trial <= trials; trial++) {
    checkAborted(signal);
    context.progress(`crash ${trial}/${trials}${spare ? ' with a spare' : ''}`);
    if (spare && !(await spare.spareReady())) return [statusRow(firstSuccess, 'failed', 'no spare was ready before the trial')];
    const recovered = new Promise<{ at: number; restartMs: number }>((resolve) => (watch.onRecovered = (at, restartMs) => resolve({ at, restartMs })));
    const crashesBefore = watch.crashes;
    const traffic = startTraffic(() => supervisor.call('revert', [SEED_TEXT], { timeoutMs: HUNG_AFTER_MS }), budget.callsInFlight, signal);
    await sleep(LEAD_IN_MS, signal);
    const crashAt = performance.now();
    const crash = await supervisor.call('fault:crash', [], { timeoutMs: HUNG_AFTER_MS }).then(
      () => new Error('fault:crash returned; the plugin did not crash'),
      (error: unknown) => toPluginError(error),
    );
    if (!(crash instanceof PluginError)) {
      await traffic.stop(HUNG_AFTER_MS);
      return [statusRow(firstSuccess, 'failed', crash.message)];
    }
    if (crash.code !== 'CRASHED') {
      // An engine that cannot die on request refuses fault:crash and keeps serving: nothing to recover from.
      await sleep(CRASH_NOTICE_MS, signal);
      if (watch.crashes === crashesBefore) {
        await traffic.stop(HUNG_AFTER_MS);
        return [statusRow(firstSuccess, 'not-supported', `fault:crash did not bring the plugin down (${crash.code}: ${crash.message})`)];
      }
      // It did go down, only the crash call's error was not CRASHED: noted, and the recovery is measured.
      notes.push(`fault:crash rejected with ${crash.code} (${crash.message}), not CRASHED`);
    }
    const outcome = await untilAborted(withinMs(recovered, RECOVER_DEADLINE_MS), signal);
    const report = await traffic.stop(HUNG_AFTER_MS);
    if (!outcome) return [statusRow(firstSuccess, 'failed', `no successful call within ${RECOVER_DEADLINE_MS} ms of the crash (${describeErrors(report)})`)];
    samples.firstSuccess.push(outcome.at - crashAt);
    samples.noticed.push((watch.lastCrashAt ?? outcome.at) - crashAt);
    samples.restart.push(outcome.restartMs);
    samples.failed.push(report.failed);
    samples.hung.push(report.hung);
    notes.push(describeErrors(report));
  }
  return crashRows(context, spare !== undefined, samples, notes);
}

interface CrashSamples {
  firstSuccess: number[];
  /** Crash request to the supervisor's crashed event: how long the host took to learn of the death. */
  noticed: number[];
  failed: number[];
  hung: number[];
  restart: number[];
}

function crashRows(context: SuiteContext, spare: boolean, samples: CrashSamples, notes: readonly string[]): ResultRow[] {
  const params = paramsOf(context, spare);
  const spareOnly = spare ? { spare: true } : undefined;
  return [
    measuredRow(firstSuccessRow(context, spare), samples.firstSuccess),
    measuredRow(context.row('crash-noticed', 'ms', 'lower', spareOnly), samples.noticed, {
      note: 'from the crash request to the supervisor learning of the death (the process exit, the worker error): the floor of time-to-first-success',
    }),
    measuredRow(context.row('restart', 'ms', 'lower', spareOnly), samples.restart, {
      note: spare ? 'crash noticed to the spare serving (supervisor record: 0 when the spare took over)' : 'crash noticed to fresh plugin started (supervisor record)',
    }),
    measuredRow(context.row('calls-failed', 'count', 'lower', params), samples.failed, { note: notes.join('; ') }),
    measuredRow(context.row('calls-hung', 'count', 'lower', params), samples.hung, { note: `a call is hung when it has not answered within ${HUNG_AFTER_MS} ms` }),
  ];
}
