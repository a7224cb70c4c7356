/** grpc-python: the bare grpc-js client, to a bare grpcio server in Python serving the same Revert method. */
import { grpcClient } from './grpc-js.js';
import type { StartPeer } from './peer.js';
import { spawnPythonServer } from './python-server.js';

export const start: StartPeer = async ({ pluginFile }) => grpcClient(await spawnPythonServer('grpc', pluginFile));
