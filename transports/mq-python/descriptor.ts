/** The mq-python target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import type { PythonRequirement } from '../python/find-python.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
/** What the Python plugin imports beyond the standard library, and how to install it. */
export const requirement: PythonRequirement = {
  modules: ['zmq'],
  installHint: 'Install it with `apt-get install python3-zmq` (Debian/Ubuntu) or `pip install pyzmq`',
};

export const descriptor = defineTarget({
  name: 'mq-python',
  family: 'process',
  channel: 'zeromq',
  description: 'Python child process serving the plugin on a ZeroMQ ROUTER (python3-zmq; a call runs on the thread that read it, the reading moves on when it is slow)',
  capabilities: { ...PROCESS_CAPABILITIES, hang: 'thread-left-running', connectable: true, garbage: 'breaks-channel' },
  plugin: { language: 'python', sampleFile: 'sample-plugins/python/revert_plugin.py', accepts: ['python'] },
  effort: { files: ['python/revert_plugin.py'], support: ['python/plugbench_plugin.py', 'python/plugbench_dispatch.py', 'python/plugbench_auth.py', 'python/call_load.py', 'python/reader_handoff.py', 'python/revert_mq.py', 'python/mq_wire.py'], buildSteps: [] },
  mechanism: 'zeromq-python',
  availability: async () => (await import('../python/find-python.js')).pythonAvailability(requirement),
  load: () => import('./index.js'),
});
