/**
 * The part of the WebAssembly JavaScript API this target uses, typed here
 * because the project compiles without the DOM library that declares it.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export type WasmImports = Record<string, Record<string, (...args: number[]) => unknown>>;

interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: WasmImports): Promise<{ exports: Record<string, unknown> }>;
  RuntimeError: new (message?: string) => Error;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
