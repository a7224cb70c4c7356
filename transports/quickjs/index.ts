/**
 * quickjs: the same plain-script plugin as `vm`, in the QuickJS interpreter
 * compiled to WebAssembly (quickjs-emscripten). Each plugin gets its own QuickJS
 * instance, whose linear memory may grow by at most the memory limit (see
 * bounded-module.ts for why QuickJS's own limit is not enough), and an interrupt
 * handler that stops the script at the call's deadline: a runaway loop gets
 * TIMEOUT, a script that allocates without bound gets a clear PLUGIN_ERROR, and
 * the next call works.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import type { OpenConnection } from '../../src/core/connection.js';
import { pluginFile } from '../../src/core/descriptor-target.js';
import { PluginError, type SerializedError } from '../../src/core/errors.js';
import type { StartOptions } from '../../src/core/transport.js';
import { EngineCalls, reportStep, type Engine } from '../engine-common/engine-calls.js';
import { callRef, PRELUDE_SOURCE, type BridgeKind } from '../engine-common/prelude.js';
import { checkScript, describeScript, readScript, type ScriptSource } from '../engine-common/script-plugin.js';
import { DEFAULT_MEMORY_LIMIT, linearMemoryCap, newBoundedModule } from './bounded-module.js';
import { descriptor } from './descriptor.js';
import { fromHandle, toHandle } from './marshal.js';

export interface QuickJsStartOptions extends StartOptions {
  /** Memory the script may use beyond the engine's initial 16 MiB; past it allocations fail. Default 64 MiB. */
  memoryLimitBytes?: number;
  /** Native stack the script may use. Default 1 MiB. */
  maxStackSizeBytes?: number;
}

/** What callFunction, evalCode and executePendingJobs return: a value or an error handle. */
type EntryResult = { error: QuickJSHandle; value?: undefined } | { error?: undefined; value: unknown };

const DEFAULT_STACK_SIZE = 1024 * 1024;
/** Method names whose string handles are kept, so a call does not copy its method name in. */
const KEPT_METHOD_NAMES = 32;

class QuickJsEngine implements Engine {
  #runtime: QuickJSRuntime | undefined;
  #context: QuickJSContext | undefined;
  #invoke: QuickJSHandle | undefined;
  readonly #methodNames = new Map<string, QuickJSHandle>();
  /** Resolve/reject functions the engine handed out for a call's requests, which the host still holds. */
  readonly #held = new Map<number, Set<QuickJSHandle>>();
  /** performance.now() past which the interrupt handler stops the script. */
  #deadline = Infinity;
  /** An exception went through QuickJS's own frames (the host's stack ran out, a trap): its state cannot be trusted. */
  #dead = false;

