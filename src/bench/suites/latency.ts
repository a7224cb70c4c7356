/** latency: one `revert` of the seed at a time; beside it, the raw floor of the target's channel. */
import { SEED_TEXT } from '../../core/contract.js';
import { measureLatency } from '../measure-latency.js';
import { floorName } from '../floors/index.js';
import { derivedRow, measuredRow } from '../rows.js';
import type { Suite } from '../suite.js';

export const latencySuite: Suite = {
  name: 'latency',
  summary: 'round trip of one revert call on the seed: median, p99, mean ± margin, calls/s, and the ratio to the raw floor of its channel',
  async run(context) {
    const { budget, signal, target } = context;
    const handle = await context.warm();
    context.progress(`${budget.latencySamples} calls`);
    const measured = await measureLatency(() => handle.call('revert', [SEED_TEXT]), {
      samples: budget.latencySamples,
      warmup: budget.latencyWarmup,
      signal,
    });
    const roundTrip = measuredRow(context.row('round-trip', 'ms', 'lower'), measured.samples, {
      mean: measured.mean,
      margin: measured.margin,
      floor: floorName(target.channel),
      warmup: measured.warmup,
    });
    const floor = context.floors.get(target.channel);
    if (floor?.median && roundTrip.median !== null) roundTrip.ratio = roundTrip.median / floor.median;
    return [
      roundTrip,
      derivedRow(context.row('calls-per-second', 'calls/s', 'higher'), measured.samples.map(toRate), ['round-trip']),
    ];
  },
};

/** Calls per second one sample stands for; a zero-length sample (timer resolution) counts as 1 ns. */
function toRate(ms: number): number {
  return 1000 / Math.max(ms, 1e-6);
}
