/**
 * latency: one `revert` of the seed at a time, and where its time goes: in the
 * same alternating rounds, the raw floor of the target's channel and the bare
 * mechanism the target is built on (see decomposition.ts). The target's row
 * carries both ratios: × floor and × bare (its `overhead`, what plugbench adds).
 */
import { decompose, mechanismOf, referenceRow } from '../decomposition.js';
import { placementWarning } from '../mechanisms/index.js';
import { derivedRow, measuredRow } from '../rows.js';
import type { Suite } from '../suite.js';

export const latencySuite: Suite = {
  name: 'latency',
  summary:
    'round trip of one revert call on the seed, measured in alternating rounds with the raw floor of its channel and the bare mechanism it is built on: median, p99, calls/s, × floor and × bare',
  async run(context) {
    const { budget, signal, target } = context;
    const measuring = () => context.progress(`${budget.latencySamples} calls, alternating with its channel floor and bare mechanism`);
    const { samples, warmup, floor, bare } = await decompose(target, context.warm(), budget, signal, context.stopList, measuring);
    const roundTrip = measuredRow(context.row('round-trip', 'ms', 'lower'), samples, { role: 'target', floor: floor.identity.target, ...(warmup ? { warmup } : {}) });
    const floorRow = referenceRow(floor);
    const bareRow = bare ? referenceRow(bare) : undefined;
    const mechanism = mechanismOf(target);
    const warning = bareRow && mechanism ? placementWarning(mechanism, floorRow.median, bareRow.median) : undefined;
    if (bareRow && warning) bareRow.note = `${bareRow.note}; ${warning}`;
    if (roundTrip.median !== null) {
      if (floorRow.median) roundTrip.ratio = roundTrip.median / floorRow.median;
      if (bareRow) roundTrip.bare = bareRow.target;
      if (bareRow?.median) roundTrip.overhead = roundTrip.median / bareRow.median;
    }
    return [
      roundTrip,
      derivedRow(context.row('calls-per-second', 'calls/s', 'higher'), samples.map(toRate), ['round-trip']),
      floorRow,
      ...(bareRow ? [bareRow] : []),
    ];
  },
};

/** Calls per second one sample stands for; a zero-length sample (timer resolution) counts as 1 ns. */
function toRate(ms: number): number {
  return 1000 / Math.max(ms, 1e-6);
}
