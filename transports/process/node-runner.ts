/**
 * The plugin side of a Node plugin process: refuses to run without the magic
 * cookie, loads the plugin module named by the host, exits when the host's
 * lifeline (stdin) closes, and builds the dispatcher with this container's faults.
 */
import { importPlugin } from '../../src/core/load-plugin.js';
import { createDirectDispatcher, createDispatcher, type Dispatch, type DirectDispatch, type HostCaller } from '../../src/core/plugin-dispatcher.js';
import type { PluginModule } from '../../src/core/plugin-module.js';
import { refuseUnlessStartedByHost } from './magic-cookie.js';
import { FAULT_INJECTION_ENV, PLUGIN_PATH_ENV } from './runner-env.js';

/** Exit code of `fault:crash`, so tests can tell it from other deaths. */
export const CRASH_EXIT_CODE = 70;

export interface NodeRunner {
  plugin: PluginModule;
  dispatch: Dispatch;
}

/** A loaded plugin, before its channel: a channel with many hosts builds a dispatcher per host. */
export interface NodePlugin {
  plugin: PluginModule;
  /** A dispatcher whose host calls and garbage go to one host. */
  dispatcherFor(hostCall: HostCaller, garbage: () => void): Dispatch;
  /** The same, answering a synchronous method with its value (no promise): for a runner that sends it at once. */
  directDispatcherFor(hostCall: HostCaller, garbage: () => void): DirectDispatch;
}

/** Checks the cookie and loads the plugin module the host names. */
export async function loadNodePlugin(): Promise<NodePlugin> {
  refuseUnlessStartedByHost();
  const pluginPath = process.env[PLUGIN_PATH_ENV];
  if (!pluginPath) {
    process.stderr.write(`${PLUGIN_PATH_ENV} is not set: the host must name the plugin module to load\n`);
    process.exit(2);
  }
  const plugin = await importOrExplain(pluginPath);
  const faultInjection = process.env[FAULT_INJECTION_ENV] === '1';
  const options = (hostCall: HostCaller, garbage: () => void) => ({ hostCall, faultInjection, faults: { crash: () => process.exit(CRASH_EXIT_CODE), garbage } });
  return {
    plugin,
    dispatcherFor: (hostCall, garbage) => createDispatcher(plugin, options(hostCall, garbage)),
    directDispatcherFor: (hostCall, garbage) => createDirectDispatcher(plugin, options(hostCall, garbage)),
  };
}

/**
 * Loads the plugin module, or exits 1 with one stderr line that names why: the host
 * quotes the plugin's last stderr lines, and an uncaught error's would be its stack
 * and "Node.js v20..." instead of the reason.
 */
async function importOrExplain(pluginPath: string): Promise<PluginModule> {
  try {
    return await importPlugin(pluginPath);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    process.stderr.write(`${typeof code === 'string' ? code : 'START_FAILED'}: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  }
}

/**
 * Starts a runner for one host: checks the cookie, loads the plugin, builds its
 * dispatcher. `garbage` writes non-protocol bytes onto this runner's channel.
 */
export async function startNodeRunner(hostCall: HostCaller, garbage: () => void): Promise<NodeRunner> {
  const { plugin, dispatcherFor } = await loadNodePlugin();
  return { plugin, dispatch: dispatcherFor(hostCall, garbage) };
}

/** Exits when the host closes our stdin, which also happens when the host dies (even by SIGKILL). */
export function exitWhenStdinCloses(): void {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
