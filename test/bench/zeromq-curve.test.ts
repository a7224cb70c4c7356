/**
 * The bare zeromq peers are as secure as the mq targets they are measured
 * beside: their ROUTER (Node, and pyzmq where installed) completes the CURVE
 * handshake only for the client keys its start derived, so a plain DEALER, and
 * one that knows the server key but not the client key, fail the handshake.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Dealer, curveKeyPair } from 'zeromq';
import { revertText } from '../../src/core/contract.js';
import { pluginFile } from '../../src/core/descriptor-target.js';
import { bareCurve } from '../../src/bench/mechanisms/curve-peer.js';
import { spawnPythonServer } from '../../src/bench/mechanisms/python-server.js';
import { spawnZeromqServer } from '../../src/bench/mechanisms/zeromq.js';
import type { PeerProcess } from '../../src/bench/peer-process.js';
import { findTarget } from '../../transports/catalog.js';

const SERVERS = {
  zeromq: (env: Record<string, string>) => Promise.resolve(spawnZeromqServer(pluginFile(findTarget('mq')!.descriptor), env)),
  'zeromq-python': (env: Record<string, string>) => spawnPythonServer('zeromq', pluginFile(findTarget('mq-python')!.descriptor), env),
};
const TARGET_OF = { zeromq: 'mq', 'zeromq-python': 'mq-python' } as const;

let peer: PeerProcess | undefined;
const sockets: Dealer[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await peer?.stop();
  peer = undefined;
});

/** Resolves with the first `handshake:error:*` event the socket sees. */
async function handshakeError(dealer: Dealer): Promise<string> {
  for await (const event of dealer.events) if (event.type.startsWith('handshake:error')) return event.type;
  return 'closed without one';
}

function dealer(options: ConstructorParameters<typeof Dealer>[0] = {}): Dealer {
  const socket = new Dealer({ linger: 0, sendTimeout: 5_000, receiveTimeout: 5_000, ...options });
  sockets.push(socket);
  return socket;
}

describe.each(Object.keys(SERVERS) as (keyof typeof SERVERS)[])('bare:%s over CURVE', (mechanism) => {
  it('answers the DEALER holding its client keys, and fails the handshake of strangers', async (test) => {
    const availability = (await findTarget(TARGET_OF[mechanism])!.descriptor.availability?.()) ?? { available: true };
    if (!availability.available) return test.skip(availability.reason);
    const { keys, env } = bareCurve();
    peer = await SERVERS[mechanism](env);
    const { endpoint } = (await peer.announcement()) as { endpoint: string };
    const stranger = curveKeyPair();
    for (const socket of [dealer(), dealer({ curveServerKey: keys.serverPublic, curvePublicKey: stranger.publicKey, curveSecretKey: stranger.secretKey })]) {
      const failed = handshakeError(socket);
      socket.connect(endpoint);
      void socket.send('ab').catch(() => {});
      expect(await failed).toMatch(/^handshake:error:/);
    }
    const own = dealer({ curveServerKey: keys.serverPublic, curvePublicKey: keys.clientPublic, curveSecretKey: keys.clientSecret });
    own.connect(endpoint);
    await own.send('a😀b');
    const [answer] = await own.receive();
    expect(answer!.toString('utf8')).toBe(revertText('a😀b'));
  });
});
