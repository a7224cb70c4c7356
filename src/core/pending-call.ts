/**
 * One call in flight, as the runner tracks it and the connection sees it
 * (CallContext). It creates nothing it may not need: no AbortController until a
 * connection reads `signal` (`onGiveUp` is the cheap way), no listener unless the caller passed a signal, and
 * no timer of its own (the runner's one deadline timer covers every call).
 */
import type { SettlingCall } from './connection.js';
import type { PluginError } from './errors.js';

export class PendingCall implements SettlingCall {
  readonly promise: Promise<unknown>;
  /** `performance.now()` past which the call times out; Infinity for none. */
  readonly deadline: number;
  /** Its place in the runner's PendingCalls: only that list writes these. */
  listed = false;
  before: PendingCall | undefined = undefined;
  after: PendingCall | undefined = undefined;
  #resolve!: (value: unknown) => void;
  #reject!: (error: PluginError) => void;
  #controller: AbortController | undefined;
  #settled = false;
  #callerSignal: AbortSignal | undefined;
  #onCallerAbort: (() => void) | undefined;
  #onGiveUp: ((reason: PluginError) => void) | undefined;

  constructor(
    readonly method: string,
    readonly depth: number,
    /** The deadline the caller asked for, in ms, for the TIMEOUT message. */
    readonly limitMs: number | undefined,
    /** `performance.now()` past which the call times out (DeadlineTimer.deadlineFor); Infinity for none. */
    deadline: number,
    /** Called once when the call settles, whichever way. */
    private readonly onSettled: (call: PendingCall) => void,
  ) {
    this.deadline = deadline;
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Fails the call with `error()` when the caller's `signal` aborts; the listener goes when the call settles. */
  listen(signal: AbortSignal, error: () => PluginError): void {
    this.#callerSignal = signal;
    this.#onCallerAbort = () => this.fail(error());
    signal.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  get timeoutMs(): number | undefined {
    return this.deadline === Infinity ? undefined : Math.max(1, Math.min(this.limitMs!, this.deadline - performance.now()));
  }

  get signal(): AbortSignal {
    return (this.#controller ??= new AbortController()).signal;
  }

  onGiveUp(listener: (reason: PluginError) => void): void {
    this.#onGiveUp = listener;
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** The plugin answered. */
  fulfil(value: unknown): void {
    if (this.#settled) return;
    this.#finish();
    this.#resolve(value);
  }

  /** The call failed or the runner gave it up; a connection listening on `signal` learns why. */
  fail(error: PluginError): void {
    if (this.#settled) return;
    this.#finish();
    this.#controller?.abort(error);
    this.#reject(error);
    if (this.#onGiveUp) {
      try {
        this.#onGiveUp(error);
      } catch {
        // Telling the plugin is best effort (its channel may be gone); the call is settled either way.
      }
    }
  }

  #finish(): void {
    this.#settled = true;
    if (this.#onCallerAbort) this.#callerSignal!.removeEventListener('abort', this.#onCallerAbort);
    this.onSettled(this);
  }
}
