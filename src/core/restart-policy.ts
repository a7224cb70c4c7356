/**
 * When a supervisor restarts a crashed plugin, and when it gives up: exponential
 * backoff between restarts, and a limit on crashes within a sliding window
 * (VS Code's extension host stops restarting after 3 crashes in 5 minutes).
 */

export interface RestartPolicy {
  /** Give up when this many crashes fall within `windowMs`. */
  maxCrashes: number;
  windowMs: number;
  /** Delay before the first restart; each further crash in the window multiplies it by `factor`. */
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
}

export const DEFAULT_RESTART_POLICY: Readonly<RestartPolicy> = {
  maxCrashes: 3,
  windowMs: 5 * 60_000,
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  factor: 2,
};

export type CrashVerdict =
  | { giveUp: false; crashesInWindow: number; delayMs: number }
  | { giveUp: true; crashesInWindow: number };

/** Counts crashes in a sliding window and answers "restart after how long, or give up?". */
export class CrashWindow {
  readonly #times: number[] = [];

  constructor(readonly policy: Readonly<RestartPolicy>) {}

  record(now: number): CrashVerdict {
    this.#times.push(now);
    while (this.#times.length > 0 && this.#times[0]! <= now - this.policy.windowMs) this.#times.shift();
    const crashesInWindow = this.#times.length;
    if (crashesInWindow >= this.policy.maxCrashes) return { giveUp: true, crashesInWindow };
    const delayMs = Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * this.policy.factor ** (crashesInWindow - 1));
    return { giveUp: false, crashesInWindow, delayMs };
  }
}
