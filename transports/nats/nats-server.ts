/**
 * A nats-server that plugbench starts itself: on 127.0.0.1 with a random port
 * (`-p -1`), the port read from its log, stopped on every path like a plugin.
 * nats-server reads no stdin, so a two-line shell wrapper gives it the same
 * lifeline as a plugin: when the host's end of stdin closes (stop, or the host
 * died, even by SIGKILL) the server gets SIGTERM. The parent-death signal of
 * the process helper backs that up.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PluginError } from '../../src/core/errors.js';
import { findNatsServer, INSTALL_HINT } from './find-nats-server.js';
import { describeExit, spawnChild, type ChildProcess, type ProcessExit } from './child-process.js';


/** Closing fd 3 (the host's stdin) ends the server; the server's own exit ends the wrapper with its status. */
const LIFELINE = 'exec 3<&0; "$@" </dev/null & server=$!; { cat <&3 >/dev/null; kill -TERM "$server" 2>/dev/null; } & wait "$server"';

/** plugbench's own server: loopback, a random port, and room for the conformance suite's 1 MiB text (the default is 1 MB). */
export const EMBEDDED_CONFIG = 'listen: "127.0.0.1:-1"\nmax_payload: 8MB\n';

/**
 * The embedded server also takes a token made for it, so a local process without
 * it cannot call the plugin through the broker (docs/decisions/authenticated-channels.md):
 * the token is in the 0600 config file in a private folder and in `url`, which reaches
 * the plugin in its environment, never on a command line.
 */
function embeddedConfig(token: string): string {
  return `${EMBEDDED_CONFIG}authorization { token: "${token}" }\n`;
}

export interface ServerOptions {
  /** The configuration file's text (a cluster node's routes...); written to a private temp dir, removed on stop. */
  config?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** For messages. */
  name?: string;
}

export interface NatsServer {
  /** nats://127.0.0.1:PORT, where clients connect (nats://TOKEN@127.0.0.1:PORT for the embedded server: show it with displayUrl). */
  readonly url: string;
  /** nats://127.0.0.1:PORT where other servers route to, when it is a cluster node. */
  readonly routeUrl?: string;
  /** The nats-server's own pid (not the wrapper's). */
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  /** The last log lines, for messages. */
  logTail(): string[];
  /** SIGTERM through the lifeline, then forced; idempotent. */
  stop(): Promise<void>;
}

export async function startNatsServer(options: ServerOptions): Promise<NatsServer> {
  const binary = findNatsServer();
  const name = options.name ?? 'nats-server';
  if (!binary) throw new PluginError('UNAVAILABLE', `${name}: nats-server is not installed; ${INSTALL_HINT}`);
  const log = new ServerLog();
  const dir = await mkdtemp(path.join(tmpdir(), 'plugbench-nats-'));
  const cleanUp = () => rm(dir, { recursive: true, force: true });
  try {
    const file = path.join(dir, 'nats-server.conf');
    const token = options.config === undefined ? randomBytes(24).toString('hex') : undefined;
    await writeFile(file, options.config ?? embeddedConfig(token!), { mode: 0o600 });
    const child = await spawnChild({ name, command: '/bin/sh', args: ['-c', LIFELINE, 'nats-lifeline', binary, '-c', file], onStderrLine: (line) => log.add(line) }, INSTALL_HINT);
    try {
      // A cluster node says where it routes only after "Server is ready".
      log.expectRoutes = /\bcluster\s*\{/.test(options.config ?? '');
      const ready = await log.ready(child, options.timeoutMs, options.signal);
      return running(child, log, token ? { ...ready, url: ready.url.replace('nats://', `nats://${token}@`) } : ready, cleanUp);
    } catch (error) {
      await stopServer(child, log.pid);
      throw error;
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function running(child: ChildProcess, log: ServerLog, ready: Ready, cleanUp: () => Promise<void>): NatsServer {
  let stopping: Promise<void> | undefined;
  return {
    url: ready.url,
    ...(ready.routeUrl ? { routeUrl: ready.routeUrl } : {}),
    pid: ready.pid,
    exited: child.process.exited,
    logTail: () => log.tail(),
    stop: () => (stopping ??= stopServer(child, ready.pid).finally(cleanUp)),
  };
}

/** Closing stdin is the graceful request; whatever survives the escalation is killed by pid. */
async function stopServer(child: ChildProcess, pid: number | undefined): Promise<void> {
  await child.stop(async () => {
    child.process.stdin.end();
    await child.process.exited;
  });
  if (pid !== undefined) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
}

interface Ready {
  url: string;
  routeUrl?: string;
  pid: number;
}

const CLIENT_LINE = /Listening for client connections on (\S+:\d+)/;
const ROUTE_LINE = /Listening for route connections on (\S+:\d+)/;
const PID_PREFIX = /^\[(\d+)\]/;

/** Reads what the server says on stderr: its pid, its ports, and "Server is ready". */
class ServerLog {
  #lines: string[] = [];
  #client: string | undefined;
  #route: string | undefined;
  pid: number | undefined;
  expectRoutes = false;
  #isReady = false;
  #onReady: (() => void) | undefined;

  add(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > 20) this.#lines.shift();
    this.pid ??= Number(PID_PREFIX.exec(line)?.[1]) || undefined;
    this.#client ??= CLIENT_LINE.exec(line)?.[1];
    this.#route ??= ROUTE_LINE.exec(line)?.[1];
    if (line.includes('Server is ready')) this.#isReady = true;
    if (this.#isReady && (!this.expectRoutes || this.#route)) this.#onReady?.();
  }

  tail(): string[] {
    return [...this.#lines];
  }

  ready(child: ChildProcess, timeoutMs: number, signal?: AbortSignal): Promise<Ready> {
    return new Promise<Ready>((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#onReady = undefined;
        outcome();
      };
      const fail = (why: string) => finish(() => reject(new PluginError('START_FAILED', `nats-server ${why}`)));
      const onAbort = () => fail('start was cancelled');
      const timer = setTimeout(() => fail(`did not say "Server is ready" within ${Math.round(timeoutMs)} ms; it said: ${this.tail().slice(-3).join(' | ')}`), timeoutMs);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#onReady = () => {
        if (!this.#client || this.pid === undefined) return fail(`is ready but did not say where it listens: ${this.tail().slice(-3).join(' | ')}`);
        const ready: Ready = { url: `nats://${this.#client}`, pid: this.pid, ...(this.#route ? { routeUrl: `nats://${this.#route}` } : {}) };
        finish(() => resolve(ready));
      };
      void child.process.ended.then((exit) => fail(`${describeExit(exit, child.process.stderrTail()).replace(/^plugin process /, '')} before it was ready`));
    });
  }
}
