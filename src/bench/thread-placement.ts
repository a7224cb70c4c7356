/**
 * Where the kernel runs a worker's thread decides its round trip more than its
 * code does: on a 2-vCPU VM a MessagePort or SharedArrayBuffer round trip takes
 * about 20 µs when the worker runs on the host thread's CPU and 30-130 µs when it
 * runs on the other one (every message then wakes an idle vCPU), and a thread
 * keeps the CPU it settled on for seconds or for its whole life
 * (docs/where-the-time-goes.md, "Thread placement"). A reference on a worker
 * thread (a floor, a bare mechanism) is a lower bound, so it runs PLACEMENT_THREADS
 * identical workers and sends each call to the one that answers fastest now: one
 * thread would make the reference as slow as its placement's luck.
 */
import type { Stoppable } from './stop-list.js';

export const PLACEMENT_THREADS = 2;
/** Every PROBE_EVERY-th call goes to another thread, so its time stays known (and its code warm). */
const PROBE_EVERY = 32;
/** Each thread's time is the median of its last WINDOW calls. */
const WINDOW = 5;
/** Another thread takes over only when it is this much faster (× the current one's time). */
const SWITCH_BELOW = 0.8;

export interface ThreadPeer extends Stoppable {
  call(text: string): Promise<string>;
}

/** Starts PLACEMENT_THREADS peers, one after another; the peer returned routes each call to the fastest. */
export async function startOnFastestThread(start: () => Promise<ThreadPeer>): Promise<ThreadPeer> {
  const peers: ThreadPeer[] = [];
  try {
    for (let i = 0; i < PLACEMENT_THREADS; i++) peers.push(await start());
  } catch (error) {
    await Promise.all(peers.map((peer) => peer.stop()));
    throw error;
  }
  const recent = peers.map((): number[] => []);
  let current = 0;
  let calls = 0;
  const timeOf = (i: number) => medianOf(recent[i]!);
  const choose = () => {
    for (let i = 0; i < peers.length; i++) if (recent[i]!.length === WINDOW && timeOf(i) < timeOf(current) * SWITCH_BELOW) current = i;
  };
  return {
    call: async (text) => {
      const probing = ++calls % PROBE_EVERY === 0;
      const i = probing ? (current + 1 + ((calls / PROBE_EVERY) % (peers.length - 1))) % peers.length : current;
      const began = performance.now();
      const answer = await peers[i]!.call(text);
      const window = recent[i]!;
      window.push(performance.now() - began);
      if (window.length > WINDOW) window.shift();
      if (probing) choose();
      return answer;
    },
    stop: async () => void (await Promise.all(peers.map((peer) => peer.stop()))),
  };
}

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
