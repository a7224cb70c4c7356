/**
 * wasm: the plugin written in AssemblyScript, compiled to WebAssembly during
 * `npm install`, instantiated with the WebAssembly API on the host's thread.
 * Strings cross through the plugin's linear memory (see wasm-strings.ts). A host
 * callback is an imported function: the plugin calls `host.call`, returns
 * PENDING, and the host later hands it the answer through the `resume` export,
 * so an asynchronous host function never blocks the thread. A loop inside the
 * wasm cannot be interrupted from the same thread: not hang-recoverable.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isErrorCode, PluginError } from '../../src/core/errors.js';
import { builtPath } from '../../src/core/runtime-paths.js';
import { EngineHandle, type EngineSettle } from '../engine-common/engine-handle.js';
import type { HealthStatus, StartOptions, Target } from '../types.js';
import { describeCopyCost, LinearMemoryStrings, type CopyCost, type StringBufferExports } from './wasm-strings.js';
import { webAssembly, type WasmImports } from './webassembly-api.js';

interface PluginExports extends StringBufferExports {
  revert(units: number): number;
  revertWithPrefix(call: number, units: number): number;
  resume(call: number, ok: number, units: number): number;
  forget(call: number): void;
  exit(): void;
  hang(): void;
  throwFault(): void;
}

const PENDING = -1;

export function wasmPluginPath(options: StartOptions = {}): string {
  return path.resolve(options.pluginPath ?? builtPath('sample-plugins', 'assemblyscript', 'revert.wasm'));
}

/** Methods by name: each copies its text in and runs the export; `fault:*` only with fault injection. */
type Method = (handle: WasmHandle, callId: number, args: unknown[]) => number;
const METHODS: Record<string, Method> = {
  revert: (handle, _callId, [text]) => handle.plugin.revert(handle.strings.write(text as string)),
  revertWithPrefix: (handle, callId, [text]) => handle.plugin.revertWithPrefix(callId, handle.strings.write(text as string)),
  exit: (handle) => (handle.plugin.exit(), 0),
};
const FAULTS: Record<string, Method> = {
  'fault:hang': (handle) => (handle.plugin.hang(), 0),
  'fault:throw': (handle) => (handle.plugin.throwFault(), 0),
};

export class WasmHandle extends EngineHandle {
  plugin!: PluginExports;
  strings!: LinearMemoryStrings;
  /** Call depth of each call waiting for a host function, for the callback it makes. */
  readonly #depths = new Map<number, number>();

  private constructor(options: StartOptions) {
    super('wasm', options);
  }

