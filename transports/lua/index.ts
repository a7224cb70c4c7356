/**
 * lua: the plugin written in Lua, run by Lua 5.4 compiled to WebAssembly
 * (wasmoon), on the host's thread. Each call runs in its own coroutine: a host
 * callback yields it and the host resumes it with the answer, so calls wait for
 * their callbacks side by side. A count hook stops a runaway script at the
 * call's deadline (the coroutine is yielded and dropped, beyond the plugin's
 * pcall), and the VM has a memory limit.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LuaEngine, LuaWasm } from 'wasmoon';
import type { OpenConnection } from '../../src/core/connection.js';
import { REQUIRED_METHODS } from '../../src/core/contract.js';
import { pluginFile } from '../../src/core/descriptor-target.js';
import { PluginError } from '../../src/core/errors.js';
import type { StartOptions } from '../../src/core/transport.js';
import { EngineCalls, reportStep, type Engine } from '../engine-common/engine-calls.js';
import type { BridgeKind } from '../engine-common/prelude.js';
import { descriptor } from './descriptor.js';
import { LUA_DRIVER_SOURCE, LUA_SANDBOX_SOURCE } from './lua-driver.js';
import { LUA_TTABLE, LuaValues } from './lua-values.js';

export interface LuaStartOptions extends StartOptions {
  /** Memory the Lua VM may allocate. Default 64 MiB. */
  memoryLimitBytes?: number;
}

const LUA_REGISTRYINDEX = -1_000_000 - 1000;
const LUA_OK = 0;
const LUA_YIELD = 1;
const LUA_ERRMEM = 4;
const LUA_MASKCOUNT = 1 << 3;
/** Instructions between two deadline checks. */
const HOOK_INSTRUCTIONS = 10_000;
/** Finished coroutines kept for the next calls, so a call usually creates none. */
const IDLE_COROUTINES = 4;
const DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;

/** One call in flight: its coroutine, anchored in the registry while it lives. */
interface LuaRun {
  callId: number;
  thread: number;
  ref: number;
}

class LuaVm implements Engine {
  #engine: LuaEngine | undefined;
  readonly #lua: LuaWasm;
  readonly #L: number;
  readonly #values: LuaValues;
  readonly #hook: number;
  readonly #resultsOut: number;
  readonly memoryLimit: number;
  #dispatch = 0n;
  /** Coroutines of the calls waiting for the host (a host function, a sleep), by call id. */
  readonly #runs = new Map<number, LuaRun>();
  /** Coroutines that returned, ready for another call. */
  readonly #idle: LuaRun[] = [];
  /** performance.now() past which the count hook stops the running coroutine. */
  #deadline = Infinity;
  #interrupted = false;
  /** An exception went through the VM's own frames instead of a Lua error: its state cannot be trusted. */
  #dead = false;

  constructor(
    engine: LuaEngine,
    private readonly calls: EngineCalls,
    private readonly options: LuaStartOptions,
  ) {
    this.#engine = engine;
    this.#lua = engine.global.lua;
    this.#L = engine.global.address;
    this.#values = new LuaValues(this.#lua);
    this.memoryLimit = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT;
    engine.global.setMemoryMax(this.memoryLimit);
    this.#resultsOut = (this.#lua.module as unknown as { _malloc(size: number): number })._malloc(4);
    this.#hook = this.#lua.module.addFunction((L: number) => this.#onHook(L), 'vii');
    // Threads inherit the hook of the state that creates them.
    this.#lua.lua_sethook(this.#L, this.#hook, LUA_MASKCOUNT, HOOK_INSTRUCTIONS);
  }

