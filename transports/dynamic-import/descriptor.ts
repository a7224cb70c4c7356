/** The dynamic-import target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'dynamic-import',
  family: 'in-process',
  channel: 'function',
  description: 'Plugin file found at run time, loaded with import() and reloadable without a restart',
  capabilities: {
    hang: 'blocks-host',
    crashIsolated: false,
    callbacks: true,
    connectable: false,
    garbage: 'refused',
    protections: ['contract-check'],
  },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] },
  mechanism: 'async-call',
  load: () => import('./index.js'),
});
