/**
 * uds-rpc: the gRPC service of the TCP target, on a Unix socket (go-plugin's
 * default on Linux) in a private folder made for each start; the same plugin
 * runner, only the address it binds differs.
 */
import path from 'node:path';
import { packagePath } from '../../src/core/runtime-paths.js';
import { openGrpc } from '../grpc/grpc-connection.js';
import { REVERT_PROTO } from '../grpc/revert-proto.js';
import { nodeRunnerAt } from '../process/node-runner-spec.js';
import { overUnixSocket } from '../process/unix-socket-dir.js';

// The runner loads revert.proto at run time: the sandbox lets it read that folder too.
export const open = overUnixSocket(openGrpc, nodeRunnerAt(import.meta.url, '../tcp-rpc/plugin-main.js', [path.dirname(packagePath(...REVERT_PROTO))]));
