/**
 * tcp-rpc-python: the revert plugin in Python serving the same gRPC service as
 * tcp-rpc, through Debian's python3-grpcio, with protobuf's own messages
 * (python3-protobuf) from code protoc generated out of the .proto files.
 */
import { GrpcHandle } from '../grpc/grpc-handle.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
import { findPython, toAvailability, type PythonRequirement } from '../python/find-python.js';
import { pythonPluginDir, pythonSpec } from '../python/python-target.js';
import type { Target } from '../types.js';

const requirement: PythonRequirement = {
  modules: ['grpc', 'google.protobuf'],
  installHint: 'Install gRPC for Python: `apt-get install python3-grpcio python3-protobuf` (Debian/Ubuntu, for /usr/bin/python3) or `pip install grpcio protobuf`',
};

export const tcpRpcPythonTarget: Target = {
  name: 'tcp-rpc-python',
  channel: 'tcp',
  family: 'process',
  description: 'Python child process serving gRPC (python3-grpcio) on 127.0.0.1, address from a handshake line',
  capabilities: PROCESS_CAPABILITIES,
  availability: async () => toAvailability(await findPython(requirement)),
  pluginDir: pythonPluginDir,
  start: async (options = {}) => GrpcHandle.open('tcp-rpc-python', await pythonSpec('grpc_plugin.py', requirement, options), options),
};
