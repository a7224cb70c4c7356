/** The uds-jsonrpc target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { NODE_PROCESS_CAPABILITIES } from '../process/capabilities.js';
export const descriptor = defineTarget({
  name: 'uds-jsonrpc',
  family: 'process',
  channel: 'unix',
  description: 'Node child process speaking JSON-RPC 2.0 (vscode-jsonrpc) over a Unix socket in a private 0700 folder',
  capabilities: { ...NODE_PROCESS_CAPABILITIES, connectable: false, garbage: 'breaks-channel' },
  plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
  effort: { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] },
  mechanism: 'jsonrpc-unix',
  load: () => import('./index.js'),
});
