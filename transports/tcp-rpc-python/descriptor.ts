/** The tcp-rpc-python target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { legacyOpen } from '../../src/core/legacy-connection.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
export const descriptor = defineTarget({
  name: 'tcp-rpc-python',
  family: 'process',
  channel: 'tcp',
  description: 'Python child process serving gRPC (python3-grpcio) on 127.0.0.1, address from a handshake line',
  capabilities: { ...PROCESS_CAPABILITIES, connectable: false },
  plugin: { language: 'python', sampleFile: 'sample-plugins/python/revert_plugin.py', accepts: ['python'] },
  effort: {
    files: ['python/revert_plugin.py'],
    support: ['python/plugbench_plugin.py', 'python/grpc_plugin.py'],
    schema: ['proto/revert.proto'],
    // protoc's output (scripts/generate-python-proto.mjs), as every gRPC Python plugin has.
    generated: ['python/revert_pb2.py', 'python/health_pb2.py'],
    buildSteps: ['protoc --python_out (the *_pb2.py modules from the .proto files)'],
  },
  availability: async () => (await import('./index.js')).tcpRpcPythonTarget.availability(),
  load: async () => ({ open: legacyOpen(async () => (await import('./index.js')).tcpRpcPythonTarget) }),
});
