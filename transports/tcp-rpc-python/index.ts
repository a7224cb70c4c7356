/**
 * tcp-rpc-python: the revert plugin in Python serving the same gRPC service as
 * tcp-rpc, through Debian's python3-grpcio (protobuf messages encoded by hand,
 * so grpcio is the only module it needs).
 */
import { openGrpc } from '../grpc/grpc-connection.js';
import { pythonSpec } from '../python/python-target.js';
import { requirement } from './descriptor.js';

export const open = openGrpc((options) => pythonSpec('grpc_plugin.py', requirement, options));
