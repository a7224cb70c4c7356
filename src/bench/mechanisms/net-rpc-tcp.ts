/**
 * net-rpc-tcp: the bare JSON-RPC 1.0 client over loopback TCP to the go-netrpc
 * binary itself, at the address its handshake announced. That plugin serves only
 * after two connections (calls, then its callbacks) have each sent the token
 * preamble, so the peer opens both and proves the secret on each, once, as the
 * target does at connect; no call carries it.
 */
import type net from 'node:net';
import { tokenPreamble } from '../../../transports/auth/token-preamble.js';
import { connectTcp } from '../../../transports/process/connect-tcp.js';
import { PEER_START_TIMEOUT_MS } from '../peer-process.js';
import { netRpcClient, startGoPlugin } from './net-rpc-client.js';
import type { StartPeer } from './peer.js';
import { connectOrStop } from './tcp-client.js';

export const start: StartPeer = async ({ pluginFile }) => {
  const { peer, address, secret } = await startGoPlugin(pluginFile);
  const sockets: net.Socket[] = [];
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await peer.stop();
  };
  await connectOrStop({ stop }, async () => {
    for (let i = 0; i < 2; i++) {
      sockets.push(await connectTcp(address, PEER_START_TIMEOUT_MS));
      sockets.at(-1)!.write(tokenPreamble(secret));
    }
  });
  const client = netRpcClient(sockets[0]!, sockets[0]!);
  return {
    pid: peer.pid,
    call: client.call,
    stop: async () => {
      client.close();
      await stop();
    },
  };
};
