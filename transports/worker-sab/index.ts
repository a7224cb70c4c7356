/**
 * worker-sab: the worker target (transports/worker/: spawn, handshake, stop,
 * replacement after a timed-out call, crash -> CRASHED) with its calls crossing
 * a SharedArrayBuffer instead of the MessagePort: two rings of UTF-16 records
 * (ring.ts, codec.ts), Atomics.wait in the worker (sab-entry.ts), one
 * Atomics.waitAsync on the host while calls are in flight (sab-client.ts).
 * What the rings cannot carry is posted as before. docs/worker-sab.md.
 */
import type { OpenConnection } from '../../src/core/connection.js';
import { builtSibling } from '../../src/core/runtime-paths.js';
import { WorkerConnection, type WorkerChannel, type WorkerStartOptions } from '../worker/index.js';
import { descriptor } from './descriptor.js';
import { allocateShared } from './ring.js';
import { SabClient } from './sab-client.js';

export interface SabStartOptions extends WorkerStartOptions {
  /**
   * Microseconds each side polls the other's doorbell before it waits (default 0:
   * never). Spinning skips both wake-ups when a core is free for each side, and
   * costs a busy core while calls flow; on a machine without one it is slower
   * (docs/worker-sab.md). Each side stops spinning while its spins keep failing.
   */
  spinMicros?: number;
}

const SHARED_MEMORY_CHANNEL: WorkerChannel = {
  entry: builtSibling(import.meta.url, './sab-entry.js'),
  prepare(host, options: SabStartOptions) {
    const shared = allocateShared();
    const spinMs = Math.max(0, options.spinMicros ?? 0) / 1000;
    return { workerData: { shared, spinMs }, connect: (worker) => new SabClient(shared, worker, host, spinMs) };
  },
};

export const open: OpenConnection = (request) => WorkerConnection.open(request, descriptor, SHARED_MEMORY_CHANNEL);
