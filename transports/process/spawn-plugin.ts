/**
 * Starts a plugin process with execa and watches it: stderr forwarded line by
 * line (long lines kept whole), exit or spawn failure reported once through
 * `exited`. The child's stdin pipe is the lifeline: the host holds it, and a
 * plugin exits on EOF, so even a SIGKILLed host leaves no orphan; on Linux a
 * parent-death signal backs it up (death-signal.ts).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { execa } from 'execa';
import { withDeathSignal } from './death-signal.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from './magic-cookie.js';

export interface ProcessSpec {
  /** Target name, used in messages. */
  name: string;
  command: string;
  args?: readonly string[];
  /** Added to the host's environment, with the magic cookie. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Each stderr line (and each stdout line once the channel is not stdout). */
  onStderrLine?: (line: string) => void;
}

/** How a plugin process ended; `spawnError` when it never ran (missing executable). */
export interface ProcessExit {
  exitCode: number | null;
  signal: string | null;
  spawnError?: Error & { code?: string };
}

export interface PluginProcess {
  readonly spec: ProcessSpec;
  /** What was actually run (the spec's command, maybe behind the death-signal wrapper). */
  readonly commandLine: string;
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  /** Settles once, when the process is gone. */
  readonly exited: Promise<ProcessExit>;
  /**
   * Like `exited`, but also waits (briefly) for the last stderr lines, which
   * can arrive after the exit: error messages quote them.
   */
  readonly ended: Promise<ProcessExit>;
  /** The last stderr lines, for error messages ("the plugin said: ..."). */
  stderrTail(): string[];
  /** True once `exited` has settled. */
  readonly hasExited: boolean;
  kill(signal: NodeJS.Signals): boolean;
}

const TAIL_LINES = 10;
/** A grandchild holding stderr open must not delay a crash report longer than this. */
const STDERR_DRAIN_MS = 250;

export function spawnPlugin(spec: ProcessSpec): PluginProcess {
  const line = withDeathSignal(spec.command, spec.args ?? []);
  const subprocess = execa(line.command, line.args, {
    env: { ...spec.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE },
    ...(spec.cwd ? { cwd: spec.cwd } : {}),
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    // The stop sequence escalates itself (exit, SIGTERM, SIGKILL).
    forceKillAfterDelay: false,
    // Kill the plugin when the host exits normally or by SIGTERM/SIGINT.
    cleanup: true,
  });
  const tail: string[] = [];
  let hasExited = false;

  const lines = createInterface({ input: subprocess.stderr, crlfDelay: Infinity });
  lines.on('line', (line) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    spec.onStderrLine?.(line);
  });
  // Writes to a dead plugin's stdin fail with EPIPE; the exit handler reports the crash.
  subprocess.stdin.on('error', () => {});

  const exited = new Promise<ProcessExit>((resolve) => {
    subprocess.once('exit', (exitCode, signal) => resolve({ exitCode, signal }));
    subprocess.once('error', (error: Error & { code?: string }) => {
      if (subprocess.pid === undefined) resolve({ exitCode: null, signal: null, spawnError: error });
    });
  }).finally(() => {
    hasExited = true;
  });
  const stderrClosed = new Promise<void>((resolve) => lines.once('close', resolve));
  const ended = exited.then(async (exit) => {
    await Promise.race([stderrClosed, new Promise((resolve) => setTimeout(resolve, STDERR_DRAIN_MS).unref())]);
    return exit;
  });
  // execa's own promise settles after the streams close; its result is not needed.
  void subprocess.catch(() => {});

  return {
    spec,
    commandLine: [line.command, ...line.args].join(' '),
    pid: subprocess.pid,
    stdin: subprocess.stdin,
    stdout: subprocess.stdout,
    exited,
    ended,
    stderrTail: () => [...tail],
    get hasExited() {
      return hasExited;
    },
    kill: (signal) => subprocess.kill(signal),
  };
}

/** One line describing how a process ended, with what it last said on stderr. */
export function describeExit(exit: ProcessExit, tail: readonly string[]): string {
  const how = exit.spawnError
    ? `could not be started: ${exit.spawnError.message}`
    : exit.signal
      ? `was killed by ${exit.signal}`
      : `exited with code ${exit.exitCode}`;
  const said = tail.length > 0 ? `; it said: ${tail.slice(-3).join(' | ')}` : '';
  return `plugin process ${how}${said}`;
}
