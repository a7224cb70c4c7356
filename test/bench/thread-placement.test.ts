/**
 * startBestPlaced: of PLACEMENT_TRIES peers started one after another, the one
 * with the fastest probe is kept and every other one is stopped, on success and
 * when a start or a probe fails. Fake peers whose round trip takes a set time.
 */
import { describe, expect, it } from 'vitest';
import { PLACEMENT_TRIES, startBestPlaced } from '../../src/bench/thread-placement.js';

interface FakePeer {
  id: number;
  stopped: boolean;
  stop(): Promise<void>;
}

/** Peers numbered from 0; peer i's round trip busy-waits delays[i] ms (or throws for 'fail'). */
function fakePeers(delays: Array<number | 'fail'>) {
  const started: FakePeer[] = [];
  const start = async () => {
    const peer: FakePeer = { id: started.length, stopped: false, stop: async () => void (peer.stopped = true) };
    started.push(peer);
    return peer;
  };
  const roundTrip = async (peer: FakePeer) => {
    const delay = delays[peer.id]!;
    if (delay === 'fail') throw new Error(`peer ${peer.id} failed`);
    const end = performance.now() + delay;
    while (performance.now() < end);
  };
  return { started, start, roundTrip };
}

describe('startBestPlaced', () => {
  it('keeps the fastest of the tries and stops the others', async () => {
    const { started, start, roundTrip } = fakePeers([0.05, 0.005, 0.05]);
    const kept = await startBestPlaced(start, roundTrip);
    expect(started).toHaveLength(PLACEMENT_TRIES);
    expect(kept.id).toBe(1);
    expect(started.map((peer) => peer.stopped)).toEqual([true, false, true]);
  });

  it('stops what it started and rethrows when a probe fails', async () => {
    const { started, start, roundTrip } = fakePeers([0.005, 'fail', 0.005]);
    await expect(startBestPlaced(start, roundTrip)).rejects.toThrow('peer 1 failed');
    expect(started).toHaveLength(2);
    expect(started.every((peer) => peer.stopped)).toBe(true);
  });

  it('stops the best so far and rethrows when a later start fails', async () => {
    const { started, start: startFake, roundTrip } = fakePeers([0.005, 0.005, 0.005]);
    const start = async () => {
      if (started.length === 1) throw new Error('cannot start');
      return startFake();
    };
    await expect(startBestPlaced(start, roundTrip)).rejects.toThrow('cannot start');
    expect(started.map((peer) => peer.stopped)).toEqual([true]);
  });
});
