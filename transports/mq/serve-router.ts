/**
 * The plugin end of the ZeroMQ channel, for JavaScript plugins: a ROUTER bound
 * to an ephemeral loopback port. Every host that connects (the spawning host, or
 * `--connect` hosts) gets its own message runner and dispatcher, keyed by its
 * ZeroMQ identity, so the plugin's host calls (and fault:garbage) go back to the
 * host whose call it serves. No AsyncLocalStorage: it would slow every await in
 * the plugin about 3x (docs/decisions/call-depth.md).
 */
import { Router } from 'zeromq';
import { admitOnlyClient } from '../auth/zap-handler.js';
import type { Dispatch, HostCaller } from '../../src/core/plugin-dispatcher.js';
import { createMessageRunner, type MessageRunner } from '../../src/core/message-runner.js';
import { decodeFrame, frameText } from './codec.js';
import { createSendQueue } from './send-queue.js';

export interface ServeOptions {
  /** Where to bind; port 0 lets the OS pick, and `endpoint` says which it picked. */
  bind?: string;
  /** The plugin's dispatcher for one host: its host calls and garbage go to that host. */
  dispatcherFor(hostCall: HostCaller, garbage: () => void): Dispatch;
  /** A host sent `exit`; `dispatch` is that host's dispatcher. */
  onExit(dispatch: Dispatch): void;
  /** Protocol trouble worth a stderr line. */
  warn(line: string): void;
  /** CURVE: the ROUTER's secret key, and the one client key it admits (transports/auth/curve-keys.ts). */
  curve?: { serverSecret: string; clientPublic: string };
}

export interface RouterServer {
  /** The bound endpoint, e.g. tcp://127.0.0.1:43121. */
  readonly endpoint: string;
  /** Settles once every queued reply has been handed to ZeroMQ. */
  drained(): Promise<void>;
  close(): void;
}

/** Bytes that are not the protocol (fault:garbage). */
const GARBAGE = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65]);

export async function serveRouter(options: ServeOptions): Promise<RouterServer> {
  const zap = options.curve ? await admitOnlyClient(options.curve.clientPublic, (why) => options.warn(`refused a connection: ${why}`)) : undefined;
  const router = new Router({ linger: 0, ...(options.curve ? { curveServer: true, curveSecretKey: options.curve.serverSecret } : {}) });
  await router.bind(options.bind ?? 'tcp://127.0.0.1:0');
  const queue = createSendQueue(router, (error) => options.warn(`send failed: ${error.message}`));
  const peers = new Map<string, MessageRunner>();

  /** The runner for the host with this identity, made at its first frame. */
  const peerFor = (identity: Buffer): MessageRunner => {
    const key = identity.toString('hex');
    let runner = peers.get(key);
    if (!runner) {
      const send = (frame: Buffer | string) => queue.send([identity, frame]);
      const peer: MessageRunner = createMessageRunner((message) => send(frameText(message)), () => options.onExit(dispatch));
      const dispatch = options.dispatcherFor(peer.hostCall, () => send(GARBAGE));
      peer.attach(dispatch);
      peers.set(key, (runner = peer));
    }
    return runner;
  };

  void (async () => {
    for await (const [identity, frame] of router) {
      if (!identity || !frame) continue;
      try {
        const runner = peerFor(identity);
        runner.receive(decodeFrame(frame));
      } catch (error) {
        options.warn((error as Error).message);
      }
    }
  })().catch(() => {});

  return {
    endpoint: router.lastEndpoint ?? '',
    drained: () => queue.drained(),
    close: () => {
      router.close();
      zap?.close();
    },
  };
}
