/** The tcp-rpc-python target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import type { PythonRequirement } from '../python/find-python.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
/** What the Python plugin imports beyond the standard library, and how to install it. */
export const requirement: PythonRequirement = {
  modules: ['grpc', 'google.protobuf'],
  installHint: 'Install gRPC for Python: `apt-get install python3-grpcio python3-protobuf` (Debian/Ubuntu, for /usr/bin/python3) or `pip install grpcio protobuf`',
};

export const descriptor = defineTarget({
  name: 'tcp-rpc-python',
  family: 'process',
  channel: 'tcp',
  description: 'Python child process serving gRPC (python3-grpcio) on 127.0.0.1, address from a handshake line',
  capabilities: { ...PROCESS_CAPABILITIES, hang: 'thread-left-running', connectable: false, garbage: 'logged-as-output' },
  plugin: { language: 'python', sampleFile: 'sample-plugins/python/revert_plugin.py', accepts: ['python'] },
  effort: {
    files: ['python/revert_plugin.py'],
    support: ['python/plugbench_plugin.py', 'python/plugbench_dispatch.py', 'python/plugbench_auth.py', 'python/call_load.py', 'python/grpc_plugin.py', 'python/grpc_bounds.py', 'python/grpc_host_calls.py', 'python/grpc_health.py'],
    schema: ['proto/revert.proto'],
    // protoc's output (scripts/generate-python-proto.mjs), as every gRPC Python plugin has.
    generated: ['python/revert_pb2.py', 'python/health_pb2.py'],
    buildSteps: ['protoc --python_out (the *_pb2.py modules from the .proto files)'],
  },
  mechanism: 'grpc-python',
  availability: async () => (await import('../python/find-python.js')).pythonAvailability(requirement),
  load: () => import('./index.js'),
});
