/**
 * stdio-rpc: the plugin is a Node child process speaking JSON-RPC 2.0
 * (vscode-jsonrpc) over its stdin and stdout. Anything else on stdout fails the
 * connection with PROTOCOL_ERROR; stderr reaches the host line by line.
 */
import { openJsonRpc } from '../json-rpc/json-rpc-connection.js';
import { nodeRunnerAt } from '../process/node-runner-spec.js';

export const open = openJsonRpc(nodeRunnerAt(import.meta.url, './plugin-main.js'));
