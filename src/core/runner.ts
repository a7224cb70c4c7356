/**
 * The core runner: the one PluginHandle every target returns. It owns the
 * protocol around a transport's small Connection: argument checks, call depth,
 * deadlines, cancellation, pending calls, crash -> reject all, idempotent stop
 * and events. Restart policy lives in the Supervisor, not here.
 *
 * The call path is kept free of per-call timers, clock reads, AbortControllers
 * and async hooks: one deadline sweep per runner covers every call (DeadlineTimer).
 */
import { SETTLES_ITSELF, type ClosedInfo, type Connection, type ConnectionHost, type OpenConnection } from './connection.js';
import { degradedLoad } from './plugin-load.js';
import { validateCallArguments } from './contract.js';
import { DeadlineTimer } from './deadline-timer.js';
import { PluginError, toPluginError } from './errors.js';
import { assertCallDepth, currentHostCallDepth, dispatchHostCall } from './host-api.js';
import { PendingCall } from './pending-call.js';
import { PendingCalls } from './pending-calls.js';
import { openWithinDeadline } from './open-connection.js';
import type { CallOptions, ExitInfo, HealthStatus, PluginEvent, PluginHandle, StartOptions, StartupStep } from './transport.js';

export const DEFAULT_START_TIMEOUT_MS = 10_000;
const HEALTH_TIMEOUT_MS = 2_000;

type RunnerState = 'starting' | 'running' | 'stopping' | 'stopped' | 'crashed';

