/**
 * What `StartOptions.sandbox` turns on where the platform offers it: a small
 * V8 heap (an unbounded allocation kills the plugin, not the host) and an
 * environment without the host's secrets.
 */
import type { ResourceLimits } from 'node:worker_threads';

/** Heap a sandboxed plugin gets: plenty for a plugin, far below what hurts the host. */
export const SANDBOX_HEAP_MB = 64;

/** `resourceLimits` for a sandboxed worker. */
export const SANDBOX_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: SANDBOX_HEAP_MB,
  maxYoungGenerationSizeMb: 16,
  stackSizeMb: 4,
};

/** Variables a sandboxed plugin still sees: none that carry secrets. */
const KEPT_VARIABLES = ['PATH', 'LANG', 'TZ', 'SYSTEMROOT'] as const;

/**
 * The environment for a sandboxed plugin: only the harmless variables of `env`.
 * (With execa pass `extendEnv: false`, or it merges the host's env back in.)
 */
export function sandboxEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_VARIABLES) {
    const value = env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
