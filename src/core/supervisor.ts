/**
 * A supervisor keeps any Target's plugin running (in-process, worker, process...):
 * it restarts a crashed plugin with exponential backoff, gives up with a clear
 * error after too many crashes in a window, kills and restarts a plugin that
 * stops answering, records each recovery, can keep a warm spare, and hot-swaps
 * a plugin without failing a call. It is itself a PluginHandle:
 *
 *   await using plugin = await Supervisor.start(target, { hostFunctions });
 *   await plugin.call('revert', ['abc'], { timeoutMs: 1000 });
 *
 * Calls in flight when a plugin dies reject with CRASHED (they may have run);
 * calls made while it restarts wait for the fresh plugin, within their deadline.
 * The policy itself is in supervisor-recovery.ts.
 */
import { PluginError } from './errors.js';
import type { RestartPolicy } from './restart-policy.js';
import type { RecoveryRecord, SupervisorEvent } from './supervisor-events.js';
import type { Instance } from './supervisor-instance.js';
import { Recovery, type SupervisorState } from './supervisor-recovery.js';
import { delay, noop, waitWithin } from './supervisor-wait.js';
import type { CallOptions, ExitInfo, HealthStatus, PluginHandle, StartOptions, StartupStep, Target } from './transport.js';

export type { RecoveryCause, RecoveryRecord, SupervisorEvent } from './supervisor-events.js';
export { DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy.js';
export { DEFAULT_HANG_CHECK_MS } from './supervisor-recovery.js';

export interface SupervisorOptions {
  /** Crash limit and backoff; defaults to 3 crashes in 5 minutes, 100 ms doubling to 10 s. */
  restart?: Partial<RestartPolicy>;
  /** Check health this often and restart a plugin that fails; 0 (default) turns it off. */
  healthIntervalMs?: number;
  /**
   * After a call times out, check health and restart the plugin if it does not
   * answer (a hung process). Default true; a handle that recovers itself (worker)
   * answers the check and is kept.
   */
  checkHealthAfterTimeout?: boolean;
  /** How long the health check after a timed-out call may take before the plugin counts as hung. Default 2 s (a worker that replaced itself after a timeout must have started its fresh thread by then, also on a loaded machine); with `spare`, new calls do not wait for it. */
  hangCheckMs?: number;
  /**
   * Keep one started spare: a crash or a timed-out call switches to it at once and a
   * new spare starts in the background. Costs one more plugin's memory. Default false.
   */
  spare?: boolean;
  /** How long `swap` waits for calls in flight on the old plugin. Default 30 s. */
  drainTimeoutMs?: number;
  onEvent?: (event: SupervisorEvent) => void;
}

export class Supervisor implements PluginHandle {
  readonly exited: Promise<ExitInfo>;
  readonly recoveries: RecoveryRecord[] = [];
  #resolveExited!: (info: ExitInfo) => void;
  readonly #state: SupervisorState;
  readonly #recovery: Recovery;
  #stopping: Promise<void> | undefined;
  #healthTimer: NodeJS.Timeout | undefined;
  readonly #draining = new Set<Instance>();

  private constructor(
    private readonly source: Target,
    startOptions: StartOptions,
    private readonly options: SupervisorOptions,
  ) {
    this.exited = new Promise((resolve) => (this.#resolveExited = resolve));
    this.#state = { name: 'running', current: undefined, ready: undefined, giveUpError: undefined, generation: 0, startOptions };
    this.#recovery = new Recovery(source, this.#state, options, {
      emit: (event) => this.options.onEvent?.(event),
      gaveUp: (info) => {
        clearInterval(this.#healthTimer);
        this.#resolveExited(info);
      },
      recovered: (record) => this.recoveries.push(record),
    });
  }

  /** Starts `target` under supervision; a failed first start throws (nothing to supervise yet). */
  static async start(target: Target, startOptions: StartOptions = {}, options: SupervisorOptions = {}): Promise<Supervisor> {
    const supervisor = new Supervisor(target, startOptions, options);
    supervisor.#state.current = await supervisor.#recovery.startInstance(startOptions);
    supervisor.startHealthChecks();
    supervisor.#recovery.refillSpare(0);
    return supervisor;
  }

  get target(): string {
    return this.source.name;
  }

  get startupSteps(): readonly StartupStep[] {
    return this.#state.current?.handle.startupSteps ?? [];
  }

  get pid(): number | undefined {
    return this.#state.current?.handle.pid;
  }

  /** How many plugin instances were started (1 + restarts + swaps + spares). */
  get generation(): number {
    return this.#state.generation;
  }

  /** The plugin currently serving calls, if one is up. */
  get handle(): PluginHandle | undefined {
    return this.#state.current?.handle;
  }

  async call<R = unknown>(method: string, args: unknown[], options: CallOptions = {}): Promise<R> {
    const timeoutMs = options.timeoutMs ?? this.#state.startOptions.callTimeoutMs;
    const began = performance.now();
    const instance = await this.acquire(method, timeoutMs, options.signal);
    const remaining = timeoutMs === undefined ? undefined : Math.max(1, timeoutMs - (performance.now() - began));
    instance.inFlight++;
    try {
      const result = await instance.handle.call<R>(method, args, { ...options, ...(remaining === undefined ? {} : { timeoutMs: remaining }) });
      this.#recovery.noteSuccess(instance);
      return result;
    } catch (error) {
      if (PluginError.is(error) && error.code === 'TIMEOUT' && this.options.checkHealthAfterTimeout !== false) {
        const reason = `${method} timed out`;
        void (this.options.spare ? this.#recovery.switchAfterTimeout(instance, reason) : this.#recovery.checkHealth(instance, reason));
      }
      if (PluginError.is(error) && error.code === 'CLOSED' && instance.retired === 'replaced') {
        throw new PluginError('CRASHED', `${this.target}: ${method} was pending on a plugin that stopped answering and was killed`, { cause: error });
      }
      throw error;
    } finally {
      instance.inFlight--;
      if (instance.inFlight === 0) instance.onIdle?.();
    }
  }

  async health(options?: { timeoutMs?: number }): Promise<HealthStatus> {
    const state = this.#state;
    if (state.current) return state.current.handle.health(options);
    const detail = state.name === 'restarting' ? 'plugin is restarting after a crash' : (state.giveUpError?.message ?? 'supervisor is stopped');
    return { ok: false, latencyMs: 0, detail };
  }

  /**
   * Hot swap: starts a new plugin (with `overrides` merged into the start
   * options, e.g. another pluginPath), sends new calls to it, lets calls in
   * flight finish on the old one, then stops the old one. No call fails.
   */
  async swap(overrides: StartOptions = {}): Promise<void> {
    const state = this.#state;
    const old = await this.acquire('swap', undefined, undefined);
    const startOptions = { ...state.startOptions, ...overrides };
    const next = await this.#recovery.startInstance(startOptions);
    if (state.name !== 'running' || state.current !== old) {
      await next.handle.stop();
      throw new PluginError('CLOSED', `${this.target}: supervisor stopped or restarted during the swap`);
    }
    state.startOptions = startOptions;
    state.current = next;
    old.retired = 'swapped';
    // The spare runs the old options: replace it too.
    void this.#recovery.spare.drop()?.handle.stop().catch(noop);
    this.#recovery.refillSpare(0);
    const drained = await this.drain(old);
    this.options.onEvent?.({ type: 'swapped', generation: next.generation, drained });
    await old.handle.stop();
  }

  /**
   * Replaces the plugin now, as if it had stopped answering (a fleet health
   * survey found it silent): backoff, the crash window and the recovery record
   * apply as for a crash. Joins a restart already under way. Resolves once a
   * fresh plugin serves; rejects with the give-up error when the policy gives up.
   */
  async restart(reason: string): Promise<void> {
    const state = this.#state;
    if (state.name === 'running' && state.current) await this.#recovery.replace(state.current, 'unresponsive', reason);
    if (state.name === 'restarting') await state.ready!.promise;
    if (state.giveUpError) throw state.giveUpError;
    if (state.name === 'stopped') throw new PluginError('CLOSED', `${this.target}: supervisor is stopped`);
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const state = this.#state;
      const wasGivenUp = state.name === 'gave-up';
      state.name = 'stopped';
      clearInterval(this.#healthTimer);
      state.ready?.reject(new PluginError('CLOSED', `${this.target}: supervisor was stopped`));
      const spare = this.#recovery.spare.drop();
      const instances = [...this.#draining, ...(state.current ? [state.current] : []), ...(spare ? [spare] : [])];
      state.current = undefined;
      await Promise.allSettled(instances.map((instance) => instance.handle.stop()));
      if (!wasGivenUp) this.#resolveExited({ reason: 'stopped' });
    })();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  /**
   * The plugin to send a call to. While one restarts, or is under a health
   * check after a timeout, the call waits for the verdict within its deadline.
   */
  private async acquire(method: string, timeoutMs: number | undefined, signal: AbortSignal | undefined): Promise<Instance> {
    const state = this.#state;
    const began = performance.now();
    for (;;) {
      if (state.name === 'stopped') throw new PluginError('CLOSED', `${this.target}: supervisor is stopped; start a new one`);
      if (state.giveUpError) throw state.giveUpError;
      const current = state.current;
      if (current && !current.checking) return current;
      const verdict: Promise<unknown> = current ? current.checking!.then(noop, noop) : state.ready!.promise;
      const remaining = timeoutMs === undefined ? undefined : Math.max(1, timeoutMs - (performance.now() - began));
      await waitWithin(verdict, remaining, signal, () => `${this.target}: ${method} did not get a plugin within ${timeoutMs} ms (restarting)`);
    }
  }

  private startHealthChecks(): void {
    const every = this.options.healthIntervalMs ?? 0;
    if (every <= 0) return;
    this.#healthTimer = setInterval(() => {
      if (this.#state.current) void this.#recovery.checkHealth(this.#state.current, 'periodic check');
    }, every).unref();
  }

  /** Resolves true once the instance has no call in flight, false if the drain timed out. */
  private async drain(instance: Instance): Promise<boolean> {
    if (instance.inFlight === 0) return true;
    this.#draining.add(instance);
    try {
      const idle = new Promise<true>((resolve) => (instance.onIdle = () => resolve(true)));
      return await Promise.race([idle, delay(this.options.drainTimeoutMs ?? 30_000).then(() => false)]);
    } finally {
      this.#draining.delete(instance);
    }
  }
}
