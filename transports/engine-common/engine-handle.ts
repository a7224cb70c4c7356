/**
 * Shared plumbing for plugins that run inside an embedded JavaScript engine
 * (node:vm, QuickJS): calls wait for the engine's `done` callback, host calls
 * and sleeps go out through the prelude's `bridge`, and every entry into the
 * engine gets the time the call has left, so the engine itself can stop a
 * runaway script (the host's own timer cannot fire while a script spins).
 */
import { PluginError, toPluginError } from '../../src/core/errors.js';
import { BasePluginHandle, type CallOptions, type InvokeContext, type StartOptions } from '../types.js';
import { CallTable } from './call-table.js';
import type { BridgeKind } from './prelude.js';

/** Resumes a promise inside the engine with a host value or a `{code, message, data}` error. */
export type EngineSettle = (ok: boolean, value: unknown) => void;

export abstract class EngineHandle extends BasePluginHandle {
  protected readonly calls = new CallTable();
  /** The timeout of the call being started; read synchronously by invoke(). */
  #startingTimeout: number | undefined;

  constructor(target: string, options: StartOptions) {
    super(target, options);
  }

  /** Starts `method` in the engine within `budgetMs`; the outcome arrives through `calls.finish`. */
  protected abstract enter(callId: number, method: string, args: unknown[], depth: number, budgetMs: number): void;

  /** Hands `value` to a promise waiting inside the engine and runs the jobs that follow, within `budgetMs`. */
  protected abstract resume(settle: EngineSettle, ok: boolean, value: unknown, budgetMs: number): void;

  /** Releases the engine. */
  protected abstract dispose(): void;

  /** The host settled a call on its own (timeout, cancel, stop); an engine may free what the call held. */
  protected onDropped(_callId: number): void {}

  override call<R = unknown>(method: string, args: unknown[], options: CallOptions = {}): Promise<R> {
    this.#startingTimeout = options.timeoutMs ?? this.options.callTimeoutMs;
    try {
      return super.call<R>(method, args, options);
    } finally {
      this.#startingTimeout = undefined;
    }
  }

  protected invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    const { id, settled } = this.calls.open(this.#startingTimeout);
    context.signal.addEventListener('abort', () => this.calls.drop(id) && this.onDropped(id), { once: true });
    this.runGuarded(id, () => this.enter(id, method, args, context.depth, this.calls.budgetMs(id)));
    return settled;
  }

  protected async ping(): Promise<void> {
    if (!this.running) throw new PluginError('CLOSED', `${this.target}: plugin is stopped`);
  }

  protected async shutdown(): Promise<void> {
    const exit = this.calls.open(1_000);
    this.runGuarded(exit.id, () => this.enter(exit.id, 'exit', [], 1, this.calls.budgetMs(exit.id)));
    await Promise.race([exit.settled, delay(1_000)]).catch(() => {});
    this.calls.failAll(new PluginError('CLOSED', `${this.target}: plugin was stopped`));
    this.dispose();
  }

  /** The prelude's `bridge`: runs a host function (or a sleep) and resumes the engine with its answer. */
  protected onBridge(kind: BridgeKind, callId: number, depth: number, name: string, args: unknown[], settle: EngineSettle): void {
    // Leave the engine first: a host function may call the plugin again, which must not nest inside this entry.
    queueMicrotask(() => {
      const work = kind === 'sleep' ? delay(Number(args[0]) || 0) : this.handleHostCall(name, args, depth);
      work.then(
        (value) => this.answer(callId, settle, true, value ?? null),
        (error: unknown) => this.answer(callId, settle, false, toPluginError(error, 'HOST_ERROR').toJSON()),
      );
    });
  }

  private answer(callId: number, settle: EngineSettle, ok: boolean, value: unknown): void {
    if (!this.running) return;
    this.runGuarded(callId, () => this.resume(settle, ok, value, this.calls.budgetMs(callId)));
  }

  /** Runs one entry into the engine; an engine failure (time limit, memory) fails the call that entered. */
  private runGuarded(callId: number, entry: () => void): void {
    try {
      entry();
    } catch (error) {
      this.calls.fail(callId, toPluginError(error));
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
