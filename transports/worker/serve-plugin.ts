/**
 * The worker side of both worker targets: loads the plugin file, serves the wire
 * messages with a MessageRunner, and announces itself on the parent port (the
 * handshake spawnWorker waits for). The channel that carries the calls (the port,
 * or shared memory) is the caller's: it passes `post` and feeds `runner.receive`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError, toPluginError } from '../../src/core/errors.js';
import { importPlugin } from '../../src/core/load-plugin.js';
import { createDirectDispatcher, type DirectDispatch } from '../../src/core/plugin-dispatcher.js';
import { createMessageRunner, type MessageRunner } from '../../src/core/message-runner.js';
import type { PluginMessage } from '../../src/core/wire.js';

export interface WorkerStartData {
  pluginPath: string;
  faultInjection: boolean;
}

export interface ServedPlugin {
  readonly port: NonNullable<typeof parentPort>;
  readonly runner: MessageRunner;
  /** Resolves true once the plugin is loaded and `ready` was posted, false when it failed to start. */
  readonly started: Promise<boolean>;
}

/** Starts serving; `onExiting` runs when the host asked the worker to exit, before the port closes. */
export function servePlugin(post: (message: PluginMessage) => void, onExiting: () => void = () => {}): ServedPlugin {
  const port = parentPort;
  if (!port) throw new Error('this module must run inside a worker thread');
  const data = workerData as WorkerStartData;
  let dispatch: DirectDispatch | undefined;
  let exiting = false;
  const runner = createMessageRunner(post, () => {
    if (exiting) return;
    exiting = true;
    onExiting();
    void Promise.resolve()
      .then(() => dispatch?.('exit', [], 1))
      .catch(() => {})
      .finally(() => port.close());
  });
  const started = (async () => {
    try {
      const plugin = await importPlugin(data.pluginPath);
      // Direct: a synchronous method's answer is posted at once, with no promise of plugbench's own.
      dispatch = createDirectDispatcher(plugin, {
        hostCall: runner.hostCall,
        faultInjection: data.faultInjection,
        faults: { crash: () => process.exit(70) },
      });
      runner.attach(dispatch);
      port.postMessage({ type: 'ready', ...(plugin.name ? { name: plugin.name } : {}), ...(plugin.version ? { version: plugin.version } : {}) } satisfies PluginMessage);
      return true;
    } catch (error) {
      port.postMessage({ type: 'start-error', error: serializeError(toPluginError(error, 'START_FAILED')) } satisfies PluginMessage);
      port.close();
      return false;
    }
  })();
  return { port, runner, started };
}
