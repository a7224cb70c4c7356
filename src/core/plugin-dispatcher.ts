/**
 * The plugin side of a JavaScript plugin, shared by every container that runs
 * one (in-process, worker thread, child process): it routes a method name to the
 * module's function, hands it a HostClient, and offers fault injection.
 */
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

/** Fault methods: a switch outside the public contract, for tests and the benchmark. */
function faultMethods(faults: FaultActions): Record<string, (args: unknown[]) => unknown> {
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

export function createDispatcher(plugin: PluginModule, options: DispatcherOptions): Dispatch {
  const faults = options.faultInjection ? faultMethods(options.faults ?? {}) : {};
  return async (method, args, depth) => {
    if (Object.hasOwn(faults, method)) return faults[method]!(args);
    const fn = Object.hasOwn(plugin.methods, method) ? plugin.methods[method] : undefined;
    if (!fn) {
      throw new PluginError('METHOD_NOT_FOUND', `plugin has no method "${method}"`, { data: { method } });
    }
    const host = createHostClient(options.hostCall, depth);
    try {
      return await fn(...args, host);
    } catch (error) {
      throw toPluginError(error);
    }
  };
}

function createHostClient(hostCall: HostCaller, depth: number): HostClient {
  return {
    call: (name, ...args) => hostCall(name, args, depth),
    log: async (level, message) => {
      await hostCall('log', [level, message], depth);
    },
    getConfig: async (key) => {
      const value = await hostCall('getConfig', [key], depth);
      return typeof value === 'string' ? value : null;
    },
  };
}
