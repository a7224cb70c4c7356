/**
 * quickjs: the same plain-script plugin as `vm`, in the QuickJS interpreter
 * compiled to WebAssembly (quickjs-emscripten). Each plugin gets its own QuickJS
 * instance, whose linear memory may grow by at most the memory limit (see
 * bounded-module.ts for why QuickJS's own limit is not enough), and an interrupt
 * handler that stops the script at the call's deadline: a runaway loop gets
 * TIMEOUT, a script that allocates without bound gets a clear PLUGIN_ERROR, and
 * the next call works.
 */
import path from 'node:path';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import { PluginError, type SerializedError } from '../../src/core/errors.js';
import { PRELUDE_SOURCE, type BridgeKind } from '../engine-common/prelude.js';
import { EngineHandle, type EngineSettle } from '../engine-common/engine-handle.js';
import { checkScript, describeScript, readScript, scriptPath } from '../engine-common/script-plugin.js';
import type { StartOptions, Target } from '../types.js';
import { availableIfLoads } from '../engine-common/probe-availability.js';
import { fromHandle, toArrayHandle, toHandle } from './marshal.js';
import { linearMemoryCap, newBoundedModule } from './bounded-module.js';

export interface QuickJsStartOptions extends StartOptions {
  /** Memory the script may use beyond the engine's initial 16 MiB; past it allocations fail. Default 64 MiB. */
  memoryLimitBytes?: number;
  /** Native stack the script may use. Default 1 MiB. */
  maxStackSizeBytes?: number;
}

/** What callFunction, evalCode and executePendingJobs return: a value or an error handle. */
type EntryResult = { error: QuickJSHandle; value?: undefined } | { error?: undefined; value: unknown };

const DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;
const DEFAULT_STACK_SIZE = 1024 * 1024;

export class QuickJsHandle extends EngineHandle {
  #runtime: QuickJSRuntime | undefined;
  #context: QuickJSContext | undefined;
  #invoke: QuickJSHandle | undefined;
  /** Resolve/reject functions the engine handed out and the host still holds. */
  readonly #held = new Set<QuickJSHandle>();
  /** performance.now() past which the interrupt handler stops the script. */
  #deadline = Infinity;
  readonly #memoryLimit: number;

