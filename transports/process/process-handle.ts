/**
 * Shared plumbing for handles whose plugin is a child process, whatever the
 * channel (stdio, TCP, ZeroMQ): spawn, handshake, stderr forwarding, crash
 * detection and the graceful-then-forced stop. A subclass connects its channel
 * after `launch()` and says how to call, ping and ask the plugin to exit.
 */
import { PluginError } from '../../src/core/errors.js';
import { BasePluginHandle } from '../../src/core/base-handle.js';
import type { StartOptions } from '../../src/core/transport.js';
import type { HandshakeExpectation } from './handshake.js';
import { readHandshake, type HandshakeResult } from './read-handshake.js';
import { describeExit, spawnPlugin, type PluginProcess, type ProcessSpec } from './spawn-plugin.js';
import { stopPlugin, type StopOutcome, type StopTimings } from './stop-plugin.js';

export const DEFAULT_START_TIMEOUT_MS = 10_000;
const STOP_STORIES: Record<StopOutcome, string> = {
  'already-exited': 'the process had already ended',
  exited: 'asked to exit (contract exit, then stdin closed), it ended by itself',
  SIGTERM: 'it did not exit within the grace period, so it got SIGTERM',
  SIGKILL: 'it ignored SIGTERM, so it got SIGKILL',
};

/**
 * How long a dropped channel waits for the process exit that explains it; the
 * exit event ends the wait, this bound only catches a plugin that lives on.
 */
const CHANNEL_LOST_WAIT_MS = 1_000;

export abstract class ProcessPluginHandle extends BasePluginHandle {
  #process: PluginProcess | undefined;
  #channelLost = false;
  readonly #began = performance.now();

  constructor(target: string, options: StartOptions = {}, private readonly stopTimings: StopTimings = {}) {
    super(target, options);
  }

  override get pid(): number | undefined {
    return this.#process?.pid;
  }

  /** The running plugin process (after `launch`). */
  protected get process(): PluginProcess {
    if (!this.#process) throw new PluginError('NOT_STARTED', `${this.target}: plugin process was not launched`);
    return this.#process;
  }

  /** Milliseconds since this handle began starting; for the remaining start budget. */
  protected get startElapsedMs(): number {
    return performance.now() - this.#began;
  }

  protected get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  }

  /** Asks the plugin to exit over its protocol (the contract's `exit`). */
  protected abstract requestExit(): Promise<unknown>;

  /** Releases the channel (socket, connection); called once the process is gone or being stopped. */
  protected closeChannel(): void {}

  /**
   * Spawns the plugin and reads its handshake, recording both steps. On any
   * failure the process is killed before START_FAILED is thrown: no orphan.
   */
  protected async launch(spec: Omit<ProcessSpec, 'name' | 'onStderrLine'>, expected: HandshakeExpectation): Promise<HandshakeResult> {
    const spawned = performance.now();
    const plugin = spawnPlugin({ ...spec, name: this.target, onStderrLine: (line) => this.forwardStderr(line) });
    this.#process = plugin;
    if (plugin.pid === undefined) {
      const exit = await plugin.exited;
      throw new PluginError('START_FAILED', `${this.target}: ${describeExit(exit, [])}; is "${spec.command}" installed and on PATH?`, {
        data: { command: spec.command },
      });
    }
    this.recordStep('spawn', performance.now() - spawned, `pid ${plugin.pid}: ${plugin.commandLine}`);
    try {
      const result = await readHandshake(plugin, expected, Math.max(1, this.startTimeoutMs - this.startElapsedMs), this.options.signal);
      this.recordStep('handshake', performance.now() - spawned, result.line);
      void plugin.ended.then((exit) => {
        this.markCrashed({ exitCode: exit.exitCode, signal: exit.signal, message: describeExit(exit, plugin.stderrTail()) });
        this.closeChannel();
      });
      return result;
    } catch (error) {
      await this.killNow();
      throw error;
    }
  }

  /** Connects the channel to the address the handshake announced; called by `startProcess`. */
  protected async connect(_result: HandshakeResult): Promise<void> {}

  /** `launch`, then `connect`; a failed connect kills the process before it throws. */
  protected async startProcess(spec: Omit<ProcessSpec, 'name' | 'onStderrLine'>, expected: HandshakeExpectation): Promise<void> {
    const result = await this.launch(spec, expected);
    try {
      await this.connect(result);
    } catch (error) {
      await this.abortStart(error);
    }
  }

  /** Ends a start that failed after the handshake (e.g. the connect step). */
  protected async abortStart(error: unknown): Promise<never> {
    this.closeChannel();
    await this.killNow();
    throw error;
  }

  /**
   * The channel carried something that is not the protocol: calls in flight get
   * PROTOCOL_ERROR, the handle ends as crashed, and the process is killed.
   */
  protected failProtocol(why: string): void {
    if (!this.running) return;
    const error = new PluginError('PROTOCOL_ERROR', `${this.target}: ${why}`);
    this.rejectAll(error);
    this.markCrashed({ message: `protocol error: ${why}` });
    this.closeChannel();
    void this.killNow();
  }

  /**
   * The channel ended or failed (EOF, EPIPE, ECONNRESET): almost always because
   * the process is dying, and its exit then rejects every call with CRASHED, so
   * calls are left pending until then rather than failed with a socket error.
   * A plugin still alive without its channel after CHANNEL_LOST_WAIT_MS is
   * broken: PROTOCOL_ERROR, and it is killed. Idempotent.
   */
  protected loseChannel(why: string): void {
    const plugin = this.#process;
    if (!plugin || !this.running || this.#channelLost) return;
    this.#channelLost = true;
    const timer = setTimeout(() => this.failProtocol(`${why}, but the plugin process did not exit`), CHANNEL_LOST_WAIT_MS);
    timer.unref();
    void plugin.exited.then(() => clearTimeout(timer));
  }

  /**
   * A call failed because the channel dropped: wait until the handle settles
   * (the process exit marks it crashed, rejecting the call with CRASHED and the
   * exit code), bounded by CHANNEL_LOST_WAIT_MS. Then rethrows `error`, which
   * only reaches a caller whose call the crash did not already settle.
   */
  protected async whenChannelLost(error: unknown): Promise<never> {
    if (this.#process) {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise((resolve) => (timer = setTimeout(resolve, CHANNEL_LOST_WAIT_MS)));
      await Promise.race([this.exited, bound]).finally(() => clearTimeout(timer));
    }
    throw error;
  }

  protected async shutdown(): Promise<void> {
    if (!this.#process) return;
    const began = performance.now();
    try {
      const outcome = await stopPlugin(this.#process, () => this.requestExit(), this.stopTimings);
      const exit = await this.#process.exited;
      this.emit({ type: 'step', name: 'exit', ms: performance.now() - began, detail: `${STOP_STORIES[outcome]}; ${describeExit(exit, [])}` });
    } finally {
      this.closeChannel();
    }
  }

  private async killNow(): Promise<void> {
    const plugin = this.#process;
    if (!plugin || plugin.hasExited) return;
    plugin.kill('SIGKILL');
    await plugin.exited;
  }

  private forwardStderr(line: string): void {
    if (this.options.onEvent) this.emit({ type: 'stderr', line });
    else process.stderr.write(`[${this.target}] ${line}\n`);
  }
}
