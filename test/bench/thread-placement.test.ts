/**
 * startOnFastestThread: of PLACEMENT_THREADS peers, calls go to the one that
 * answers fastest, and move when another becomes faster; the others still get a
 * call now and then. Stopping stops them all, and a failed start stops what had
 * started. Fake peers whose round trip busy-waits a set time.
 */
import { describe, expect, it } from 'vitest';
import { PLACEMENT_THREADS, startOnFastestThread } from '../../src/bench/thread-placement.js';

/** Peers numbered from 0; peer i's round trip busy-waits delays[i] ms (changeable), counted per peer. */
function fakePeers(delays: number[]) {
  const served: number[] = [];
  const stopped: boolean[] = [];
  const start = async () => {
    const id = served.length;
    served.push(0);
    stopped.push(false);
    return {
      call: async (text: string) => {
        served[id]!++;
        const end = performance.now() + delays[id]!;
        while (performance.now() < end);
        return text;
      },
      stop: async () => void (stopped[id] = true),
    };
  };
  return { served, stopped, start };
}

const callMany = async (peer: { call(text: string): Promise<string> }, count: number) => {
  for (let i = 0; i < count; i++) expect(await peer.call('ab')).toBe('ab');
};

describe('startOnFastestThread', () => {
  it('sends the calls to the fastest thread, moves when another gets faster, and stops them all', async () => {
    expect(PLACEMENT_THREADS).toBe(2);
    const delays = [0.2, 0.01];
    const { served, stopped, start } = fakePeers(delays);
    const peer = await startOnFastestThread(start);
    await callMany(peer, 1000);
    expect(served[1]).toBeGreaterThan(700);
    expect(served[0]).toBeGreaterThan(0);

    delays.reverse();
    served.fill(0);
    await callMany(peer, 1000);
    expect(served[0]).toBeGreaterThan(700);

    await peer.stop();
    expect(stopped).toEqual([true, true]);
  });

  it('stops the threads it started when a later one fails to start', async () => {
    const { stopped, start: startFake } = fakePeers([0.01, 0.01]);
    let starts = 0;
    const start = async () => {
      if (starts++ === 1) throw new Error('cannot start');
      return startFake();
    };
    await expect(startOnFastestThread(start)).rejects.toThrow('cannot start');
    expect(stopped).toEqual([true]);
  });
});
