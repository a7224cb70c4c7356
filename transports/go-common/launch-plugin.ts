/**
 * The one place the Go targets use the shared process lifecycle
 * (transports/process): spawn with the lifeline and the parent-death signal,
 * read the handshake within the open deadline, report the exit to the runner,
 * and stop graceful before forced. Kept to these few functions so it can be
 * pointed at a composable process helper without touching the connections.
 */
import type { ClosedInfo, OpenRequest } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import type { HandshakeExpectation } from '../process/handshake.js';
import { readHandshake, type HandshakeResult } from '../process/read-handshake.js';
import { describeExit, spawnPlugin, type PluginProcess, type ProcessSpec } from '../process/spawn-plugin.js';
import { stopPlugin } from '../process/stop-plugin.js';

export type LaunchSpec = Omit<ProcessSpec, 'name'>;

export interface LaunchedPlugin {
  readonly process: PluginProcess;
  readonly handshake: HandshakeResult;
  /** The channel broke (EOF, reset): waits for the exit that explains it, else PROTOCOL_ERROR and kill. */
  channelLost(why: string): void;
  /**
   * A call failed because the channel dropped: waits (bounded) until the process
   * exit has rejected every call with CRASHED and its exit code, then rethrows.
   */
  afterChannelLoss(why: string): Promise<void>;
  /** The channel carried something that is not the protocol: PROTOCOL_ERROR, and the process is killed. */
  protocolError(why: string): void;
  /** Graceful before forced: `requestExit`, close the lifeline, SIGTERM, SIGKILL. */
  stop(requestExit: () => Promise<unknown>): Promise<void>;
  /** Ends a start that failed after the handshake. */
  kill(): Promise<void>;
}

/** How long a dropped channel waits for the process exit that explains it. */
const CHANNEL_LOST_WAIT_MS = 1_000;

export async function launchPlugin(request: OpenRequest, spec: LaunchSpec, expected: HandshakeExpectation): Promise<LaunchedPlugin> {
  const { host } = request;
  const spawned = performance.now();
  const plugin = spawnPlugin({ onStderrLine: (line) => host.event({ type: 'stderr', line }), ...spec, name: host.target });
  if (plugin.pid === undefined) {
    const exit = await plugin.exited;
    throw new PluginError('START_FAILED', `${host.target}: ${describeExit(exit, [])}; is "${spec.command}" built and executable?`, { data: { command: spec.command } });
  }
  host.event({ type: 'step', name: 'spawn', ms: performance.now() - spawned, detail: `pid ${plugin.pid}: ${plugin.commandLine}` });
  const kill = async () => {
    if (!plugin.hasExited) plugin.kill('SIGKILL');
    await plugin.exited;
  };
  let handshake: HandshakeResult;
  try {
    handshake = await readHandshake(plugin, expected, Math.max(1, request.deadline - performance.now()), request.signal);
  } catch (error) {
    await kill();
    throw error;
  }
  host.event({ type: 'step', name: 'handshake', ms: performance.now() - spawned, detail: handshake.line });
  let stopping = false;
  // After stop() the exit is the one asked for, not news for the runner.
  const closed = (info: ClosedInfo) => stopping || host.closed(info);
  void plugin.ended.then((exit) => closed({ code: 'CRASHED', message: describeExit(exit, plugin.stderrTail()), exitCode: exit.exitCode, signal: exit.signal }));
  const channelLost = (why: string) => {
    const timer = setTimeout(() => protocolError(`${why}, but the plugin process did not exit`), CHANNEL_LOST_WAIT_MS);
    void plugin.exited.then(() => clearTimeout(timer));
  };
  const protocolError = (why: string) => {
    closed({ code: 'PROTOCOL_ERROR', message: `protocol error: ${why}` });
    void kill();
  };
  return {
    process: plugin,
    handshake,
    channelLost,
    afterChannelLoss: async (why) => {
      channelLost(why);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([plugin.ended, new Promise((resolve) => (timer = setTimeout(resolve, CHANNEL_LOST_WAIT_MS)))]).finally(() => clearTimeout(timer));
    },
    protocolError,
    stop: async (requestExit) => {
      stopping = true;
      const began = performance.now();
      const outcome = await stopPlugin(plugin, requestExit);
      host.event({ type: 'step', name: 'exit', ms: performance.now() - began, detail: `${outcome}; ${describeExit(await plugin.exited, [])}` });
    },
    kill,
  };
}
