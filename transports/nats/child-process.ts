/**
 * The one place the nats target uses the shared process lifecycle of
 * transports/process (spawn with the stdin lifeline and parent-death signal,
 * stderr lines, exit, graceful-then-forced stop), for its plugin processes and
 * its nats-server alike; re-point these few lines when that helper changes.
 */
import { PluginError } from '../../src/core/errors.js';
import { readHandshake, type HandshakeResult } from '../process/read-handshake.js';
import { describeExit, spawnPlugin, type PluginProcess, type ProcessSpec } from '../process/spawn-plugin.js';
import { stopPlugin, type StopOutcome } from '../process/stop-plugin.js';

export type { PluginProcess, ProcessExit } from '../process/spawn-plugin.js';
export { describeExit } from '../process/spawn-plugin.js';
export { forwardStdout } from '../process/forward-stdout.js';

export interface ChildProcess {
  readonly process: PluginProcess;
  /** Asks (`requestExit`), closes stdin, SIGTERM, SIGKILL; idempotent. */
  stop(requestExit: () => Promise<unknown>): Promise<StopOutcome>;
}

/** Spawns `spec`; a command that cannot run is START_FAILED naming it, with `installHint`. */
export async function spawnChild(spec: ProcessSpec, installHint: string): Promise<ChildProcess> {
  const child = spawnPlugin(spec);
  if (child.pid === undefined) {
    const exit = await child.exited;
    throw new PluginError('START_FAILED', `${spec.name}: ${describeExit(exit, [])}; ${installHint}`, { data: { command: spec.command } });
  }
  return { process: child, stop: (requestExit) => stopPlugin(child, requestExit) };
}

/** Waits for the handshake line; on failure the process is killed before the error is thrown. */
export async function awaitHandshake(child: ChildProcess, protocol: string, timeoutMs: number, signal?: AbortSignal): Promise<HandshakeResult> {
  try {
    return await readHandshake(child.process, { protocol }, timeoutMs, signal);
  } catch (error) {
    await killNow(child.process);
    throw error;
  }
}

export async function killNow(child: PluginProcess): Promise<void> {
  if (child.hasExited) return;
  child.kill('SIGKILL');
  await child.exited;
}
