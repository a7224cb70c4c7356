/**
 * Starts one plugin worker and waits for its ready message (the handshake),
 * within the start deadline. A worker that fails to start is terminated before
 * the error is thrown, so nothing is left running.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ConnectionHost } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import type { MessageClient } from '../../src/core/message-client.js';
import { builtSibling } from '../../src/core/runtime-paths.js';
import { sandboxEnv, SANDBOX_WORKER_LIMITS } from '../../src/core/sandbox/limits.js';
import type { StartOptions } from '../../src/core/transport.js';
import { isPluginMessage } from '../../src/core/wire.js';
import { PortClient } from './port-client.js';
import type { WorkerStartData } from './serve-plugin.js';

export interface WorkerStartOptions extends StartOptions {
  /** V8 heap and stack limits for the worker (a sandbox the platform gives). */
  resourceLimits?: ResourceLimits;
}

/** The host end of the calls to one worker: a MessageClient over its port, or another channel beside it. */
export interface WorkerClient extends Pick<MessageClient, 'send' | 'ping' | 'failAll' | 'receive'> {
  /** Asks the worker to exit (it runs the plugin's exit, then closes its port); throws if the port is closed. */
  requestExit(): void;
}

/** How calls reach a worker: its entry module and the host end, built for each worker started. */
export interface WorkerChannel {
  /** The compiled entry module the worker runs. */
  readonly entry: string;
  /** For a worker about to start: what its entry gets in workerData besides the plugin, and the host end once it exists. */
  prepare(host: ConnectionHost, options: WorkerStartOptions): { workerData?: Record<string, unknown>; connect(worker: Worker): WorkerClient };
}

/** The worker target's channel: the wire messages over the worker's own MessagePort. */
export const PORT_CHANNEL: WorkerChannel = {
  entry: builtSibling(import.meta.url, './worker-entry.js'),
  prepare: (host) => ({ connect: (worker) => new PortClient(worker, host) }),
};

/** A started worker; `onExit` is told when it ends unless it was retired on purpose. */
export interface LiveWorker {
  readonly worker: Worker;
  readonly client: WorkerClient;
  /** Set when the host ends the worker on purpose, so its exit is not a crash. */
  retiring: boolean;
  lastError?: Error;
}

export interface SpawnRequest {
  pluginPath: string;
  options: WorkerStartOptions;
  host: ConnectionHost;
  budgetMs: number;
  /** How calls reach the worker; the MessagePort unless told. */
  channel?: WorkerChannel;
  /** Record spawn and handshake steps (the first worker only). */
  narrate: boolean;
  onExit(live: LiveWorker, exitCode: number): void;
}

export function spawnWorker(request: SpawnRequest): Promise<LiveWorker> {
  const { options, host } = request;
  const began = performance.now();
  const { entry, prepare } = request.channel ?? PORT_CHANNEL;
  const channel = prepare(host, options);
  const workerData: WorkerStartData = { pluginPath: request.pluginPath, faultInjection: options.faultInjection ?? false };
  // The sandbox: a small heap (an endless allocation ends the worker, not the host) and no host secrets in env.
  const resourceLimits = options.resourceLimits ?? (options.sandbox ? SANDBOX_WORKER_LIMITS : undefined);
  const worker = new Worker(entry, {
    workerData: { ...channel.workerData, ...workerData },
    ...(resourceLimits ? { resourceLimits } : {}),
    ...(options.sandbox ? { env: sandboxEnv() } : {}),
    stdout: false,
    stderr: false,
  });
  const live: LiveWorker = { worker, retiring: false, client: channel.connect(worker) };
  return new Promise<LiveWorker>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      fail(new PluginError('START_FAILED', `no ready message within ${Math.round(request.budgetMs)} ms`));
      void worker.terminate();
    }, request.budgetMs);
    const fail = (error: PluginError) => {
      clearTimeout(timer);
      if (ready) return;
      live.client.failAll(error);
      reject(error);
    };
    const handshake = narrateStart(request, worker, began);
    worker.on('message', (message: unknown) => {
      if (!ready && isPluginMessage(message)) {
        if (message.type === 'ready') {
          ready = true;
          clearTimeout(timer);
          handshake(`${message.name ?? 'plugin'} ${message.version ?? ''}`.trim());
          resolve(live);
          return;
        }
        if (message.type === 'start-error') return fail(PluginError.fromJSON({ ...message.error, code: 'START_FAILED' }));
      }
      live.client.receive(message);
    });
    worker.on('error', (error) => (live.lastError = error));
    worker.on('exit', (exitCode) => {
      if (!ready) {
        const why = live.lastError ? `: ${live.lastError.message}` : '';
        return fail(new PluginError('START_FAILED', `worker exited with code ${exitCode} before it was ready${why}`));
      }
      if (!live.retiring) request.onExit(live, exitCode);
    });
  });
}

/**
 * The narrated start steps (spawn when the thread is online, then the
 * handshake), each timed from the end of the one before so they add up to
 * the start; returns what to call when the ready message arrives.
 */
function narrateStart(request: SpawnRequest, worker: Worker, began: number): (detail: string) => void {
  if (!request.narrate) return () => {};
  let online = began;
  worker.once('online', () => {
    online = performance.now();
    request.host.event({ type: 'step', name: 'spawn', ms: online - began, detail: `thread ${worker.threadId}` });
  });
  return (detail) => request.host.event({ type: 'step', name: 'handshake', ms: performance.now() - online, detail });
}

const EXIT_GRACE_MS = 500;

/** Asks the worker to exit, waits up to EXIT_GRACE_MS, then terminates it. */
export async function stopWorker(live: LiveWorker): Promise<void> {
  live.retiring = true;
  const exited = new Promise<void>((resolve) => live.worker.once('exit', () => resolve()));
  try {
    live.client.requestExit();
  } catch {
    // the port is already closed
  }
  let timer: NodeJS.Timeout | undefined;
  const graceful = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), EXIT_GRACE_MS)))]);
  clearTimeout(timer);
  if (!graceful) await live.worker.terminate();
  live.client.failAll(new PluginError('CLOSED', 'worker: plugin was stopped'));
}
