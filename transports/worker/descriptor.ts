/** The worker target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'worker',
  family: 'thread',
  channel: 'message-port',
  description: 'Plugin in a worker_threads Worker, talking over a MessagePort',
  capabilities: {
    hang: 'terminated-and-replaced',
    crashIsolated: true,
    callbacks: true,
    connectable: false,
    garbage: 'refused',
    protections: ['sandbox', 'resourceLimits', 'clean-env', 'terminate-on-timeout'],
  },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] },
  mechanism: 'post-message',
  load: () => import('./index.js'),
});
