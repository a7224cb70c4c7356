/** grpc-python: the bare grpc-js client, to a bare grpcio server in Python serving the same Revert method, over the same mTLS as tcp-rpc-python. */
import { announcedAddress, grpcClient } from './grpc-js.js';
import { bareMtls } from './grpc-mtls.js';
import type { StartPeer } from './peer.js';
import { spawnPythonServer } from './python-server.js';

export const start: StartPeer = async ({ pluginFile }) => {
  const tls = bareMtls();
  const peer = await spawnPythonServer('grpc', pluginFile, tls.env);
  return grpcClient(peer, async () => ({ ...tls, address: await announcedAddress(peer) }));
};
