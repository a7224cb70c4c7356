/**
 * stdio-rpc-python: the revert plugin in Python (standard library only),
 * speaking the same JSON-RPC over stdin/stdout as stdio-rpc.
 */
import { openJsonRpc } from '../json-rpc/json-rpc-connection.js';
import { pythonSpec } from '../python/python-target.js';
import { requirement } from './descriptor.js';

export const open = openJsonRpc((options) => pythonSpec('stdio_jsonrpc_plugin.py', requirement, options));