export class PluginRunner implements PluginHandle {
  readonly startupSteps: StartupStep[] = [];
  readonly exited: Promise<ExitInfo>;
  #resolveExited!: (info: ExitInfo) => void;
  #state: RunnerState = 'starting';
  #crash: ClosedInfo | undefined;
  #connection: Connection | undefined;
  #closing: Promise<void> | undefined;
  /** The last health check got no answer in time (ConnectionHost.unresponsive). */
  #unresponsive = false;
  readonly #pending = new PendingCalls();
  readonly #deadlines: DeadlineTimer;
  readonly #host: ConnectionHost;
  readonly #onSettled = (call: PendingCall): void => {
    this.#pending.delete(call);
  };

  private constructor(
    readonly target: string,
    private readonly options: StartOptions,
  ) {
    this.exited = new Promise((resolve) => (this.#resolveExited = resolve));
    this.#deadlines = new DeadlineTimer(this.#pending, (call) => this.#timeOut(call));
    this.#host = {
      target,
      hostCall: (name, args, depth) => this.#hostCall(name, args, depth),
      closed: (info) => this.#closed(info),
      event: (event) => this.#event(event),
      unresponsive: () => this.#unresponsive,
    };
  }

  /** Opens a connection with `open` within the start deadline and returns the running handle. */
  static async start(target: string, open: OpenConnection, options: StartOptions = {}): Promise<PluginRunner> {
    const runner = new PluginRunner(target, options);
    const deadline = performance.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    const request = { options, deadline, host: runner.#host, ...(options.signal ? { signal: options.signal } : {}) };
    runner.#connection = await openWithinDeadline(target, open, request);
    if (runner.#crash) {
      await runner.#connection.close().catch(() => {});
      throw new PluginError('START_FAILED', `${target}: ${runner.#crash.message}`, { data: runner.#crashData() });
    }
    runner.#state = 'running';
    return runner;
  }

  get pid(): number | undefined {
    return this.#connection?.pid;
  }

  /** The transport's connection, for what only that transport offers (a worker's generation, a reload). */
  get connection(): Connection | undefined {
    return this.#connection;
  }

  /** Where another host can reach the plugin, for connectable targets. */
  get endpoint(): string | undefined {
    return this.#connection?.endpoint;
  }

  /** The secret another host needs to connect to `endpoint`. */
  get secret(): string | undefined {
    return this.#connection?.secret;
  }

  call<R = unknown>(method: string, args: unknown[], options?: CallOptions): Promise<R> {
    if (this.#state !== 'running') return Promise.reject(this.#unusableError());
    const depth = (options?.depth ?? currentHostCallDepth()) + 1;
    try {
      validateCallArguments(method, args);
      assertCallDepth(depth);
    } catch (error) {
      return Promise.reject(error);
    }
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(cancelledError(this.target, method, signal));
    const limitMs = options?.timeoutMs ?? this.options.callTimeoutMs;
    const deadline = limitMs !== undefined && limitMs > 0 && limitMs !== Infinity ? this.#deadlines.deadlineFor(limitMs) : Infinity;
    const call = new PendingCall(method, depth, limitMs, deadline, this.#onSettled);
    if (signal) call.listen(signal, () => cancelledError(this.target, method, signal));
    this.#send(call, args);
    return call.promise as Promise<R>;
  }

  async health(options?: { timeoutMs?: number }): Promise<HealthStatus> {
    const timeoutMs = options?.timeoutMs ?? HEALTH_TIMEOUT_MS;
    const started = performance.now();
    if (this.#state !== 'running' || !this.#connection) {
      return { ok: false, latencyMs: 0, detail: this.#state === 'crashed' ? this.#crashMessage() : 'plugin is stopped' };
    }
    try {
      const detail = await withTimeout(this.#connection.ping(timeoutMs), timeoutMs, () => new PluginError('TIMEOUT', `${this.target}: health check did not answer within ${timeoutMs} ms`));
      const latencyMs = performance.now() - started;
      this.#unresponsive = false;
      return typeof detail === 'string' ? { ok: true, latencyMs, detail } : { ok: true, latencyMs };
    } catch (error) {
      const degraded = degradedLoad(error);
      // No good answer (not a degraded one): whatever stops it next need not ask it politely.
      if (!degraded) this.#unresponsive = true;
      return { ok: false, latencyMs: performance.now() - started, detail: toPluginError(error).message, ...(degraded ? { degraded } : {}) };
    }
  }

  stop(): Promise<void> {
    if (this.#state === 'running' || this.#state === 'starting') this.#state = 'stopping';
    this.#failAll(new PluginError('CLOSED', `${this.target}: plugin was stopped`));
    return this.#close().finally(() => {
      if (this.#state === 'stopping') this.#state = 'stopped';
      this.#resolveExited(this.#crash ? { reason: 'crashed', ...this.#crashData(), message: this.#crash.message } : { reason: 'stopped' });
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  /**
   * Sends the call. One that completes synchronously (an in-process function)
   * is settled at once and never joins the pending set; the rest wait in it,
   * where a deadline, a crash or a stop can reach them.
   */
  #send(call: PendingCall, args: unknown[]): void {
    let sent: unknown;
    try {
      sent = this.#connection!.send(call.method, args, call);
    } catch (error) {
      return call.fail(toPluginError(error));
    }
    const settlesItself = sent === SETTLES_ITSELF;
    if (!settlesItself && !(sent instanceof Promise)) return call.fulfil(sent);
    // The channel may have died while the call was being sent.
    if (this.#state !== 'running') return call.fail(this.#unusableError());
    if (!call.settled) this.#pending.add(call);
    if (settlesItself) return;
    (sent as Promise<unknown>).then(
      (value) => call.fulfil(value),
      (error: unknown) => call.fail(toPluginError(error)),
    );
  }

  #timeOut(call: PendingCall): void {
    const timeoutMs = call.limitMs;
    call.fail(new PluginError('TIMEOUT', `${this.target}: ${call.method} did not answer within ${timeoutMs} ms`, { data: { timeoutMs } }));
  }

  #hostCall(name: string, args: unknown[], depth: number): Promise<unknown> {
    if (name === 'log' && typeof args[0] === 'string' && typeof args[1] === 'string') {
      this.#event({ type: 'log', level: args[0], message: args[1] });
    }
    return dispatchHostCall(this.options.hostFunctions, name, args, { depth, target: this.target });
  }

  #closed(info: ClosedInfo): void {
    if (this.#crash || this.#state === 'stopping' || this.#state === 'stopped') return;
    this.#crash = info;
    const wasRunning = this.#state === 'running';
    this.#state = 'crashed';
    const message = `${this.target}: ${info.message}`;
    this.#failAll(new PluginError(info.code, message, { data: this.#crashData() }));
    if (wasRunning) {
      this.#resolveExited({ reason: 'crashed', ...this.#crashData(), message: info.message });
      void this.#close();
    }
  }

  #event(event: PluginEvent): void {
    if (event.type === 'step' && this.#state === 'starting') {
      this.startupSteps.push(event.detail === undefined ? { name: event.name, ms: event.ms } : { name: event.name, ms: event.ms, detail: event.detail });
    }
    if (this.options.onEvent) this.options.onEvent(event);
    else if (event.type === 'stderr') process.stderr.write(`[${this.target}] ${event.line}\n`);
  }

  #close(): Promise<void> {
    this.#deadlines.stop();
    return (this.#closing ??= this.#connection ? this.#connection.close().catch(() => {}) : Promise.resolve());
  }

  #failAll(error: PluginError): void {
    for (const call of [...this.#pending]) call.fail(error);
  }

  #unusableError(): PluginError {
    if (this.#state === 'crashed') {
      return new PluginError('CRASHED', `${this.target}: ${this.#crashMessage()}`, { data: this.#crashData() });
    }
    return new PluginError('CLOSED', `${this.target}: plugin is stopped; start a new one`);
  }

  #crashMessage(): string {
    return this.#crash?.message ?? 'plugin crashed';
  }

  #crashData(): { exitCode: number | null; signal: string | null } {
    return { exitCode: this.#crash?.exitCode ?? null, signal: this.#crash?.signal ?? null };
  }
}

function cancelledError(target: string, method: string, signal: AbortSignal): PluginError {
  return new PluginError('CANCELLED', `${target}: ${method} was cancelled`, { cause: signal.reason });
}

/** Races `work` against a timer that is cleared either way. */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)));
  return Promise.race([work, bound]).finally(() => clearTimeout(timer));
}
