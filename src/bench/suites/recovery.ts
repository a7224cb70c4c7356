/**
 * recovery: crash the plugin (`fault:crash`) while calls are in flight, under
 * the supervisor. Measures the time from the crash request to the first
 * successful call on the fresh plugin, the calls that failed, and the calls
 * that hung (must be 0). Restart backoff is 0, so the figure is the transport's
 * own recovery, not the supervisor's policy (100 ms by default).
 */
import { SEED_TEXT } from '../../core/contract.js';
import { PluginError, toPluginError } from '../../core/errors.js';
import type { Supervisor } from '../../core/supervisor.js';
import { checkAborted, sleep, untilAborted, withinMs } from '../abort.js';
import type { ResultRow } from '../../results/types.js';
import { measuredRow, statusRow } from '../rows.js';
import { HUNG_AFTER_MS, type Suite, type SuiteContext } from '../suite.js';
import { describeErrors, startTraffic } from '../traffic.js';

/** How long a fresh plugin gets to serve its first call before the trial fails. */
const RECOVER_DEADLINE_MS = 10_000;
/** After a fault:crash that did not answer CRASHED, how long the supervisor gets to notice a crash anyway. */
const CRASH_NOTICE_MS = 500;
/** Traffic runs this long before the crash, so calls are in flight. */
const LEAD_IN_MS = 20;

export const recoverySuite: Suite = {
  name: 'recovery',
  summary: 'crash with calls in flight: time from the crash to the first successful call through the supervisor, calls failed, calls hung',
  async run(context) {
    if (!context.target.capabilities.crashIsolated) {
      return [statusRow(firstSuccessRow(context), 'not-supported', 'a crash of this plugin takes the host down with it (crashIsolated: false)')];
    }
    const supervisor = await context.supervised();
    const watch: CrashWatch = { crashes: 0 };
    const unsubscribe = context.onSupervisorEvent((event) => {
      if (event.type === 'crashed') watch.crashes++;
      if (event.type === 'recovered') watch.onRecovered?.(performance.now(), event.record.restartMs);
    });
    try {
      return await crashTrials(context, supervisor, watch);
    } finally {
      unsubscribe();
    }
  },
};

/** What the supervisor reported: crashes seen, and who waits for the next recovery. */
interface CrashWatch {
  crashes: number;
  onRecovered?: (at: number, restartMs: number) => void;
}

const firstSuccessRow = (context: SuiteContext) => context.row('time-to-first-success', 'ms', 'lower', { inFlight: context.budget.callsInFlight });

async function crashTrials(context: SuiteContext, supervisor: Supervisor, watch: CrashWatch): Promise<ResultRow[]> {
  const { budget, signal } = context;
  const firstSuccess = firstSuccessRow(context);
  const samples = { firstSuccess: [] as number[], failed: [] as number[], hung: [] as number[], restart: [] as number[] };
  const notes: string[] = [];
  for (let trial = 1; trial <= budget.faultTrials; trial++) {
    checkAborted(signal);
    context.progress(`trial ${trial}/${budget.faultTrials}`);
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
    samples.restart.push(outcome.restartMs);
    samples.failed.push(report.failed);
    samples.hung.push(report.hung);
    notes.push(describeErrors(report));
  }
  const inFlight = { inFlight: budget.callsInFlight };
  return [
    measuredRow(firstSuccess, samples.firstSuccess),
    measuredRow(context.row('restart', 'ms', 'lower'), samples.restart, { note: 'crash noticed to fresh plugin started (supervisor record)' }),
    measuredRow(context.row('calls-failed', 'count', 'lower', inFlight), samples.failed, { note: notes.join('; ') }),
    measuredRow(context.row('calls-hung', 'count', 'lower', inFlight), samples.hung, { note: `a call is hung when it has not answered within ${HUNG_AFTER_MS} ms` }),
  ];
}
