/**
 * A QuickJS WebAssembly instance whose linear memory cannot grow past a limit.
 *
 * Why: QuickJS's own memory limit (JS_SetMemoryLimit) counts bytes with
 * malloc_usable_size, which this emscripten build lacks ("malloc_usable_size
 * unavailable" in its memory report). Each allocation is then counted as a few
 * bytes of overhead, so only a single allocation larger than the limit fails: a
 * script that piles up 1 MiB arrays reached 1 GiB under a 64 MiB limit, bounded
 * only by the 2 GiB maximum of the shared module's memory.
 *
 * The hard bound is the WebAssembly.Memory itself: the emscripten glue imports
 * its memory, so each plugin gets its own instance built on a Memory whose
 * `maximum` is the initial size plus the limit. When QuickJS's malloc needs more,
 * the grow fails, malloc returns NULL and QuickJS throws its "out of memory"
 * inside the script; the hoard is freed as the exception unwinds, and the same
 * runtime serves the next call from the memory it already has. (A wasm memory
 * never shrinks, so a plugin keeps up to initial + limit bytes until it stops.)
 * The compiled WebAssembly.Module is shared; only instances are per plugin.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CustomizeVariantOptions, QuickJSWASMModule } from 'quickjs-emscripten';

const PAGE = 64 * 1024;
/** The memory limit a plugin gets unless it asks for another. */
export const DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;
/** What the emscripten glue starts with when given no memory (its INITIAL_MEMORY): static data, stack, first heap. */
const INITIAL_BYTES = 16 * 1024 * 1024;
/** The variant whose glue and .wasm this loads; the same one getQuickJS() uses by default. */
const VARIANT = '@jitl/quickjs-wasmfile-release-sync';

/** The WebAssembly API values used here (the project compiles without the DOM library that declares them). */
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}
type WasmModule = Exclude<CustomizeVariantOptions['wasmModule'], undefined | (() => unknown)>;
type WasmMemory = Exclude<CustomizeVariantOptions['wasmMemory'], undefined | (() => unknown)>;

let compiled: Promise<WasmModule> | undefined;

/** Compiles the QuickJS .wasm once per process; every plugin instantiates it with its own memory. */
function compiledModule(): Promise<WasmModule> {
  compiled ??= readFile(fileURLToPath(import.meta.resolve(`${VARIANT}/wasm`))).then((bytes) => wasmApi.compile(bytes));
  return compiled;
}

/** The most linear memory an instance under `limitBytes` may reach: where the glue starts, plus the limit. */
export function linearMemoryCap(limitBytes: number): number {
  return INITIAL_BYTES + Math.ceil(limitBytes / PAGE) * PAGE;
}

/** A fresh QuickJS module instance, for one plugin, on its own memory capped at linearMemoryCap(limitBytes). */
export async function newBoundedModule(limitBytes: number): Promise<QuickJSWASMModule> {
  const memory = new wasmApi.Memory({ initial: INITIAL_BYTES / PAGE, maximum: linearMemoryCap(limitBytes) / PAGE });
  const [{ newQuickJSWASMModuleFromVariant, newVariant }, variant] = await Promise.all([import('quickjs-emscripten'), import(VARIANT)]);
  return newQuickJSWASMModuleFromVariant(newVariant(variant.default, { wasmModule: compiledModule, wasmMemory: memory }));
}
