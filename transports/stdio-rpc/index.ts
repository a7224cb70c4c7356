/**
 * stdio-rpc: the plugin is a Node child process speaking JSON-RPC 2.0
 * (vscode-jsonrpc) over its stdin and stdout. Anything else on stdout fails the
 * connection with PROTOCOL_ERROR; stderr reaches the host line by line.
 */
import path from 'node:path';
import { builtSibling, jsPluginFile, sampleJsPlugin } from '../../src/core/runtime-paths.js';
import { JsonRpcHandle } from '../json-rpc/json-rpc-handle.js';
import { NODE_PROCESS_CAPABILITIES } from '../process/capabilities.js';
import { nodeRunnerSpec } from '../process/node-runner-spec.js';
import type { StartOptions, Target } from '../types.js';

/** Starts a Node plugin runner (`plugin-main.js` of a target folder) as a JSON-RPC plugin process. */
export function startNodeJsonRpc(target: string, runnerUrl: string, options: StartOptions): Promise<JsonRpcHandle> {
  return JsonRpcHandle.open(
    target,
    nodeRunnerSpec(builtSibling(runnerUrl, './plugin-main.js'), options, sampleJsPlugin()),
    options,
  );
}

export const stdioRpcTarget: Target = {
  name: 'stdio-rpc',
  channel: 'pipe',
  family: 'process',
  description: 'Node child process speaking JSON-RPC 2.0 (vscode-jsonrpc) over stdin/stdout',
  capabilities: NODE_PROCESS_CAPABILITIES,
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(jsPluginFile(options)),
  start: (options = {}) => startNodeJsonRpc('stdio-rpc', import.meta.url, options),
};
