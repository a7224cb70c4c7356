/**
 * tcp-jsonrpc: the same JSON-RPC as stdio-rpc, over a TCP socket the plugin
 * announces in its handshake, so the cost of the channel can be told apart from
 * the cost of the protocol.
 */
import { openJsonRpc } from '../json-rpc/json-rpc-connection.js';
import { nodeRunnerAt } from '../process/node-runner-spec.js';

export const open = openJsonRpc(nodeRunnerAt(import.meta.url, './plugin-main.js'));
