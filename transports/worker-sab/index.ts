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
import { WorkerConnection, type WorkerChannel } from '../worker/index.js';
import { descriptor } from './descriptor.js';
import { allocateShared } from './ring.js';
import { SabClient } from './sab-client.js';

const SHARED_MEMORY_CHANNEL: WorkerChannel = {
  entry: builtSibling(import.meta.url, './sab-entry.js'),
  prepare(host) {
    const shared = allocateShared();
    return { workerData: { shared }, connect: (worker) => new SabClient(shared, worker, host) };
  },
};

export const open: OpenConnection = (request) => WorkerConnection.open(request, descriptor, SHARED_MEMORY_CHANNEL);
