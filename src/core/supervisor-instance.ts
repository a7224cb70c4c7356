/** One plugin the Supervisor started, with what it tracks about it. */
import type { RecoveryRecord } from './supervisor-events.js';
import type { PluginHandle } from './transport.js';

export interface Instance {
  readonly handle: PluginHandle;
  readonly generation: number;
  inFlight: number;
  /** Why the supervisor took this plugin out of service, if it did. */
  retired?: 'replaced' | 'swapped';
  /** A health check in progress after a timeout; new calls wait for its verdict. */
  checking?: Promise<void>;
  onIdle?: () => void;
  /** Set after a restart until the first successful call. */
  recovery?: Omit<RecoveryRecord, 'recoveryMs'> & { crashedAtPerf: number };
}

/**
 * The warm spare: one started plugin kept idle, so a crash or a hang is answered
 * by switching to it at once (what a worker pool does) while a new spare starts
 * in the background. It costs one more plugin's memory.
 */
export class Spare {
  #ready: Instance | undefined;
  #starting: Promise<void> | undefined;

  /** The spare, if one is started and idle; taking it empties the slot. */
  take(): Instance | undefined {
    const spare = this.#ready;
    this.#ready = undefined;
    return spare;
  }

  /** True when `instance` is the idle spare. */
  holds(instance: Instance): boolean {
    return this.#ready === instance;
  }

  /** Fills an empty slot with `start()` (once at a time); a slot already full keeps its spare. */
  fill(start: () => Promise<Instance | undefined>): Promise<void> {
    if (this.#ready || this.#starting) return this.#starting ?? Promise.resolve();
    this.#starting = start()
      .then((instance) => {
        if (instance) this.#ready = instance;
      })
      .finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  /** Empties the slot (the spare crashed, or the supervisor stops): returns what was in it. */
  drop(): Instance | undefined {
    return this.take();
  }
}
