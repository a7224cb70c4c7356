/**
 * stdio-rpc: the plugin is a Node child process speaking JSON-RPC 2.0
 * (vscode-jsonrpc) over its stdin and stdout. Anything else on stdout fails the
 * connection with PROTOCOL_ERROR; stderr reaches the host line by line.
 */
import path from 'node:path';
import { builtPath, builtSibling } from '../../src/core/runtime-paths.js';
import { SAMPLE_PLUGIN_JS } from '../dynamic-import/index.js';
import { JsonRpcHandle } from '../json-rpc/json-rpc-handle.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
import { runnerEnv } from '../process/runner-env.js';
import type { StartOptions, Target } from '../types.js';

const samplePlugin = () => builtPath(...SAMPLE_PLUGIN_JS);

/** Starts a Node plugin runner (`plugin-main.js` of a target folder) as a JSON-RPC plugin process. */
export function startNodeJsonRpc(target: string, runnerUrl: string, options: StartOptions): Promise<JsonRpcHandle> {
  return JsonRpcHandle.open(
    target,
    { command: process.execPath, args: [builtSibling(runnerUrl, './plugin-main.js')], env: runnerEnv(options, samplePlugin()) },
    options,
  );
}

export const stdioRpcTarget: Target = {
  name: 'stdio-rpc',
  channel: 'pipe',
  family: 'process',
  description: 'Node child process speaking JSON-RPC 2.0 (vscode-jsonrpc) over stdin/stdout',
  capabilities: PROCESS_CAPABILITIES,
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(path.resolve(options.pluginPath ?? samplePlugin())),
  start: (options = {}) => startNodeJsonRpc('stdio-rpc', import.meta.url, options),
};
