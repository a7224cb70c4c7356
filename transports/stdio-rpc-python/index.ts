/**
 * stdio-rpc-python: the revert plugin in Python (standard library only),
 * speaking the same JSON-RPC over stdin/stdout as stdio-rpc.
 */
import { JsonRpcHandle } from '../json-rpc/json-rpc-handle.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
import { findPython, toAvailability, type PythonRequirement } from '../python/find-python.js';
import { pythonPluginDir, pythonSpec } from '../python/python-target.js';
import type { Target } from '../types.js';

const requirement: PythonRequirement = { modules: [], installHint: 'Install Python 3 (apt-get install python3)' };

export const stdioRpcPythonTarget: Target = {
  name: 'stdio-rpc-python',
  channel: 'pipe',
  family: 'process',
  description: 'Python child process (standard library only) speaking JSON-RPC 2.0 over stdin/stdout',
  capabilities: PROCESS_CAPABILITIES,
  availability: async () => toAvailability(await findPython(requirement)),
  pluginDir: pythonPluginDir,
  start: async (options = {}) => JsonRpcHandle.open('stdio-rpc-python', await pythonSpec('stdio_jsonrpc_plugin.py', requirement, options), options),
};
