/** The minimal peer of the MessagePort floor: a worker thread that reverts each text and posts it back. */
import { parentPort } from 'node:worker_threads';
import { revertText } from '../../core/contract.js';

const port = parentPort!;
port.on('message', (text: string) => port.postMessage(revertText(text)));
