/**
 * The recovery suite's hang trials: a call that never returns (`fault:hang`) with
 * the hang suite's deadline, then calls until one succeeds; the time from the hung
 * call to that success. Without a spare the supervisor checks the hung plugin's
 * health (up to hangCheckMs) before it restarts it; with one it switches at once.
 */
import { PluginError, toPluginError } from '../../core/errors.js';
import type { Supervisor } from '../../core/supervisor.js';
import { checkAborted } from '../abort.js';
import type { ResultRow } from '../results.js';
import { measuredRow, statusRow } from '../rows.js';
import type { SuiteContext } from '../suite.js';
import { firstSuccess } from './hang.js';
import type { SpareSupervisor } from './recovery-spare.js';

/** The row of hang-to-usable, with or without the spare. */
export function hangRow(context: SuiteContext, spare: boolean) {
  return context.row('hang-to-usable', 'ms', 'lower', { timeoutMs: context.budget.hangTimeoutMs, ...(spare ? { spare: true } : {}) });
}

/** Hangs the plugin `budget.hangTrials` times and measures each recovery; with `spare`, each trial starts with a spare ready. */
export async function hangTrials(context: SuiteContext, supervisor: Supervisor, spare?: SpareSupervisor): Promise<ResultRow[]> {
  const { budget, signal, target } = context;
  const row = hangRow(context, spare !== undefined);
  if (!target.capabilities.hangRecoverable) {
    return [statusRow(row, 'not-recoverable', target.capabilities.hangNote ?? 'the target declares that it cannot recover from a hung call')];
  }
  const samples: number[] = [];
  for (let trial = 1; trial <= budget.hangTrials; trial++) {
    checkAborted(signal);
    context.progress(`hang ${trial}/${budget.hangTrials}${spare ? ' with a spare' : ''}`);
    if (spare && !(await spare.spareReady())) return [statusRow(row, 'failed', 'no spare was ready before the trial')];
    const began = performance.now();
    const outcome = await supervisor.call('fault:hang', [], { timeoutMs: budget.hangTimeoutMs }).then(
      () => new Error('fault:hang returned; the target did not hang'),
      (error: unknown) => toPluginError(error),
    );
    if (!(outcome instanceof PluginError) || outcome.code !== 'TIMEOUT') {
      return [statusRow(row, 'failed', `expected TIMEOUT from the hung call, got ${outcome.message}`)];
    }
    const recovered = await firstSuccess(supervisor, signal);
    if (recovered instanceof Error) return [statusRow(row, 'failed', `not usable after the TIMEOUT: ${recovered.message}`)];
    samples.push(performance.now() - began);
  }
  const how = spare ? 'the spare serves from the TIMEOUT on' : 'the hung plugin fails a health check, then a fresh one starts';
  return [measuredRow(row, samples, { note: `from the hung call (deadline ${budget.hangTimeoutMs} ms) to the first good call after it; ${how}` })];
}
