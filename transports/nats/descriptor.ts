/** The nats target's facts, declared once; `load()` brings the transport's code (and the nats client) only when it is used. */
import { defineTarget } from '../../src/core/descriptor.js';
import { NODE_PROCESS_CAPABILITIES } from '../process/capabilities.js';

export const descriptor = defineTarget({
  name: 'nats',
  family: 'process',
  channel: 'tcp',
  description: 'Node child process serving the plugin as a NATS service in a queue group (request/reply through nats-server; plugbench starts one unless given --nats/PLUGBENCH_NATS_URL)',
  capabilities: { ...NODE_PROCESS_CAPABILITIES, connectable: true, garbage: 'logged-as-output' },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] },
  mechanism: 'nats-request',
  availability: async () => (await import('./find-nats-server.js')).natsAvailability(),
  load: () => import('./index.js'),
});
