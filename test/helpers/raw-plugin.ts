/**
 * A plugin process started by hand, the way docs/plugin-protocol.md says (cookie,
 * secret, and on TCP JSON-RPC the token preamble), with no plugbench host in between: the test gets the raw byte channel (stdin/stdout,
 * or the TCP socket the handshake announces) and the plugin's stderr, so it can
 * play a foreign peer with its own framing.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { builtPath, packagePath } from '../../src/core/runtime-paths.js';
import { curveKeys } from '../../transports/auth/curve-keys.js';
import { makeSecretEnv } from '../../transports/auth/plugin-secret.js';
import { sendTokenPreamble } from '../../transports/auth/token-preamble.js';
import { findPython } from '../../transports/python/find-python.js';

export interface RawRunner {
  label: string;
  /** undefined: this runner cannot start here (no Python, no pyzmq). */
  command: string | undefined;
  args: string[];
  plugin: string;
}

export interface RawPlugin {
  child: ChildProcessWithoutNullStreams;
  /** The start's secret (the plugin's environment); the TCP JSON-RPC channel has already proved it. */
  secret: string;
  /** The ZeroMQ CURVE options a DEALER or REQ socket needs to reach this plugin. */
  curve: { curveServerKey: string; curvePublicKey: string; curveSecretKey: string };
  handshake: string;
  /** The channel: the plugin's stdin/stdout on stdio, the socket on tcp (zmq: unused, the test connects itself). */
  input: Writable;
  output: Readable;
  address: string;
  stderr(): string;
  exited(): Promise<number | null>;
  close(): void;
}

const COOKIE = { PLUGBENCH_PLUGIN_MAGIC_COOKIE: 'f3b1c2d4e5a6-plugbench-revert-plugin' };
const python = await findPython({ modules: [], installHint: '' });
const pyzmq = await findPython({ modules: ['zmq'], installHint: '' });

const nodeRunner = (label: string, entry: string[]): RawRunner => ({
  label,
  command: process.execPath,
  args: [builtPath(...entry)],
  plugin: builtPath('sample-plugins', 'typescript', 'revert-plugin.js'),
});
const pythonRunner = (label: string, script: string, available: boolean, command: string | undefined): RawRunner => ({
  label,
  command: available ? command : undefined,
  args: ['-u', packagePath('sample-plugins', 'python', script)],
  plugin: packagePath('sample-plugins', 'python', 'revert_plugin.py'),
});

/** The JSON-RPC plugin runners: Node over stdio and TCP, Python over stdio. */
export const JSON_RPC_RUNNERS: RawRunner[] = [
  nodeRunner('stdio-rpc (Node)', ['transports', 'stdio-rpc', 'plugin-main.js']),
  nodeRunner('tcp-jsonrpc (Node)', ['transports', 'tcp-jsonrpc', 'plugin-main.js']),
  pythonRunner('stdio-rpc-python', 'stdio_jsonrpc_plugin.py', python.available, python.available ? python.python : undefined),
];

/** The ZeroMQ plugin runners: Node, and Python where python3-zmq is installed. */
export const MQ_RUNNERS: RawRunner[] = [
  nodeRunner('mq (Node)', ['transports', 'mq', 'plugin-entry.js']),
  pythonRunner('mq-python', 'revert_mq.py', pyzmq.available, pyzmq.available ? pyzmq.python : undefined),
];

/** Starts `runner`, waits for its handshake, and on tcp jsonrpc connects to the announced port. */
export async function startRawPlugin(runner: RawRunner, faultInjection = false): Promise<RawPlugin> {
  const { secret, env } = makeSecretEnv();
  const keys = curveKeys(secret);
  const child = spawn(runner.command!, runner.args, {
    env: { ...process.env, ...COOKIE, ...env, PLUGBENCH_PLUGIN_PATH: runner.plugin, PLUGBENCH_FAULT_INJECTION: faultInjection ? '1' : '0' },
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const handshake = await readHandshake(child.stdout);
  const [, , network, address, protocol] = handshake.split('|');
  let input: Writable = child.stdin;
  let output: Readable = child.stdout;
  let socket: net.Socket | undefined;
  if (network === 'tcp' && protocol === 'jsonrpc') {
    const [host, port] = address!.split(':');
    socket = net.connect(Number(port), host);
    await once(socket, 'connect');
    sendTokenPreamble(socket, secret);
    input = output = socket;
  }
  return {
    child,
    secret,
    curve: { curveServerKey: keys.serverPublic, curvePublicKey: keys.clientPublic, curveSecretKey: keys.clientSecret },
    handshake,
    input,
    output,
    address: address!,
    stderr: () => stderr,
    exited: () => exit,
    close: () => {
      socket?.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The first line on stdout; what follows it is pushed back for the channel's reader. */
async function readHandshake(stdout: Readable): Promise<string> {
  let buffer = Buffer.alloc(0);
  for (;;) {
    const chunk = (stdout.read() as Buffer | null) ?? (await once(stdout, 'readable'), (stdout.read() as Buffer | null));
    if (chunk === null) continue;
    buffer = Buffer.concat([buffer, chunk]);
    const end = buffer.indexOf('\n');
    if (end < 0) continue;
    const rest = buffer.subarray(end + 1);
    if (rest.length > 0) stdout.unshift(rest);
    return buffer.subarray(0, end).toString('utf8').trim();
  }
}
