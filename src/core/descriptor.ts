/**
 * One descriptor per target: every fact about it, declared once. The catalog,
 * `list`, demo, health, audit, bench, the tests and the README's generated tables
 * read it; nothing else may restate a target's facts. A descriptor module imports
 * nothing heavy: `load()` brings the transport's code only when it is used.
 */
import type { OpenConnection } from './connection.js';
import type { Availability, Capabilities, Channel, Family } from './transport.js';

/** The kinds of plugin file `--plugin` can name; a target lists the kinds it runs. */
export type PluginKind =
  /** A JavaScript or TypeScript ES module exporting the contract's functions (.mjs, .js, .ts). */
  | 'js-module'
  /** A script that defines the contract's functions as globals, for embedded JS engines (.js). */
  | 'js-script'
  /** A Python file defining METHODS (.py). */
  | 'python'
  /** A Lua chunk returning a table of methods (.lua). */
  | 'lua'
  /** A WebAssembly module with plugbench's string ABI (.wasm). */
  | 'wasm'
  /** A Node-API addon (.node). */
  | 'native-addon'
  /** A Go plugin binary (executable). */
  | 'go-binary';

export type PluginLanguage = 'typescript' | 'javascript' | 'python' | 'lua' | 'assemblyscript' | 'c' | 'go';

/** What a plugin author writes for this target: the effort suite counts it. */
export interface EffortFacts {
  /** Files the plugin author writes, under sample-plugins/. */
  files: readonly string[];
  /** Runtime files shipped beside the plugin (protocol runner, SDK): someone wrote them once. */
  support?: readonly string[];
  /** Schema files the plugin and host must share (.proto, ...). */
  schema?: readonly string[];
  /**
   * Code a tool generates from the schema (protoc's *_pb2.py), committed beside the
   * plugin. Nobody writes it, so its lines count nowhere; running the generator is a build step.
   */
  generated?: readonly string[];
  /** Build steps; default: one per compiled file kind (tsc for .ts, ...). */
  buildSteps?: readonly string[];
}

export interface PluginFacts {
  language: PluginLanguage;
  /**
   * The plugin file (relative to the package root) the target runs by default;
   * its folder is what signing covers and what the sandbox lets it read. Built
   * output lives under dist/, so a TypeScript sample names its compiled .js.
   */
  sampleFile: string;
  /** What `--plugin` accepts; empty: the plugin is compiled into the host. */
  accepts: readonly PluginKind[];
}

/**
 * The bare mechanism a target is built on, measured in the same run with no
 * plugbench code in the path ("where the time goes"): an async call, a bare
 * postMessage, bare vscode-jsonrpc, bare grpc-js (over TCP or a Unix socket, with
 * the target's mTLS; or to the go-plugin binary's own service), bare zeromq, a bare engine call.
 * The `-python` ones pair the same bare Node client with a bare Python server
 * (standard library JSON-RPC, grpcio, pyzmq) that calls the Python sample plugin.
 * Each has one peer in src/bench/mechanisms/.
 */
export type Mechanism =
  | 'async-call'
  | 'post-message'
  | 'shared-memory'
  | 'jsonrpc-pipe'
  | 'jsonrpc-tcp'
  | 'grpc-js'
  | 'grpc-js-uds'
  | 'go-plugin-grpc'
  | 'zeromq'
  | 'jsonrpc-pipe-python'
  | 'grpc-python'
  | 'zeromq-python'
  | 'vm-run'
  | 'quickjs-call'
  | 'wasmoon-call'
  | 'wasm-export'
  | 'napi-call'
  | 'jsonrpc-unix'
  | 'nats-request'
  | 'net-rpc-tcp'
  | 'net-rpc-pipe';

/**
 * What becomes of a call that never returns (a synchronous endless loop) once the
 * host gives it up with TIMEOUT. Every kind but `blocks-host` leaves a usable plugin.
 */
export type HangBehaviour =
  /** The engine stops the loop at the deadline; the same instance serves the next call (vm, QuickJS, Lua). */
  | 'interrupted'
  /** The thread running the loop is terminated and a fresh one takes its place (worker). */
  | 'terminated-and-replaced'
  /** A single-threaded plugin process stops answering; the supervisor sees its health check fail, kills it and starts another. */
  | 'killed-and-restarted'
  /** The loop keeps spinning on one of the plugin's threads (or goroutines) while the others keep answering; stop() ends it. */
  | 'thread-left-running'
  /** The loop runs on the host's own thread and nothing can interrupt it: the host hangs, so the bench never hangs such a target. */
  | 'blocks-host';

