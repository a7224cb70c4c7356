/** Runs inside the Worker: loads the plugin file and serves calls over the parent port. */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError, toPluginError } from '../../src/core/errors.js';
import { importPlugin } from '../../src/core/load-plugin.js';
import { createDispatcher } from '../../src/core/plugin-dispatcher.js';
import { createMessageRunner } from '../../src/core/message-runner.js';
import type { PluginMessage } from '../../src/core/wire.js';

export interface WorkerStartData {
  pluginPath: string;
  faultInjection: boolean;
}

const port = parentPort;
if (!port) throw new Error('worker-entry.js must run inside a worker thread');
const data = workerData as WorkerStartData;
const post = (message: PluginMessage) => port.postMessage(message);

let exiting = false;
const runner = createMessageRunner(post, () => {
  if (exiting) return;
  exiting = true;
  void Promise.resolve(dispatch?.('exit', [], 1))
    .catch(() => {})
    .finally(() => port.close());
});
port.on('message', (message) => runner.receive(message));

let dispatch: ReturnType<typeof createDispatcher> | undefined;
try {
  const plugin = await importPlugin(data.pluginPath);
  dispatch = createDispatcher(plugin, {
    hostCall: runner.hostCall,
    faultInjection: data.faultInjection,
    faults: { crash: () => process.exit(70) },
  });
  runner.attach(dispatch);
  post({ type: 'ready', ...(plugin.name ? { name: plugin.name } : {}), ...(plugin.version ? { version: plugin.version } : {}) });
} catch (error) {
  post({ type: 'start-error', error: serializeError(toPluginError(error, 'START_FAILED')) });
  port.close();
}
