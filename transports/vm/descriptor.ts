/** The vm target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'vm',
  family: 'embedded',
  channel: 'function',
  description: 'Plain-script plugin in a node:vm context with a time limit on every entry',
  capabilities: {
    hang: 'interrupted',
    crashIsolated: false,
    callbacks: true,
    connectable: false,
    garbage: 'refused',
    protections: ['separate-globals', 'time-limit'],
  },
  plugin: { language: 'javascript', sampleFile: 'sample-plugins/js-script/revert.js', accepts: ['js-script'] },
  effort: { files: ['js-script/revert.js'], buildSteps: [] },
  mechanism: 'vm-run',
  load: () => import('./index.js'),
});