  enter(callId: number, method: string, args: unknown[], depth: number, budgetMs: number): void {
    const lua = this.#lua;
    const run = this.#coroutine(callId);
    const thread = run.thread;
    lua.lua_rawgeti(thread, LUA_REGISTRYINDEX, this.#dispatch);
    this.#values.pushString(thread, method);
    lua.lua_pushnumber(thread, depth);
    for (const arg of args) this.#values.push(thread, arg);
    this.#step(run, 2 + args.length, budgetMs);
  }

  /** The runner gave up on a call (timeout, cancel): drop its coroutine instead of resuming it later. */
  drop(callId: number): void {
    const run = this.#runs.get(callId);
    if (run) this.#release(run);
  }

  dispose(): void {
    const engine = this.#engine;
    if (!engine) return;
    this.#engine = undefined;
    // A dead VM may abort on release; its own wasm instance goes with the last reference instead.
    if (this.#dead) return;
    this.#runs.clear();
    this.#idle.length = 0;
    this.#values.release();
    const module = this.#lua.module as unknown as { _free(pointer: number): void; removeFunction(pointer: number): void };
    module._free(this.#resultsOut);
    engine.global.close();
    module.removeFunction(this.#hook);
  }

  /** Loads the sandbox, the plugin chunk and the driver; returns "name version" for the narration. */
  load(code: string, file: string, faultInjection: boolean): string {
    const lua = this.#lua;
    const L = this.#L;
    this.#protectedCall(LUA_SANDBOX_SOURCE, '=plugbench-sandbox', 0, 0, () => {});
    this.#protectedCall(code, `@${file}`, 0, 1, () => {});
    if ((lua.lua_type(L, -1) as number) !== LUA_TTABLE) {
      throw new PluginError('START_FAILED', `${file} does not meet the plugin contract: it must return a table of functions`);
    }
    const plugin = this.#values.read(L, -1) as Record<string, unknown>;
    const missing = REQUIRED_METHODS.filter((name) => plugin[name] !== '<function>');
    if (missing.length > 0) {
      throw new PluginError('START_FAILED', `${file} does not meet the plugin contract: missing function${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, {
        data: { missing, source: file },
      });
    }
    // driver(plugin, faultInjection) returns the dispatch function, kept in the registry.
    this.#protectedCall(LUA_DRIVER_SOURCE, '=plugbench-driver', 2, 1, () => {
      lua.lua_rotate(L, -2, 1); // driver below the plugin table
      lua.lua_pushboolean(L, faultInjection ? 1 : 0);
    });
    this.#dispatch = BigInt(lua.luaL_ref(L, LUA_REGISTRYINDEX));
    return [plugin.name ?? path.basename(file), plugin.version].filter((part) => typeof part === 'string').join(' ');
  }

  /** Loads `code`, pushes its arguments with `pushArgs`, and calls it under the start time limit. */
  #protectedCall(code: string, name: string, nargs: number, nresults: number, pushArgs: () => void): void {
    const lua = this.#lua;
    const L = this.#L;
    const loaded = lua.luaL_loadbufferx(L, code, Buffer.byteLength(code), name, 't') as number;
    if (loaded !== LUA_OK) throw new PluginError('START_FAILED', `lua: ${name.slice(1)} does not compile: ${this.#errorText(L)}`);
    pushArgs();
    this.#deadline = performance.now() + (this.options.startTimeoutMs ?? 10_000);
    const status = lua.lua_pcallk(L, nargs, nresults, 0, 0, null);
    this.#deadline = Infinity;
    if (status !== LUA_OK) throw new PluginError('START_FAILED', `lua: ${name.slice(1)} failed to load: ${this.#errorText(L)}`);
  }

  /** Resumes a call's coroutine with `nargs` values on its stack, and acts on how it stopped. */
  #step(run: LuaRun, nargs: number, budgetMs: number): void {
    const lua = this.#lua;
    this.#deadline = performance.now() + budgetMs;
    this.#interrupted = false;
    let status: number;
    try {
      status = lua.lua_resume(run.thread, this.#L, nargs, this.#resultsOut) as number;
    } catch (error) {
      throw this.#died(error);
    } finally {
      this.#deadline = Infinity;
    }
    const results = (lua.module as unknown as { HEAP32: Int32Array }).HEAP32[this.#resultsOut >>> 2]!;
    if (status === LUA_YIELD && this.#interrupted) {
      this.#release(run);
      throw new PluginError('TIMEOUT', 'lua: the script ran past its time limit and was stopped');
    }
    if (status === LUA_YIELD) return this.#onYield(run, results);
    if (status === LUA_OK) {
      const value = results > 0 ? this.#values.read(run.thread, -results) : null;
      this.#recycle(run);
      this.calls.finish(run.callId, true, value);
      return;
    }
    const error = this.#luaError(run.thread, status);
    this.#release(run);
    this.calls.fail(run.callId, error);
  }

  /** The coroutine asked the host for something: `kind, name, depth, args`. */
  #onYield(run: LuaRun, results: number): void {
    const lua = this.#lua;
    const base = -results;
    const kind = results > 0 ? this.#values.read(run.thread, base) : null;
    if (kind === 'stall') return void this.#runs.set(run.callId, run); // never resumed; released when the call is dropped
    const name = String(this.#values.read(run.thread, base + 1));
    const depth = Number(this.#values.read(run.thread, base + 2));
    const args = (this.#values.read(run.thread, base + 3) as unknown[] | null) ?? [];
    lua.lua_settop(run.thread, -results - 1);
    this.#runs.set(run.callId, run);
    this.calls.request(run.callId, kind as BridgeKind, name, args, depth, (ok, value, budgetMs) => {
      if (!this.#engine || !this.#runs.has(run.callId)) return;
      lua.lua_pushboolean(run.thread, ok ? 1 : 0);
      this.#values.push(run.thread, value);
      this.#step(run, 2, budgetMs);
    });
  }

  /** Lua reports a script's errors as statuses; anything thrown through it unwound its C code half way. */
  #died(error: unknown): PluginError {
    this.#dead = true;
    return this.calls.died(`the Lua VM was interrupted inside its own code (${(error as Error).message}) and cannot run again`);
  }

  #onHook(L: number): void {
    if (performance.now() <= this.#deadline) return;
    if (this.#lua.lua_isyieldable(L)) {
      // Yielding from the hook leaves the coroutine for good: no pcall in the plugin can catch it.
      this.#interrupted = true;
      this.#lua.lua_yield(L, 0);
      return;
    }
    this.#values.pushString(L, 'time limit reached');
    this.#lua.lua_error(L);
  }

  #luaError(thread: number, status: number): PluginError {
    if (status === LUA_ERRMEM) {
      return new PluginError('PLUGIN_ERROR', `lua: the script went past its memory limit of ${Math.round(this.memoryLimit / 1024 / 1024)} MiB and was stopped; the plugin keeps running`, {
        data: { memoryLimitBytes: this.memoryLimit },
      });
    }
    const value = this.#values.read(thread, -1);
    if (typeof value === 'object' && value !== null) {
      const wire = value as { code?: unknown; message?: unknown; data?: unknown };
      return PluginError.fromJSON({ code: wire.code ?? 'PLUGIN_ERROR', message: String(wire.message ?? 'plugin failed'), ...(wire.data === undefined ? {} : { data: wire.data }) });
    }
    return new PluginError('PLUGIN_ERROR', String(value));
  }

  #errorText(L: number): string {
    const text = String(this.#values.read(L, -1));
    this.#lua.lua_settop(L, -2);
    return text;
  }

  /** A coroutine for a call: an idle one if there is one, else a new one anchored in the registry. */
  #coroutine(callId: number): LuaRun {
    const idle = this.#idle.pop();
    if (idle) {
      idle.callId = callId;
      return idle;
    }
    const lua = this.#lua;
    const thread = lua.lua_newthread(this.#L);
    return { callId, thread, ref: lua.luaL_ref(this.#L, LUA_REGISTRYINDEX) };
  }

  /** A coroutine that returned can run another call: its stack is emptied and it is kept, up to IDLE_COROUTINES. */
  #recycle(run: LuaRun): void {
    this.#runs.delete(run.callId);
    if (this.#idle.length >= IDLE_COROUTINES) return this.#release(run);
    this.#lua.lua_settop(run.thread, 0);
    this.#idle.push(run);
  }

  /** Drops a coroutine that is done for good (failed, interrupted, dropped). */
  #release(run: LuaRun): void {
    this.#runs.delete(run.callId);
    if (this.#engine) this.#lua.luaL_unref(this.#L, LUA_REGISTRYINDEX, run.ref);
  }
}

/** Reads the plugin file, builds the VM under its memory limit and loads the plugin into it. */
export const open: OpenConnection = async ({ options, host }) => {
  const file = pluginFile(descriptor, options);
  let code: string;
  try {
    code = await readFile(file, 'utf8');
  } catch (error) {
    throw new PluginError('START_FAILED', `lua plugin ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  let began = performance.now();
  const { LuaFactory } = await import('wasmoon');
  // All standard libraries (wasmoon's loadLibrary('utf8') opens the string library instead); the sandbox then removes the unsafe ones.
  const engine = await new LuaFactory().createEngine({ openStandardLibs: true, injectObjects: false, enableProxy: false, traceAllocations: true });
  const calls = new EngineCalls(host);
  const vm = new LuaVm(engine, calls, options);
  reportStep(host, 'runtime', began, `Lua 5.4 (wasmoon), memory limit ${Math.round(vm.memoryLimit / 1024 / 1024)} MiB`);
  began = performance.now();
  try {
    reportStep(host, 'load', began, vm.load(code, file, options.faultInjection ?? false));
  } catch (error) {
    vm.dispose();
    throw error;
  }
  return calls.connect(vm);
};
