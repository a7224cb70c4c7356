/**
 * tcp-rpc-python: the revert plugin in Python serving the same gRPC service as
 * tcp-rpc, through Debian's python3-grpcio, with protobuf's own messages
 * (python3-protobuf) from code protoc generated out of the .proto files.
 */
import { openGrpc } from '../grpc/grpc-connection.js';
import { pythonSpec } from '../python/python-target.js';
import { requirement } from './descriptor.js';

export const open = openGrpc((options) => pythonSpec('grpc_plugin.py', requirement, options));
