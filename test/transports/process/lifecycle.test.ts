/** The shared process lifecycle, on plugins that misbehave at start: every failure is START_FAILED saying why. */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PluginRunner } from '../../../src/core/runner.js';
import type { PluginEvent, StartOptions } from '../../../src/core/transport.js';
import { builtPath, packagePath } from '../../../src/core/runtime-paths.js';
import { openJsonRpc } from '../../../transports/json-rpc/json-rpc-connection.js';
import type { RunnerSpec } from '../../../transports/process/node-runner-spec.js';
import { NOT_BY_HAND_EXIT_CODE } from '../../../transports/process/magic-cookie.js';
import { findPython } from '../../../transports/python/find-python.js';
import { expectCode } from '../../helpers/expect-code.js';
import { waitUntilGone } from '../../helpers/process.js';

const fixture = new URL('../../fixtures/process/handshake-plugin.mjs', import.meta.url).pathname;

/** A JSON-RPC plugin process run by the core runner, as a target would start it. */
function startSpec(spec: RunnerSpec, options: StartOptions = {}) {
  return PluginRunner.start('fixture', openJsonRpc(() => spec), options);
}

function startFixture(mode: string, options: { startTimeoutMs?: number; onEvent?: (event: PluginEvent) => void } = {}) {
  return startSpec({ command: process.execPath, args: [fixture, mode] }, options);
}

describe('process lifecycle: start failures', () => {
  it('refuses a malformed handshake line', async () => {
    const error = await expectCode(startFixture('malformed'), 'START_FAILED');
    expect(error.message).toContain('expected 5 fields');
  });

  it('refuses a protocol version mismatch, naming both versions', async () => {
    const error = await expectCode(startFixture('version'), 'START_FAILED');
    expect(error.message).toMatch(/plugin protocol version 99 does not match the host's 1/);
  });

  it('refuses a plugin that speaks another protocol', async () => {
    const error = await expectCode(startFixture('wrong-protocol'), 'START_FAILED');
    expect(error.message).toContain('carrier-pigeon');
  });

  it('gives up when no handshake arrives within the start timeout, and kills the plugin', async () => {
    const events: PluginEvent[] = [];
    const error = await expectCode(startFixture('silent', { startTimeoutMs: 300, onEvent: (event) => events.push(event) }), 'START_FAILED');
    expect(error.message).toContain('no handshake line on stdout within');
    const spawn = events.find((event) => event.type === 'step' && event.name === 'spawn');
    const pid = Number(/pid (\d+)/.exec(spawn?.type === 'step' ? (spawn.detail ?? '') : '')?.[1]);
    expect(await waitUntilGone(pid, 10_000)).toBe(true);
  });

  it('refuses bytes without a newline instead of waiting for them forever', async () => {
    const error = await expectCode(startFixture('no-newline'), 'START_FAILED');
    expect(error.message).toContain('without a newline');
  });

  it('reports a plugin that exits before its handshake, with its exit code and last words', async () => {
    const error = await expectCode(startFixture('exit', { onEvent: () => {} }), 'START_FAILED');
    expect(error.message).toContain('exited with code 3');
    expect(error.message).toContain('cannot load my configuration');
  });

  it('reports a missing executable', async () => {
    const error = await expectCode(startSpec({ command: 'plugbench-no-such-executable' }), 'START_FAILED');
    expect(error.message).toContain('plugbench-no-such-executable');
    expect(error.message).toContain('installed');
  });

  it('forwards stderr line by line and keeps a long line whole', async () => {
    const lines: string[] = [];
    let sawBoth!: () => void;
    const both = new Promise<void>((resolve) => (sawBoth = resolve));
    const onEvent = (event: PluginEvent) => {
      if (event.type === 'stderr' && lines.push(event.line) === 2) sawBoth();
    };
    await using plugin = await startFixture('long-stderr', { onEvent });
    expect(plugin.pid).toBeGreaterThan(0);
    // stderr and stdout are separate pipes: the lines may land after the handshake.
    await both;
    expect(lines[0]).toHaveLength(200_000);
    expect(lines[1]).toBe('second line');
  });
});

describe('magic cookie', () => {
  const runners = {
    'stdio-rpc': builtPath('transports', 'stdio-rpc', 'plugin-main.js'),
    'tcp-rpc': builtPath('transports', 'tcp-rpc', 'plugin-main.js'),
    'tcp-jsonrpc': builtPath('transports', 'tcp-jsonrpc', 'plugin-main.js'),
    mq: builtPath('transports', 'mq', 'plugin-entry.js'),
  };
  for (const [name, runner] of Object.entries(runners)) {
    it(`${name}: a plugin started by hand says it is a plugin and exits`, async () => {
      const result = await execa(process.execPath, [runner], { reject: false, timeout: 30_000, stdin: 'ignore' });
      expect(result.exitCode).toBe(NOT_BY_HAND_EXIT_CODE);
      expect(result.stderr).toContain('meant to be started by plugbench');
      expect(result.stdout).toBe('');
    });
  }

  /** Each Python runner, with the modules it needs beyond the standard library. */
  const pythonRunners: Record<string, string[]> = { 'stdio_jsonrpc_plugin.py': [], 'grpc_plugin.py': ['grpc'], 'revert_mq.py': ['zmq'] };
  for (const [script, modules] of Object.entries(pythonRunners)) {
    it(`${script}: the Python plugin refuses too`, async (context) => {
      const choice = await findPython({ modules, installHint: '' });
      if (!choice.available) return context.skip();
      const result = await execa(choice.python, [packagePath('sample-plugins', 'python', script)], { reject: false, timeout: 30_000, stdin: 'ignore' });
      expect(result.exitCode).toBe(NOT_BY_HAND_EXIT_CODE);
      expect(result.stderr).toContain('meant to be started by plugbench');
    });
  }
});
