/**
 * The one interface every transport implements. A transport knows how to start,
 * call, health-check and stop a plugin, and nothing about benchmarks.
 */
import type { HangBehaviour, TargetDescriptor } from './descriptor.js';
import type { PluginLoad } from './plugin-load.js';
import type { HostFunctions } from './host-api.js';

export type Family = 'in-process' | 'thread' | 'process' | 'embedded';

/**
 * The channel a call crosses; the benchmark measures each channel's raw floor
 * (a plain function call, a MessagePort, shared memory, a pipe, TCP, a Unix socket, ZeroMQ) beside the targets.
 */
export type Channel = 'function' | 'message-port' | 'shared-memory' | 'pipe' | 'tcp' | 'unix' | 'zeromq';

export type Availability = { available: true } | { available: false; reason: string };

/** What a target can and cannot do; `list` shows it and `bench` trusts it. */
export interface Capabilities {
  /** What becomes of a call that never returns once the host gives it up (HANG_BEHAVIOURS says which leave a usable plugin). */
  hang: HangBehaviour;
  /** A crash of the plugin cannot take the host down. */
  crashIsolated: boolean;
  /** The plugin can call host functions while it serves a call. */
  callbacks: boolean;
  /**
   * Sandbox protections the target offers (e.g. "resourceLimits", "permission-model").
   * "sandbox" means the target honours StartOptions.sandbox; "signature-check" is
   * added to every target the catalog loads.
   */
  protections: string[];
}

export interface CallOptions {
  /** Reject with TIMEOUT after this many milliseconds. */
  timeoutMs?: number;
  /** Reject with CANCELLED when aborted. */
  signal?: AbortSignal;
  /**
   * The depth of the host function this call is made from (its HostCallContext.depth),
   * for a call made after the host function's first `await`; before it, the depth is inherited.
   */
  depth?: number;
}

/** Events a handle reports while it starts and runs, for narration and logs. */
export type PluginEvent =
  | { type: 'step'; name: string; ms: number; detail?: string }
  | { type: 'stderr'; line: string }
  | { type: 'log'; level: string; message: string };

export interface StartOptions {
  /** Plugin file or folder to run instead of the target's sample plugin. */
  pluginPath?: string;
  /** Functions the plugin may call back into. */
  hostFunctions?: HostFunctions;
  /** Give up starting after this long (START_FAILED). Default 10 s. */
  startTimeoutMs?: number;
  /** Default deadline for calls that do not set their own. */
  callTimeoutMs?: number;
  /** Expose the fault-injection methods (fault:crash, fault:hang, ...); tests and bench only. */
  faultInjection?: boolean;
  /**
   * Connect to a plugin already serving at this endpoint (`tcp://HOST:PORT`)
   * instead of starting one; only the mq targets use it, the others ignore it.
   * Stopping such a handle disconnects and leaves the plugin running.
   */
  endpoint?: string;
  /**
   * With `endpoint`: the secret the plugin there was started with
   * (PLUGBENCH_PLUGIN_SECRET, 64 hex digits); without it, PLUGBENCH_CONNECT_SECRET
   * is read. Only a host that holds it completes the channel's handshake (docs/security.md).
   */
  secret?: string;
  /**
   * The message broker a broker target (nats) serves its plugin through, instead
   * of one it starts for itself; the others ignore it. With `endpoint` too, the
   * handle only connects to the service already served there.
   */
  broker?: BrokerOptions;
  /** Aborts a start in progress. */
  signal?: AbortSignal;
  /** Receives lifecycle steps and plugin output. */
  onEvent?: (event: PluginEvent) => void;
  /**
   * Refuse (INTEGRITY_FAILED) unless the plugin's folder matches a manifest signed
   * by this Ed25519 key; checked before any plugin code is loaded (src/core/integrity).
   */
  requireSigned?: RequireSigned;
  /**
   * Run the plugin in the sandbox the target offers (capabilities.protections
   * lists "sandbox"); a target without one refuses with UNAVAILABLE, never runs unsandboxed.
   */
  sandbox?: boolean;
}

export interface BrokerOptions {
  /** `nats://HOST:PORT`, several comma-separated for a cluster; `nats://USER:PASS@...` or `nats://TOKEN@...` carry credentials. */
  url: string;
  /** A NATS credentials file (JWT and NKey seed). */
  credsFile?: string;
}

export interface RequireSigned {
  /** The public key: PEM text, or the path of a PEM file (from `plugbench keygen`). */
  publicKey: string;
}

export interface StartupStep {
  name: string;
  ms: number;
  detail?: string;
}

/** `degraded`: the plugin answered, but says it is degraded (its load, plugin-load.ts). */
export type HealthStatus = { ok: true; latencyMs: number; detail?: string } | { ok: false; latencyMs: number; detail: string; degraded?: PluginLoad };

/** Why a handle ended. */
export type ExitInfo =
  | { reason: 'stopped' }
  | { reason: 'crashed'; exitCode?: number | null; signal?: string | null; message: string };

/**
 * A running plugin. Disposing it (`await using`) stops it, and stopping closes
 * the underlying channel, process or worker. `stop()` is idempotent.
 */
export interface PluginHandle extends AsyncDisposable {
  readonly target: string;
  /** Steps the start took (spawn, handshake, connect...), in order. */
  readonly startupSteps: readonly StartupStep[];
  /** OS process id of the plugin, for process targets. */
  readonly pid?: number | undefined;
  /** Where another host can reach this plugin with `--connect` (`tcp://HOST:PORT`), for connectable targets. */
  readonly endpoint?: string | undefined;
  /** The secret a host connecting to `endpoint` must give (`StartOptions.secret`, PLUGBENCH_CONNECT_SECRET); only the host that started the plugin knows it. */
  readonly secret?: string | undefined;
  /** Settles when the plugin ends: stopped by the host, or crashed. */
  readonly exited: Promise<ExitInfo>;
  call<R = unknown>(method: string, args: unknown[], options?: CallOptions): Promise<R>;
  /** A cheap round trip; unhealthy when it does not answer within `timeoutMs` (default 2 s). */
  health(options?: { timeoutMs?: number }): Promise<HealthStatus>;
  stop(): Promise<void>;
}

/** A transport bound to the sample plugin it runs: what the registry names. */
export interface Target {
  /** Every fact about the target, as declared once in transports/<name>/descriptor.ts. */
  readonly descriptor: TargetDescriptor;
  readonly name: string;
  readonly family: Family;
  readonly channel: Channel;
  readonly description: string;
  readonly capabilities: Capabilities;
  availability(): Promise<Availability>;
  /**
   * The folder holding the plugin code this target would run with `options`
   * (its sample by default): what signing covers and what the sandbox lets the
   * plugin read.
   */
  pluginDir(options?: StartOptions): string;
  start(options?: StartOptions): Promise<PluginHandle>;
}
