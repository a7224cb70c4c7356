/** The stdio-rpc target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { NODE_PROCESS_CAPABILITIES } from '../process/capabilities.js';
export const descriptor = defineTarget({
  name: 'stdio-rpc',
  family: 'process',
  channel: 'pipe',
  description: 'Node child process speaking JSON-RPC 2.0 (vscode-jsonrpc) over stdin/stdout',
  capabilities: { ...NODE_PROCESS_CAPABILITIES, connectable: false, garbage: 'breaks-channel' },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] },
  mechanism: 'jsonrpc-pipe',
  load: () => import('./index.js'),
});
