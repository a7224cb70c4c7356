/**
 * nats-request: a bare nats.js `request()` to a bare nats.js subscriber in a
 * child process (nats-child.ts), through a nats-server started as the nats
 * target starts its own (transports/nats/nats-server.ts: loopback, random port,
 * a token made for it). The subject has the target's shape (an instance's own
 * subject, in its queue group); the body is the text itself: the JSON envelope,
 * the headers and the services API are the target's protocol, so what they cost
 * counts as the host's. No nats-server here: the bare row fails with the reason.
 */
import { randomBytes } from 'node:crypto';
import { clientConfig } from '../../../transports/nats/broker-config.js';
import { loadNats, type NatsModule } from '../../../transports/nats/nats-client.js';
import { startNatsServer } from '../../../transports/nats/nats-server.js';
import { instanceSubject, QUEUE_GROUP } from '../../../transports/nats/protocol.js';
import { builtSibling } from '../../core/runtime-paths.js';
import { PEER_START_TIMEOUT_MS, spawnPeer, type PeerProcess } from '../peer-process.js';
import type { StartPeer } from './peer.js';

/** A request waits at most this long; the bench's own timeouts end a stuck run first. */
const REQUEST_TIMEOUT_MS = 10_000;

export const start: StartPeer = async ({ pluginFile }) => {
  const server = await startNatsServer({ timeoutMs: PEER_START_TIMEOUT_MS, name: 'bare nats: nats-server' });
  let peer: PeerProcess | undefined;
  let nc: Awaited<ReturnType<NatsModule['connect']>> | undefined;
  const stop = async () => {
    await nc?.close().catch(() => {});
    await peer?.stop();
    await server.stop();
  };
  try {
    const subject = instanceSubject(randomBytes(6).toString('hex'));
    peer = spawnPeer('bare nats', process.execPath, [builtSibling(import.meta.url, './nats-child.js'), pluginFile, subject, QUEUE_GROUP], { env: { BARE_NATS_URL: server.url } });
    await peer.announcement();
    nc = await (await loadNats()).connect(clientConfig({ url: server.url }));
    const connection = nc;
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    return {
      pid: peer.pid,
      call: async (text) => decoder.decode((await connection.request(subject, encoder.encode(text), { timeout: REQUEST_TIMEOUT_MS })).data),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
