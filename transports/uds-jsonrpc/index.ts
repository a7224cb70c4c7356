/**
 * uds-jsonrpc: the JSON-RPC of the TCP target, over a Unix socket (go-plugin's
 * default on Linux) in a private folder made for each start. The same plugin
 * runner serves both; only the address it listens on differs, so the two
 * targets side by side measure TCP loopback against a Unix socket.
 */
import { openJsonRpc } from '../json-rpc/json-rpc-connection.js';
import { nodeRunnerAt } from '../process/node-runner-spec.js';
import { overUnixSocket } from '../process/unix-socket-dir.js';

export const open = overUnixSocket(openJsonRpc, nodeRunnerAt(import.meta.url, '../tcp-jsonrpc/plugin-main.js'));
