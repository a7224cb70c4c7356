/**
 * Where the kernel runs a worker's thread decides its round trip more than its
 * code does: on a 2-vCPU VM a MessagePort or SharedArrayBuffer round trip takes
 * about 20 µs when the worker runs on the host thread's CPU and 50-130 µs when it
 * runs on the other one (every message then wakes an idle vCPU), and a thread
 * mostly keeps the CPU it settled on for its whole life (docs/where-the-time-goes.md,
 * "Thread placement"). A reference on a worker thread (a floor, a bare mechanism)
 * is a lower bound, so it is started up to PLACEMENT_TRIES times and the fastest
 * placement is kept: one draw would make the reference as slow as its luck.
 */
import { SEED_TEXT } from '../core/contract.js';
import { median } from 'simple-statistics';
import type { Stoppable } from './stop-list.js';

export const PLACEMENT_TRIES = 3;
/** Calls per try: the first half warms the thread's code, the second half is timed. */
const PROBE_CALLS = 400;

/** Starts a peer PLACEMENT_TRIES times, one after another, and keeps the one whose round trip was fastest; stops the others. */
export async function startBestPlaced<P extends Stoppable>(start: () => Promise<P>, roundTrip: (peer: P, text: string) => Promise<unknown>): Promise<P> {
  let best: { peer: P; ms: number } | undefined;
  try {
    for (let tries = 0; tries < PLACEMENT_TRIES; tries++) {
      const peer = await start();
      const ms = await probe(peer, roundTrip).catch(async (error: unknown) => {
        await peer.stop();
        throw error;
      });
      const [kept, dropped] = !best || ms < best.ms ? [{ peer, ms }, best?.peer] : [best, peer];
      best = kept;
      await dropped?.stop();
    }
  } catch (error) {
    await best?.peer.stop();
    throw error;
  }
  return best!.peer;
}

async function probe<P>(peer: P, roundTrip: (peer: P, text: string) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < PROBE_CALLS; i++) {
    const began = performance.now();
    await roundTrip(peer, SEED_TEXT);
    if (i >= PROBE_CALLS / 2) times.push(performance.now() - began);
  }
  return median(times);
}