  static async open(options: StartOptions): Promise<WasmHandle> {
    const file = wasmPluginPath(options);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new PluginError('START_FAILED', `wasm plugin ${file} cannot be read (${(error as Error).message}); run npm run build:wasm`, { cause: error });
    }
    const handle = new WasmHandle(options);
    let began = performance.now();
    const module = await webAssembly.compile(bytes).catch((error: Error) => {
      throw new PluginError('START_FAILED', `${file} is not a WebAssembly module: ${error.message}`, { cause: error });
    });
    handle.recordStep('compile', performance.now() - began, `${bytes.length} bytes`);
    began = performance.now();
    const instance = await webAssembly.instantiate(module, handle.imports()).catch((error: Error) => {
      throw new PluginError('START_FAILED', `${file} cannot be instantiated: ${error.message}`, { cause: error });
    });
    const plugin = instance.exports as unknown as PluginExports;
    const missing = ['memory', 'ioBuffer', 'revert', 'exit'].filter((name) => !(name in plugin));
    if (missing.length > 0) {
      throw new PluginError('START_FAILED', `${file} does not meet the plugin contract: missing exports ${missing.join(', ')}`, { data: { missing } });
    }
    handle.plugin = plugin;
    handle.strings = new LinearMemoryStrings(plugin);
    handle.recordStep('instantiate', performance.now() - began, `${plugin.memory.buffer.byteLength / 1024} KiB linear memory`);
    return handle;
  }

  /** Strings copied across the boundary so far, and the time the copies took. */
  get copyCost(): Readonly<CopyCost> {
    return this.strings.cost;
  }

  /** Health, with the copy cost so far in its detail: any caller of health() sees it. */
  override async health(): Promise<HealthStatus> {
    const status = await super.health();
    return status.ok ? { ...status, detail: describeCopyCost(this.strings.cost) } : status;
  }

  protected enter(callId: number, method: string, args: unknown[], depth: number): void {
    const table = this.options.faultInjection && Object.hasOwn(FAULTS, method) ? FAULTS : METHODS;
    const run = Object.hasOwn(table, method) ? table[method] : undefined;
    if (!run) throw new PluginError('METHOD_NOT_FOUND', `plugin has no method "${method}"`, { data: { method } });
    this.#depths.set(callId, depth);
    try {
      this.settle(callId, this.trap(() => run(this, callId, args)));
    } finally {
      if (!this.calls.isOpen(callId)) this.#depths.delete(callId);
    }
  }

  protected resume(settle: EngineSettle, ok: boolean, value: unknown): void {
    settle(ok, value);
  }

  protected override onDropped(callId: number): void {
    if (this.#depths.delete(callId)) this.plugin.forget(callId);
  }

  protected dispose(): void {
    this.#depths.clear();
  }

  /** Acts on an export's status: done, PENDING, or failed with "CODE: message" in the buffer. */
  private settle(callId: number, status: number): void {
    if (status === PENDING) return;
    this.#depths.delete(callId);
    if (status >= 0) return this.calls.finish(callId, true, this.strings.read(status));
    const text = this.strings.read(-2 - status);
    const colon = text.indexOf(': ');
    const code = text.slice(0, colon);
    this.calls.fail(callId, new PluginError(isErrorCode(code) ? code : 'PLUGIN_ERROR', isErrorCode(code) ? text.slice(colon + 2) : text));
  }

  private imports(): WasmImports {
    return {
      env: {
        // AssemblyScript's abort(message, file, line, column): strings are pointers to UTF-16 with the byte length just before.
        abort: (message: number, file: number, line: number, column: number) => {
          throw new PluginError('PLUGIN_ERROR', `wasm plugin aborted: ${this.readManaged(message)} (${this.readManaged(file)}:${line}:${column})`);
        },
      },
      host: {
        call: (callId: number, name: number, nameUnits: number, arg: number, argUnits: number) => {
          const depth = this.#depths.get(callId) ?? 1;
          const args = [this.strings.readAt(arg, argUnits)];
          this.onBridge('host', callId, depth, this.strings.readAt(name, nameUnits), args, (ok, value) => this.answerCall(callId, ok, value));
        },
      },
    };
  }

  /** Hands a host function's answer to the waiting call: its text (or null), or "CODE: message". */
  private answerCall(callId: number, ok: boolean, value: unknown): void {
    if (!this.#depths.has(callId)) return;
    let units = -1;
    if (!ok) {
      const error = value as { code: string; message: string };
      units = this.strings.write(`${error.code}: ${error.message}`);
    } else if (typeof value === 'string') units = this.strings.write(value);
    this.settle(callId, this.trap(() => this.plugin.resume(callId, ok ? 1 : 0, units)));
  }

  /** Runs an export; a trap (unreachable, out of bounds) becomes a PLUGIN_ERROR for that call. */
  private trap(run: () => number): number {
    try {
      return run();
    } catch (error) {
      if (error instanceof webAssembly.RuntimeError) throw new PluginError('PLUGIN_ERROR', `wasm plugin trapped: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }

  private readManaged(pointer: number): string {
    if (!pointer) return '';
    const bytes = new Uint32Array(this.plugin.memory.buffer, pointer - 4, 1)[0]!;
    return this.strings.readAt(pointer, bytes / 2);
  }
}

export const wasmTarget: Target = {
  name: 'wasm',
  channel: 'function',
  family: 'embedded',
  description: 'Plugin written in AssemblyScript, compiled to WebAssembly; strings cross through linear memory',
  capabilities: {
    hangRecoverable: false,
    hangNote: 'the wasm runs on the host thread, and WebAssembly has no way to interrupt a running loop from that thread',
    crashIsolated: true,
    callbacks: true,
    protections: ['linear-memory-sandbox', 'memory-limit', 'no-imports-but-host-call'],
  },
  availability: async () => {
    const file = wasmPluginPath();
    try {
      await readFile(file);
      return { available: true };
    } catch {
      return { available: false, reason: `${file} is missing: run npm run build:wasm (needs the assemblyscript dev dependency)` };
    }
  },
  pluginDir: (options = {}) => path.dirname(wasmPluginPath(options)),
  start: (options = {}) => WasmHandle.open(options),
};
