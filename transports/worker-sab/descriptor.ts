/** The worker-sab target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'worker-sab',
  family: 'thread',
  channel: 'shared-memory',
  description: 'Plugin in a worker_threads Worker, calls crossing a SharedArrayBuffer (Atomics.wait / waitAsync)',
  capabilities: {
    hangRecoverable: true,
    crashIsolated: true,
    callbacks: true,
    connectable: false,
    protections: ['sandbox', 'resourceLimits', 'clean-env', 'terminate-on-timeout'],
  },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] },
  mechanism: 'shared-memory',
  load: () => import('./index.js'),
});
