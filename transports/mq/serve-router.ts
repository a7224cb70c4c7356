/**
 * The plugin end of the ZeroMQ channel, for JavaScript plugins: a ROUTER bound
 * to an ephemeral loopback port. Every host that connects (the spawning host, or
 * `--connect` hosts) gets its own message runner, keyed by its ZeroMQ identity;
 * the peer a call came from rides along in async context, so the plugin's host
 * calls (and fault:garbage) go back to that host.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Router } from 'zeromq';
import { PluginError } from '../../src/core/errors.js';
import type { Dispatch, HostCaller } from '../../src/core/plugin-dispatcher.js';
import { createMessageRunner, type MessageRunner } from '../../src/core/message-runner.js';
import { decodeFrame, frameText } from './codec.js';
import { createSendQueue } from './send-queue.js';

export interface ServeOptions {
  /** Where to bind; port 0 lets the OS pick, and `endpoint` says which it picked. */
  bind?: string;
  /** A host sent `exit`. */
  onExit(): void;
  /** Protocol trouble worth a stderr line. */
  warn(line: string): void;
}

export interface RouterServer {
  /** The bound endpoint, e.g. tcp://127.0.0.1:43121. */
  readonly endpoint: string;
  /** Attach the plugin's dispatcher; calls that arrive before are refused. */
  attach(dispatch: Dispatch): void;
  /** Settles once every queued reply has been handed to ZeroMQ. */
  drained(): Promise<void>;
  close(): void;
}

interface Peer {
  runner: MessageRunner;
  send(frame: Buffer | string): void;
}

const peerStore = new AsyncLocalStorage<Peer>();

function currentPeer(): Peer {
  const peer = peerStore.getStore();
  if (!peer) throw new PluginError('PROTOCOL_ERROR', 'no host is waiting on this call');
  return peer;
}

/** A HostCaller that reaches the host whose call is being served. */
export const callCurrentHost: HostCaller = (name, args, depth) => currentPeer().runner.hostCall(name, args, depth);

/** Bytes that are not the protocol, sent to the current host (fault:garbage). */
export function sendGarbageToCurrentHost(): void {
  currentPeer().send(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65]));
}

export async function serveRouter(options: ServeOptions): Promise<RouterServer> {
  const router = new Router({ linger: 0 });
  await router.bind(options.bind ?? 'tcp://127.0.0.1:0');
  const queue = createSendQueue(router, (error) => options.warn(`send failed: ${error.message}`));
  const peers = new Map<string, Peer>();
  let dispatch: Dispatch | undefined;

  const peerFor = (identity: Buffer): Peer => {
    const key = identity.toString('hex');
    let peer = peers.get(key);
    if (!peer) {
      const send = (frame: Buffer | string) => queue.send([identity, frame]);
      const runner = createMessageRunner((message) => send(frameText(message)), options.onExit);
      if (dispatch) runner.attach(dispatch);
      peer = { runner, send };
      peers.set(key, peer);
    }
    return peer;
  };

  void (async () => {
    for await (const [identity, frame] of router) {
      if (!identity || !frame) continue;
      try {
        const peer = peerFor(identity);
        const message = decodeFrame(frame);
        peerStore.run(peer, () => peer.runner.receive(message));
      } catch (error) {
        options.warn((error as Error).message);
      }
    }
  })().catch(() => {});

  return {
    endpoint: router.lastEndpoint ?? '',
    attach(value) {
      dispatch = value;
      for (const peer of peers.values()) peer.runner.attach(value);
    },
    drained: () => queue.drained(),
    close: () => router.close(),
  };
}
