/**
 * What is particular to the ZeroMQ targets: a stalled call does not doom the
 * plugin, --connect endpoints. Crash, hang, garbage, host SIGKILL, supervisor
 * restarts and the magic cookie run with every process target in test/transports/process/.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHostFunctions } from '../../src/core/host-api.js';
import type { PluginHandle, Target } from '../../src/core/transport.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const mqTarget = await loadTarget('mq');
const mqPythonTarget = await loadTarget('mq-python');
const targets: [string, Target][] = [['mq', mqTarget]];
const python = await mqPythonTarget.availability();
if (python.available) targets.push(['mq-python', mqPythonTarget]);
else describe.skip(`mq-python (skipped: ${python.reason})`, () => it('is unavailable here', () => {}));

const started: PluginHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((handle) => handle.stop()));
});
async function start(target: Target, options: Parameters<Target['start']>[0] = {}): Promise<PluginHandle & { endpoint: string }> {
  const handle = await target.start({ faultInjection: true, ...options });
  started.push(handle);
  return handle as PluginHandle & { endpoint: string };
}

describe.each(targets)('%s', (_name, target) => {
  it('keeps a plugin whose call stalls but that still answers pings', async () => {
    const plugin = await start(target);
    await expectCode(plugin.call('fault:stall', [], { timeoutMs: 200 }), 'TIMEOUT');
    expect((await plugin.health()).ok).toBe(true);
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });

  it('carries a plugin error across with its code, and keeps serving', async () => {
    const plugin = await start(target);
    const error = await expectCode(plugin.call('fault:throw', ['boom']), 'PLUGIN_ERROR');
    expect(error.message).toContain('boom');
    expect(await plugin.call('revert', ['ok'])).toBe('ko');
  });

  it('serves a second host that connects to its endpoint, and stopping that host leaves the plugin running', async () => {
    const owner = await start(target);
    const remote = await start(target, { endpoint: owner.endpoint, secret: owner.secret!, hostFunctions: createHostFunctions() });
    expect(remote.pid).toBeUndefined();
    const outputs = await Promise.all([remote.call('revertWithPrefix', ['abc']), owner.call('revert', ['xyz'])]);
    expect(outputs).toEqual(['reverted: cba', 'zyx']);
    await remote.stop();
    expect(await owner.call('revert', ['still here'])).toBe('ereh llits');
  });
});

describe('mq endpoints', () => {
  it('refuses an endpoint that is not tcp://HOST:PORT', async () => {
    await expectCode(mqTarget.start({ endpoint: 'ipc:///tmp/x' }), 'INVALID_INPUT');
  });

  it('fails with START_FAILED when nothing answers at the endpoint', async () => {
    const owner = await start(mqTarget);
    const { endpoint, secret } = owner;
    await owner.stop();
    const error = await expectCode(mqTarget.start({ endpoint, secret: secret!, startTimeoutMs: 500 }), 'START_FAILED');
    expect(error.message).toContain(endpoint);
  });

  it('reports CRASHED on a connected handle when the plugin behind the endpoint dies', async () => {
    const owner = await start(mqTarget);
    const remote = await start(mqTarget, { endpoint: owner.endpoint, secret: owner.secret! });
    const pending = remote.call('fault:sleep', [10_000]);
    process.kill(owner.pid!, 'SIGKILL');
    await expectCode(pending, 'CRASHED');
    expect((await remote.exited).reason).toBe('crashed');
  });
});
