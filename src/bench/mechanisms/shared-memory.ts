/**
 * shared-memory: a bare worker_threads Worker and one SharedArrayBuffer slot,
 * no plugbench code: the host writes the text as UTF-16 code units, bumps the
 * request counter and notifies; the worker, blocked in Atomics.wait, reverts it
 * (the plugin's revert, or revertText for the floor), writes the answer, bumps
 * the answer counter and notifies; the host awaits that with Atomics.waitAsync.
 */
import { Worker } from 'node:worker_threads';
import { builtSibling } from '../../core/runtime-paths.js';
import type { BarePeer, StartPeer } from './peer.js';

/** Code units the slot holds; the bench's texts are far shorter. */
export const SLOT_UNITS = 65_536;
/** Int32 words before the text: request counter, answer counter, text length. */
export const REQUEST = 0;
export const ANSWER = 1;
export const LENGTH = 2;
export const TEXT_OFFSET_BYTES = 16;

export const start: StartPeer = ({ pluginFile }) => startSharedMemoryPeer(pluginFile);

/** Starts the worker; with no plugin file it reverts with revertText (the channel's floor). */
export async function startSharedMemoryPeer(pluginFile?: string): Promise<BarePeer> {
  const shared = new SharedArrayBuffer(TEXT_OFFSET_BYTES + 2 * SLOT_UNITS);
  const control = new Int32Array(shared, 0, 3);
  const text = new Uint16Array(shared, TEXT_OFFSET_BYTES, SLOT_UNITS);
  const worker = new Worker(builtSibling(import.meta.url, './shared-memory-worker.js'), { workerData: { shared, pluginFile } });
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    Atomics.notify(control, ANSWER);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the shared-memory peer exited with code ${code}`)));
  await new Promise<void>((resolve, reject) => worker.once('online', resolve).once('error', reject));
  let sequence = 0;
  return {
    call: async (input) => {
      if (input.length > SLOT_UNITS) throw new Error(`the shared-memory peer takes at most ${SLOT_UNITS} code units`);
      for (let i = 0; i < input.length; i++) text[i] = input.charCodeAt(i);
      control[LENGTH] = input.length;
      const asked = ++sequence;
      Atomics.store(control, REQUEST, asked);
      Atomics.notify(control, REQUEST);
      while (Atomics.load(control, ANSWER) !== asked) {
        if (failure) throw failure;
        const waiting = Atomics.waitAsync(control, ANSWER, asked - 1);
        if (waiting.async) await waiting.value;
      }
      return String.fromCharCode.apply(null, text.subarray(0, control[LENGTH]) as unknown as number[]);
    },
    stop: async () => void (await worker.terminate()),
  };
}
