/**
 * worker: the plugin runs in a worker_threads Worker. A call past its deadline
 * terminates the worker and the next call runs on a fresh one; a worker that dies
 * rejects every pending call with CRASHED.
 */
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { PluginError, toPluginError } from '../../src/core/errors.js';
import { MessageClient } from '../../src/core/message-client.js';
import { builtSibling, jsPluginFile } from '../../src/core/runtime-paths.js';
import { sandboxEnv, SANDBOX_WORKER_LIMITS } from '../../src/core/sandbox/limits.js';
import { isPluginMessage } from '../../src/core/wire.js';
import { BasePluginHandle, type InvokeContext, type StartOptions, type Target } from '../types.js';
import type { WorkerStartData } from './worker-entry.js';

const DEFAULT_START_TIMEOUT_MS = 10_000;
const EXIT_GRACE_MS = 500;

export interface WorkerStartOptions extends StartOptions {
  /** V8 heap and stack limits for the worker (a sandbox the platform gives). */
  resourceLimits?: ResourceLimits;
}

interface LiveWorker {
  worker: Worker;
  client: MessageClient;
  /** Set when the host ends the worker on purpose, so its exit is not a crash. */
  retiring: boolean;
}

export class WorkerHandle extends BasePluginHandle {
  #live: LiveWorker | undefined;
  #replacing: Promise<LiveWorker> | undefined;
  #generation = 0;

  private constructor(
    private readonly pluginPath: string,
    options: WorkerStartOptions,
  ) {
    super('worker', options);
  }

  static async open(options: WorkerStartOptions): Promise<WorkerHandle> {
    const pluginPath = jsPluginFile(options);
    const handle = new WorkerHandle(pluginPath, options);
    handle.#live = await handle.spawn(true);
    return handle;
  }

  override get pid(): number | undefined {
    return undefined;
  }

  /** Thread id of the current worker (changes after a timeout replaced it). */
  get threadId(): number | undefined {
    return this.#live?.worker.threadId;
  }

  /** How many workers this handle has started (1 + replacements after timeouts). */
  get generation(): number {
    return this.#generation;
  }

  protected async invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    const live = await this.current();
    return live.client.call(method, args, context.depth, context.signal);
  }

  protected async ping(): Promise<void> {
    const live = await this.current();
    await live.client.ping();
  }

  protected override onCallTimeout(method: string): void {
    const live = this.#live;
    if (!live || !this.running) return;
    this.#live = undefined;
    this.retire(live, new PluginError('CRASHED', `worker: terminated because ${method} timed out; retry the call`));
    const replacing = this.spawn(false).then(
      (fresh) => {
        if (this.#replacing !== replacing) return fresh;
        this.#replacing = undefined;
        if (this.running) this.#live = fresh;
        else this.retire(fresh, new PluginError('CLOSED', 'worker: plugin was stopped'));
        return fresh;
      },
      (error: unknown) => {
        if (this.#replacing === replacing) this.#replacing = undefined;
        this.markCrashed({ message: `could not start a fresh worker after a timeout: ${toPluginError(error).message}` });
        throw error;
      },
    );
    this.#replacing = replacing;
    replacing.catch(() => {});
  }

  protected async shutdown(): Promise<void> {
    const live = this.#live ?? (await this.#replacing?.catch(() => undefined));
    this.#live = undefined;
    this.#replacing = undefined;
    if (!live) return;
    live.retiring = true;
    const exited = new Promise<void>((resolve) => live.worker.once('exit', () => resolve()));
    try {
      live.worker.postMessage({ type: 'exit' });
    } catch {
      // the port is already closed
    }
    const graceful = await Promise.race([exited.then(() => true), delay(EXIT_GRACE_MS).then(() => false)]);
    if (!graceful) await live.worker.terminate();
    live.client.failAll(new PluginError('CLOSED', 'worker: plugin was stopped'));
  }

  private async current(): Promise<LiveWorker> {
    if (this.#live) return this.#live;
    if (this.#replacing) return this.#replacing;
    throw new PluginError('CLOSED', 'worker: plugin is stopped');
  }

  private retire(live: LiveWorker, error: PluginError): void {
    live.retiring = true;
    live.client.failAll(error);
    void live.worker.terminate();
  }

  /** Starts a worker and waits for its ready message (the handshake). */
  private spawn(initial: boolean): Promise<LiveWorker> {
    const options = this.options as WorkerStartOptions;
    const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const began = performance.now();
    this.#generation++;
    const workerData: WorkerStartData = { pluginPath: this.pluginPath, faultInjection: options.faultInjection ?? false };
    // The sandbox: a small heap (an endless allocation ends the worker, not the host) and no host secrets in env.
    const resourceLimits = options.resourceLimits ?? (options.sandbox ? SANDBOX_WORKER_LIMITS : undefined);
    const worker = new Worker(builtSibling(import.meta.url, './worker-entry.js'), {
      workerData,
      ...(resourceLimits ? { resourceLimits } : {}),
      ...(options.sandbox ? { env: sandboxEnv() } : {}),
      stdout: false,
      stderr: false,
    });
    const live: LiveWorker = {
      worker,
      retiring: false,
      client: new MessageClient({
        post: (message) => worker.postMessage(message),
        onHostCall: (name, args, depth) => this.handleHostCall(name, args, depth),
        onProtocolError: (error) => this.emit({ type: 'stderr', line: error.message }),
      }),
    };

    return new Promise<LiveWorker>((resolve, reject) => {
      let ready = false;
      let lastError: Error | undefined;
      const timer = setTimeout(() => {
        fail(new PluginError('START_FAILED', `worker: no ready message within ${startTimeoutMs} ms`));
        void worker.terminate();
      }, startTimeoutMs);
      const fail = (error: PluginError) => {
        clearTimeout(timer);
        if (!ready) reject(error);
      };
      if (initial) worker.once('online', () => this.recordStep('spawn', performance.now() - began, `thread ${worker.threadId}`));
      worker.on('message', (message: unknown) => {
        if (!ready && isPluginMessage(message)) {
          if (message.type === 'ready') {
            ready = true;
            clearTimeout(timer);
            if (initial) this.recordStep('handshake', performance.now() - began, `${message.name ?? 'plugin'} ${message.version ?? ''}`.trim());
            resolve(live);
            return;
          }
          if (message.type === 'start-error') {
            fail(PluginError.fromJSON({ ...message.error, code: 'START_FAILED' }));
            return;
          }
        }
        live.client.receive(message);
      });
      worker.on('error', (error) => {
        lastError = error;
      });
      worker.on('exit', (exitCode) => {
        if (!ready) {
          fail(new PluginError('START_FAILED', `worker exited with code ${exitCode} before it was ready${lastError ? `: ${lastError.message}` : ''}`));
          return;
        }
        if (live.retiring) return;
        const message = lastError
          ? `worker died: ${toPluginError(lastError).message}`
          : `worker exited with code ${exitCode} while it was serving calls`;
        live.client.failAll(new PluginError('CRASHED', `worker: ${message}`, { data: { exitCode } }));
        if (this.#live === live) this.#live = undefined;
        this.markCrashed({ exitCode, message });
      });
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export const workerTarget: Target = {
  name: 'worker',
  channel: 'message-port',
  family: 'thread',
  description: 'Plugin in a worker_threads Worker, talking over a MessagePort',
  capabilities: {
    hangRecoverable: true,
    crashIsolated: true,
    callbacks: true,
    protections: ['sandbox', 'resourceLimits', 'clean-env', 'terminate-on-timeout'],
  },
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(jsPluginFile(options)),
  start: (options = {}) => WorkerHandle.open(options),
};
