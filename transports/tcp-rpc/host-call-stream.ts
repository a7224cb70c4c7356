/**
 * Plugin side of the HostCalls streams. Each host connection (an HTTP/2
 * connection, known by its peer address) opens one stream at connect; a call's
 * callbacks go to the stream of the connection the call came on, so after a
 * reconnect, or with two hosts, each callback reaches the host that is waiting
 * for it. Each callback is a request with an id, answered by a result with the
 * same id. Every wait is bounded: for the stream to appear (HOST_ERROR) and for
 * the answer (TIMEOUT); an answer that is not JSON fails that one callback.
 */
import type * as grpc from '@grpc/grpc-js';
import { PluginError, isSerializedError } from '../../src/core/errors.js';
import type { Dispatch, HostCaller } from '../../src/core/plugin-dispatcher.js';
import type { HostCallRequest, HostCallResult } from '../grpc/revert-proto.js';

type HostStream = grpc.ServerDuplexStream<HostCallResult, HostCallRequest>;

/** How long a callback waits for its connection's HostCalls stream (a host opens it at connect). */
export const STREAM_WAIT_MS = 5_000;
/** How long a callback waits for the host's answer. */
export const ANSWER_WAIT_MS = 60_000;
/** Connections remembered without a stream (clients that never call back) before the oldest is forgotten. */
const MAX_PEERS = 256;

interface Waiter {
  name: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

interface Opened {
  stream: HostStream;
  waiting: Map<number, Waiter>;
  closed: boolean;
}

interface Peer {
  dispatch: Dispatch;
  opened: Opened | undefined;
  /** Callbacks waiting for this connection's stream to be opened. */
  arrivals: Set<() => void>;
}

export interface HostCallRouter {
  /** The dispatcher for a call that came on connection `peer` (`call.getPeer()`). */
  dispatchFor(peer: string): Dispatch;
  /** The HostCalls handler: adopts the stream a host opened on its connection. */
  attach(stream: HostStream): void;
}

/** `dispatcherFor` builds a dispatcher whose callbacks go through the given caller (one per connection). */
export function createHostCallRouter(dispatcherFor: (hostCall: HostCaller) => Dispatch): HostCallRouter {
  const peers = new Map<string, Peer>();
  let nextId = 0;

  const peerOf = (address: string): Peer => {
    let peer = peers.get(address);
    if (peer) return peer;
    if (peers.size >= MAX_PEERS) forgetOneWithoutStream(peers);
    const fresh: Peer = { dispatch: undefined!, opened: undefined, arrivals: new Set() };
    fresh.dispatch = dispatcherFor((name, args, depth) => callOn(fresh, address, name, args, depth));
    peers.set(address, fresh);
    return fresh;
  };

  const callOn = async (peer: Peer, address: string, name: string, args: unknown[], depth: number): Promise<unknown> => {
    const opened = peer.opened ?? (await streamOf(peer, address));
    if (opened.closed) throw new PluginError('HOST_ERROR', `the host closed the HostCalls stream, so the callback ${name} cannot reach it`);
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        opened.waiting.delete(id);
        reject(new PluginError('TIMEOUT', `the host did not answer the callback ${name} within ${ANSWER_WAIT_MS} ms`));
      }, ANSWER_WAIT_MS);
      opened.waiting.set(id, { name, resolve, reject, timer });
      opened.stream.write({ id, name, args_json: JSON.stringify(args), depth });
    });
  };

  return {
    dispatchFor: (address) => peerOf(address).dispatch,
    attach(stream) {
      const address = stream.getPeer();
      const peer = peerOf(address);
      const opened: Opened = { stream, waiting: new Map(), closed: false };
      peer.opened = opened;
      for (const arrived of peer.arrivals) arrived();
      stream.on('data', (result: HostCallResult) => settle(opened.waiting, result));
      const ended = () => {
        opened.closed = true;
        failAll(opened.waiting, 'the host closed the HostCalls stream before it answered');
        if (peer.opened === opened) peers.delete(address);
      };
      stream.on('error', ended);
      stream.on('end', ended);
      stream.on('close', ended);
    },
  };
}

/** The connection's stream, once the host opens it, or HOST_ERROR after STREAM_WAIT_MS. */
function streamOf(peer: Peer, address: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const arrived = () => {
      clearTimeout(timer);
      peer.arrivals.delete(arrived);
      resolve(peer.opened!);
    };
    const timer = setTimeout(() => {
      peer.arrivals.delete(arrived);
      reject(new PluginError('HOST_ERROR', `the host at ${address} opened no HostCalls stream within ${STREAM_WAIT_MS} ms, so this callback cannot reach it`));
    }, STREAM_WAIT_MS);
    peer.arrivals.add(arrived);
  });
}

/** Settles the callback `result` answers; an answer that is not JSON fails that callback alone. */
function settle(waiting: Map<number, Waiter>, result: HostCallResult): void {
  const waiter = waiting.get(result.id);
  if (!waiter) return;
  waiting.delete(result.id);
  clearTimeout(waiter.timer);
  const text = result.ok ? result.value_json : result.error_json;
  let parsed: unknown;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    return waiter.reject(new PluginError('HOST_ERROR', `the host's answer to the callback ${waiter.name} is not JSON: ${text.slice(0, 80)}`));
  }
  if (result.ok) waiter.resolve(parsed);
  else waiter.reject(isSerializedError(parsed) ? PluginError.fromJSON(parsed) : new PluginError('HOST_ERROR', `the host's error for the callback ${waiter.name} is not a typed error`));
}

function failAll(waiting: Map<number, Waiter>, why: string): void {
  for (const waiter of waiting.values()) {
    clearTimeout(waiter.timer);
    waiter.reject(new PluginError('HOST_ERROR', why));
  }
  waiting.clear();
}

function forgetOneWithoutStream(peers: Map<string, Peer>): void {
  for (const [address, peer] of peers) {
    if (!peer.opened && peer.arrivals.size === 0) return void peers.delete(address);
  }
}