  private constructor(runtime: QuickJSRuntime, options: QuickJsStartOptions) {
    super('quickjs', options);
    this.#runtime = runtime;
    this.#memoryLimit = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT;
    // Still useful: refuses any single allocation larger than the limit; the wasm memory's maximum bounds the sum.
    runtime.setMemoryLimit(this.#memoryLimit);
    runtime.setMaxStackSize(options.maxStackSizeBytes ?? DEFAULT_STACK_SIZE);
    runtime.setInterruptHandler(() => performance.now() > this.#deadline);
    this.#context = runtime.newContext();
  }

  static async open(options: QuickJsStartOptions): Promise<QuickJsHandle> {
    const source = await readScript(options);
    let began = performance.now();
    const limit = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT;
    const handle = new QuickJsHandle((await newBoundedModule(limit)).newRuntime(), options);
    const detail = `memory limit ${formatMiB(limit)}, own wasm instance (linear memory at most ${formatMiB(linearMemoryCap(limit))})`;
    handle.recordStep('runtime', performance.now() - began, detail);
    began = performance.now();
    try {
      const description = checkScript(handle.load(source.code, source.file, options), source.file);
      handle.recordStep('evaluate', performance.now() - began, describeScript(description, source.file));
      return handle;
    } catch (error) {
      handle.dispose();
      if (error instanceof PluginError && error.code === 'START_FAILED') throw error;
      throw new PluginError('START_FAILED', `quickjs: plugin script ${source.file} failed to load: ${(error as Error).message}`, { cause: error });
    }
  }

  protected enter(callId: number, method: string, args: unknown[], depth: number, budgetMs: number): void {
    const context = this.engine();
    const handles = [context.newNumber(callId), context.newString(method), toArrayHandle(context, args), context.newNumber(depth)];
    try {
      this.timed(budgetMs, () => context.callFunction(this.#invoke!, context.undefined, ...handles));
    } finally {
      for (const item of handles) item.dispose();
    }
  }

  protected resume(settle: EngineSettle, ok: boolean, value: unknown, budgetMs: number): void {
    settle(ok, value);
    this.timed(budgetMs, () => this.#runtime!.executePendingJobs());
  }

  protected dispose(): void {
    for (const item of this.#held) item.dispose();
    this.#held.clear();
    this.#invoke?.dispose();
    this.#context?.dispose();
    this.#runtime?.dispose();
    this.#invoke = this.#context = this.#runtime = undefined;
  }

  /** Evaluates the prelude and the plugin script; keeps the prelude's invoke function and returns describe()'s JSON. */
  private load(code: string, file: string, options: StartOptions): string {
    const context = this.engine();
    const bridge = context.newFunction('bridge', (kind, callId, depth, name, args, resolve, reject) => {
      const held = [resolve.dup(), reject.dup()] as const;
      held.forEach((item) => this.#held.add(item));
      const settle: EngineSettle = (ok, value) => {
        if (!this.#context) return;
        const answer = toHandle(context, value);
        const result = context.callFunction(ok ? held[0] : held[1], context.undefined, answer);
        answer.dispose();
        if (result.error) result.error.dispose();
        else result.value.dispose();
        held.forEach((item) => (item.dispose(), this.#held.delete(item)));
      };
      const hostArgs = context.dump(args) as unknown[];
      this.onBridge(context.getString(kind) as BridgeKind, context.getNumber(callId), context.getNumber(depth), context.getString(name), hostArgs, settle);
    });
    const done = context.newFunction('done', (callId, ok, value, json) => {
      const succeeded = context.dump(ok) === true;
      const answer = context.dump(json) === true ? JSON.parse(context.getString(value)) : fromHandle(context, value);
      this.calls.finish(context.getNumber(callId), succeeded, succeeded ? answer : this.explain(answer));
    });
    const faults = options.faultInjection ? context.true : context.false;
    const makePrelude = context.unwrapResult(context.evalCode(PRELUDE_SOURCE, 'plugbench:prelude'));
    const api = context.unwrapResult(context.callFunction(makePrelude, context.undefined, bridge, done, faults, context.true, context.true));
    this.#invoke = context.getProp(api, 'invoke');
    const describe = context.getProp(api, 'describe');
    for (const item of [makePrelude, api, bridge, done]) item.dispose();
    try {
      this.timed(options.startTimeoutMs ?? 10_000, () => context.evalCode(code, file));
      return String(this.timed(1_000, () => context.callFunction(describe, context.undefined)));
    } finally {
      describe.dispose();
    }
  }

  /**
   * Runs one entry into QuickJS with the interrupt armed at now + budgetMs, and
   * turns its failure into a typed error. Returns the entry's value, if any.
   */
  private timed(budgetMs: number, entry: () => EntryResult): unknown {
    const context = this.engine();
    this.#deadline = performance.now() + budgetMs;
    let result: { error?: QuickJSHandle; value?: unknown };
    try {
      result = entry();
    } finally {
      this.#deadline = Infinity;
    }
    if (result.error) {
      const failure = fromHandle(context, result.error) as { name?: string; message?: string } | null;
      result.error.dispose();
      if (failure?.message === 'interrupted') {
        throw new PluginError('TIMEOUT', `quickjs: the script ran past its ${budgetMs} ms limit and was interrupted`, { data: { timeoutMs: budgetMs } });
      }
      const explained = this.explain({ code: 'PLUGIN_ERROR', message: failure?.message ?? String(failure), data: { name: failure?.name } });
      throw new PluginError(explained.code, explained.message, { data: explained.data });
    }
    const value = result.value;
    if (value && typeof value === 'object' && 'dispose' in value) {
      const handle = value as QuickJSHandle;
      const plain = fromHandle(context, handle);
      handle.dispose();
      return plain;
    }
    return value;
  }

  /**
   * Rewords QuickJS's bare "out of memory" so the caller learns which limit it
   * hit; "interrupted" (the deadline, reached in a job after a callback) is a TIMEOUT.
   */
  private explain(wire: unknown): SerializedError {
    const error = wire as SerializedError;
    if (error?.message === 'out of memory') {
      return {
        code: 'PLUGIN_ERROR',
        message: `quickjs: the script went past its memory limit of ${formatMiB(this.#memoryLimit)} and was stopped; the plugin keeps running`,
        data: { memoryLimitBytes: this.#memoryLimit },
      };
    }
    if (error?.message === 'interrupted' && (error.data as { name?: unknown } | undefined)?.name === 'InternalError') {
      return { code: 'TIMEOUT', message: 'quickjs: the script ran past its time limit and was interrupted' };
    }
    return error;
  }

  private engine(): QuickJSContext {
    if (!this.#context) throw new PluginError('CLOSED', 'quickjs: plugin is stopped');
    return this.#context;
  }
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

export const quickjsTarget: Target = {
  name: 'quickjs',
  channel: 'function',
  family: 'embedded',
  description: 'Plain-script plugin in the QuickJS interpreter (WebAssembly), with a memory limit and an interrupt at the deadline',
  capabilities: {
    hangRecoverable: true,
    crashIsolated: true,
    callbacks: true,
    protections: ['separate-heap', 'memory-limit', 'interrupt-at-deadline', 'no-host-apis'],
  },
  availability: () =>
    availableIfLoads(
      () => newBoundedModule(DEFAULT_MEMORY_LIMIT),
      (message) => `quickjs-emscripten cannot load its WebAssembly module (${message}); run npm install`,
    ),
  pluginDir: (options = {}) => path.dirname(scriptPath(options)),
  start: (options = {}) => QuickJsHandle.open(options),
};
