/**
 * A child process that a floor or bare-mechanism peer runs its far end in: spawned
 * with its stdio piped, its announcement (the first stdout line, JSON) read
 * once, and stopped gracefully (stdin closed, which every peer answers by
 * exiting) before it is killed. Peers exit when their stdin closes, so none can
 * outlive the host.
 */
import { execa, type ResultPromise } from 'execa';
import { withinMs } from './abort.js';
import type { Stoppable } from './stop-list.js';

export const PEER_START_TIMEOUT_MS = 10_000;
const PEER_STOP_GRACE_MS = 1_000;

type PeerChild = ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false }>;

export interface PeerProcess extends Stoppable {
  readonly child: PeerChild;
  readonly pid: number | undefined;
  /** The first line the peer prints on stdout, parsed: the address it listens on. */
  announcement(): Promise<unknown>;
  /** The same first line as it came (a peer that announces in its own format: go-plugin's handshake). */
  firstLine(): Promise<string>;
}

export interface PeerOptions {
  /** Added to the inherited environment. */
  env?: Record<string, string>;
  /** For a peer that does not exit when its stdin closes (a go-plugin binary): sent with the close. */
  stopSignal?: NodeJS.Signals;
}

/** Starts `command args`; `what` names the peer in errors. */
export function spawnPeer(what: string, command: string, args: readonly string[], options: PeerOptions = {}): PeerProcess {
  const child = execa(command, args, {
    ...(options.env ? { env: options.env } : {}),
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    cleanup: true,
  }) as PeerChild;
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  let stopping: Promise<void> | undefined;
  let line: Promise<string> | undefined;
  const firstLine = () => (line ??= readFirstLine(what, child, stderr));
  return {
    child,
    pid: child.pid,
    firstLine,
    announcement: async () => JSON.parse(await firstLine()) as unknown,
    stop: () => (stopping ??= stopChild(child, options.stopSignal)),
  };
}

async function stopChild(child: PeerChild, signal: NodeJS.Signals | undefined): Promise<void> {
  child.stdin.end();
  if (signal) child.kill(signal);
  const exited = await withinMs(child, PEER_STOP_GRACE_MS);
  if (!exited) child.kill('SIGKILL');
  await child;
}

/** The first stdout line, within the start timeout; a peer that dies first is quoted from its stderr. */
async function readFirstLine(what: string, child: PeerChild, stderr: readonly string[]): Promise<string> {
  const line = new Promise<string>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end < 0) return;
      child.stdout.off('data', onData).off('end', onEnd);
      child.stdout.resume();
      resolve(text.slice(0, end));
    };
    const onEnd = () => reject(new Error(`the ${what} peer exited before announcing its address: ${lastError(stderr.join(''))}`));
    child.stdout.on('data', onData).once('end', onEnd);
  });
  const first = await withinMs(line, PEER_START_TIMEOUT_MS);
  if (first === undefined) throw new Error(`the ${what} peer did not announce its address within ${PEER_START_TIMEOUT_MS} ms`);
  return first;
}

/** The line of a dead peer's stderr that says what went wrong: the last one naming an error, else the last one. */
function lastError(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.findLast((line) => /error/i.test(line)) ?? lines.at(-1) ?? 'no output on stderr';
}
