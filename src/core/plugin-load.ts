/**
 * A plugin's load, as its ping / health answer reports it (the Python plugins do:
 * their threads cannot be interrupted). `stuck` counts calls the host already gave
 * up (deadline, cancel) that still run; at `stuckLimit` the plugin is degraded, its
 * health check fails, and a supervisor replaces it (RecoveryCause 'degraded').
 */
import { PluginError } from './errors.js';

export interface PluginLoad {
  /** Calls running in the plugin now. */
  busy: number;
  /** Of those, calls the host gave up that still run. */
  stuck: number;
  stuckLimit: number;
  degraded: boolean;
}

export function isPluginLoad(value: unknown): value is PluginLoad {
  if (typeof value !== 'object' || value === null) return false;
  const load = value as Record<string, unknown>;
  return Number.isInteger(load.busy) && Number.isInteger(load.stuck) && Number.isInteger(load.stuckLimit) && typeof load.degraded === 'boolean';
}

/**
 * The health detail for a ping's answer: a line with the load when the answer
 * carries one (nothing otherwise); throws when the plugin says it is degraded, with
 * the load as the error's `data.degraded` (the runner puts it in the HealthStatus).
 */
export function checkPluginLoad(answer: unknown): string | undefined {
  if (!isPluginLoad(answer)) return undefined;
  const line = `${answer.busy} calls running, ${answer.stuck} of them given up (degraded at ${answer.stuckLimit})`;
  if (answer.degraded) throw new PluginError('PLUGIN_ERROR', `plugin is degraded: ${line}`, { data: { degraded: answer } });
  return line;
}

/** The load a failed ping reported as degraded, if that is why it failed. */
export function degradedLoad(error: unknown): PluginLoad | undefined {
  const data = PluginError.is(error) ? (error.data as { degraded?: unknown } | undefined) : undefined;
  return isPluginLoad(data?.degraded) ? data.degraded : undefined;
}
