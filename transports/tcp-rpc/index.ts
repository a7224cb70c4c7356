/**
 * tcp-rpc: the plugin is a Node child process serving gRPC (@grpc/grpc-js) on
 * 127.0.0.1 port 0, with the service in sample-plugins/proto/revert.proto; the
 * host learns the address from the handshake line and checks health through
 * the standard grpc.health.v1 service.
 */
import path from 'node:path';
import { builtPath, builtSibling } from '../../src/core/runtime-paths.js';
import { SAMPLE_PLUGIN_JS } from '../dynamic-import/index.js';
import { GrpcHandle } from '../grpc/grpc-handle.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
import { runnerEnv } from '../process/runner-env.js';
import type { Target } from '../types.js';

const samplePlugin = () => builtPath(...SAMPLE_PLUGIN_JS);

export const tcpRpcTarget: Target = {
  name: 'tcp-rpc',
  channel: 'tcp',
  family: 'process',
  description: 'Node child process serving gRPC (@grpc/grpc-js) on 127.0.0.1, address from a handshake line',
  capabilities: PROCESS_CAPABILITIES,
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(path.resolve(options.pluginPath ?? samplePlugin())),
  start: (options = {}) =>
    GrpcHandle.open(
      'tcp-rpc',
      { command: process.execPath, args: [builtSibling(import.meta.url, './plugin-main.js')], env: runnerEnv(options, samplePlugin()) },
      options,
    ),
};
