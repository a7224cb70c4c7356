/**
 * Calls in flight inside an engine, by id: each waits for the engine's
 * `done(callId, ...)` and knows its own deadline, so every time the host enters
 * the engine for that call it can give the engine the time that is left.
 */
import { isErrorCode, PluginError, type SerializedError } from '../../src/core/errors.js';

/** Longest a single entry into the engine may run when the call has no deadline. */
export const RUNAWAY_GUARD_MS = 10_000;

interface OpenCall {
  resolve(value: unknown): void;
  reject(error: PluginError): void;
  deadline: number | undefined;
}

export class CallTable {
  #next = 0;
  readonly #calls = new Map<number, OpenCall>();

  /** Registers a call; `timeoutMs` (if any) fixes its deadline. */
  open(timeoutMs: number | undefined): { id: number; settled: Promise<unknown> } {
    const id = ++this.#next;
    const deadline = timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs) ? performance.now() + timeoutMs : undefined;
    const settled = new Promise<unknown>((resolve, reject) => this.#calls.set(id, { resolve, reject, deadline }));
    return { id, settled };
  }

  /** Milliseconds the engine may run for this call now (at least 1). */
  budgetMs(id: number): number {
    const deadline = this.#calls.get(id)?.deadline;
    if (deadline === undefined) return RUNAWAY_GUARD_MS;
    return Math.max(1, Math.min(RUNAWAY_GUARD_MS, Math.ceil(deadline - performance.now())));
  }

  /** The engine's answer for a call; unknown ids (already settled elsewhere) are ignored. */
  finish(id: number, ok: boolean, value: unknown): void {
    const call = this.take(id);
    if (!call) return;
    if (ok) call.resolve(value);
    else call.reject(toEngineError(value));
  }

  fail(id: number, error: PluginError): void {
    this.take(id)?.reject(error);
  }

  isOpen(id: number): boolean {
    return this.#calls.has(id);
  }

  /** Forgets a call the host settled on its own (timeout, cancel, stop); true if it was still open. */
  drop(id: number): boolean {
    return this.#calls.delete(id);
  }

  failAll(error: PluginError): void {
    for (const id of [...this.#calls.keys()]) this.fail(id, error);
  }

  private take(id: number): OpenCall | undefined {
    const call = this.#calls.get(id);
    this.#calls.delete(id);
    return call;
  }
}

/** An engine's `{code, message, data}`; a code outside the closed set becomes PLUGIN_ERROR. */
export function toEngineError(value: unknown): PluginError {
  const wire = (typeof value === 'object' && value !== null ? value : { message: String(value) }) as Partial<SerializedError>;
  const message = typeof wire.message === 'string' ? wire.message : 'plugin failed without a message';
  const options = wire.data === undefined ? {} : { data: wire.data };
  return new PluginError(isErrorCode(wire.code) ? wire.code : 'PLUGIN_ERROR', message, options);
}
