/**
 * Shared plumbing for every PluginHandle: argument checks, call depth, deadlines,
 * cancellation, idempotent stop, and rejecting every pending call at once when the
 * plugin dies. A transport subclass only says how to send a call and how to end.
 */
import { validateCallArguments } from './contract.js';
import { PluginError, toPluginError } from './errors.js';
import { assertCallDepth, currentHostCallDepth, dispatchHostCall } from './host-api.js';
import type {
  CallOptions,
  ExitInfo,
  HealthStatus,
  PluginEvent,
  PluginHandle,
  StartOptions,
  StartupStep,
} from './transport.js';

export interface InvokeContext {
  /** Depth of this call in a host -> plugin -> host chain; echo it on callbacks. */
  depth: number;
  /** Aborted when the call is settled early (timeout, cancel, crash, stop). */
  signal: AbortSignal;
}

type HandleState = 'running' | 'stopping' | 'stopped' | 'crashed';

interface PendingCall {
  reject(error: PluginError): void;
}

const HEALTH_TIMEOUT_MS = 2_000;

export abstract class BasePluginHandle implements PluginHandle {
  readonly startupSteps: StartupStep[] = [];
  readonly exited: Promise<ExitInfo>;
  #resolveExited!: (info: ExitInfo) => void;
  #state: HandleState = 'running';
  #crash: ExitInfo | undefined;
  #stopping: Promise<void> | undefined;
  readonly #pending = new Set<PendingCall>();

  constructor(
    readonly target: string,
    protected readonly options: StartOptions = {},
  ) {
    this.exited = new Promise((resolve) => (this.#resolveExited = resolve));
  }

  get pid(): number | undefined {
    return undefined;
  }

  /** Sends one call to the plugin and resolves with its result. */
  protected abstract invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown>;

  /** Ends the plugin: ask it to exit, then force. Called once. */
  protected abstract shutdown(): Promise<void>;

  /** A cheap round trip proving the plugin answers. */
  protected abstract ping(): Promise<void>;

  /** Called after a call timed out; a transport that can recover (worker) replaces its plugin here. */
  protected onCallTimeout(_method: string): void | Promise<void> {}

  async call<R = unknown>(method: string, args: unknown[], options: CallOptions = {}): Promise<R> {
    this.assertUsable();
    validateCallArguments(method, args);
    const depth = (options.depth ?? currentHostCallDepth()) + 1;
    assertCallDepth(depth);
    const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs;
    return (await this.track(method, (signal) => this.invoke(method, args, { depth, signal }), timeoutMs, options.signal)) as R;
  }

  async health(): Promise<HealthStatus> {
    const started = performance.now();
    if (this.#state !== 'running') {
      return { ok: false, latencyMs: 0, detail: this.#state === 'crashed' ? this.crashMessage() : 'plugin is stopped' };
    }
    try {
      await this.track('health', () => this.ping(), HEALTH_TIMEOUT_MS, undefined, false);
      return { ok: true, latencyMs: performance.now() - started };
    } catch (error) {
      return { ok: false, latencyMs: performance.now() - started, detail: toPluginError(error).message };
    }
  }

  stop(): Promise<void> {
    if (this.#stopping) return this.#stopping;
    const wasCrashed = this.#state === 'crashed';
    if (!wasCrashed) this.#state = 'stopping';
    this.rejectAll(new PluginError('CLOSED', `${this.target}: plugin was stopped`));
    this.#stopping = (async () => {
      try {
        await this.shutdown();
      } finally {
        if (!wasCrashed) this.#state = 'stopped';
        this.#resolveExited(this.#crash ?? { reason: 'stopped' });
      }
    })();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  /** True while calls may be sent. */
  protected get running(): boolean {
    return this.#state === 'running';
  }

  /** The plugin died on its own: every pending call rejects with CRASHED now. */
  protected markCrashed(details: { exitCode?: number | null; signal?: string | null; message: string }): void {
    if (this.#state !== 'running') return;
    this.#state = 'crashed';
    this.#crash = { reason: 'crashed', ...details };
    this.rejectAll(this.crashedError());
    this.#resolveExited(this.#crash);
  }

  /** Rejects every call in flight (worker replaced, channel lost) without ending the handle. */
  protected rejectAll(error: PluginError): void {
    for (const pending of [...this.#pending]) pending.reject(error);
  }

  protected recordStep(name: string, ms: number, detail?: string): void {
    const step: StartupStep = detail === undefined ? { name, ms } : { name, ms, detail };
    this.startupSteps.push(step);
    this.emit({ type: 'step', ...step });
  }

  protected emit(event: PluginEvent): void {
    this.options.onEvent?.(event);
  }

  /** Runs a plugin->host call through the shared dispatcher. */
  protected handleHostCall(name: string, args: unknown[], depth: number): Promise<unknown> {
    if (name === 'log' && typeof args[0] === 'string' && typeof args[1] === 'string') {
      this.emit({ type: 'log', level: args[0], message: args[1] });
    }
    return dispatchHostCall(this.options.hostFunctions, name, args, { depth, target: this.target });
  }

  private assertUsable(): void {
    if (this.#state === 'crashed') throw this.crashedError();
    if (this.#state !== 'running') throw new PluginError('CLOSED', `${this.target}: plugin is stopped; start a new one`);
  }

  private crashMessage(): string {
    return this.#crash?.reason === 'crashed' ? this.#crash.message : 'plugin crashed';
  }

  private crashedError(): PluginError {
    const crash = this.#crash?.reason === 'crashed' ? this.#crash : undefined;
    return new PluginError('CRASHED', `${this.target}: ${this.crashMessage()}`, {
      data: { exitCode: crash?.exitCode ?? null, signal: crash?.signal ?? null },
    });
  }

  /** Settles a call by whichever comes first: result, deadline, abort, crash or stop. */
  private track(
    method: string,
    run: (signal: AbortSignal) => Promise<unknown>,
    timeoutMs: number | undefined,
    signal: AbortSignal | undefined,
    recoverOnTimeout = true,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const settle = (fn: () => void) => {
        if (controller.signal.aborted) return;
        controller.abort();
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(pending);
        fn();
      };
      const pending: PendingCall = { reject: (error) => settle(() => reject(error)) };
      const onAbort = () =>
        settle(() => reject(new PluginError('CANCELLED', `${this.target}: ${method} was cancelled`, { cause: signal?.reason })));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.add(pending);
      if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        timer = setTimeout(() => {
          settle(() => reject(new PluginError('TIMEOUT', `${this.target}: ${method} did not answer within ${timeoutMs} ms`, { data: { timeoutMs } })));
          if (recoverOnTimeout) void Promise.resolve(this.onCallTimeout(method)).catch(() => {});
        }, timeoutMs);
      }
      let running: Promise<unknown>;
      try {
        running = run(controller.signal);
      } catch (error) {
        running = Promise.reject(error);
      }
      running.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(toPluginError(error))),
      );
    });
  }
}
