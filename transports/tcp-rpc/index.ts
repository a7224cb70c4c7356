/**
 * tcp-rpc: the plugin is a Node child process serving gRPC (@grpc/grpc-js) on
 * 127.0.0.1 port 0, with the service in sample-plugins/proto/revert.proto; the
 * host learns the address from the handshake line and checks health through
 * the standard grpc.health.v1 service.
 */
import path from 'node:path';
import { packagePath } from '../../src/core/runtime-paths.js';
import { openGrpc } from '../grpc/grpc-connection.js';
import { REVERT_PROTO } from '../grpc/revert-proto.js';
import { nodeRunnerAt } from '../process/node-runner-spec.js';

// The runner loads revert.proto at run time: the sandbox lets it read that folder too.
export const open = openGrpc(nodeRunnerAt(import.meta.url, './plugin-main.js', [path.dirname(packagePath(...REVERT_PROTO))]));
