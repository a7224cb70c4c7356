/** The mq target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
export const descriptor = defineTarget({
  name: 'mq',
  family: 'process',
  channel: 'zeromq',
  description: 'Node child process serving the plugin on a ZeroMQ ROUTER (DEALER/ROUTER over loopback TCP, one frame a message: a header line, then text or JSON)',
  capabilities: { ...PROCESS_CAPABILITIES, hang: 'killed-and-restarted', connectable: true, garbage: 'breaks-channel' },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] },
  mechanism: 'zeromq',
  load: () => import('./index.js'),
});
