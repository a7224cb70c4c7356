/**
 * Ends a plugin process, graceful before forced (go-plugin, vitest): ask it to
 * exit, close its stdin (the lifeline), wait a grace period, SIGTERM, wait,
 * SIGKILL. Idempotent: a second call waits for the first.
 */
import type { PluginProcess } from './spawn-plugin.js';

export interface StopTimings {
  /** How long the plugin gets to exit after being asked. */
  graceMs?: number;
  /** How long it gets after SIGTERM before SIGKILL. */
  termMs?: number;
}

export const DEFAULT_GRACE_MS = 1_000;
export const DEFAULT_TERM_MS = 1_000;

/** How the process ended: on its own after being asked, or by which signal. */
export type StopOutcome = 'already-exited' | 'exited' | 'SIGTERM' | 'SIGKILL';

const stopping = new WeakMap<PluginProcess, Promise<StopOutcome>>();

/**
 * `requestExit` asks over the plugin's own protocol (the contract's `exit`);
 * its failure is ignored, since the signals follow anyway.
 */
export function stopPlugin(plugin: PluginProcess, requestExit: () => Promise<unknown>, timings: StopTimings = {}): Promise<StopOutcome> {
  const existing = stopping.get(plugin);
  if (existing) return existing;
  const run = escalate(plugin, requestExit, timings);
  stopping.set(plugin, run);
  return run;
}

async function escalate(plugin: PluginProcess, requestExit: () => Promise<unknown>, timings: StopTimings): Promise<StopOutcome> {
  if (plugin.hasExited) return 'already-exited';
  const graceMs = timings.graceMs ?? DEFAULT_GRACE_MS;
  const termMs = timings.termMs ?? DEFAULT_TERM_MS;
  const gone = plugin.exited.then(() => true);
  const asked = Promise.resolve()
    .then(requestExit)
    .catch(() => {});
  // Wait for the answer to `exit` (bounded), then close the lifeline.
  if (await Promise.race([gone, asked.then(() => false), after(graceMs)])) return 'exited';
  plugin.stdin.end();
  if (await Promise.race([gone, after(graceMs)])) return 'exited';
  plugin.kill('SIGTERM');
  if (await Promise.race([gone, after(termMs)])) return 'SIGTERM';
  plugin.kill('SIGKILL');
  await plugin.exited;
  return 'SIGKILL';
}

function after(ms: number): Promise<false> {
  return new Promise((resolve) => setTimeout(() => resolve(false), ms).unref());
}
