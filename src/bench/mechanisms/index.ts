/**
 * The registry of bare mechanisms, keyed by the `mechanism` a descriptor names.
 * Each entry says what it measures and imports its peer only when asked, so a
 * run of in-process never loads grpc-js, zeromq, QuickJS or wasmoon.
 */
import type { Mechanism } from '../../core/descriptor.js';
import type { BarePeer, PeerPlan, StartPeer } from './peer.js';

export interface MechanismKind {
  /** What the bare peer is, for the results file and the docs. */
  readonly library: string;
  /**
   * The mechanism is the channel itself: its peer is the floor's plus the plugin's
   * revert, so bare ≈ floor unless their threads ran on different CPUs
   * (docs/where-the-time-goes.md, "Thread placement").
   */
  readonly channelIsMechanism?: true;
  load(): Promise<{ start: StartPeer }>;
}

export const MECHANISMS: Readonly<Record<Mechanism, MechanismKind>> = {
  'async-call': { library: "an async function calling the plugin module's revert", load: () => import('./async-call.js') },
  'post-message': {
    library: "a bare worker_threads Worker calling the plugin's revert, over postMessage",
    channelIsMechanism: true,
    load: () => import('./post-message.js'),
  },
  'shared-memory': {
    library: "a bare worker_threads Worker calling the plugin's revert, the text crossing a SharedArrayBuffer (Atomics.wait there, Atomics.waitAsync here)",
    channelIsMechanism: true,
    load: () => import('./shared-memory.js'),
  },
  'jsonrpc-pipe': { library: 'bare vscode-jsonrpc client and server over a child process stdin/stdout', load: () => import('./jsonrpc-pipe.js') },
  'jsonrpc-tcp': { library: 'bare vscode-jsonrpc client and server over loopback TCP to a child process', load: () => import('./jsonrpc-tcp.js') },
  'grpc-js': {
    library: 'bare grpc-js client and server (same revert.proto), the server in a child process on 127.0.0.1, over the same mTLS as the target (its throwaway certificates both ways)',
    load: () => import('./grpc-js.js'),
  },
  'grpc-js-uds': {
    library: 'bare grpc-js client and server (same revert.proto), the server in a child process on a Unix socket in a private 0700 folder, over the same mTLS as the target',
    load: () => import('./grpc-js-uds.js'),
  },
  'go-plugin-grpc': {
    library: "bare grpc-js client calling the go-plugin binary's Reverter service directly: go-plugin's handshake line read, its Unix socket dialled, plaintext as the target (no AutoMTLS)",
    load: () => import('./go-plugin-grpc.js'),
  },
  zeromq: { library: 'bare zeromq DEALER to a ROUTER in a child process', load: () => import('./zeromq.js') },
  'jsonrpc-pipe-python': {
    library: 'bare vscode-jsonrpc client to a bare Python JSON-RPC server (standard library) over stdin/stdout',
    load: () => import('./jsonrpc-pipe-python.js'),
  },
  'grpc-python': {
    library: 'bare grpc-js client to a bare grpcio server in Python (same service), over the same mTLS as the target',
    load: () => import('./grpc-python.js'),
  },
  'zeromq-python': { library: 'bare zeromq DEALER to a bare pyzmq ROUTER in Python', load: () => import('./zeromq-python.js') },
  'vm-run': { library: "vm Script.runInContext calling the script's revert, with the time limit the target relies on", load: () => import('./vm-run.js') },
  'quickjs-call': { library: "QuickJS's callFunction (quickjs-emscripten) on the script's revert, with an interrupt handler", load: () => import('./quickjs-call.js') },
  'wasmoon-call': { library: "wasmoon's Lua C API: the chunk's revert called with lua_pcall", load: () => import('./wasmoon-call.js') },
  'wasm-export': { library: 'the AssemblyScript revert export called directly, the string copied in and out of linear memory', load: () => import('./wasm-export.js') },
  'napi-call': { library: "the N-API addon's revert function called directly", load: () => import('./napi-call.js') },
  'jsonrpc-unix': {
    library: 'bare vscode-jsonrpc client and server over a Unix socket in a private 0700 folder to a child process (no token preamble: the target sends it once per connection, not per call)',
    load: () => import('./jsonrpc-unix.js'),
  },
  'nats-request': {
    library: 'bare nats.js request() to a bare nats.js subscriber in a child process (queue group, an instance subject), the text as the body, through a nats-server started as the target starts it (loopback, token)',
    load: () => import('./nats-request.js'),
  },
  'net-rpc-tcp': {
    library: "a minimal JSON-RPC 1.0 client (one JSON line per call) over loopback TCP to the target's own Go net/rpc binary (token preamble once per connection, as the target sends it)",
    load: () => import('./net-rpc-tcp.js'),
  },
  'net-rpc-pipe': {
    library: "a minimal JSON-RPC 1.0 client (one JSON line per call) on the stdin/stdout of the target's own Go net/rpc binary",
    load: () => import('./net-rpc-pipe.js'),
  },
};

/** A bare this many times its floor, where the channel is the mechanism, most likely drew another CPU than its floor. */
export const PLACEMENT_SUSPECT_RATIO = 1.5;

/** Why a bare row is not a lower bound, when its figure says so; undefined when it looks right. */
export function placementWarning(mechanism: Mechanism, floorMedian: number | null | undefined, bareMedian: number | null | undefined): string | undefined {
  if (!MECHANISMS[mechanism].channelIsMechanism || !floorMedian || !bareMedian) return undefined;
  const ratio = bareMedian / floorMedian;
  if (ratio < PLACEMENT_SUSPECT_RATIO) return undefined;
  return `${ratio.toFixed(1)}× its floor, which runs the same code: its thread most likely ran on another CPU than the host's; pin the run to one CPU (taskset -c N) for a lower bound (docs/where-the-time-goes.md, "Thread placement")`;
}

/** The row name of a bare mechanism: `bare:grpc-js`. */
export function bareName(mechanism: Mechanism): string {
  return `bare:${mechanism}`;
}

/** Loads the mechanism's peer and starts it; stopping it a second time does nothing. */
export async function startBarePeer(mechanism: Mechanism, plan: PeerPlan): Promise<BarePeer> {
  const { start } = await MECHANISMS[mechanism].load();
  const peer = await start(plan);
  let stopping: Promise<void> | undefined;
  return { pid: peer.pid, call: peer.call, stop: () => (stopping ??= peer.stop()) };
}
