/**
 * The plugin side of the secret, driven by hand: a network plugin started with
 * the cookie but without a well-formed secret refuses to start (one line, exit
 * 64); a TCP token plugin (tcp-jsonrpc, go-netrpc) started with one closes every
 * connection that does not open with the token preamble, before a message is
 * read (an `exit` sent there does nothing), and then serves the host that proves it.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { builtPath, packagePath } from '../../../src/core/runtime-paths.js';
import { PLUGIN_SECRET_ENV } from '../../../transports/auth/plugin-secret.js';
import { NO_SECRET_EXIT_CODE } from '../../../transports/auth/plugin-side.js';
import { PLUGIN_TLS_ENV } from '../../../transports/auth/grpc-tls.js';
import { tokenPreamble } from '../../../transports/auth/token-preamble.js';
import { goBinaryAvailability } from '../../../transports/go-common/go-build.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../transports/process/magic-cookie.js';
import { PLUGIN_PATH_ENV } from '../../../transports/process/runner-env.js';
import { findPython } from '../../../transports/python/find-python.js';

const GO_NETRPC = builtPath('sample-plugins', 'go', 'go-netrpc-revert');
const goAvailable = (await goBinaryAvailability('go-netrpc-revert')).available;
const running: ResultPromise[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

function byHand(command: string, args: string[], env: Record<string, string | undefined>) {
  const child = execa(command, args, { reject: false, timeout: 60_000, stdin: 'pipe', env: { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, ...env }, extendEnv: true });
  running.push(child);
  return child;
}

describe('a network plugin without its secret refuses to start', () => {
  const python = (modules: string[]) => findPython({ modules, installHint: '' });
  const cases: [string, () => Promise<[string, string[]] | undefined>, string][] = [
    ['tcp-jsonrpc (Node)', async () => [process.execPath, [builtPath('transports', 'tcp-jsonrpc', 'plugin-main.js')]], PLUGIN_SECRET_ENV],
    ['mq (Node)', async () => [process.execPath, [builtPath('transports', 'mq', 'plugin-entry.js')]], PLUGIN_SECRET_ENV],
    ['tcp-rpc (Node)', async () => [process.execPath, [builtPath('transports', 'tcp-rpc', 'plugin-main.js')]], PLUGIN_TLS_ENV],
    ['go-netrpc (Go)', async () => (goAvailable ? [GO_NETRPC, []] : undefined), PLUGIN_SECRET_ENV],
    ['revert_mq.py', async () => ((c) => (c.available ? [c.python, [packagePath('sample-plugins', 'python', 'revert_mq.py')]] : undefined))(await python(['zmq'])) as [string, string[]] | undefined, PLUGIN_SECRET_ENV],
    ['grpc_plugin.py', async () => ((c) => (c.available ? [c.python, [packagePath('sample-plugins', 'python', 'grpc_plugin.py')]] : undefined))(await python(['grpc'])) as [string, string[]] | undefined, PLUGIN_TLS_ENV],
  ];
  it.for(cases)('%s', async ([, command, variable], context) => {
    const line = await command();
    if (!line) return context.skip();
    for (const value of [undefined, 'not-a-secret']) {
      const result = await byHand(line[0], line[1], { [PLUGIN_SECRET_ENV]: value, [PLUGIN_TLS_ENV]: value });
      expect(result.exitCode, result.stderr).toBe(NO_SECRET_EXIT_CODE);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n').at(-1)).toContain(variable);
    }
  });
});

/** Starts a token plugin by hand with `secret`; resolves with its port once the handshake line is out. */
async function startTokenPlugin(command: string, args: string[], secret: string): Promise<{ port: number; child: ResultPromise }> {
  const child = byHand(command, args, { [PLUGIN_SECRET_ENV]: secret, [PLUGIN_PATH_ENV]: builtPath('sample-plugins', 'typescript', 'revert-plugin.js') });
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    void child.then((result) => reject(new Error(`plugin ended: ${result.stderr}`)));
  });
  return { port: Number(line.split('|')[3]!.split(':')[1]), child };
}

/** Connects, writes `bytes`, and resolves with what came back before the plugin closed (or reset) the connection. */
function sendAndWaitForClose(port: number, bytes: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    let got = '';
    socket.on('data', (chunk) => (got += chunk.toString()));
    socket.on('close', () => resolve(got));
    // Closing a socket with unread bytes in it resets the connection: that is the refusal too.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(got) : reject(error)));
  });
}

/** Connects (one connection after the other, as the host does), proves the secret on each, sends `request` on the first; resolves with the answer once a whole JSON body is in. */
async function hostRequest(port: number, secret: string, request: string, connections = 1): Promise<string> {
  const sockets: net.Socket[] = [];
  try {
    for (let i = 0; i < connections; i++) {
      const socket = net.connect({ host: '127.0.0.1', port });
      sockets.push(socket);
      await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      socket.write(tokenPreamble(secret));
    }
    sockets[0]!.write(request);
    return await new Promise<string>((resolve, reject) => {
      let got = '';
      sockets[0]!.on('error', reject);
      sockets[0]!.on('data', (chunk) => {
        got += chunk.toString();
        if (got.trimEnd().endsWith('}')) resolve(got);
      });
    });
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}

const frame = (body: object) => `Content-Length: ${Buffer.byteLength(JSON.stringify(body))}\r\n\r\n${JSON.stringify(body)}`;
const TOKEN_PLUGINS = [
  { name: 'tcp-jsonrpc', available: true, command: process.execPath, args: [builtPath('transports', 'tcp-jsonrpc', 'plugin-main.js')], connections: 1,
    exit: frame({ jsonrpc: '2.0', id: 1, method: 'exit', params: { args: [], depth: 1 } }), revert: frame({ jsonrpc: '2.0', id: 2, method: 'revert', params: { args: ['ab'], depth: 1 } }) },
  { name: 'go-netrpc', available: goAvailable, command: GO_NETRPC, args: [], connections: 2,
    exit: `${JSON.stringify({ method: 'Plugin.Exit', params: [{}], id: 1 })}\n`, revert: `${JSON.stringify({ method: 'Plugin.Revert', params: [{ text: 'ab', depth: 1 }], id: 2 })}\n` },
];

describe.each(TOKEN_PLUGINS)('$name: the token preamble', (plugin) => {
  it.skipIf(!plugin.available)('closes a stranger speaking the protocol and one with a wrong token, then serves the host', async () => {
    const secret = randomBytes(32).toString('hex');
    const { port, child } = await startTokenPlugin(plugin.command, plugin.args, secret);
    expect(await sendAndWaitForClose(port, plugin.exit + plugin.revert)).toBe('');
    expect(await sendAndWaitForClose(port, tokenPreamble(randomBytes(32).toString('hex')))).toBe('');
    expect(child.exitCode).toBeNull();
    expect(await hostRequest(port, secret, plugin.revert, plugin.connections)).toContain('"ba"');
  });
});
