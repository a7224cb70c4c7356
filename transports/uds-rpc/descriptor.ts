/** The uds-rpc target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { NODE_PROCESS_CAPABILITIES } from '../process/capabilities.js';
export const descriptor = defineTarget({
  name: 'uds-rpc',
  family: 'process',
  channel: 'unix',
  description: 'Node child process serving gRPC (@grpc/grpc-js) on a Unix socket in a private 0700 folder',
  capabilities: { ...NODE_PROCESS_CAPABILITIES, connectable: false, garbage: 'logged-as-output' },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], schema: ['proto/revert.proto'], buildSteps: ['tsc'] },
  mechanism: 'grpc-js-uds',
  load: () => import('./index.js'),
});
