/**
 * The Supervisor's recovery policy: how a plugin that crashed or stopped
 * answering is replaced (from the warm spare at once, or by a fresh start after
 * the policy's backoff), when to give up, and how recoveries are recorded.
 * It works on the state the Supervisor shares with it.
 */
import { PluginError, toPluginError } from './errors.js';
import { CrashWindow, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy.js';
import type { RecoveryCause, RecoveryRecord, SupervisorEvent } from './supervisor-events.js';
import { Spare, type Instance } from './supervisor-instance.js';
import { deferred, delay, formatWindow, noop, type Deferred } from './supervisor-wait.js';
import type { ExitInfo, StartOptions, Target } from './transport.js';

export const DEFAULT_HANG_CHECK_MS = 2_000;
/**
 * After the spare took over, the next one starts this much later: spawning it costs
 * the host CPU that the spare's first calls need first (a fork on a loaded machine
 * takes tens of ms). scripts/measure-spare-recovery.mjs measures the difference.
 */
const SPARE_REFILL_DELAY_MS = 25;

/** What the Supervisor and its recovery share. */
export interface SupervisorState {
  name: 'running' | 'restarting' | 'stopped' | 'gave-up';
  current: Instance | undefined;
  /** Settles when a restart under way has a fresh plugin (or gave up). */
  ready: Deferred<Instance> | undefined;
  giveUpError: PluginError | undefined;
  generation: number;
  startOptions: StartOptions;
}

export interface RecoveryOptions {
  restart?: Partial<RestartPolicy>;
  hangCheckMs?: number;
  spare?: boolean;
}

export interface RecoveryHooks {
  emit(event: SupervisorEvent): void;
  /** The policy gave up: the supervisor has ended. */
  gaveUp(info: ExitInfo): void;
  recovered(record: RecoveryRecord): void;
}

export class Recovery {
  readonly window: CrashWindow;
  readonly spare = new Spare();

  constructor(
    private readonly source: Target,
    private readonly state: SupervisorState,
    private readonly options: RecoveryOptions,
    private readonly hooks: RecoveryHooks,
  ) {
    this.window = new CrashWindow({ ...DEFAULT_RESTART_POLICY, ...options.restart });
  }

  private get target(): string {
    return this.source.name;
  }

  async startInstance(startOptions: StartOptions): Promise<Instance> {
    const handle = await this.source.start(startOptions);
    const instance: Instance = { handle, generation: ++this.state.generation, inFlight: 0 };
    this.hooks.emit({ type: 'started', generation: instance.generation, ...(handle.pid === undefined ? {} : { pid: handle.pid }) });
    void handle.exited.then((info) => {
      if (info.reason !== 'crashed') return;
      if (this.spare.holds(instance)) {
        this.spare.drop();
        this.refillSpare(this.window.policy.initialDelayMs);
      } else void this.replace(instance, 'crash', info.message);
    });
    return instance;
  }

  /** Replaces a dead or unresponsive plugin: from the spare, else with backoff until one starts or the policy gives up. */
  async replace(instance: Instance, cause: RecoveryCause, message: string): Promise<void> {
    const state = this.state;
    if (state.name !== 'running' || state.current !== instance) return;
    if (this.promoteSpare(instance, cause, message)) return;
    state.current = undefined;
    instance.retired = 'replaced';
    state.name = 'restarting';
    state.ready = deferred();
    const crashedAt = Date.now();
    const crashedAtPerf = performance.now();
    // A hung plugin may take its grace period to stop; the fresh one starts meanwhile.
    void instance.handle.stop().catch(noop);
    let why = message;
    for (;;) {
      const verdict = this.window.record(Date.now());
      this.hooks.emit({ type: 'crashed', cause, message: why, crashesInWindow: verdict.crashesInWindow });
      if (verdict.giveUp) return this.giveUp(verdict.crashesInWindow, why);
      this.hooks.emit({ type: 'restarting', delayMs: verdict.delayMs, attempt: verdict.crashesInWindow });
      await delay(verdict.delayMs);
      if (state.name !== 'restarting') return;
      try {
        const fresh = await this.startInstance(state.startOptions);
        if (state.name !== 'restarting') return void (await fresh.handle.stop());
        fresh.recovery = { cause, message, attempt: verdict.crashesInWindow, crashedAt, restartMs: performance.now() - crashedAtPerf, crashedAtPerf };
        state.current = fresh;
        state.name = 'running';
        state.ready.resolve(fresh);
        return this.refillSpare(0);
      } catch (error) {
        why = `restart failed: ${toPluginError(error).message}`;
        this.hooks.emit({ type: 'restart-failed', message: why });
      }
    }
  }

  /** Kills and replaces the plugin if it fails a health check (it stopped answering). */
  checkHealth(instance: Instance, reason: string): Promise<void> {
    if (instance.checking || this.state.current !== instance) return instance.checking ?? Promise.resolve();
    const check = (async () => {
      const status = await instance.handle.health({ timeoutMs: this.options.hangCheckMs ?? DEFAULT_HANG_CHECK_MS });
      if (!status.ok && this.state.current === instance) {
        const [cause, verdict] = status.degraded ? (['degraded', 'its health check says it is degraded'] as const) : (['unresponsive', 'failed a health check'] as const);
        await this.replace(instance, cause, `${reason}, then ${verdict}: ${status.detail}`);
      }
    })().finally(() => (instance.checking = undefined));
    instance.checking = check;
    return check;
  }

  /**
   * With a spare, a timed-out call switches new calls to the spare at once, then
   * checks the old plugin: if it answers it becomes the spare, else it is replaced.
   */
  async switchAfterTimeout(instance: Instance, reason: string): Promise<void> {
    const state = this.state;
    if (state.name !== 'running' || state.current !== instance) return;
    const spare = this.spare.take();
    if (!spare) return this.checkHealth(instance, reason);
    state.current = spare;
    this.hooks.emit({ type: 'spare-used', generation: spare.generation });
    // The next spare starts now, not after the verdict on the hung plugin (up to hangCheckMs).
    this.refillSpare(SPARE_REFILL_DELAY_MS);
    const status = await instance.handle.health({ timeoutMs: this.options.hangCheckMs ?? DEFAULT_HANG_CHECK_MS });
    if (status.ok && state.name === 'running' && instance.inFlight === 0) {
      // It recovered by itself (a worker replaces its thread): it is the spare, unless a new one is already there.
      await this.spare.fill(async () => instance);
      if (this.spare.holds(instance)) return void this.hooks.emit({ type: 'spare-ready', generation: instance.generation });
      instance.retired = 'replaced';
      return void instance.handle.stop().catch(noop);
    }
    const degraded = !status.ok && status.degraded !== undefined;
    const why = `${reason}, then ${degraded ? 'its health check says it is degraded' : 'failed a health check'}: ${status.ok ? 'calls still in flight' : status.detail}`;
    this.retire(instance, degraded ? 'degraded' : 'unresponsive', why);
  }

  /** Starts a spare after `delayMs` when the options ask for one and the slot is empty. */
  refillSpare(delayMs: number): void {
    if (!this.options.spare) return;
    void this.spare.fill(async () => {
      await delay(delayMs);
      if (this.state.name !== 'running') return undefined;
      try {
        const instance = await this.startInstance(this.state.startOptions);
        // One round trip before it serves, so its first real call does not run the channel's code cold.
        await instance.handle.health();
        if (this.state.name === 'running') {
          this.hooks.emit({ type: 'spare-ready', generation: instance.generation });
          return instance;
        }
        await instance.handle.stop();
      } catch (error) {
        this.hooks.emit({ type: 'restart-failed', message: `spare did not start: ${toPluginError(error).message}` });
      }
      return undefined;
    });
  }

  /** Records the first good call on a fresh plugin as the end of its recovery. */
  noteSuccess(instance: Instance): void {
    const recovery = instance.recovery;
    if (!recovery) return;
    instance.recovery = undefined;
    const { crashedAtPerf, ...rest } = recovery;
    const record: RecoveryRecord = { ...rest, recoveryMs: performance.now() - crashedAtPerf };
    this.hooks.recovered(record);
    this.hooks.emit({ type: 'recovered', record });
  }

  /** The failed plugin leaves service at once and the spare serves; false when no spare is ready. */
  private promoteSpare(instance: Instance, cause: RecoveryCause, message: string): boolean {
    const spare = this.spare.take();
    if (!spare) return false;
    const crashedAtPerf = performance.now();
    this.state.current = spare;
    const attempt = this.retire(instance, cause, message);
    if (attempt === undefined) return true;
    spare.recovery = { cause, message, attempt, crashedAt: Date.now(), restartMs: 0, crashedAtPerf };
    this.hooks.emit({ type: 'spare-used', generation: spare.generation });
    return true;
  }

  /** Takes `instance` out of service and counts it in the window: the crashes in the window, or undefined when the policy gave up. */
  private retire(instance: Instance, cause: RecoveryCause, message: string): number | undefined {
    instance.retired = 'replaced';
    void instance.handle.stop().catch(noop);
    const verdict = this.window.record(Date.now());
    this.hooks.emit({ type: 'crashed', cause, message, crashesInWindow: verdict.crashesInWindow });
    if (verdict.giveUp) {
      const serving = this.state.current;
      this.state.current = undefined;
      if (serving && serving !== instance) void serving.handle.stop().catch(noop);
      this.giveUp(verdict.crashesInWindow, message);
      return undefined;
    }
    this.refillSpare(Math.max(verdict.delayMs, SPARE_REFILL_DELAY_MS));
    return verdict.crashesInWindow;
  }

  private giveUp(crashes: number, message: string): void {
    const { maxCrashes, windowMs } = this.window.policy;
    const error = new PluginError('CRASHED', `${this.target}: gave up after ${crashes} crashes within ${formatWindow(windowMs)} (limit ${maxCrashes}); last: ${message}`, {
      data: { crashes, windowMs, maxCrashes },
    });
    this.state.name = 'gave-up';
    this.state.giveUpError = error;
    this.state.ready?.reject(error);
    this.hooks.emit({ type: 'gave-up', message: error.message });
    this.hooks.gaveUp({ reason: 'crashed', message: error.message });
  }
}
