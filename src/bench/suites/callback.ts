/**
 * callback: `revertWithPrefix` (one plugin -> host `getConfig` call inside the
 * call) beside plain `revert`, measured in pairs, alternating which goes first,
 * so both see the same machine noise; the paired difference is what one
 * callback adds.
 */
import { revertText, SEED_TEXT } from '../../core/contract.js';
import { toPluginError } from '../../core/errors.js';
import { checkAborted } from '../abort.js';
import { STEADY_WARMUP_MS } from '../budget.js';
import { derivedRow, measuredRow, statusRow } from '../rows.js';
import { warmUntilSteady } from '../steady-warmup.js';
import { BENCH_PREFIX, type Suite } from '../suite.js';

export const callbackSuite: Suite = {
  name: 'callback',
  summary: 'round trip of revertWithPrefix (one host callback) beside plain revert, and the paired difference',
  async run(context) {
    const { budget, signal, target } = context;
    const withPrefix = context.row('revertWithPrefix', 'ms', 'lower', { baseline: 'revert' });
    if (!target.capabilities.callbacks) {
      return [statusRow(withPrefix, 'not-supported', 'the target cannot call host functions (see `plugbench list`)')];
    }
    const handle = await context.warm();
    const expected = `${BENCH_PREFIX}${revertText(SEED_TEXT)}`;
    const answer = await handle.call('revertWithPrefix', [SEED_TEXT]).catch(notOffered);
    if (answer === NOT_OFFERED) return [statusRow(withPrefix, 'not-supported', 'the plugin does not offer revertWithPrefix (optional in the contract)')];
    if (answer !== expected) return [statusRow(withPrefix, 'failed', `revertWithPrefix answered ${JSON.stringify(answer)}, expected ${JSON.stringify(expected)}`)];
    const plain = async () => timed(() => handle.call('revert', [SEED_TEXT]));
    const prefixed = async () => timed(() => handle.call('revertWithPrefix', [SEED_TEXT]));
    context.progress('warm-up');
    const warmup = await warmUntilSteady(async () => [await plain(), await prefixed()], { minMs: STEADY_WARMUP_MS.min, maxMs: STEADY_WARMUP_MS.max, minCalls: budget.latencyWarmup }, signal);
    const plainMs: number[] = [];
    const prefixedMs: number[] = [];
    context.progress(`${budget.latencySamples} pairs`);
    for (let i = 0; i < budget.latencySamples; i++) {
      if (i % 64 === 0) checkAborted(signal);
      let plainSample: number;
      let prefixedSample: number;
      if (i % 2 === 0) {
        plainSample = await plain();
        prefixedSample = await prefixed();
      } else {
        prefixedSample = await prefixed();
        plainSample = await plain();
      }
      plainMs.push(plainSample);
      prefixedMs.push(prefixedSample);
    }
    const prefixedRow = measuredRow(withPrefix, prefixedMs, { warmup });
    const plainRow = measuredRow(context.row('revert', 'ms', 'lower'), plainMs);
    if (prefixedRow.median !== null && plainRow.median) prefixedRow.ratio = prefixedRow.median / plainRow.median;
    return [
      prefixedRow,
      plainRow,
      derivedRow(context.row('callback-cost', 'ms', 'lower'), prefixedMs.map((ms, i) => ms - plainMs[i]!), ['revertWithPrefix', 'revert'], {
        note: 'paired difference revertWithPrefix - revert, per pair',
      }),
    ];
  },
};

const NOT_OFFERED = Symbol('not offered');

/** A plugin (a user's, with --plugin) may leave the optional method out; any other failure fails the suite. */
function notOffered(error: unknown): typeof NOT_OFFERED {
  if (toPluginError(error).code === 'METHOD_NOT_FOUND') return NOT_OFFERED;
  throw error;
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await call();
  return performance.now() - began;
}
