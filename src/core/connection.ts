/**
 * What a transport supplies: a small connection to one plugin. The core runner
 * (runner.ts) owns everything else: argument checks, call depth, deadlines,
 * cancellation, pending calls, crash -> reject all, idempotent stop, events.
 * A connection opens, sends one call, pings, closes, and says when it closed.
 * Modelled on vitest's pool workers under one PoolRunner.
 */
import type { PluginError } from './errors.js';
import type { PluginEvent, StartOptions } from './transport.js';

/** How a channel ended on its own. `code` is what every pending call rejects with. */
export interface ClosedInfo {
  code: 'CRASHED' | 'PROTOCOL_ERROR';
  message: string;
  exitCode?: number | null;
  signal?: string | null;
}

/** What the runner lends a connection for its whole life. */
export interface ConnectionHost {
  /** The target's name, for messages. */
  readonly target: string;
  /** Runs a plugin -> host call at `depth` (the depth of the call it was made from). */
  hostCall(name: string, args: unknown[], depth: number): Promise<unknown>;
  /**
   * The channel ended without the runner asking (the plugin died, the stream broke,
   * the peer spoke something that is not the protocol). Idempotent; after close() it is ignored.
   */
  closed(info: ClosedInfo): void;
  /** A startup step, a stderr line or a log line, for narration. */
  event(event: PluginEvent): void;
  /**
   * True while the plugin's last health check failed without a degraded answer (a hung
   * plugin: a supervisor replaces it next). Its close need not wait for it to answer `exit`.
   * A function, not a field, so a transport's copy of the host (`{ ...host }`) stays live.
   */
  unresponsive?(): boolean;
}

/** What `open` gets: the start options, the start deadline and signal, and the host. */
export interface OpenRequest {
  readonly options: StartOptions;
  /** `performance.now()` by which the connection must be open; past it, give up with START_FAILED. */
  readonly deadline: number;
  /** Aborted when the caller gives up the start; kill whatever was started. */
  readonly signal?: AbortSignal;
  readonly host: ConnectionHost;
}

/**
 * One call as the connection sees it. Built once per call by the runner; reading
 * `signal` creates it, so a connection that does not use it costs nothing.
 */
export interface CallContext {
  /** Depth of this call in a host -> plugin -> host chain; send it with the call. */
  readonly depth: number;
  /** Milliseconds the call has left when it is sent (undefined: no deadline). Engines enforce it themselves. */
  readonly timeoutMs: number | undefined;
  /**
   * Aborted only when the runner gives the call up (deadline, cancel, stop, crash),
   * never on success; its reason is the PluginError the caller got. A connection
   * tells the plugin to stop the work (cancel request, interrupt, terminate).
   */
  readonly signal: AbortSignal;
  /**
   * Runs `listener` once, with the caller's PluginError, if the call fails before the
   * connection's send settled it (the runner gave it up: deadline, cancel, stop, crash).
   * The cheap way to tell the plugin: no AbortController (reading `signal` builds one,
   * ~3.5 µs on Node 20; scripts/measure-give-up-listener.mjs). One listener per call; a
   * later one replaces it. It may also run after the connection's own rejection: ignore
   * it for a request already settled.
   *
   * Every connection does the same on give-up: it settles that send with CANCELLED,
   * so nothing is left waiting on the channel, tells the plugin if its protocol can
   * (`$/cancelRequest`, a gRPC cancel, the message protocol's `cancel`), and ignores
   * the answer that may still come. Protocols with no cancel (net/rpc, NATS
   * request/reply) only drop the call (test/transports/process/cancel.test.ts).
   */
  onGiveUp(listener: (reason: PluginError) => void): void;
}

/**
 * A call the connection may settle itself when its answer comes (the runner's
 * PendingCall is one): its `send` then returns SETTLES_ITSELF instead of a
 * promise, so no promise of the channel's own stands between the answer and the caller.
 */
export interface SettlingCall extends CallContext {
  fulfil(value: unknown): void;
  fail(error: PluginError): void;
}

/** What `send` returns when it will settle the call itself, through `fulfil` or `fail` (SettlingCall). */
export const SETTLES_ITSELF: unique symbol = Symbol('settles itself');

/** True for a call the connection may settle itself. */
export function canSettle(call: CallContext): call is SettlingCall {
  return typeof (call as Partial<SettlingCall>).fulfil === 'function';
}

export interface Connection {
  /** OS process id of the plugin, for process targets. */
  readonly pid?: number;
  /** Where another host can reach this plugin (`tcp://HOST:PORT`), for connectable targets. */
  readonly endpoint?: string;
  /** The secret another host needs to connect there (StartOptions.secret), for connectable targets. */
  readonly secret?: string;
  /**
   * Sends one call; resolves with the plugin's result or rejects with a PluginError.
   * A call that completed synchronously (an in-process function) may return its
   * value directly, or throw; the runner then settles it without a promise of its own.
   * A connection that settles a SettlingCall itself returns SETTLES_ITSELF.
   */
  send(method: string, args: unknown[], call: CallContext): unknown;
  /**
   * A cheap round trip proving the plugin answers; the runner bounds it by `timeoutMs`.
   * It may resolve with a line the health check shows as its detail (e.g. wasm's copy cost).
   */
  ping(timeoutMs: number): Promise<string | void>;
  /**
   * Ends the plugin, graceful before forced (ask it to exit, wait, then kill),
   * and releases the channel. Called once, also after `host.closed`.
   */
  close(): Promise<void>;
}

/** What a transport module exports: how to open a connection. */
export type OpenConnection = (request: OpenRequest) => Promise<Connection>;

/** An error a connection reports for a call the plugin answered with an error. */
export type CallFailure = PluginError;
