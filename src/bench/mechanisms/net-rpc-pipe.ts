/** net-rpc-pipe: the bare JSON-RPC 1.0 client on the Go plugin's own stdin/stdout (the same go-stdio-rpc binary), no plugbench connection code between. */
import { netRpcClient, startGoPlugin } from './net-rpc-client.js';
import type { StartPeer } from './peer.js';

export const start: StartPeer = async ({ pluginFile }) => {
  const { peer } = await startGoPlugin(pluginFile);
  const client = netRpcClient(peer.child.stdout, peer.child.stdin);
  return {
    pid: peer.pid,
    call: client.call,
    stop: async () => {
      client.close();
      await peer.stop();
    },
  };
};
