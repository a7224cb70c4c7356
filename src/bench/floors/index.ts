/**
 * Raw channel floors: rows named `floor:<channel>`. Each target's latency suite
 * measures its channel's floor beside it (decomposition.ts); `--floors` measures one on its own.
 */
import { SEED_TEXT } from '../../core/contract.js';
import type { Channel } from '../../core/transport.js';
import type { Budget } from '../budget.js';
import { measureLatency } from '../measure-latency.js';
import type { ResultRow } from '../../results/types.js';
import { measuredRow } from '../rows.js';
import type { StopList } from '../stop-list.js';
import { FLOOR_KINDS } from './peers.js';

export const CHANNELS = Object.keys(FLOOR_KINDS) as Channel[];

export function floorName(channel: Channel): string {
  return `floor:${channel}`;
}

/** Starts the channel's minimal peer, measures its round trip like a target's, stops it. */
export async function measureFloor(channel: Channel, budget: Budget, signal: AbortSignal, stopList: StopList): Promise<ResultRow> {
  const kind = FLOOR_KINDS[channel];
  const peer = stopList.add(await kind.start());
  try {
    const measured = await measureLatency(() => peer.roundTrip(SEED_TEXT), {
      samples: budget.latencySamples,
      warmup: budget.latencyWarmup,
      signal,
    });
    return measuredRow(
      { target: floorName(channel), suite: 'latency', metric: 'round-trip', unit: 'ms', better: 'lower' },
      measured.samples,
      { role: 'floor', mean: measured.mean, margin: measured.margin, warmup: measured.warmup, note: kind.peer },
    );
  } finally {
    await stopList.release(peer);
  }
}
