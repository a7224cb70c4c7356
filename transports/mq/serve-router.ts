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
import { checkFrame } from './check-frame.js';
import { frameText } from './codec.js';
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

interface Peer {
  runner: MessageRunner;
  send(frame: Buffer | string): void;
  envelope: Buffer[];
}

/** Bytes that are not the protocol (fault:garbage). */
const GARBAGE = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65]);

export async function serveRouter(options: ServeOptions): Promise<RouterServer> {
  const zap = options.curve ? await admitOnlyClient(options.curve.clientPublic, (why) => options.warn(`refused a connection: ${why}`)) : undefined;
  const router = new Router({ linger: 0, ...(options.curve ? { curveServer: true, curveSecretKey: options.curve.serverSecret } : {}) });
  await router.bind(options.bind ?? 'tcp://127.0.0.1:0');
  const queue = createSendQueue(router, (error) => options.warn(`send failed: ${error.message}`));
  const peers = new Map<string, Peer>();
  let dropped = 0;

  /** The runner for the host with this identity, made at its first frame. */
  const peerFor = (identity: Buffer): Peer => {
    const key = identity.toString('hex');
    let peer = peers.get(key);
    if (!peer) {
      // Answers go back in the envelope the peer's last message came in (a REQ socket needs its empty delimiter).
      const send = (frame: Buffer | string) => queue.send([identity, ...created.envelope, frame]);
      const runner: MessageRunner = createMessageRunner((message) => send(frameText(message)), () => options.onExit(dispatch));
      const dispatch = options.dispatcherFor(runner.hostCall, () => send(GARBAGE));
      runner.attach(dispatch);
      const created: Peer = { runner, send, envelope: [] };
      peers.set(key, (peer = created));
    }
    return peer;
  };

  void (async () => {
    for await (const [identity, ...frames] of router) {
      if (!identity) continue;
      const peer = peerFor(identity);
      // The JSON is the last frame; what comes before it (a REQ peer's empty delimiter) is the envelope.
      peer.envelope = frames.slice(0, -1);
      const checked = checkFrame(frames.at(-1));
      if ('message' in checked) peer.runner.receive(checked.message);
      else if ('reply' in checked) peer.send(frameText(checked.reply));
      else options.warn(`dropped message #${++dropped} from peer ${identity.toString('hex')}: ${checked.drop}`);
    }
  })().catch((error: unknown) => options.warn(`stopped reading: ${(error as Error).message}`));

  return {
    endpoint: router.lastEndpoint ?? '',
    drained: () => queue.drained(),
    close: () => {
      router.close();
      zap?.close();
    },
  };
}
