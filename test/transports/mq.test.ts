/** Fault tests for the ZeroMQ targets: crash, hang, stall, garbage, host death, --connect, the magic cookie. */
import { execa } from 'execa';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostFunctions } from '../../src/core/host-api.js';
import { PluginError } from '../../src/core/errors.js';
import { Supervisor } from '../../src/core/supervisor.js';
import { builtPath, packagePath } from '../../src/core/runtime-paths.js';
import type { PluginHandle, Target } from '../../src/core/transport.js';
import { mqPythonTarget, mqTarget } from '../../transports/mq/index.js';
import { MqHandle } from '../../transports/mq/mq-handle.js';
import { NOT_BY_HAND_EXIT_CODE } from '../../transports/process/magic-cookie.js';
import { expectCode } from '../helpers/expect-code.js';
import { isRunning, waitUntilGone } from '../helpers/process.js';

const targets: [string, Target][] = [['mq', mqTarget]];
/** Plugins whose whole process stops answering when one call spins in a sync loop. */
const singleThreaded = new Set(['mq']);
const python = await mqPythonTarget.availability();
if (python.available) targets.push(['mq-python', mqPythonTarget]);
else describe.skip(`mq-python (skipped: ${python.reason})`, () => it('is unavailable here', () => {}));

const started: PluginHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((handle) => handle.stop()));
});
async function start(target: Target, options: Parameters<Target['start']>[0] = {}): Promise<MqHandle> {
  const handle = await target.start({ faultInjection: true, ...options });
  started.push(handle);
  return handle as MqHandle;
}

describe.each(targets)('%s faults', (name, target) => {
  it('rejects every call in flight with CRASHED and the exit code when the plugin dies mid-call', async () => {
    const plugin = await start(target);
    const pending = [plugin.call('fault:sleep', [10_000]), plugin.call('fault:stall', []), plugin.call('fault:crash', [])];
    for (const call of pending) {
      const error = await expectCode(call, 'CRASHED');
      expect(error.data).toMatchObject({ exitCode: 70 });
    }
    expect(await plugin.exited).toMatchObject({ reason: 'crashed', exitCode: 70 });
    expect(isRunning(plugin.pid!)).toBe(false);
    await expectCode(plugin.call('revert', ['x']), 'CRASHED');
  });

  it('times a hung call out with TIMEOUT, and stop() still ends the process', async () => {
    const plugin = await start(target);
    const pid = plugin.pid!;
    await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
    await plugin.stop();
    expect(await waitUntilGone(pid, 10_000)).toBe(true);
    expect(await plugin.exited).toEqual({ reason: 'stopped' });
  });

  // mq-python serves calls on threads: a busy thread does not stop it answering pings.
  it.runIf(singleThreaded.has(name))('is found unresponsive after a timeout, killed and replaced by the supervisor when it hangs', async () => {
    let restarted!: () => void;
    const fresh = new Promise<void>((resolve) => (restarted = resolve));
    await using plugin = await Supervisor.start(target, { faultInjection: true }, {
      onEvent: (event) => event.type === 'started' && event.generation === 2 && restarted(),
    });
    const hungPid = plugin.pid!;
    const other = plugin.call('fault:sleep', [10_000]).catch((error: unknown) => error);
    await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
    await fresh;
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
    expect(plugin.pid).not.toBe(hungPid);
    expect(await other).toBeInstanceOf(PluginError);
    expect(await waitUntilGone(hungPid, 15_000)).toBe(true);
  });

  it('keeps a plugin whose call stalls but that still answers pings', async () => {
    const plugin = await start(target);
    await expectCode(plugin.call('fault:stall', [], { timeoutMs: 200 }), 'TIMEOUT');
    expect((await plugin.health()).ok).toBe(true);
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });

  it('fails calls in flight with PROTOCOL_ERROR when garbage arrives on the socket, and ends the plugin', async () => {
    const plugin = await start(target);
    const sleeping = plugin.call('fault:sleep', [10_000]);
    const error = await expectCode(plugin.call('fault:garbage', []), 'PROTOCOL_ERROR');
    expect(error.message).toContain('not UTF-8 JSON');
    await expectCode(sleeping, 'PROTOCOL_ERROR');
    expect((await plugin.exited).reason).toBe('crashed');
  });

  it('carries a plugin error across with its code, and keeps serving', async () => {
    const plugin = await start(target);
    const error = await expectCode(plugin.call('fault:throw', ['boom']), 'PLUGIN_ERROR');
    expect(error.message).toContain('boom');
    expect(await plugin.call('revert', ['ok'])).toBe('ko');
  });

  it('leaves no orphan when its host is killed with SIGKILL', async () => {
    const host = execa('node', [path.resolve(import.meta.dirname, '../fixtures/process/host-then-die.mjs'), name], { reject: false });
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        host.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
        void host.then((result) => reject(new Error(`host ended early: ${result.stderr}`)));
      });
      expect(isRunning(pid)).toBe(true);
      host.kill('SIGKILL');
      await host;
      expect(await waitUntilGone(pid, 10_000)).toBe(true);
    } finally {
      host.kill('SIGKILL');
    }
  });

  it('serves a second host that connects to its endpoint, and stopping that host leaves the plugin running', async () => {
    const owner = await start(target);
    const remote = await start(target, { endpoint: owner.endpoint, hostFunctions: createHostFunctions() });
    expect(remote.pid).toBeUndefined();
    const outputs = await Promise.all([remote.call('revertWithPrefix', ['abc']), owner.call('revert', ['xyz'])]);
    expect(outputs).toEqual(['reverted: cba', 'zyx']);
    await remote.stop();
    expect(await owner.call('revert', ['still here'])).toBe('ereh llits');
  });

  it('refuses to start by hand without the magic cookie, and says it is a plugin', async () => {
    const command = name === 'mq' ? ['node', builtPath('transports/mq/plugin-entry.js')] : ['/usr/bin/python3', packagePath('sample-plugins/python/revert_mq.py')];
    const result = await execa(command[0]!, command.slice(1), { reject: false, timeout: 30_000, stdin: 'ignore' });
    expect(result.exitCode).toBe(NOT_BY_HAND_EXIT_CODE);
    expect(result.stderr).toContain('plugbench plugin');
  });
});

describe('mq endpoints', () => {
  it('refuses an endpoint that is not tcp://HOST:PORT', async () => {
    await expectCode(mqTarget.start({ endpoint: 'ipc:///tmp/x' }), 'INVALID_INPUT');
  });

  it('fails with START_FAILED when nothing answers at the endpoint', async () => {
    const owner = await start(mqTarget);
    const endpoint = owner.endpoint;
    await owner.stop();
    const error = await expectCode(mqTarget.start({ endpoint, startTimeoutMs: 500 }), 'START_FAILED');
    expect(error.message).toContain(endpoint);
  });

  it('reports CRASHED on a connected handle when the plugin behind the endpoint dies', async () => {
    const owner = await start(mqTarget);
    const remote = await start(mqTarget, { endpoint: owner.endpoint });
    const pending = remote.call('fault:sleep', [10_000]);
    process.kill(owner.pid!, 'SIGKILL');
    await expectCode(pending, 'CRASHED');
    expect((await remote.exited).reason).toBe('crashed');
  });
});
