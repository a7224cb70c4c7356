/**
 * wasm: the plugin written in AssemblyScript, compiled to WebAssembly during
 * `npm install`, instantiated with the WebAssembly API on the host's thread.
 * Strings cross through the plugin's linear memory (see wasm-strings.ts). A host
 * callback is an imported function: the plugin calls `host.call`, returns
 * PENDING, and the host later hands it the answer through the `resume` export,
 * so an asynchronous host function never blocks the thread. A loop inside the
 * wasm cannot be interrupted from the same thread: not hang-recoverable.
 */
import type { Connection, OpenConnection } from '../../src/core/connection.js';
import { pluginFile } from '../../src/core/descriptor-target.js';
import { isErrorCode, PluginError } from '../../src/core/errors.js';
import { refusedFault } from '../engine-common/container-faults.js';
import { EngineCalls, type Engine } from '../engine-common/engine-calls.js';
import { instantiateWasmPlugin, type PluginExports } from './wasm-plugin.js';
import { describeCopyCost, type CopyCost, type LinearMemoryStrings } from './wasm-strings.js';
import { webAssembly, type WasmImports } from './webassembly-api.js';
import { descriptor } from './descriptor.js';

const PENDING = -1;

/** Methods by name: each copies its text in and runs the export; `fault:*` only with fault injection. */
type Method = (plugin: PluginExports, strings: LinearMemoryStrings, callId: number, args: unknown[]) => number;
const METHODS: Record<string, Method> = {
  revert: (plugin, strings, _callId, args) => plugin.revert(strings.write(args[0] as string)),
  revertWithPrefix: (plugin, strings, callId, args) => plugin.revertWithPrefix(callId, strings.write(args[0] as string)),
  exit: (plugin) => (plugin.exit(), 0),
};
const FAULTS: Record<string, Method> = {
  'fault:hang': (plugin) => (plugin.hang(), 0),
  'fault:throw': (plugin) => (plugin.throwFault(), 0),
  'fault:crash': () => {
    throw refusedFault('fault:crash');
  },
  'fault:garbage': () => {
    throw refusedFault('fault:garbage');
  },
};

/** The connection, with the copy cost so far: a test or a tool that opened it can read it. */
export interface WasmConnection extends Connection {
  readonly copyCost: Readonly<CopyCost>;
}

class WasmEngine implements Engine {
  plugin!: PluginExports;
  strings!: LinearMemoryStrings;
  /** Depth of the call inside its first entry, for a host function it calls at once. */
  #enteringDepth = 1;
  /** Depth of each call waiting for a host function, for the callbacks it makes when resumed. */
  readonly #depths = new Map<number, number>();

  constructor(
    private readonly calls: EngineCalls,
    private readonly faultInjection: boolean,
  ) {}

  enter(callId: number, method: string, args: unknown[], depth: number): void {
    if (this.faultInjection && (method === 'fault:sleep' || method === 'fault:stall')) return this.#waitOnHost(callId, method, args, depth);
    const table = this.faultInjection && Object.hasOwn(FAULTS, method) ? FAULTS : METHODS;
    const run = Object.hasOwn(table, method) ? table[method] : undefined;
    if (!run) throw new PluginError('METHOD_NOT_FOUND', `plugin has no method "${method}"`, { data: { method } });
    this.#enteringDepth = depth;
    let status: number;
    try {
      status = run(this.plugin, this.strings, callId, args);
    } catch (error) {
      throw trapped(error);
    }
    if (status === PENDING) this.#depths.set(callId, depth);
    else this.#settle(callId, status);
  }

  /** fault:sleep and fault:stall happen on the host's side: a sleep through the call table, a stall by never answering. */
  #waitOnHost(callId: number, method: string, args: unknown[], depth: number): void {
    if (method === 'fault:sleep') this.calls.request(callId, 'sleep', 'sleep', [args[0]], depth, () => this.calls.finish(callId, true, 'slept'));
  }

  drop(callId: number): void {
    if (this.#depths.delete(callId)) this.plugin.forget(callId);
  }

  dispose(): void {
    this.#depths.clear();
  }

  healthDetail(): string {
    return describeCopyCost(this.strings.cost);
  }

  /** Acts on a finished export's status: the answer's length, or "CODE: message" in the buffer. */
  #settle(callId: number, status: number): void {
    if (status >= 0) return this.calls.finish(callId, true, this.strings.read(status));
    const text = this.strings.read(-2 - status);
    const colon = text.indexOf(': ');
    const code = text.slice(0, colon);
    this.calls.fail(callId, new PluginError(isErrorCode(code) ? code : 'PLUGIN_ERROR', isErrorCode(code) ? text.slice(colon + 2) : text));
  }

  imports(): WasmImports {
    return {
      env: {
        // AssemblyScript's abort(message, file, line, column): strings are pointers to UTF-16 with the byte length just before.
        abort: (message: number, file: number, line: number, column: number) => {
          throw new PluginError('PLUGIN_ERROR', `wasm plugin aborted: ${this.#readManaged(message)} (${this.#readManaged(file)}:${line}:${column})`);
        },
      },
      host: {
        call: (callId: number, name: number, nameUnits: number, arg: number, argUnits: number) => {
          const depth = this.#depths.get(callId) ?? this.#enteringDepth;
          const args = [this.strings.readAt(arg, argUnits)];
          this.calls.request(callId, 'host', this.strings.readAt(name, nameUnits), args, depth, (ok, value) => this.#answer(callId, ok, value));
        },
      },
    };
  }

  /** Hands a host function's answer to the waiting call: its text (or null), or "CODE: message". */
  #answer(callId: number, ok: boolean, value: unknown): void {
    if (!this.#depths.has(callId)) return;
    let units = -1;
    if (!ok) {
      const error = value as { code: string; message: string };
      units = this.strings.write(`${error.code}: ${error.message}`);
    } else if (typeof value === 'string') units = this.strings.write(value);
    let status: number;
    try {
      status = this.plugin.resume(callId, ok ? 1 : 0, units);
    } catch (error) {
      this.#depths.delete(callId);
      throw trapped(error);
    }
    if (status === PENDING) return;
    this.#depths.delete(callId);
    this.#settle(callId, status);
  }

  #readManaged(pointer: number): string {
    if (!pointer) return '';
    const bytes = new Uint32Array(this.plugin.memory.buffer, pointer - 4, 1)[0]!;
    return this.strings.readAt(pointer, bytes / 2);
  }
}

/** A trap (unreachable, out of bounds) becomes a PLUGIN_ERROR for the call that ran into it. */
function trapped(error: unknown): unknown {
  if (error instanceof webAssembly.RuntimeError) return new PluginError('PLUGIN_ERROR', `wasm plugin trapped: ${(error as Error).message}`, { cause: error });
  return error;
}

/** Opens the plugin; the connection also tells its copy cost. */
export const open: OpenConnection = async ({ options, host }): Promise<WasmConnection> => {
  const calls = new EngineCalls(host);
  const engine = new WasmEngine(calls, options.faultInjection ?? false);
  const plugin = await instantiateWasmPlugin(pluginFile(descriptor, options), engine.imports());
  for (const step of plugin.steps) host.event({ type: 'step', ...step });
  engine.plugin = plugin.exports;
  engine.strings = plugin.strings;
  return Object.assign(calls.connect(engine), { copyCost: plugin.strings.cost });
};
