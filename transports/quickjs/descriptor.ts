/** The quickjs target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'quickjs',
  family: 'embedded',
  channel: 'function',
  description: 'Plain-script plugin in the QuickJS interpreter (WebAssembly), with a memory limit and an interrupt at the deadline',
  capabilities: {
    hang: 'interrupted',
    crashIsolated: true,
    callbacks: true,
    connectable: false,
    garbage: 'refused',
    protections: ['separate-heap', 'memory-limit', 'interrupt-at-deadline', 'no-host-apis'],
  },
  plugin: { language: 'javascript', sampleFile: 'sample-plugins/js-script/revert.js', accepts: ['js-script'] },
  effort: { files: ['js-script/revert.js'], buildSteps: [] },
  mechanism: 'quickjs-call',
  availability: async () => (await import('./probe.js')).quickjsAvailability(),
  load: () => import('./index.js'),
});
