/**
 * docs/plugin-protocol.md, followed by hand: a plugin started with the
 * documented environment prints the documented handshake, answers JSON-RPC
 * calls `{args, depth}` framed by Content-Length, calls the host back with
 * `host/call`, sends typed errors `{code, message, data}`, answers `exit`, and
 * leaves when its stdin closes. The Node and the Python stdio plugin alike.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { builtPath, packagePath } from '../../src/core/runtime-paths.js';
import { findPython } from '../../transports/python/find-python.js';

/** A minimal JSON-RPC 2.0 peer with Content-Length framing, written from the doc rather than from plugbench's code. */
class HandWrittenHost {
  readonly lines: string[] = [];
  #buffer = Buffer.alloc(0);
  #handshake: ((line: string) => void) | undefined;
  #waiting = new Map<number, (message: Record<string, unknown>) => void>();
  #nextId = 0;

  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    private readonly answerHostCall: (params: { name: string; args: unknown[]; depth: number }) => unknown,
  ) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  handshake(): Promise<string> {
    return new Promise((resolve) => (this.#handshake = resolve));
  }

  request(method: string, params: unknown): Promise<Record<string, unknown>> {
    const id = ++this.#nextId;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve) => this.#waiting.set(id, resolve));
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (this.#handshake) {
      const end = this.#buffer.indexOf('\n');
      if (end < 0) return;
      this.#handshake(this.#buffer.subarray(0, end).toString('utf8').trim());
      this.#handshake = undefined;
      this.#buffer = this.#buffer.subarray(end + 1);
    }
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.#buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.#buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.#buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Record<string, unknown>;
      this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Record<string, unknown>): void {
    if (message.method === 'host/call') {
      this.send({ jsonrpc: '2.0', id: message.id, result: this.answerHostCall(message.params as { name: string; args: unknown[]; depth: number }) });
      return;
    }
    this.#waiting.get(message.id as number)?.(message);
  }
}

const started: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const python = await findPython({ modules: [], installHint: '' });
const runners: [string, string | undefined, string[]][] = [
  ['Node (stdio-rpc)', process.execPath, [builtPath('transports', 'stdio-rpc', 'plugin-main.js')]],
  ['Python (stdio-rpc-python)', python.available ? python.python : undefined, ['-u', packagePath('sample-plugins', 'python', 'stdio_jsonrpc_plugin.py')]],
];
const plugins: Record<string, string> = {
  'Node (stdio-rpc)': builtPath('sample-plugins', 'typescript', 'revert-plugin.js'),
  'Python (stdio-rpc-python)': packagePath('sample-plugins', 'python', 'revert_plugin.py'),
};

describe.each(runners)('the plugin side of JSON-RPC over stdio, by hand: %s', (label, command, args) => {
  it.skipIf(command === undefined)('handshake, calls, a callback, a typed error, exit, and leaving on stdin EOF', async () => {
    const child = spawn(command!, args, {
      env: { ...process.env, PLUGBENCH_PLUGIN_MAGIC_COOKIE: 'f3b1c2d4e5a6-plugbench-revert-plugin', PLUGBENCH_PLUGIN_PATH: plugins[label]!, PLUGBENCH_FAULT_INJECTION: '0' },
      stdio: 'pipe',
    });
    started.push(child);
    const hostCalls: unknown[] = [];
    const host = new HandWrittenHost(child, (params) => {
      hostCalls.push(params);
      return params.name === 'getConfig' ? '>> ' : null;
    });
    expect(await host.handshake()).toBe('1|1|stdio|-|jsonrpc');

    expect(await host.request('revert', { args: ['ab👋'], depth: 1 })).toMatchObject({ result: '👋ba' });
    expect(await host.request('revertWithPrefix', { args: ['ab'], depth: 1 })).toMatchObject({ result: '>> ba' });
    expect(hostCalls).toEqual([{ name: 'getConfig', args: ['prefix'], depth: 1 }]);
    const missing = await host.request('nope', { args: [], depth: 1 });
    expect(missing.error).toMatchObject({ code: -32601, data: { code: 'METHOD_NOT_FOUND', message: expect.any(String) } });
    const invalid = await host.request('revert', { args: [42], depth: 1 });
    expect(invalid.error).toMatchObject({ data: { code: 'INVALID_INPUT' } });

    expect(await host.request('exit', { args: [], depth: 1 })).toMatchObject({ result: null });
    child.stdin.end();
    const [exitCode] = (await once(child, 'exit')) as [number | null];
    expect(exitCode).toBe(0);
  });
});
