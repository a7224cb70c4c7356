/**
 * The registry of named targets: one line per target, each naming its
 * descriptor (transports/<name>/descriptor.ts). Descriptors are facts and import
 * nothing heavy; a target's transport code is imported when it is first started,
 * so `demo in-process` does not pay for gRPC or ZeroMQ. A new target joins the
 * CLI, the benchmark, the conformance suite and the README's tables by its
 * folder and one line here.
 */
import type { TargetDescriptor } from '../src/core/descriptor.js';
import { targetFromDescriptor } from '../src/core/descriptor-target.js';
import type { Family, Target } from '../src/core/transport.js';
import { descriptor as inProcess } from './in-process/descriptor.js';
import { descriptor as dynamicImport } from './dynamic-import/descriptor.js';
import { descriptor as worker } from './worker/descriptor.js';
import { descriptor as workerSab } from './worker-sab/descriptor.js';
import { descriptor as stdioRpc } from './stdio-rpc/descriptor.js';
import { descriptor as tcpJsonRpc } from './tcp-jsonrpc/descriptor.js';
import { descriptor as tcpRpc } from './tcp-rpc/descriptor.js';
import { descriptor as udsJsonRpc } from './uds-jsonrpc/descriptor.js';
import { descriptor as udsRpc } from './uds-rpc/descriptor.js';
import { descriptor as stdioRpcPython } from './stdio-rpc-python/descriptor.js';
import { descriptor as tcpRpcPython } from './tcp-rpc-python/descriptor.js';
import { descriptor as mq } from './mq/descriptor.js';
import { descriptor as mqPython } from './mq-python/descriptor.js';
import { descriptor as nats } from './nats/descriptor.js';
import { descriptor as vm } from './vm/descriptor.js';
import { descriptor as quickjs } from './quickjs/descriptor.js';
import { descriptor as lua } from './lua/descriptor.js';
import { descriptor as wasm } from './wasm/descriptor.js';
import { descriptor as native } from './native/descriptor.js';
import { descriptor as goPlugin } from './go-plugin/descriptor.js';
import { descriptor as goNetRpc } from './go-netrpc/descriptor.js';
import { descriptor as goStdioRpc } from './go-stdio-rpc/descriptor.js';

export interface CatalogEntry {
  readonly name: string;
  readonly family: Family;
  readonly descriptor: TargetDescriptor;
  /** The target, ready to start; its transport code loads on the first start. */
  load(): Promise<Target>;
}

const entries: CatalogEntry[] = [];

/** Adds a target to the registry; names are unique. */
export function registerTarget(descriptor: TargetDescriptor): void {
  if (entries.some((existing) => existing.name === descriptor.name)) {
    throw new Error(`target "${descriptor.name}" is registered twice`);
  }
  let target: Target | undefined;
  entries.push({ name: descriptor.name, family: descriptor.family, descriptor, load: async () => (target ??= targetFromDescriptor(descriptor)) });
}

for (const descriptor of [inProcess, dynamicImport, worker, workerSab, stdioRpc, tcpJsonRpc, tcpRpc, udsJsonRpc, udsRpc, stdioRpcPython, tcpRpcPython, mq, mqPython, nats, vm, quickjs, lua, wasm, native, goPlugin, goNetRpc, goStdioRpc]) {
  registerTarget(descriptor);
}

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
