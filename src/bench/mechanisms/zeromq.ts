/**
 * zeromq: a bare DEALER sending the text as one frame to a ROUTER in a child
 * process, and awaiting its answer, over CURVE as the mq targets are (curve-peer.ts).
 */
import { Dealer } from 'zeromq';
import type { CurveKeys } from '../../../transports/auth/curve-keys.js';
import { builtSibling } from '../../core/runtime-paths.js';
import { spawnPeer, type PeerProcess } from '../peer-process.js';
import { bareCurve } from './curve-peer.js';
import type { BarePeer, StartPeer } from './peer.js';
import { connectOrStop } from './tcp-client.js';

/** A CURVE DEALER connected to the ROUTER endpoint `peer` announced (any server language, holding `keys`' server pair). */
export async function dealerClient(peer: PeerProcess, keys: CurveKeys): Promise<BarePeer> {
  const socket = await connectOrStop(peer, async () => {
    const { endpoint } = (await peer.announcement()) as { endpoint: string };
    const dealer = new Dealer({ linger: 0, curveServerKey: keys.serverPublic, curvePublicKey: keys.clientPublic, curveSecretKey: keys.clientSecret });
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

/** The Node ROUTER child serving `pluginFile`, given its CURVE keys in `env` (bareCurve). */
export function spawnZeromqServer(pluginFile: string, env: Record<string, string>): PeerProcess {
  return spawnPeer('zeromq', process.execPath, [builtSibling(import.meta.url, './zeromq-child.js'), pluginFile], { env });
}

export const start: StartPeer = ({ pluginFile }) => {
  const { keys, env } = bareCurve();
  return dealerClient(spawnZeromqServer(pluginFile, env), keys);
};
