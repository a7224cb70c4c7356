/** jsonrpc-tcp: a bare vscode-jsonrpc client over a loopback TCP socket, to a bare vscode-jsonrpc server in a child process. */
import type net from 'node:net';
import type { Stoppable } from '../stop-list.js';
import { connectAnnounced, connectOrStop } from './tcp-client.js';
import { jsonRpcClient, spawnJsonRpcChild } from './jsonrpc-pipe.js';
import type { BarePeer, StartPeer } from './peer.js';

/** A bare vscode-jsonrpc client over the socket `connect` opens to `peer`'s server; stopping it closes the socket, then the peer. */
export async function clientOverSocket(peer: Stoppable, connect: () => Promise<net.Socket>): Promise<BarePeer> {
  const socket = await connectOrStop(peer, connect);
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
}

export const start: StartPeer = async ({ pluginFile }) => {
  const peer = spawnJsonRpcChild('tcp', pluginFile);
  return clientOverSocket(peer, () => connectAnnounced(peer));
};
