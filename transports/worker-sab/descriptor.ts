/** The worker-sab target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { descriptor as worker } from '../worker/descriptor.js';

export const descriptor = defineTarget({
  name: 'worker-sab',
  family: 'thread',
  channel: 'shared-memory',
  description: 'Plugin in a worker_threads Worker, calls crossing a SharedArrayBuffer (Atomics.wait / waitAsync)',
  // The worker target's thread, sandbox and plugin: only the channel its calls cross differs.
  capabilities: worker.capabilities,
  plugin: worker.plugin,
  effort: worker.effort,
  mechanism: 'shared-memory',
  load: () => import('./index.js'),
});
