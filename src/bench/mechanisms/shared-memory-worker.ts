/** The worker end of the shared-memory peer: waits in Atomics.wait, reverts the slot's text, answers in the same slot. */
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { revertText } from '../../core/contract.js';
import type { RevertModule } from './peer.js';
import { ANSWER, LENGTH, REQUEST, SLOT_UNITS, TEXT_OFFSET_BYTES } from './shared-memory.js';

const { shared, pluginFile } = workerData as { shared: SharedArrayBuffer; pluginFile?: string };
const revert = pluginFile ? ((await import(pathToFileURL(pluginFile).href)) as RevertModule).revert : revertText;
const control = new Int32Array(shared, 0, 3);
const text = new Uint16Array(shared, TEXT_OFFSET_BYTES, SLOT_UNITS);

for (let served = 0; ; ) {
  Atomics.wait(control, REQUEST, served);
  served = Atomics.load(control, REQUEST);
  const answer = revert(String.fromCharCode.apply(null, text.subarray(0, control[LENGTH]) as unknown as number[]));
  for (let i = 0; i < answer.length; i++) text[i] = answer.charCodeAt(i);
  control[LENGTH] = answer.length;
  Atomics.store(control, ANSWER, served);
  Atomics.notify(control, ANSWER);
}
