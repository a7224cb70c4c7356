/**
 * The recovery suite's hang trials with a warm spare: a call that never returns
 * (`fault:hang`) with the hang suite's deadline, then calls until one succeeds;
 * the time from the hung call to that success. The supervisor switches to the
 * spare at the TIMEOUT; without a spare it first checks the hung plugin's health
 * (up to hangCheckMs), which is the hang suite's time-to-usable.
 */
import { HANG_BEHAVIOURS } from '../../core/descriptor.js';
import { PluginError, toPluginError } from '../../core/errors.js';
import type { PluginHandle } from '../../core/transport.js';
import { checkAborted } from '../abort.js';
import type { ResultRow } from '../../results/types.js';
import { measuredRow, statusRow } from '../rows.js';
import type { SuiteContext } from '../suite.js';
import { firstSuccess } from './hang.js';
import type { SpareSupervisor } from './recovery-spare.js';

/**
 * Waits, at most the hang check, until the hung plugin has answered a health check or
 * failed one, as the supervisor's own check does meanwhile: a hung process is then
 * stopped at once (without the stop's grace periods) instead of spinning a core into the
 * next trial, or being stopped at the suite's end before any check said it was hung.
 */
async function judged(hung: PluginHandle | undefined, hangCheckMs: number): Promise<void> {
  if (hung) await hung.health({ timeoutMs: hangCheckMs });
}

/** Hangs the plugin `budget.hangTrials` times and measures each recovery, each trial with a spare ready. */
export async function hangTrials(context: SuiteContext, spare: SpareSupervisor): Promise<ResultRow[]> {
  const { budget, signal, target } = context;
  const { supervisor } = spare;
  const row = context.row('time-to-usable', 'ms', 'lower', { timeoutMs: budget.hangTimeoutMs, spare: true });
  const declared = HANG_BEHAVIOURS[target.capabilities.hang];
  if (!declared.recoverable) return [statusRow(row, 'not-recoverable', `${target.capabilities.hang}: ${declared.summary}`)];
  const samples: number[] = [];
  const afterTimeout: number[] = [];
  for (let trial = 1; trial <= budget.hangTrials; trial++) {
    checkAborted(signal);
    context.progress(`hang ${trial}/${budget.hangTrials} with a spare`);
    if (!(await spare.spareReady())) return [statusRow(row, 'failed', 'no spare was ready before the trial')];
    const hung = supervisor.handle;
    const began = performance.now();
    const outcome = await supervisor.call('fault:hang', [], { timeoutMs: budget.hangTimeoutMs }).then(
      () => new Error('fault:hang returned; the target did not hang'),
      (error: unknown) => toPluginError(error),
    );
    if (!(outcome instanceof PluginError) || outcome.code !== 'TIMEOUT') {
      return [statusRow(row, 'failed', `expected TIMEOUT from the hung call, got ${outcome.message}`)];
    }
    const timedOut = performance.now();
    const recovered = await firstSuccess(supervisor, signal);
    if (recovered instanceof Error) return [statusRow(row, 'failed', `not usable after the TIMEOUT: ${recovered.message}`)];
    samples.push(performance.now() - began);
    afterTimeout.push(performance.now() - timedOut);
    await judged(hung, budget.hangCheckMs);
  }
  const note = `from the hung call (deadline ${budget.hangTimeoutMs} ms) to the first good call after it, the spare serving from the TIMEOUT on; without a spare: the hang suite's time-to-usable`;
  return [
    measuredRow(row, samples, { note }),
    measuredRow(context.row('usable-after-timeout', 'ms', 'lower', { timeoutMs: budget.hangTimeoutMs, spare: true }), afterTimeout, {
      note: 'from the TIMEOUT reaching the caller to the first good call: the switch itself, without the deadline timer firing late on a loaded machine',
    }),
  ];
}
