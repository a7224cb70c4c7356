/** post-message: a bare worker_threads Worker running the plugin; one postMessage there, one back. */
import { Worker } from 'node:worker_threads';
import { builtSibling } from '../../core/runtime-paths.js';
import type { StartPeer } from './peer.js';

interface Waiting {
  resolve(text: string): void;
  reject(error: Error): void;
}

export const start: StartPeer = async ({ pluginFile }) => {
  const worker = new Worker(builtSibling(import.meta.url, './post-message-worker.js'), { workerData: { pluginFile } });
  const waiting: Waiting[] = [];
  const failAll = (error: Error) => waiting.splice(0).forEach((call) => call.reject(error));
  worker.on('message', (text: string) => waiting.shift()?.resolve(text));
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the post-message peer exited with code ${code}`)));
  await new Promise<void>((resolve, reject) => worker.once('online', resolve).once('error', reject));
  return {
    call: (text) =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(text);
      }),
    stop: async () => void (await worker.terminate()),
  };
};
