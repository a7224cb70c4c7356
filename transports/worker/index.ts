/**
 * worker: the plugin runs in a worker_threads Worker. A call past its deadline
 * is interrupted the only way a thread can be: the worker is terminated, the
 * other calls on it fail with CRASHED, and the next call runs on a fresh worker
 * (the engines' interrupt, done by the channel; restarts after a crash are the
 * Supervisor's). A worker that dies rejects every pending call with CRASHED.
 */
import type { CallContext, Connection, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import type { TargetDescriptor } from '../../src/core/descriptor.js';
import { pluginFile } from '../../src/core/descriptor-target.js';
import { PluginError, toPluginError } from '../../src/core/errors.js';
import { descriptor } from './descriptor.js';
import { PORT_CHANNEL, spawnWorker, stopWorker, type LiveWorker, type WorkerChannel, type WorkerStartOptions } from './spawn-worker.js';

export type { WorkerChannel, WorkerClient, WorkerStartOptions } from './spawn-worker.js';

export class WorkerConnection implements Connection {
  #live: LiveWorker | undefined;
  #replacing: Promise<LiveWorker> | undefined;
  #generation = 0;
  #closed = false;

  private constructor(
    private readonly request: OpenRequest,
    private readonly pluginPath: string,
    private readonly channel: WorkerChannel,
  ) {}

  /** Opens a worker target: `target` names its plugin, `channel` how its calls reach the worker. */
  static async open(request: OpenRequest, target: TargetDescriptor = descriptor, channel: WorkerChannel = PORT_CHANNEL): Promise<WorkerConnection> {
    const connection = new WorkerConnection(request, pluginFile(target, request.options), channel);
    connection.#live = await connection.#spawn(Math.max(1, request.deadline - performance.now()), true);
    return connection;
  }

  /** Thread id of the current worker (changes after a timeout replaced it). */
  get threadId(): number | undefined {
    return this.#live?.worker.threadId;
  }

  /** How many workers this connection has started (1 + replacements after timeouts). */
  get generation(): number {
    return this.#generation;
  }

  /** Not async: an async function returning the client's promise would cost the call three more microtask turns. */
  send(method: string, args: unknown[], call: CallContext): Promise<unknown> {
    const live = this.#live;
    if (!live) return this.#current().then((fresh) => this.#sendTo(fresh, method, args, call));
    return this.#sendTo(live, method, args, call);
  }

  #sendTo(live: LiveWorker, method: string, args: unknown[], call: CallContext): Promise<unknown> {
    return live.client.send(method, args, call, (reason) => this.#onAbandoned(live, method, reason));
  }

  async ping(): Promise<void> {
    await (await this.#current()).client.ping();
  }

  async close(): Promise<void> {
    this.#closed = true;
    const live = this.#live ?? (await this.#replacing?.catch(() => undefined));
    this.#live = undefined;
    this.#replacing = undefined;
    if (live) await stopWorker(live);
  }

  async #current(): Promise<LiveWorker> {
    if (this.#live) return this.#live;
    if (this.#replacing) return this.#replacing;
    throw new PluginError('CLOSED', 'worker: plugin is stopped');
  }

  /** A call timed out: the worker may be stuck in it, so it is replaced. */
  #onAbandoned(live: LiveWorker, method: string, reason: unknown): void {
    if (!PluginError.is(reason) || reason.code !== 'TIMEOUT' || this.#closed || this.#live !== live) return;
    this.#live = undefined;
    live.retiring = true;
    live.client.failAll(new PluginError('CRASHED', `worker: terminated because ${method} timed out; retry the call`));
    void live.worker.terminate();
    const replacing = this.#spawn(Math.max(1, this.request.options.startTimeoutMs ?? 10_000), false);
    this.#replacing = replacing;
    replacing.then(
      (fresh) => {
        if (this.#replacing !== replacing) return;
        this.#replacing = undefined;
        if (this.#closed) void stopWorker(fresh);
        else this.#live = fresh;
      },
      (error: unknown) => {
        if (this.#replacing === replacing) this.#replacing = undefined;
        this.request.host.closed({ code: 'CRASHED', message: `could not start a fresh worker after a timeout: ${toPluginError(error).message}` });
      },
    );
  }

  #spawn(budgetMs: number, narrate: boolean): Promise<LiveWorker> {
    this.#generation++;
    return spawnWorker({
      pluginPath: this.pluginPath,
      options: this.request.options as WorkerStartOptions,
      host: this.request.host,
      budgetMs,
      channel: this.channel,
      narrate,
      onExit: (live, exitCode) => {
        const message = live.lastError ? `worker died: ${toPluginError(live.lastError).message}` : `worker exited with code ${exitCode} while it was serving calls`;
        if (this.#live === live) this.#live = undefined;
        live.client.failAll(new PluginError('CRASHED', `worker: ${message}`, { data: { exitCode } }));
        this.request.host.closed({ code: 'CRASHED', message, exitCode });
      },
    });
  }
}

export const open: OpenConnection = (request) => WorkerConnection.open(request);
