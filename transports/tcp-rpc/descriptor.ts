/** The tcp-rpc target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { NODE_PROCESS_CAPABILITIES } from '../process/capabilities.js';
export const descriptor = defineTarget({
  name: 'tcp-rpc',
  family: 'process',
  channel: 'tcp',
  description: 'Node child process serving gRPC (@grpc/grpc-js) on 127.0.0.1, address from a handshake line',
  capabilities: { ...NODE_PROCESS_CAPABILITIES, connectable: false, garbage: 'logged-as-output' },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], schema: ['proto/revert.proto'], buildSteps: ['tsc'] },
  mechanism: 'grpc-js',
  load: () => import('./index.js'),
});
