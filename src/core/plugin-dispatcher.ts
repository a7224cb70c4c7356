/**
 * The plugin side of a JavaScript plugin, shared by every container that runs
 * one (in-process, worker thread, child process): it routes a method name to the
 * module's function, hands it a HostClient, and offers fault injection.
 */
import type { FaultMethod } from './contract.js';
import { PluginError, toPluginError } from './errors.js';
import type { HostClient, PluginModule } from './plugin-module.js';

/** Sends a plugin->host call over whatever channel the container has. */
export type HostCaller = (name: string, args: unknown[], depth: number) => Promise<unknown>;

/** How the container carries out faults that only it can cause. */
export interface FaultActions {
  /** Dies the way this container dies (process.exit in a worker or child). */
  crash?: () => void;
  /** Writes bytes that are not the protocol onto the channel. */
  garbage?: () => void;
}

export interface DispatcherOptions {
  hostCall: HostCaller;
  /** Expose `fault:*` methods; off unless the host asked for fault injection. */
  faultInjection?: boolean;
  faults?: FaultActions;
}

export type Dispatch = (method: string, args: unknown[], depth: number) => Promise<unknown>;

/** Fault methods (the contract's FAULT_METHODS): a switch outside the public contract, for tests and the benchmark. */
function faultMethods(faults: FaultActions): Record<FaultMethod, (args: unknown[]) => unknown> {
  return {
    'fault:crash': () => {
      if (!faults.crash) throw new PluginError('PLUGIN_ERROR', 'this container cannot crash on request');
      faults.crash();
      return new Promise(() => {});
    },
    'fault:garbage': () => {
      if (!faults.garbage) throw new PluginError('PLUGIN_ERROR', 'this container has no channel to corrupt');
      faults.garbage();
      return new Promise(() => {});
    },
    /** A synchronous endless loop: only an engine that can interrupt code survives it. */
    'fault:hang': () => {
      for (;;) {
        // spin
      }
    },
    /** A call that never settles, without blocking the thread. */
    'fault:stall': () => new Promise(() => {}),
    'fault:throw': ([message]) => {
      throw new Error(typeof message === 'string' ? message : 'fault injected by request');
    },
    /** Sleeps, then answers; lets tests keep calls in flight. */
    'fault:sleep': ([ms]) => new Promise((resolve) => setTimeout(() => resolve('slept'), Number(ms) || 0)),
  };
}

/** A dispatch that answers a synchronous method with its value (no promise); a thrown error is a failed call. */
export type DirectDispatch = (method: string, args: unknown[], depth: number) => unknown;

/**
 * Routes calls to the module's functions. Built once per plugin: the method
 * table is a Map (no inherited names), and a call allocates nothing of its own
 * (one host client per call depth is kept). A synchronous method's value comes
 * back as it is, so an in-process call costs no promise of plugbench's own.
 */
export function createDirectDispatcher(plugin: PluginModule, options: DispatcherOptions): DirectDispatch {
  const table = new Map<string, (...args: any[]) => unknown>(Object.entries(plugin.methods));
  if (options.faultInjection) for (const [name, fn] of Object.entries(faultMethods(options.faults ?? {}))) table.set(name, fn);
  const faultNames = options.faultInjection ? new Set(Object.keys(faultMethods({}))) : undefined;
  // A host client holds only the call's depth, so one per depth serves every call.
  const hosts: Host[] = [];
  const hostAt = (depth: number) => (hosts[depth] ??= new Host(options.hostCall, depth));
  return (method, args, depth) => {
    const fn = table.get(method);
    if (!fn) throw new PluginError('METHOD_NOT_FOUND', `plugin has no method "${method}"`, { data: { method } });
    let result: unknown;
    try {
      result = faultNames?.has(method) ? fn(args) : args.length === 1 ? fn(args[0], hostAt(depth)) : fn(...args, hostAt(depth));
    } catch (error) {
      throw toPluginError(error);
    }
    return result instanceof Promise ? result.catch(rethrowTyped) : result;
  };
}

/** The same routing, always answering with a promise: for runners that send the answer over a channel. */
export function createDispatcher(plugin: PluginModule, options: DispatcherOptions): Dispatch {
  const direct = createDirectDispatcher(plugin, options);
  return (method, args, depth) => {
    try {
      return Promise.resolve(direct(method, args, depth));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function rethrowTyped(error: unknown): never {
  throw toPluginError(error);
}
/** The HostClient a plugin method receives: calls back into the host at the call's depth. */
class Host implements HostClient {
  constructor(
    private readonly hostCall: HostCaller,
    private readonly depth: number,
  ) {}

  call(name: string, ...args: unknown[]): Promise<unknown> {
    return this.hostCall(name, args, this.depth);
  }

  async log(level: 'debug' | 'info' | 'warn' | 'error', message: string): Promise<void> {
    await this.hostCall('log', [level, message], this.depth);
  }

  async getConfig(key: string): Promise<string | null> {
    const value = await this.hostCall('getConfig', [key], this.depth);
    return typeof value === 'string' ? value : null;
  }
}
