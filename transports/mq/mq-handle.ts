/**
 * A plugin behind ZeroMQ: the host's DEALER talks to the plugin's ROUTER, with
 * the shared `wire` messages (MessageClient) on top. The plugin is either a
 * child process run by the shared process lifecycle (spawn, handshake line,
 * crash, graceful-then-forced stop) or an endpoint given with `--connect`: then
 * a disconnect is a crash, and stopping only disconnects, the plugin is not ours.
 */
import { PluginError } from '../../src/core/errors.js';
import { MessageClient } from '../../src/core/message-client.js';
import type { InvokeContext } from '../../src/core/base-handle.js';
import type { StartOptions } from '../../src/core/transport.js';
import { forwardStdout, ProcessPluginHandle, type HandshakeResult, type ProcessSpec } from '../process/index.js';
import { MqConnection } from './mq-connection.js';

/** How to start one mq plugin process (command, args, env for the runner). */
export type MqCommand = Omit<ProcessSpec, 'name' | 'onStderrLine'>;

export class MqHandle extends ProcessPluginHandle {
  #connection: MqConnection | undefined;
  readonly #client: MessageClient;

  private constructor(target: string, options: StartOptions) {
    super(target, options);
    this.#client = new MessageClient({
      post: (message) => this.connection.post(message),
      onHostCall: (name, args, depth) => this.handleHostCall(name, args, depth),
      onProtocolError: (error) => this.failChannel(error.message),
    });
  }

  /** Spawns the plugin (or connects to `options.endpoint`) and waits for a first pong. */
  static async open(target: string, command: () => Promise<MqCommand>, options: StartOptions): Promise<MqHandle> {
    const handle = new MqHandle(target, options);
    if (options.endpoint) {
      handle.openSocket(options.endpoint);
      await handle.firstPing().catch(async (error: unknown) => {
        await handle.stop();
        throw error;
      });
      return handle;
    }
    await handle.startProcess(await command(), { protocol: 'zmq' });
    return handle;
  }

  /** Where this handle's plugin listens, e.g. tcp://127.0.0.1:43121. */
  get endpoint(): string {
    return this.connection.endpoint;
  }

  protected invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    return this.#client.call(method, args, context.depth, context.signal);
  }

  protected async ping(): Promise<void> {
    await this.#client.ping();
  }

  /** `exit` has no answer in the wire protocol: the process leaving is the answer. */
  protected async requestExit(): Promise<unknown> {
    this.connection.post({ type: 'exit' });
    return this.process.exited;
  }

  /** A connected (not spawned) plugin is not ours to stop: only the socket closes. */
  protected override async shutdown(): Promise<void> {
    if (this.pid === undefined) this.closeChannel();
    else await super.shutdown();
  }

  protected override closeChannel(): void {
    this.#connection?.close();
    this.#client.failAll(new PluginError('CLOSED', `${this.target}: channel closed`));
  }

  private get connection(): MqConnection {
    if (!this.#connection) throw new PluginError('NOT_STARTED', `${this.target}: not connected`);
    return this.#connection;
  }

  /** After the handshake: log stray stdout, connect the DEALER, wait for the first pong. */
  protected override async connect(result: HandshakeResult): Promise<void> {
    forwardStdout(this.process, result, (line) => this.emit({ type: 'stderr', line }));
    this.openSocket(`tcp://${result.handshake.address}`);
    await this.firstPing();
  }

  private openSocket(endpoint: string): void {
    this.#connection = MqConnection.open(endpoint, {
      onMessage: (message) => this.#client.receive(message),
      onProtocolError: (error) => this.failChannel(error.message),
      onDisconnect: () => {
        // A spawned plugin's death is reported by its exit, with the exit code.
        if (this.pid === undefined && this.running) {
          this.markCrashed({ message: `endpoint ${endpoint} disconnected` });
          this.closeChannel();
        }
      },
    });
  }

  /** The connect step: ZeroMQ connects in the background, so the first pong proves the plugin is there. */
  private async firstPing(): Promise<void> {
    const began = performance.now();
    const budget = Math.max(1, this.startTimeoutMs - this.startElapsedMs);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PluginError('START_FAILED', `${this.target}: no answer from ${this.endpoint} within ${budget.toFixed(0)} ms`)), budget);
    });
    const died = this.exited.then((info) => {
      throw new PluginError('START_FAILED', `${this.target}: ${info.reason === 'crashed' ? info.message : 'stopped'} before it answered a ping`);
    });
    try {
      await Promise.race([this.#client.ping(), late, died]);
    } finally {
      clearTimeout(timer);
    }
    this.recordStep('connect', performance.now() - began, `DEALER -> ROUTER ${this.endpoint}, first ping answered`);
  }

  /** Garbage on the socket: nothing after it can be trusted. A remote plugin is only disconnected. */
  private failChannel(why: string): void {
    if (this.pid !== undefined) return this.failProtocol(why);
    if (!this.running) return;
    this.rejectAll(new PluginError('PROTOCOL_ERROR', `${this.target}: ${why}`));
    this.markCrashed({ message: `protocol error: ${why}` });
    this.closeChannel();
  }
}
