/**
 * The lifecycle of a plugin in its own process, as a helper every process
 * connection composes (stdio, TCP, ZeroMQ; any language): spawn with the stdin
 * lifeline and the parent-death signal, read the handshake by the open request's
 * deadline, forward stderr, report the exit to the runner, stop graceful before
 * forced. Whatever fails after the spawn kills the process before it throws: no orphan.
 */
import type { Connection, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import type { HandshakeExpectation } from './handshake.js';
import { forwardStdout } from './forward-stdout.js';
import type { RunnerSpec, SpecFor } from './node-runner-spec.js';
import { readHandshake, type HandshakeResult } from './read-handshake.js';
import { describeExit, spawnPlugin, type PluginProcess, type ProcessExit } from './spawn-plugin.js';
import { stopPlugin, type StopOutcome, type StopTimings } from './stop-plugin.js';

export interface RunningPlugin {
  readonly pid: number;
  /** The process, for a channel on its stdin/stdout. */
  readonly process: PluginProcess;
  readonly handshake: HandshakeResult;
  /** Settles once, when the process is gone. */
  readonly exited: Promise<ProcessExit>;
  /** Stdout is not the channel: what the plugin prints there is forwarded as log lines. */
  forwardStdout(): void;
  /** Fails `work` (a connect step) with START_FAILED if the process ends first. */
  whileAlive<T>(work: Promise<T>, what: string): Promise<T>;
  /** The channel carried something that is not the protocol: PROTOCOL_ERROR, and the process is killed. */
  protocolError(why: string): void;
  /**
   * The channel ended or failed (EOF, EPIPE, ECONNRESET): almost always the process
   * dying, whose exit then reports CRASHED with its exit code. A process still alive
   * without its channel after CHANNEL_LOST_WAIT_MS is broken: PROTOCOL_ERROR, killed. Idempotent.
   */
  channelLost(why: string): void;
  /**
   * For a call that failed because the channel dropped: waits (bounded) for the exit
   * that rejects every call with CRASHED and the exit code, then rethrows `error`,
   * which reaches only a caller the crash did not already settle.
   */
  afterChannelLoss(error: unknown): Promise<never>;
  /** Graceful before forced: `requestExit`, close the lifeline, SIGTERM, SIGKILL; records the `exit` step. */
  stop(requestExit: () => Promise<unknown>): Promise<void>;
  /**
   * Ends a start that failed after the spawn: SIGKILL now, which cannot be caught;
   * the exit is reaped in the background, so the start's own error is reported
   * before the runner's start deadline says only that it was late.
   */
  kill(): void;
}

/**
 * Each start step gives up this much before the runner's start deadline, so its own
 * reason ("no handshake line within...") reaches the caller, not the runner's bare
 * "did not start in time": timers count whole milliseconds, and two that expire in
 * the same millisecond fire in either order.
 */
const STEP_MARGIN_MS = 2;

/** Milliseconds a start step (handshake, connect, first ping) has left, by the open request's deadline. */
export function stepBudgetMs(request: Pick<OpenRequest, 'deadline'>): number {
  return Math.max(1, Math.floor(request.deadline - performance.now() - STEP_MARGIN_MS));
}

/** How long a dropped channel waits for the process exit that explains it; the exit ends the wait. */
const CHANNEL_LOST_WAIT_MS = 1_000;
/**
 * A plugin whose health check went unanswered (hung in a loop) cannot answer `exit`,
 * see its stdin close or run a SIGTERM handler: it gets SIGTERM at once and SIGKILL
 * soon after, instead of two grace periods and a third, in which it would spin a core for nothing.
 */
const UNRESPONSIVE_STOP: StopTimings = { graceMs: 0, termMs: 100 };
const STOP_STORIES: Record<StopOutcome, string> = {
  'already-exited': 'the process had already ended',
  exited: 'asked to exit (contract exit, then stdin closed), it ended by itself',
  SIGTERM: 'it did not exit within the grace period, so it got SIGTERM',
  SIGKILL: 'it ignored SIGTERM, so it got SIGKILL',
};

/**
 * A process target's open: spawn and handshake, then `connect` the channel; a
 * connect that fails kills the process before the error goes up.
 */
export function openPluginProcess(spec: SpecFor, expected: HandshakeExpectation, connect: (plugin: RunningPlugin, request: OpenRequest) => Promise<Connection>): OpenConnection {
  return async (request) => {
    const plugin = await startPluginProcess(await spec(request.options), expected, request);
    try {
      return await connect(plugin, request);
    } catch (error) {
      plugin.kill();
      throw error;
    }
  };
}

/** Spawns `spec` and reads its handshake, recording both steps; START_FAILED (process killed) on any failure. */
export async function startPluginProcess(spec: RunnerSpec, expected: HandshakeExpectation, request: OpenRequest): Promise<RunningPlugin> {
  const { host } = request;
  const spawned = performance.now();
  const plugin = spawnPlugin({ ...spec, name: host.target, onStderrLine: (line) => host.event({ type: 'stderr', line }) });
  if (plugin.pid === undefined) {
    const exit = await plugin.exited;
    throw new PluginError('START_FAILED', `${host.target}: ${describeExit(exit, [])}; is "${spec.command}" installed and on PATH?`, {
      data: { command: spec.command },
    });
  }
  // Each step is timed from the end of the one before, so the steps add up to the start.
  const spawnEnded = performance.now();
  host.event({ type: 'step', name: 'spawn', ms: spawnEnded - spawned, detail: `pid ${plugin.pid}: ${plugin.commandLine}` });
  let handshake: HandshakeResult;
  try {
    handshake = await readHandshake(plugin, expected, stepBudgetMs(request), request.signal);
  } catch (error) {
    killNow(plugin);
    throw error;
  }
  host.event({ type: 'step', name: 'handshake', ms: performance.now() - spawnEnded, detail: handshake.line });
  void plugin.ended.then((exit) =>
    host.closed({ code: 'CRASHED', message: describeExit(exit, plugin.stderrTail()), exitCode: exit.exitCode, signal: exit.signal }),
  );
  return running(plugin, handshake, request);
}

function running(plugin: PluginProcess, handshake: HandshakeResult, { host }: OpenRequest): RunningPlugin {
  let lost = false;
  const protocolError = (why: string) => {
    host.closed({ code: 'PROTOCOL_ERROR', message: `protocol error: ${why}` });
    killNow(plugin);
  };
  return {
    pid: plugin.pid!,
    process: plugin,
    handshake,
    exited: plugin.exited,
    forwardStdout: () => forwardStdout(plugin, handshake, (line) => host.event({ type: 'stderr', line })),
    whileAlive: (work, what) => {
      const died = plugin.ended.then((exit) => {
        throw new PluginError('START_FAILED', `${host.target}: ${describeExit(exit, plugin.stderrTail())} before ${what}`, { data: exit });
      });
      return Promise.race([work, died]);
    },
    protocolError,
    channelLost: (why) => {
      if (lost || plugin.hasExited) return;
      lost = true;
      const timer = setTimeout(() => protocolError(`${why}, but the plugin process did not exit`), CHANNEL_LOST_WAIT_MS);
      void plugin.exited.then(() => clearTimeout(timer));
    },
    afterChannelLoss: async (error) => {
      await within(plugin.ended, CHANNEL_LOST_WAIT_MS);
      throw error;
    },
    stop: async (requestExit) => {
      const began = performance.now();
      const unresponsive = host.unresponsive?.() === true;
      const outcome = await stopPlugin(plugin, requestExit, unresponsive ? UNRESPONSIVE_STOP : {});
      const exit = await plugin.exited;
      const story = unresponsive && outcome !== 'exited' && outcome !== 'already-exited' ? `its health check went unanswered, so it got ${outcome} at once` : STOP_STORIES[outcome];
      host.event({ type: 'step', name: 'exit', ms: performance.now() - began, detail: `${story}; ${describeExit(exit, [])}` });
    },
    kill: () => killNow(plugin),
  };
}

function killNow(plugin: PluginProcess): void {
  if (!plugin.hasExited) plugin.kill('SIGKILL');
}

/** Waits for `promise`, at most `ms`; the timer is cleared either way. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}
