/**
 * One timer for every call of a runner. A call's deadline only re-arms the timer
 * when it is earlier than the one armed, so a stream of calls with the same
 * timeout arms it once; when it fires it fails the calls past their deadline
 * and re-arms for the earliest left. A per-call setTimeout would cost a heap
 * entry and a clearTimeout on every call.
 */
import type { PendingCall } from './pending-call.js';

export class DeadlineTimer {
  #timer: NodeJS.Timeout | undefined;
  #armedAt = Infinity;

  constructor(
    private readonly pending: ReadonlySet<PendingCall>,
    private readonly onExpired: (call: PendingCall) => void,
  ) {}

  /** A call with this deadline (`performance.now()` time) is in flight. */
  watch(deadline: number): void {
    if (deadline >= this.#armedAt) {
      this.#timer!.ref();
      return;
    }
    this.#arm(deadline);
  }

  /** No call is in flight: the armed timer must not keep the process alive. */
  idle(): void {
    this.#timer?.unref();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedAt = Infinity;
  }

  #arm(deadline: number): void {
    clearTimeout(this.#timer);
    this.#armedAt = deadline;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, deadline - performance.now()));
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedAt = Infinity;
    // A timer may fire a little early; 1 ms of slack keeps it from re-arming for nothing.
    const now = performance.now() + 1;
    let next = Infinity;
    for (const call of [...this.pending]) {
      if (call.deadline <= now) this.onExpired(call);
      else if (call.deadline < next) next = call.deadline;
    }
    if (next !== Infinity) this.#arm(next);
  }
}