  constructor(
    runtime: QuickJSRuntime,
    private readonly calls: EngineCalls,
    private readonly memoryLimit: number,
    options: QuickJsStartOptions,
  ) {
    this.#runtime = runtime;
    // Still useful: refuses any single allocation larger than the limit; the wasm memory's maximum bounds the sum.
    runtime.setMemoryLimit(memoryLimit);
    runtime.setMaxStackSize(options.maxStackSizeBytes ?? DEFAULT_STACK_SIZE);
    runtime.setInterruptHandler(() => performance.now() > this.#deadline);
    this.#context = runtime.newContext();
  }

  /** One crossing per value: the call ref, the method name (kept), each argument; a string answer comes back as the return value. */
  enter(callId: number, method: string, args: unknown[], depth: number, budgetMs: number): void {
    const context = this.#engine();
    const handles = [context.newNumber(callRef(callId, depth)), this.#methodName(context, method)];
    for (const arg of args) handles.push(toHandle(context, arg));
    this.#deadline = performance.now() + budgetMs;
    let result: EntryResult;
    try {
      result = context.callFunction(this.#invoke!, context.undefined, handles);
    } catch (error) {
      throw this.#died(error);
    } finally {
      this.#deadline = Infinity;
      for (let i = 0; i < handles.length; i++) if (i !== 1 || !this.#methodNames.has(method)) handles[i]!.dispose();
    }
    if (result.error) throw this.#failure(result.error, budgetMs);
    const value = result.value as QuickJSHandle;
    if (!context.eq(value, context.undefined)) this.calls.finish(callId, true, context.getString(value));
    value.dispose();
  }

  drop(callId: number): void {
    for (const item of this.#held.get(callId) ?? []) item.dispose();
    this.#held.delete(callId);
  }

  dispose(): void {
    // A dead runtime would abort on release; its own wasm instance goes with the last reference instead.
    if (this.#dead) return void (this.#invoke = this.#context = this.#runtime = undefined);
    for (const callId of [...this.#held.keys()]) this.drop(callId);
    for (const name of this.#methodNames.values()) name.dispose();
    this.#methodNames.clear();
    this.#invoke?.dispose();
    this.#context?.dispose();
    this.#runtime?.dispose();
    this.#invoke = this.#context = this.#runtime = undefined;
  }

  /** Evaluates the prelude and the plugin script; keeps the prelude's invoke function and returns describe()'s JSON. */
  load(source: ScriptSource, options: StartOptions): string {
    const context = this.#engine();
    const bridge = context.newFunction('bridge', (kind, callId, depth, name, args, resolve, reject) => {
      const id = context.getNumber(callId);
      const held = [resolve.dup(), reject.dup()] as const;
      const forCall = this.#held.get(id) ?? new Set<QuickJSHandle>();
      this.#held.set(id, forCall.add(held[0]).add(held[1]));
      const hostArgs = context.dump(args) as unknown[];
      this.calls.request(id, context.getString(kind) as BridgeKind, context.getString(name), hostArgs, context.getNumber(depth), (ok, value, budgetMs) => {
        this.#answer(ok ? held[0] : held[1], toHandle(context, value));
        for (const item of held) (item.dispose(), forCall.delete(item));
        if (forCall.size === 0 && this.#held.get(id) === forCall) this.#held.delete(id);
        this.#timed(budgetMs, () => this.#runtime!.executePendingJobs());
      });
    });
    const done = context.newFunction('done', (callId, ok, value, json) => {
      const succeeded = context.dump(ok) === true;
      const answer = context.dump(json) === true ? JSON.parse(context.getString(value)) : fromHandle(context, value);
      this.calls.finish(context.getNumber(callId), succeeded, succeeded ? answer : this.#explain(answer));
    });
    const faults = options.faultInjection ? context.true : context.false;
    const makePrelude = context.unwrapResult(context.evalCode(PRELUDE_SOURCE, 'plugbench:prelude'));
    const api = context.unwrapResult(context.callFunction(makePrelude, context.undefined, bridge, done, faults, context.true, context.true));
    this.#invoke = context.getProp(api, 'invokeWith');
    const describe = context.getProp(api, 'describe');
    for (const item of [makePrelude, api, bridge, done]) item.dispose();
    try {
      this.#timed(options.startTimeoutMs ?? 10_000, () => context.evalCode(source.code, source.file));
      return String(this.#timed(1_000, () => context.callFunction(describe, context.undefined)));
    } finally {
      describe.dispose();
    }
  }

  /** Calls a resolve or reject function the engine handed out with `answer`, which it disposes. */
  #answer(settle: QuickJSHandle, answer: QuickJSHandle): void {
    const context = this.#engine();
    const result = context.callFunction(settle, context.undefined, answer);
    answer.dispose();
    if (result.error) result.error.dispose();
    else result.value.dispose();
  }

  /**
   * Runs one entry into QuickJS with the interrupt armed at now + budgetMs, and
   * turns its failure into a typed error. Returns the entry's value, if any.
   */
  #timed(budgetMs: number, entry: () => EntryResult): unknown {
    const context = this.#engine();
    this.#deadline = performance.now() + budgetMs;
    let result: { error?: QuickJSHandle; value?: unknown };
    try {
      result = entry();
    } catch (error) {
      throw this.#died(error);
    } finally {
      this.#deadline = Infinity;
    }
    if (result.error) throw this.#failure(result.error, budgetMs);
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
   * QuickJS returns a script's errors as values; an exception thrown through it
   * instead (V8's stack ran out inside the wasm, a trap) unwound its C code half
   * way, so it must not run again: the plugin is reported crashed.
   */
  #died(error: unknown): PluginError {
    if (error instanceof PluginError) return error;
    this.#dead = true;
    return this.calls.died(`the QuickJS engine was interrupted inside its own code (${(error as Error).message}) and cannot run again`);
  }

  /** The error an entry ended with (which it disposes), as a typed error: "interrupted" is the deadline. */
  #failure(error: QuickJSHandle, budgetMs: number): PluginError {
    const failure = fromHandle(this.#engine(), error) as { name?: string; message?: string } | null;
    error.dispose();
    if (failure?.message === 'interrupted') {
      return new PluginError('TIMEOUT', `quickjs: the script ran past its ${budgetMs} ms limit and was interrupted`, { data: { timeoutMs: budgetMs } });
    }
    const explained = this.#explain({ code: 'PLUGIN_ERROR', message: failure?.message ?? String(failure), data: { name: failure?.name } });
    return new PluginError(explained.code, explained.message, { data: explained.data });
  }

  /** The method name's string handle: kept for the first few names, else new (and disposed after the call). */
  #methodName(context: QuickJSContext, method: string): QuickJSHandle {
    const kept = this.#methodNames.get(method);
    if (kept) return kept;
    const handle = toHandle(context, method);
    if (this.#methodNames.size < KEPT_METHOD_NAMES) this.#methodNames.set(method, handle);
    return handle;
  }

  /**
   * Rewords QuickJS's bare "out of memory" so the caller learns which limit it
   * hit; "interrupted" (the deadline, reached in a job after a callback) is a TIMEOUT.
   */
  #explain(wire: unknown): SerializedError {
    const error = wire as SerializedError;
    if (error?.message === 'out of memory') {
      return {
        code: 'PLUGIN_ERROR',
        message: `quickjs: the script went past its memory limit of ${formatMiB(this.memoryLimit)} and was stopped; the plugin keeps running`,
        data: { memoryLimitBytes: this.memoryLimit },
      };
    }
    if (error?.message === 'interrupted' && (error.data as { name?: unknown } | undefined)?.name === 'InternalError') {
      return { code: 'TIMEOUT', message: 'quickjs: the script ran past its time limit and was interrupted' };
    }
    return error;
  }

  #engine(): QuickJSContext {
    if (this.#dead) throw new PluginError('CRASHED', 'quickjs: the engine died');
    if (!this.#context) throw new PluginError('CLOSED', 'quickjs: plugin is stopped');
    return this.#context;
  }
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

export const open: OpenConnection = async ({ options, host }) => {
  const source = await readScript(pluginFile(descriptor, options));
  const limit = (options as QuickJsStartOptions).memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT;
  let began = performance.now();
  const calls = new EngineCalls(host);
  const engine = new QuickJsEngine((await newBoundedModule(limit)).newRuntime(), calls, limit, options);
  reportStep(host, 'runtime', began, `memory limit ${formatMiB(limit)}, own wasm instance (linear memory at most ${formatMiB(linearMemoryCap(limit))})`);
  began = performance.now();
  try {
    reportStep(host, 'evaluate', began, describeScript(checkScript(engine.load(source, options), source.file), source.file));
  } catch (error) {
    engine.dispose();
    if (error instanceof PluginError && error.code === 'START_FAILED') throw error;
    throw new PluginError('START_FAILED', `quickjs: plugin script ${source.file} failed to load: ${(error as Error).message}`, { cause: error });
  }
  return calls.connect(engine);
};
