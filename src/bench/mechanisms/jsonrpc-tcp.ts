/** jsonrpc-tcp: a bare vscode-jsonrpc client over a loopback TCP socket, to a bare vscode-jsonrpc server in a child process. */
import { connectAnnounced, connectOrStop } from './tcp-client.js';
import { jsonRpcClient, spawnJsonRpcChild } from './jsonrpc-pipe.js';
import type { StartPeer } from './peer.js';

export const start: StartPeer = async ({ pluginFile }) => {
  const peer = spawnJsonRpcChild('tcp', pluginFile);
  const socket = await connectOrStop(peer, () => connectAnnounced(peer));
  const client = jsonRpcClient(socket, socket);
  socket.once('close', () => client.dispose());
  return {
    pid: peer.pid,
    call: client.call,
    stop: async () => {
      client.dispose();
      socket.destroy();
      await peer.stop();
    },
  };
};
