/**
 * tcp-rpc: the plugin is a Node child process serving gRPC (@grpc/grpc-js) on
 * 127.0.0.1 port 0, with the service in sample-plugins/proto/revert.proto; the
 * host learns the address from the handshake line and checks health through
 * the standard grpc.health.v1 service.
 */
import path from 'node:path';
import { builtSibling, jsPluginFile, packagePath, sampleJsPlugin } from '../../src/core/runtime-paths.js';
import { GrpcHandle } from '../grpc/grpc-handle.js';
import { REVERT_PROTO } from '../grpc/revert-proto.js';
import { NODE_PROCESS_CAPABILITIES } from '../process/capabilities.js';
import { nodeRunnerSpec } from '../process/node-runner-spec.js';
import type { Target } from '../types.js';

export const tcpRpcTarget: Target = {
  name: 'tcp-rpc',
  channel: 'tcp',
  family: 'process',
  description: 'Node child process serving gRPC (@grpc/grpc-js) on 127.0.0.1, address from a handshake line',
  capabilities: NODE_PROCESS_CAPABILITIES,
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(jsPluginFile(options)),
  start: (options = {}) =>
    GrpcHandle.open(
      'tcp-rpc',
      // The runner loads revert.proto at run time: the sandbox lets it read that folder too.
      nodeRunnerSpec(builtSibling(import.meta.url, './plugin-main.js'), options, sampleJsPlugin(), [path.dirname(packagePath(...REVERT_PROTO))]),
      options,
    ),
};
