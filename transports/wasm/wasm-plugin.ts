/**
 * The AssemblyScript plugin as a WebAssembly instance: read, compiled,
 * instantiated with the host's imports and checked against the exports the
 * string ABI needs (see sample-plugins/assemblyscript/revert.ts).
 */
import { readFile } from 'node:fs/promises';
import { PluginError } from '../../src/core/errors.js';
import { LinearMemoryStrings, type StringBufferExports } from './wasm-strings.js';
import { webAssembly, type WasmImports } from './webassembly-api.js';

export interface PluginExports extends StringBufferExports {
  revert(units: number): number;
  revertWithPrefix(call: number, units: number): number;
  resume(call: number, ok: number, units: number): number;
  forget(call: number): void;
  exit(): void;
  hang(): void;
  throwFault(): void;
}

export interface WasmPlugin {
  exports: PluginExports;
  strings: LinearMemoryStrings;
  /** Startup steps: compile and instantiate, with their times. */
  steps: { name: string; ms: number; detail: string }[];
}

/** Instantiates the plugin in `file` with `imports`; START_FAILED says what was wrong. */
export async function instantiateWasmPlugin(file: string, imports: WasmImports): Promise<WasmPlugin> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new PluginError('START_FAILED', `wasm plugin ${file} cannot be read (${(error as Error).message}); run npm run build:wasm`, { cause: error });
  }
  let began = performance.now();
  const module = await webAssembly.compile(bytes).catch((error: Error) => {
    throw new PluginError('START_FAILED', `${file} is not a WebAssembly module: ${error.message}`, { cause: error });
  });
  const steps = [{ name: 'compile', ms: performance.now() - began, detail: `${bytes.length} bytes` }];
  began = performance.now();
  const instance = await webAssembly.instantiate(module, imports).catch((error: Error) => {
    throw new PluginError('START_FAILED', `${file} cannot be instantiated: ${error.message}`, { cause: error });
  });
  const exports = instance.exports as unknown as PluginExports;
  const missing = ['memory', 'ioBuffer', 'revert', 'exit'].filter((name) => !(name in exports));
  if (missing.length > 0) {
    throw new PluginError('START_FAILED', `${file} does not meet the plugin contract: missing exports ${missing.join(', ')}`, { data: { missing } });
  }
  steps.push({ name: 'instantiate', ms: performance.now() - began, detail: `${exports.memory.buffer.byteLength / 1024} KiB linear memory` });
  return { exports, strings: new LinearMemoryStrings(exports), steps };
}