/** One line per hang behaviour, for `list`, the README's table, the hang suite and the audit. */
export const HANG_BEHAVIOURS: Readonly<Record<HangBehaviour, { recoverable: boolean; summary: string }>> = {
  interrupted: { recoverable: true, summary: 'the engine interrupts the loop at the deadline and keeps serving' },
  'terminated-and-replaced': { recoverable: true, summary: 'the thread is terminated and a fresh one replaces it' },
  'killed-and-restarted': { recoverable: true, summary: 'the process stops answering; the supervisor kills and restarts it' },
  'thread-left-running': { recoverable: true, summary: "the call's thread keeps spinning; the plugin keeps answering until stopped" },
  'blocks-host': { recoverable: false, summary: "the loop runs on the host's thread and nothing can interrupt it" },
};

/**
 * What becomes of bytes a plugin writes that are not the protocol (`fault:garbage`
 * writes a line of them on its channel, or on its stdout where the channel is a
 * library's): it depends on whether plugbench frames the channel itself.
 */
export type GarbageBehaviour =
  /** Stdout or a raw socket framed by plugbench is the channel: the bytes cannot be framed, every pending call fails with PROTOCOL_ERROR and the plugin is ended. */
  | 'breaks-channel'
  /** The channel is not stdout (gRPC, NATS): the bytes reach the host's log as plugin output, that call never answers, the plugin keeps serving. */
  | 'logged-as-output'
  /** No channel of its own to corrupt (in the host, in a worker, in an engine): the fault is refused with PLUGIN_ERROR. */
  | 'refused';

/** One line per garbage behaviour, for the README's table. */
export const GARBAGE_BEHAVIOURS: Readonly<Record<GarbageBehaviour, string>> = {
  'breaks-channel': 'the channel cannot be framed: pending calls fail with PROTOCOL_ERROR, the plugin is ended',
  'logged-as-output': 'it reaches the log as plugin output; the plugin keeps serving',
  refused: 'no channel of its own to corrupt; the fault is refused',
};

/** The typed capabilities of a target; `list` shows them and `bench` trusts them. */
export interface TargetCapabilities extends Capabilities {
  /** `--connect tcp://HOST:PORT` reaches a plugin that is already serving. */
  connectable: boolean;
  /** What non-protocol bytes from the plugin do (GARBAGE_BEHAVIOURS). */
  garbage: GarbageBehaviour;
}

/** What `load()` brings: the transport's connection, and anything the target adds. */
export interface TransportModule {
  open: OpenConnection;
  /** A target whose plugin is compiled into the host links another loaded module with this (the audit's probe). */
  openModule?(namespace: unknown, source: string): OpenConnection;
  /** A target served through a message broker (nats): starts a private one, for `plugbench serve` and the scale suite. */
  broker?: BrokerSupport;
}

/** What a broker target adds: several instances started with `StartOptions.broker` share one service there. */
export interface BrokerSupport {
  /** Starts a broker on loopback (random port) that only this host uses; stopping it ends it. */
  startBroker(signal?: AbortSignal): Promise<RunningBroker>;
}

export interface RunningBroker {
  /** Where instances and clients connect (`StartOptions.broker.url`, or `endpoint` for a client). */
  readonly url: string;
  readonly pid?: number;
  stop(): Promise<void>;
}

export interface TargetDescriptor {
  readonly name: string;
  readonly family: Family;
  readonly channel: Channel;
  /** One line: what the plugin is and what it speaks. */
  readonly description: string;
  readonly capabilities: TargetCapabilities;
  readonly plugin: PluginFacts;
  readonly effort: EffortFacts;
  /** The bare mechanism measured beside it; none where nothing bare exists. */
  readonly mechanism?: Mechanism;
  /**
   * Can it run here? Cheap, and may import only a small probe (find python3, check
   * a build output). Unavailable answers carry the command that fixes it. Default: available.
   */
  availability?(): Promise<Availability>;
  /** Imports the transport's code. */
  load(): Promise<TransportModule>;
}

/** Identity function that type-checks a descriptor literal. */
export function defineTarget(descriptor: TargetDescriptor): TargetDescriptor {
  return descriptor;
}
