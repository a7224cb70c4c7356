/**
 * tcp-jsonrpc: the same JSON-RPC as stdio-rpc, over a TCP socket the plugin
 * announces in its handshake, so the cost of the channel can be told apart from
 * the cost of the protocol.
 */
import path from 'node:path';
import { jsPluginFile } from '../../src/core/runtime-paths.js';
import { NODE_PROCESS_CAPABILITIES } from '../process/capabilities.js';
import { startNodeJsonRpc } from '../stdio-rpc/index.js';
import type { Target } from '../types.js';

export const tcpJsonRpcTarget: Target = {
  name: 'tcp-jsonrpc',
  channel: 'tcp',
  family: 'process',
  description: 'Node child process speaking JSON-RPC 2.0 (vscode-jsonrpc) over a TCP socket on 127.0.0.1',
  capabilities: NODE_PROCESS_CAPABILITIES,
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(jsPluginFile(options)),
  start: (options = {}) => startNodeJsonRpc('tcp-jsonrpc', import.meta.url, options),
};
