/**
 * A plugin behind ZeroMQ: the host's DEALER talks to the plugin's ROUTER, with
 * the shared `wire` messages (MessageClient) on top. The plugin is either a
 * child process this handle spawned (its endpoint comes from the handshake
 * line, its death is a crash) or an endpoint given with `--connect` (its
 * disconnect is a crash; stopping only disconnects, the plugin is not ours).
 */
import { PluginError, toPluginError } from '../../src/core/errors.js';
import { MessageClient } from '../../src/core/message-client.js';
import { BasePluginHandle, type InvokeContext, type StartOptions } from '../types.js';
import { MqConnection } from './mq-connection.js';
import { createInterface } from 'node:readline';
import { readHandshake } from '../process/read-handshake.js';
import { describeExit, spawnPlugin, type PluginProcess } from '../process/spawn-plugin.js';
import { stopPlugin } from '../process/stop-plugin.js';

const DEFAULT_START_TIMEOUT_MS = 10_000;

/** How to start one mq plugin process. */
export interface MqCommand {
  file: string;
  args: string[];
  env?: Record<string, string>;
}

export class MqHandle extends BasePluginHandle {
  #connection!: MqConnection;
  #process: PluginProcess | undefined;
  readonly #client: MessageClient;

  private constructor(target: string, options: StartOptions) {
    super(target, options);
    this.#client = new MessageClient({
      post: (message) => this.#connection.post(message),
      onHostCall: (name, args, depth) => this.handleHostCall(name, args, depth),
      onProtocolError: (error) => this.failChannel(error),
    });
  }

  /** Spawns `command` (or connects to `options.endpoint`) and waits for a first pong. */
  static async open(target: string, command: () => Promise<MqCommand>, options: StartOptions): Promise<MqHandle> {
    const handle = new MqHandle(target, options);
    try {
      const endpoint = options.endpoint ?? (await handle.spawn(await command()));
      handle.connect(endpoint);
      await handle.firstPing(options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
      return handle;
    } catch (error) {
      await handle.stop();
      throw toPluginError(error, 'START_FAILED');
    }
  }

  override get pid(): number | undefined {
    return this.#process?.pid;
  }

  /** Where this handle's plugin listens (tcp://127.0.0.1:PORT for a spawned one). */
  get endpoint(): string {
    return this.#connection.endpoint;
  }

  protected invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    return this.#client.call(method, args, context.depth, context.signal);
  }

  protected async ping(): Promise<void> {
    await this.#client.ping();
  }

  /**
   * A call timed out: if the plugin does not even answer a ping, it is hung (a
   * sync loop), so a spawned one is killed; its calls in flight fail with CRASHED
   * and a supervisor starts a fresh one. A plugin that still pings only had a
   * slow call, and keeps running.
   */
  protected override async onCallTimeout(): Promise<void> {
    const child = this.#process;
    if (!child || !this.running) return;
    const status = await this.health();
    if (!status.ok && this.running) {
      this.emit({ type: 'stderr', line: `${this.target}: plugin does not answer a ping after a timeout (${status.detail}); killing pid ${child.pid}` });
      child.kill('SIGKILL');
    }
  }

  protected async shutdown(): Promise<void> {
    const closed = new PluginError('CLOSED', `${this.target}: plugin was stopped`);
    const child = this.#process;
    // `exit` has no answer in the wire protocol: the process leaving is the answer.
    if (child) await stopPlugin(child, async () => this.#connection?.post({ type: 'exit' }));
    this.#connection?.close();
    this.#client.failAll(closed);
  }

  private async spawn(command: MqCommand): Promise<string> {
    const began = performance.now();
    const child = spawnPlugin({
      name: this.target,
      command: command.file,
      args: command.args,
      env: { ...command.env, ...(this.options.faultInjection ? { PLUGBENCH_FAULT_INJECTION: '1' } : {}) },
      onStderrLine: (line) => this.emit({ type: 'stderr', line }),
    });
    this.#process = child;
    this.recordStep('spawn', performance.now() - began, `pid ${child.pid}: ${[command.file, ...command.args].join(' ')}`);
    const { handshake, line } = await readHandshake(
      child,
      { protocol: 'zmq' },
      this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      this.options.signal,
    );
    this.recordStep('handshake', performance.now() - began, line);
    // The channel is the socket: anything more on stdout is only worth a log line.
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (extra) => this.emit({ type: 'stderr', line: extra }));
    void child.exited.then((exit) => {
      const message = describeExit(exit, child.stderrTail());
      this.#client.failAll(new PluginError('CRASHED', `${this.target}: ${message}`, { data: exit }));
      this.markCrashed({ exitCode: exit.exitCode, signal: exit.signal, message });
    });
    return `tcp://${handshake.address}`;
  }

  private connect(endpoint: string): void {
    this.#connection = MqConnection.open(endpoint, {
      onMessage: (message) => this.#client.receive(message),
      onProtocolError: (error) => this.failChannel(error),
      onDisconnect: () => {
        if (!this.#process) this.markCrashed({ message: `endpoint ${endpoint} disconnected` });
      },
    });
  }

  private async firstPing(timeoutMs: number): Promise<void> {
    const began = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new PluginError('START_FAILED', `${this.target}: no answer from ${this.endpoint} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.#client.ping(), late, this.exited.then((info) => Promise.reject(new PluginError('START_FAILED', info.reason === 'crashed' ? info.message : 'stopped')))]);
    } finally {
      clearTimeout(timer);
    }
    this.recordStep('connect', performance.now() - began, `DEALER -> ROUTER ${this.endpoint}, first ping answered`);
  }

  /**
   * The channel carried something that is not the protocol: every call in flight
   * fails with PROTOCOL_ERROR and the plugin is ended, since nothing after the
   * garbage can be trusted. A spawned plugin is killed (the handle then reports
   * CRASHED); a remote one is disconnected.
   */
  private failChannel(error: PluginError): void {
    this.emit({ type: 'stderr', line: `${this.target}: ${error.message}` });
    this.#client.failAll(error);
    if (this.#process) this.#process.kill('SIGKILL');
    else this.markCrashed({ message: error.message });
  }
}
