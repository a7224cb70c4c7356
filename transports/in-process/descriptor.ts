/** The in-process target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'in-process',
  family: 'in-process',
  channel: 'function',
  description: 'Plugin compiled into the host and called directly (compile-time registration)',
  capabilities: {
    hang: 'blocks-host',
    crashIsolated: false,
    callbacks: true,
    connectable: false,
    garbage: 'refused',
    protections: [],
  },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: [] },
  effort: { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc, compiled into the host'] },
  mechanism: 'async-call',
  load: () => import('./index.js'),
});
