/**
 * The nats-server process on the shared process pieces of transports/process
 * (spawn with the stdin lifeline and parent-death signal, stderr lines, exit,
 * graceful-then-forced stop). Not `startPluginProcess`: a server prints no
 * handshake line, it says it is ready in its log (nats-server.ts reads it).
 */
import { PluginError } from '../../src/core/errors.js';
import { describeExit, spawnPlugin, type PluginProcess, type ProcessSpec } from '../process/spawn-plugin.js';
import { stopPlugin, type StopOutcome } from '../process/stop-plugin.js';

export type { PluginProcess, ProcessExit } from '../process/spawn-plugin.js';
export { describeExit } from '../process/spawn-plugin.js';

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
