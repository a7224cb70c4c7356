/** zeromq: a bare DEALER sending the text as one frame to a ROUTER in a child process, and awaiting its answer. */
import { Dealer } from 'zeromq';
import { builtSibling } from '../../core/runtime-paths.js';
import { spawnPeer, type PeerProcess } from '../peer-process.js';
import type { BarePeer, StartPeer } from './peer.js';
import { connectOrStop } from './tcp-client.js';

/** A DEALER connected to the ROUTER endpoint `peer` announced (any server language). */
export async function dealerClient(peer: PeerProcess): Promise<BarePeer> {
  const socket = await connectOrStop(peer, async () => {
    const { endpoint } = (await peer.announcement()) as { endpoint: string };
    const dealer = new Dealer({ linger: 0 });
    dealer.connect(endpoint);
    return dealer;
  });
  return {
    pid: peer.pid,
    call: async (text) => {
      await socket.send(text);
      const [answer] = await socket.receive();
      return answer!.toString('utf8');
    },
    stop: async () => {
      socket.close();
      await peer.stop();
    },
  };
}

export const start: StartPeer = ({ pluginFile }) =>
  dealerClient(spawnPeer('zeromq', process.execPath, [builtSibling(import.meta.url, './zeromq-child.js'), pluginFile]));
