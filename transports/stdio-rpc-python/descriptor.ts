/** The stdio-rpc-python target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import type { PythonRequirement } from '../python/find-python.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
/** What the Python plugin imports beyond the standard library, and how to install it. */
export const requirement: PythonRequirement = { modules: [], installHint: 'Install Python 3: `apt-get install python3` (Debian/Ubuntu)' };

export const descriptor = defineTarget({
  name: 'stdio-rpc-python',
  family: 'process',
  channel: 'pipe',
  description: 'Python child process (standard library only) speaking JSON-RPC 2.0 over stdin/stdout',
  capabilities: { ...PROCESS_CAPABILITIES, hang: 'thread-left-running', connectable: false, garbage: 'breaks-channel' },
  plugin: { language: 'python', sampleFile: 'sample-plugins/python/revert_plugin.py', accepts: ['python'] },
  effort: { files: ['python/revert_plugin.py'], support: ['python/plugbench_plugin.py', 'python/plugbench_dispatch.py', 'python/call_load.py', 'python/reader_handoff.py', 'python/stdio_jsonrpc_plugin.py', 'python/jsonrpc_wire.py'], buildSteps: [] },
  mechanism: 'jsonrpc-pipe-python',
  availability: async () => (await import('../python/find-python.js')).pythonAvailability(requirement),
  load: () => import('./index.js'),
});
