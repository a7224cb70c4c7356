/**
 * hang: a call that never returns (`fault:hang`, a synchronous endless loop).
 * Measures the time until the host gets TIMEOUT and the time until a call
 * succeeds again, through the supervisor (a worker replaces itself; a process
 * that then fails its health check is killed and restarted). Targets whose `hang` capability is not recoverable are reported
 * "not-recoverable" and never hung: the loop would freeze the benchmark itself.
 */
import { SEED_TEXT } from '../../core/contract.js';
import { HANG_BEHAVIOURS } from '../../core/descriptor.js';
import { PluginError, toPluginError } from '../../core/errors.js';
import { DEFAULT_HANG_CHECK_MS } from '../../core/supervisor.js';
import type { PluginHandle } from '../../core/transport.js';
import { checkAborted, sleep } from '../abort.js';
import type { Budget } from '../budget.js';
import { measuredRow, statusRow } from '../rows.js';
import type { Suite } from '../suite.js';

/** How long the plugin gets to become usable again after the TIMEOUT. */
const RECOVER_DEADLINE_MS = 10_000;
const RETRY_TIMEOUT_MS = 1_000;

export const hangSuite: Suite = {
  name: 'hang',
  summary: 'a call that never returns: time until the host gets TIMEOUT and the plugin is usable again, or not-recoverable',
  async run(context) {
    const { budget, signal, target } = context;
    const usable = context.row('time-to-usable', 'ms', 'lower', hangParams(budget));
    const declared = HANG_BEHAVIOURS[target.capabilities.hang];
    if (!declared.recoverable) return [statusRow(usable, 'not-recoverable', `${target.capabilities.hang}: ${declared.summary}`)];
    const handle = await context.supervised();
    const toTimeout: number[] = [];
    const toUsable: number[] = [];
    for (let trial = 1; trial <= budget.hangTrials; trial++) {
      checkAborted(signal);
      context.progress(`trial ${trial}/${budget.hangTrials}`);
      const began = performance.now();
      const outcome = await handle.call('fault:hang', [], { timeoutMs: budget.hangTimeoutMs }).then(
        () => new Error('fault:hang returned; the target did not hang'),
        (error: unknown) => toPluginError(error),
      );
      if (!(outcome instanceof PluginError) || outcome.code !== 'TIMEOUT') {
        return [statusRow(usable, 'failed', `expected TIMEOUT from the hung call, got ${describe(outcome)}`)];
      }
      toTimeout.push(performance.now() - began);
      const recovered = await firstSuccess(handle, signal);
      if (recovered instanceof Error) return [statusRow(usable, 'failed', `not usable after the TIMEOUT: ${recovered.message}`)];
      toUsable.push(performance.now() - began);
    }
    return [
      measuredRow(usable, toUsable),
      // The TIMEOUT comes before the health check: that row does not depend on it.
      measuredRow(context.row('time-to-timeout', 'ms', 'lower', { timeoutMs: budget.hangTimeoutMs }), toTimeout),
    ];
  },
};

/**
 * The hang rows' key: the call deadline, and the health check after it when it is not
 * the supervisor's default (the quick run's shorter one), since a hung process's
 * time-to-usable includes that check: a quick and a full figure are not the same measurement.
 */
function hangParams(budget: Budget): { timeoutMs: number; hangCheckMs?: number } {
  return { timeoutMs: budget.hangTimeoutMs, ...(budget.hangCheckMs === DEFAULT_HANG_CHECK_MS ? {} : { hangCheckMs: budget.hangCheckMs }) };
}

/** Calls until one succeeds; gives up with the last error once the plugin had RECOVER_DEADLINE_MS. */
export async function firstSuccess(handle: PluginHandle, signal: AbortSignal): Promise<true | Error> {
  const deadline = performance.now() + RECOVER_DEADLINE_MS;
  let last: PluginError | undefined;
  while (performance.now() < deadline) {
    checkAborted(signal);
    try {
      await handle.call('revert', [SEED_TEXT], { timeoutMs: RETRY_TIMEOUT_MS, signal });
      return true;
    } catch (error) {
      last = toPluginError(error);
      // CRASHED is a call caught by the restart; CLOSED means the supervisor gave up.
      if (last.code === 'CLOSED') return last;
      await sleep(1, signal);
    }
  }
  return last ?? new Error('no call succeeded');
}

function describe(outcome: Error): string {
  return PluginError.is(outcome) ? `${(outcome as PluginError).code}: ${outcome.message}` : outcome.message;
}
