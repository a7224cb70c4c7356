/**
 * A supervisor keeps any Target's plugin running (in-process, worker, process...):
 * it restarts a crashed plugin with exponential backoff, gives up with a clear
 * error after too many crashes in a window, kills and restarts a plugin that
 * stops answering, records each recovery, and hot-swaps a plugin without
 * failing a call. It is itself a PluginHandle, so callers use it like one:
 *
 *   await using plugin = await Supervisor.start(target, { hostFunctions });
 *   await plugin.call('revert', ['abc'], { timeoutMs: 1000 });
 *
 * Calls in flight when a plugin dies reject with CRASHED (they may have run);
 * calls made while it restarts wait for the fresh plugin, within their deadline.
 */
import { PluginError, toPluginError } from './errors.js';
import { CrashWindow, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy.js';
import type { RecoveryCause, RecoveryRecord, SupervisorEvent } from './supervisor-events.js';
import { Spare, type Instance } from './supervisor-instance.js';
import { deferred, delay, formatWindow, noop, waitWithin, type Deferred } from './supervisor-wait.js';
import type { CallOptions, ExitInfo, HealthStatus, PluginHandle, StartOptions, StartupStep, Target } from './transport.js';

export type { RecoveryCause, RecoveryRecord, SupervisorEvent } from './supervisor-events.js';
export { DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy.js';

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
  /** How long the health check after a timed-out call may take before the plugin counts as hung. Default 500 ms. */
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

const DEFAULT_HANG_CHECK_MS = 500;

type State = 'running' | 'restarting' | 'stopped' | 'gave-up';

export class Supervisor implements PluginHandle {
  readonly exited: Promise<ExitInfo>;
  readonly recoveries: RecoveryRecord[] = [];
  #resolveExited!: (info: ExitInfo) => void;
  #state: State = 'running';
  #current: Instance | undefined;
  #ready: Deferred<Instance> | undefined;
  #generation = 0;
  #giveUpError: PluginError | undefined;
  #stopping: Promise<void> | undefined;
  #healthTimer: NodeJS.Timeout | undefined;
  readonly #draining = new Set<Instance>();
  readonly #window: CrashWindow;
  readonly #spare = new Spare();

  private constructor(
    private readonly source: Target,
    private startOptions: StartOptions,
    private readonly options: SupervisorOptions,
  ) {
    this.#window = new CrashWindow({ ...DEFAULT_RESTART_POLICY, ...options.restart });
    this.exited = new Promise((resolve) => (this.#resolveExited = resolve));
  }

  /** Starts `target` under supervision; a failed first start throws (nothing to supervise yet). */
  static async start(target: Target, startOptions: StartOptions = {}, options: SupervisorOptions = {}): Promise<Supervisor> {
    const supervisor = new Supervisor(target, startOptions, options);
    supervisor.#current = await supervisor.startInstance(startOptions);
    supervisor.startHealthChecks();
    supervisor.refillSpare(0);
    return supervisor;
  }

  get target(): string {
    return this.source.name;
  }

  get startupSteps(): readonly StartupStep[] {
    return this.#current?.handle.startupSteps ?? [];
  }

  get pid(): number | undefined {
    return this.#current?.handle.pid;
  }

  /** How many plugin instances were started (1 + restarts + swaps). */
  get generation(): number {
    return this.#generation;
  }

  /** The plugin currently serving calls, if one is up. */
  get handle(): PluginHandle | undefined {
    return this.#current?.handle;
  }

  async call<R = unknown>(method: string, args: unknown[], options: CallOptions = {}): Promise<R> {
    const timeoutMs = options.timeoutMs ?? this.startOptions.callTimeoutMs;
    const began = performance.now();
    const instance = await this.acquire(method, timeoutMs, options.signal);
    const remaining = timeoutMs === undefined ? undefined : Math.max(1, timeoutMs - (performance.now() - began));
    instance.inFlight++;
    try {
      const result = await instance.handle.call<R>(method, args, { ...options, ...(remaining === undefined ? {} : { timeoutMs: remaining }) });
      this.noteSuccess(instance);
      return result;
    } catch (error) {
      if (PluginError.is(error) && error.code === 'TIMEOUT' && this.options.checkHealthAfterTimeout !== false) {
        void (this.options.spare ? this.switchAfterTimeout(instance, `${method} timed out`) : this.checkHealth(instance, `${method} timed out`));
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
    if (this.#current) return this.#current.handle.health(options);
    const detail = this.#state === 'restarting' ? 'plugin is restarting after a crash' : (this.#giveUpError?.message ?? 'supervisor is stopped');
    return { ok: false, latencyMs: 0, detail };
  }

  /**
   * Hot swap: starts a new plugin (with `overrides` merged into the start
   * options, e.g. another pluginPath), sends new calls to it, lets calls in
   * flight finish on the old one, then stops the old one. No call fails.
   */
  async swap(overrides: StartOptions = {}): Promise<void> {
    const old = await this.acquire('swap', undefined, undefined);
    const startOptions = { ...this.startOptions, ...overrides };
    const next = await this.startInstance(startOptions);
    if (this.#state !== 'running' || this.#current !== old) {
      await next.handle.stop();
      throw new PluginError('CLOSED', `${this.target}: supervisor stopped or restarted during the swap`);
    }
    this.startOptions = startOptions;
    this.#current = next;
    old.retired = 'swapped';
    // The spare runs the old options: replace it too.
    void this.#spare.drop()?.handle.stop().catch(noop);
    this.refillSpare(0);
    const drained = await this.drain(old);
    this.emit({ type: 'swapped', generation: next.generation, drained });
    await old.handle.stop();
  }

  /**
   * Replaces the plugin now, as if it had stopped answering (a fleet health
   * survey found it silent): backoff, the crash window and the recovery record
   * apply as for a crash. Joins a restart already under way. Resolves once a
   * fresh plugin serves; rejects with the give-up error when the policy gives up.
   */
  async restart(reason: string): Promise<void> {
    if (this.#state === 'running' && this.#current) await this.replace(this.#current, 'unresponsive', reason);
    if (this.#state === 'restarting') await this.#ready!.promise;
    if (this.#giveUpError) throw this.#giveUpError;
    if (this.#state === 'stopped') throw new PluginError('CLOSED', `${this.target}: supervisor is stopped`);
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const wasGivenUp = this.#state === 'gave-up';
      this.#state = 'stopped';
      clearInterval(this.#healthTimer);
      this.#ready?.reject(new PluginError('CLOSED', `${this.target}: supervisor was stopped`));
      const spare = this.#spare.drop();
      const instances = [...this.#draining, ...(this.#current ? [this.#current] : []), ...(spare ? [spare] : [])];
      this.#current = undefined;
      await Promise.allSettled(instances.map((instance) => instance.handle.stop()));
      if (!wasGivenUp) this.#resolveExited({ reason: 'stopped' });
    })();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private async startInstance(startOptions: StartOptions): Promise<Instance> {
    const handle = await this.source.start(startOptions);
    const instance: Instance = { handle, generation: ++this.#generation, inFlight: 0 };
    this.emit({ type: 'started', generation: instance.generation, ...(handle.pid === undefined ? {} : { pid: handle.pid }) });
    void handle.exited.then((info) => {
      if (info.reason !== 'crashed') return;
      if (this.#spare.holds(instance)) {
        this.#spare.drop();
        this.refillSpare(this.#window.policy.initialDelayMs);
      } else void this.replace(instance, 'crash', info.message);
    });
    return instance;
  }

  /**
   * The plugin to send a call to. While one restarts, or is under a health
   * check after a timeout, the call waits for the verdict within its deadline.
   */
  private async acquire(method: string, timeoutMs: number | undefined, signal: AbortSignal | undefined): Promise<Instance> {
    const began = performance.now();
    for (;;) {
      if (this.#state === 'stopped') throw new PluginError('CLOSED', `${this.target}: supervisor is stopped; start a new one`);
      if (this.#giveUpError) throw this.#giveUpError;
      const current = this.#current;
      if (current && !current.checking) return current;
      const verdict: Promise<unknown> = current ? current.checking!.then(noop, noop) : this.#ready!.promise;
      const remaining = timeoutMs === undefined ? undefined : Math.max(1, timeoutMs - (performance.now() - began));
      await waitWithin(verdict, remaining, signal, () => `${this.target}: ${method} did not get a plugin within ${timeoutMs} ms (restarting)`);
    }
  }

  /** Replaces a dead or unresponsive plugin, with backoff, until one starts or the policy gives up. */
  private async replace(instance: Instance, cause: RecoveryCause, message: string): Promise<void> {
    if (this.#state !== 'running' || this.#current !== instance) return;
    if (this.promoteSpare(instance, cause, message)) return;
    this.#current = undefined;
    instance.retired = 'replaced';
    this.#state = 'restarting';
    this.#ready = deferred();
    const crashedAt = Date.now();
    const crashedAtPerf = performance.now();
    // A hung plugin may take its grace period to stop; the fresh one starts meanwhile.
    void instance.handle.stop().catch(() => {});
    let why = message;
    for (;;) {
      const verdict = this.#window.record(Date.now());
      this.emit({ type: 'crashed', cause, message: why, crashesInWindow: verdict.crashesInWindow });
      if (verdict.giveUp) return this.giveUp(verdict.crashesInWindow, why);
      this.emit({ type: 'restarting', delayMs: verdict.delayMs, attempt: verdict.crashesInWindow });
      await delay(verdict.delayMs);
      if (this.#state !== 'restarting') return;
      try {
        const fresh = await this.startInstance(this.startOptions);
        if (this.#state !== 'restarting') {
          await fresh.handle.stop();
          return;
        }
        const restartMs = performance.now() - crashedAtPerf;
        fresh.recovery = { cause, message, attempt: verdict.crashesInWindow, crashedAt, restartMs, crashedAtPerf };
        this.#current = fresh;
        this.#state = 'running';
        this.#ready.resolve(fresh);
        this.refillSpare(0);
        return;
      } catch (error) {
        why = `restart failed: ${toPluginError(error).message}`;
        this.emit({ type: 'restart-failed', message: why });
      }
    }
  }

  private giveUp(crashes: number, message: string): void {
    const { maxCrashes, windowMs } = this.#window.policy;
    const error = new PluginError(
      'CRASHED',
      `${this.target}: gave up after ${crashes} crashes within ${formatWindow(windowMs)} (limit ${maxCrashes}); last: ${message}`,
      { data: { crashes, windowMs, maxCrashes } },
    );
    this.#state = 'gave-up';
    this.#giveUpError = error;
    clearInterval(this.#healthTimer);
    this.#ready?.reject(error);
    this.emit({ type: 'gave-up', message: error.message });
    this.#resolveExited({ reason: 'crashed', message: error.message });
  }

  private noteSuccess(instance: Instance): void {
    const recovery = instance.recovery;
    if (!recovery) return;
    instance.recovery = undefined;
    const { crashedAtPerf, ...rest } = recovery;
    const record: RecoveryRecord = { ...rest, recoveryMs: performance.now() - crashedAtPerf };
    this.recoveries.push(record);
    this.emit({ type: 'recovered', record });
  }

  /** Kills and replaces the plugin if it fails a health check (it stopped answering). */
  private checkHealth(instance: Instance, reason: string): Promise<void> {
    if (instance.checking || this.#current !== instance) return instance.checking ?? Promise.resolve();
    const check = (async () => {
      const status = await instance.handle.health({ timeoutMs: this.options.hangCheckMs ?? DEFAULT_HANG_CHECK_MS });
      if (!status.ok && this.#current === instance) {
        await this.replace(instance, 'unresponsive', `${reason}, then failed a health check: ${status.detail}`);
      }
    })().finally(() => (instance.checking = undefined));
    instance.checking = check;
    return check;
  }

  /**
   * With a spare: the plugin that failed (`instance`) leaves service at once and
   * the spare serves; the crash still counts in the window. False when no spare is ready.
   */
  private promoteSpare(instance: Instance, cause: RecoveryCause, message: string): boolean {
    const spare = this.#spare.take();
    if (!spare) return false;
    const crashedAtPerf = performance.now();
    instance.retired = 'replaced';
    void instance.handle.stop().catch(noop);
    const verdict = this.#window.record(Date.now());
    this.emit({ type: 'crashed', cause, message, crashesInWindow: verdict.crashesInWindow });
    if (verdict.giveUp) {
      this.#current = undefined;
      void spare.handle.stop().catch(noop);
      this.giveUp(verdict.crashesInWindow, message);
      return true;
    }
    spare.recovery = { cause, message, attempt: verdict.crashesInWindow, crashedAt: Date.now(), restartMs: 0, crashedAtPerf };
    this.#current = spare;
    this.emit({ type: 'spare-used', generation: spare.generation });
    this.refillSpare(verdict.delayMs);
    return true;
  }

  /**
   * With a spare, a timed-out call switches new calls to the spare at once, then
   * checks the old plugin: if it answers it becomes the spare, else it is replaced.
   */
  private async switchAfterTimeout(instance: Instance, reason: string): Promise<void> {
    if (this.#state !== 'running' || this.#current !== instance) return;
    const spare = this.#spare.take();
    if (!spare) return this.checkHealth(instance, reason);
    this.#current = spare;
    this.emit({ type: 'spare-used', generation: spare.generation });
    const status = await instance.handle.health({ timeoutMs: this.options.hangCheckMs ?? DEFAULT_HANG_CHECK_MS });
    if (status.ok && this.#state === 'running' && instance.inFlight === 0) {
      void this.#spare.fill(async () => instance);
      return;
    }
    instance.retired = 'replaced';
    void instance.handle.stop().catch(noop);
    const verdict = this.#window.record(Date.now());
    this.emit({ type: 'crashed', cause: 'unresponsive', message: `${reason}, then failed a health check: ${status.ok ? 'calls still in flight' : status.detail}`, crashesInWindow: verdict.crashesInWindow });
    if (verdict.giveUp) return this.giveUp(verdict.crashesInWindow, reason);
    this.refillSpare(verdict.delayMs);
  }

  /** Starts a spare after `delayMs` when the option asks for one and the slot is empty. */
  private refillSpare(delayMs: number): void {
    if (!this.options.spare) return;
    void this.#spare.fill(async () => {
      await delay(delayMs);
      if (this.#state !== 'running') return undefined;
      try {
        const instance = await this.startInstance(this.startOptions);
        if (this.#state === 'running') {
          this.emit({ type: 'spare-ready', generation: instance.generation });
          return instance;
        }
        await instance.handle.stop();
      } catch (error) {
        this.emit({ type: 'restart-failed', message: `spare did not start: ${toPluginError(error).message}` });
      }
      return undefined;
    });
  }

  private startHealthChecks(): void {
    const every = this.options.healthIntervalMs ?? 0;
    if (every <= 0) return;
    this.#healthTimer = setInterval(() => {
      if (this.#current) void this.checkHealth(this.#current, 'periodic check');
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

  private emit(event: SupervisorEvent): void {
    this.options.onEvent?.(event);
  }
}
