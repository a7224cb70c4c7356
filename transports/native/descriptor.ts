/** The native target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'native',
  family: 'embedded',
  channel: 'function',
  description: 'Plugin written in C as an N-API addon, loaded as a shared library',
  capabilities: {
    hang: 'blocks-host',
    crashIsolated: false,
    callbacks: true,
    connectable: false,
    garbage: 'refused',
    protections: [],
  },
  plugin: { language: 'c', sampleFile: 'dist/sample-plugins/c/revert.node', accepts: ['native-addon'] },
  effort: { files: ['c/revert.c', 'c/binding.gyp'], buildSteps: ['node-gyp rebuild (C compiler)'] },
  mechanism: 'napi-call',
  availability: async () => (await import('./native-build.js')).addonAvailability(),
  load: () => import('./index.js'),
});
