/**
 * How the host tells a plugin process what to run: environment variables, so
 * runners in any language (Node, Python) read them the same way.
 */
import path from 'node:path';
import type { StartOptions } from '../../src/core/transport.js';

/** Path of the plugin module a Node runner loads. */
export const PLUGIN_PATH_ENV = 'PLUGBENCH_PLUGIN_PATH';
/** `1` exposes the fault-injection methods (fault:crash, fault:hang...). */
export const FAULT_INJECTION_ENV = 'PLUGBENCH_FAULT_INJECTION';

/** Host side: the environment for a plugin runner started with `options`. */
export function runnerEnv(options: StartOptions, defaultPluginPath?: string): Record<string, string> {
  const env: Record<string, string> = { [FAULT_INJECTION_ENV]: options.faultInjection ? '1' : '0' };
  const pluginPath = options.pluginPath ?? defaultPluginPath;
  if (pluginPath) env[PLUGIN_PATH_ENV] = path.resolve(pluginPath);
  return env;
}
