/**
 * Deadlines for every call of a runner without reading the clock on each call.
 * A sweep runs every `interval` (a twentieth of the shortest timeout in use,
 * at most 250 ms) while calls come and go; it reads the clock once and fails
 * the calls past their deadline. A call's deadline is the last sweep's time
 * plus one interval plus its timeout, so a call never times out early and at
 * most two intervals (a tenth of its timeout) late. Reading
 * `performance.now()` and arming a timer per call cost ~90 ns and a heap entry,
 * a sixth of a whole in-process call.
 */
import type { PendingCall } from './pending-call.js';
import type { PendingCalls } from './pending-calls.js';

const MAX_INTERVAL_MS = 250;

export class DeadlineTimer {
  #timer: NodeJS.Timeout | undefined;
  #interval = Infinity;
  /** `performance.now()` at the last sweep (or at the start of the sweeps). */
  #clock = 0;
  /** A call with a deadline came since the last sweep: keep sweeping. */
  #busy = false;
  /** Whether the sweep keeps the process alive: from a call with a deadline until a sweep finds none waiting. */
  #refed = false;

  constructor(
    private readonly pending: PendingCalls,
    private readonly onExpired: (call: PendingCall) => void,
  ) {}

  /** The deadline (`performance.now()` time) of a call with `timeoutMs` that starts now. */
  deadlineFor(timeoutMs: number): number {
    const interval = Math.max(1, Math.min(timeoutMs / 20, MAX_INTERVAL_MS));
    if (this.#timer === undefined || interval < this.#interval) this.#start(interval);
    else if (!this.#refed) this.#timer.ref();
    this.#refed = true;
    this.#busy = true;
    return this.#clock + this.#interval + timeoutMs;
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#interval = Infinity;
  }

  #start(interval: number): void {
    clearTimeout(this.#timer);
    this.#interval = interval;
    this.#refed = true;
    this.#clock = performance.now();
    this.#arm();
  }

  #arm(): void {
    this.#timer = setTimeout(() => this.#sweep(), this.#interval);
  }

  #sweep(): void {
    this.#clock = performance.now();
    let waiting = false;
    for (const call of [...this.pending]) {
      if (call.deadline <= this.#clock) this.onExpired(call);
      else if (call.deadline !== Infinity) waiting = true;
    }
    if (waiting || this.#busy) {
      this.#busy = false;
      this.#arm();
      // No call waits for a deadline: the sweep goes on for the next calls, but must not keep the process alive.
      this.#refed = waiting;
      if (!waiting) this.#timer!.unref();
    } else this.stop();
  }
}
