/**
 * The registry of named targets. Each entry knows its name and family without
 * loading anything; `load()` imports the transport module only when it is used,
 * so `demo in-process` does not pay for gRPC or ZeroMQ. A new target joins the
 * CLI, the benchmark and the conformance suite by adding one entry here.
 */
import { guardTarget } from '../src/core/start-guard.js';
import type { Family, Target } from './types.js';

export interface CatalogEntry {
  readonly name: string;
  readonly family: Family;
  load(): Promise<Target>;
}

const entries: CatalogEntry[] = [];

/**
 * Adds a target to the registry; names are unique. Loading goes through
 * guardTarget, so every target checks `requireSigned` and `sandbox` before it
 * runs any plugin code.
 */
export function registerTarget(entry: CatalogEntry): void {
  if (entries.some((existing) => existing.name === entry.name)) {
    throw new Error(`target "${entry.name}" is registered twice`);
  }
  entries.push({ ...entry, load: async () => guardTarget(await entry.load()) });
}

registerTarget({ name: 'in-process', family: 'in-process', load: async () => (await import('./in-process/index.js')).inProcessTarget });
registerTarget({ name: 'dynamic-import', family: 'in-process', load: async () => (await import('./dynamic-import/index.js')).dynamicImportTarget });
registerTarget({ name: 'worker', family: 'thread', load: async () => (await import('./worker/index.js')).workerTarget });
registerTarget({ name: 'stdio-rpc', family: 'process', load: async () => (await import('./stdio-rpc/index.js')).stdioRpcTarget });
registerTarget({ name: 'tcp-jsonrpc', family: 'process', load: async () => (await import('./tcp-jsonrpc/index.js')).tcpJsonRpcTarget });
registerTarget({ name: 'tcp-rpc', family: 'process', load: async () => (await import('./tcp-rpc/index.js')).tcpRpcTarget });
registerTarget({ name: 'stdio-rpc-python', family: 'process', load: async () => (await import('./stdio-rpc-python/index.js')).stdioRpcPythonTarget });
registerTarget({ name: 'tcp-rpc-python', family: 'process', load: async () => (await import('./tcp-rpc-python/index.js')).tcpRpcPythonTarget });
registerTarget({ name: 'mq', family: 'process', load: async () => (await import('./mq/index.js')).mqTarget });
registerTarget({ name: 'mq-python', family: 'process', load: async () => (await import('./mq/index.js')).mqPythonTarget });
registerTarget({ name: 'vm', family: 'embedded', load: async () => (await import('./vm/index.js')).vmTarget });
registerTarget({ name: 'quickjs', family: 'embedded', load: async () => (await import('./quickjs/index.js')).quickjsTarget });
registerTarget({ name: 'lua', family: 'embedded', load: async () => (await import('./lua/index.js')).luaTarget });
registerTarget({ name: 'wasm', family: 'embedded', load: async () => (await import('./wasm/index.js')).wasmTarget });
registerTarget({ name: 'native', family: 'embedded', load: async () => (await import('./native/index.js')).nativeTarget });

/** Every registered target, in registration order. */
export function listTargets(): readonly CatalogEntry[] {
  return entries;
}

export function findTarget(name: string): CatalogEntry | undefined {
  return entries.find((entry) => entry.name === name);
}

/** Target names, for error messages that list the valid ones. */
export function targetNames(): string[] {
  return entries.map((entry) => entry.name);
}
