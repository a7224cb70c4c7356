/**
 * The plugin end of the ZeroMQ channel, for JavaScript plugins: a ROUTER bound
 * to an ephemeral loopback port. Every host that connects (the spawning host, or
 * `--connect` hosts) gets its own message runner and dispatcher, keyed by its
 * ZeroMQ identity, so the plugin's host calls (and fault:garbage) go back to the
 * host whose call it serves. A call is dispatched here, not by the runner: a
 * synchronous method's answer goes out in the same turn it came in, as a bare
 * server's does. No AsyncLocalStorage: it would slow every await in the plugin
 * about 3x (docs/decisions/call-depth.md).
 */
import { Router } from 'zeromq';
import { admitOnlyClient } from '../auth/zap-handler.js';
import { serializeError, toPluginError } from '../../src/core/errors.js';
import type { DirectDispatch, HostCaller } from '../../src/core/plugin-dispatcher.js';
import { createMessageRunner, type MessageRunner } from '../../src/core/message-runner.js';
import type { PluginMessage } from '../../src/core/wire.js';
import { checkFrame, type CheckedCall } from './check-frame.js';
import { errorFrame, hostCallFrame, pongFrame, resultFrame } from './codec.js';
import { createSendQueue } from './send-queue.js';

export interface ServeOptions {
  /** Where to bind; port 0 lets the OS pick, and `endpoint` says which it picked. */
  bind?: string;
  /** The plugin's dispatcher for one host: its host calls and garbage go to that host. */
  dispatcherFor(hostCall: HostCaller, garbage: () => void): DirectDispatch;
  /** A host sent `exit`; `dispatch` is that host's dispatcher. */
  onExit(dispatch: DirectDispatch): void;
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
  identity: Buffer;
  runner: MessageRunner;
  dispatch: DirectDispatch;
  send(frame: Buffer | string): void;
  /** What came between the identity and the frame (a REQ socket's empty delimiter): answers go back in it. */
  envelope: Buffer[];
}

/** Bytes that are not the protocol (fault:garbage). */
const GARBAGE = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65]);
const NO_ENVELOPE: Buffer[] = [];

export async function serveRouter(options: ServeOptions): Promise<RouterServer> {
  const zap = options.curve ? await admitOnlyClient(options.curve.clientPublic, (why) => options.warn(`refused a connection: ${why}`)) : undefined;
  const router = new Router({ linger: 0, ...(options.curve ? { curveServer: true, curveSecretKey: options.curve.serverSecret } : {}) });
  await router.bind(options.bind ?? 'tcp://127.0.0.1:0');
  const queue = createSendQueue(router, (error) => options.warn(`send failed: ${error.message}`));
  const peers = new Map<string, Peer>();
  let last: Peer | undefined;
  let dropped = 0;

  const makePeer = (identity: Buffer): Peer => {
    const send = (frame: Buffer | string) => queue.send(peer.envelope.length === 0 ? [identity, frame] : [identity, ...peer.envelope, frame]);
    const runner: MessageRunner = createMessageRunner((message) => send(pluginFrame(message)), () => options.onExit(peer.dispatch));
    const peer: Peer = { identity, runner, dispatch: options.dispatcherFor(runner.hostCall, () => send(GARBAGE)), send, envelope: NO_ENVELOPE };
    return peer;
  };
  /** The peer with this identity, made at its first frame; the last one is kept at hand, since one host sends most frames. */
  const peerFor = (identity: Buffer): Peer => {
    if (last?.identity.equals(identity)) return last;
    const key = identity.toString('hex');
    let peer = peers.get(key);
    if (!peer) peers.set(key, (peer = makePeer(identity)));
    return (last = peer);
  };

  const serve = (frames: Buffer[]) => {
    const identity = frames[0];
    if (!identity) return;
    const peer = peerFor(identity);
    peer.envelope = frames.length <= 2 ? NO_ENVELOPE : frames.slice(1, -1);
    const checked = checkFrame(frames.length < 2 ? undefined : frames[frames.length - 1]);
    if ('call' in checked) answer(peer, checked.call);
    else if ('message' in checked) peer.runner.receive(checked.message);
    else if ('reply' in checked) peer.send(checked.reply);
    else options.warn(`dropped message #${++dropped} from peer ${identity.toString('hex')}: ${checked.drop}`);
  };

  void (async () => {
    // receive() directly, as a bare server would: the async iterator adds a promise and a result object per frame.
    while (!router.closed) serve(await router.receive());
  })().catch((error: unknown) => {
    if (!router.closed) options.warn(`stopped reading: ${(error as Error).message}`);
  });

  return {
    endpoint: router.lastEndpoint ?? '',
    drained: () => queue.drained(),
    close: () => {
      router.close();
      zap?.close();
    },
  };
}

/** Runs one call; a synchronous answer is sent at once, without a promise. */
function answer(peer: Peer, call: CheckedCall): void {
  let value: unknown;
  try {
    value = peer.dispatch(call.method, call.args, call.depth);
  } catch (error) {
    return peer.send(errorFrame(call.id, serializeError(toPluginError(error))));
  }
  if (!(value instanceof Promise)) return peer.send(resultFrame(call.id, value));
  value.then(
    (settled: unknown) => peer.send(resultFrame(call.id, settled)),
    (error: unknown) => peer.send(errorFrame(call.id, serializeError(toPluginError(error)))),
  );
}

/** The runner's own messages (pong, host-call; it answers no calls here). */
function pluginFrame(message: PluginMessage): string {
  switch (message.type) {
    case 'pong':
      return pongFrame(message.id, message.load);
    case 'host-call':
      return hostCallFrame(message.id, message.depth, message.name, message.args);
    case 'result':
      return message.ok ? resultFrame(message.id, message.value) : errorFrame(message.id, message.error);
    default:
      throw new Error(`the mq plugin does not send ${message.type} messages`);
  }
}
