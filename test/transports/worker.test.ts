import { describe, expect, it } from 'vitest';
import type { PluginRunner } from '../../src/core/runner.js';
import type { WorkerConnection } from '../../transports/worker/index.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadAllTargets } from '../helpers/targets.js';

/** Every worker-thread target (the MessagePort and the shared-memory one) keeps the same guarantees. */
const threadTargets = (await loadAllTargets()).filter(({ target }) => target.family === 'thread');

describe.each(threadTargets)('$name', ({ target: workerTarget }) => {
  it('terminates a hung worker on timeout and runs the next call on a fresh one', async () => {
    await using plugin = await workerTarget.start({ faultInjection: true });
    const worker = (plugin as PluginRunner).connection as WorkerConnection;
    const firstThread = worker.threadId;
    await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
    expect(await plugin.call('revert', ['abc'])).toBe('cba');
    expect(worker.generation).toBe(2);
    expect(worker.threadId).not.toBe(firstThread);
  });

  it('fails the other calls in flight on a timed-out worker instead of leaving them hanging', async () => {
    await using plugin = await workerTarget.start({ faultInjection: true });
    const sleeping = plugin.call('fault:sleep', [5_000]);
    await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
    await expectCode(sleeping, 'CRASHED');
  });

  it('rejects every pending call with CRASHED when the worker exits', async () => {
    const plugin = await workerTarget.start({ faultInjection: true });
    const pending = [plugin.call('fault:sleep', [5_000]), plugin.call('fault:stall', [])];
    const crash = plugin.call('fault:crash', []);
    for (const call of [...pending, crash]) {
      const error = await expectCode(call, 'CRASHED');
      expect(error.data).toMatchObject({ exitCode: 70 });
    }
    expect(await plugin.exited).toMatchObject({ reason: 'crashed', exitCode: 70 });
    await expectCode(plugin.call('revert', ['x']), 'CRASHED');
    await plugin.stop();
  });

  it('keeps serving after a plugin method throws, and fails calls in flight with CLOSED on stop', async () => {
    const plugin = await workerTarget.start({ faultInjection: true });
    const pending = expectCode(plugin.call('fault:sleep', [5_000]), 'CLOSED');
    await expectCode(plugin.call('fault:throw', ['boom']), 'PLUGIN_ERROR');
    expect(await plugin.call('revert', ['ok'])).toBe('ko');
    await plugin.stop();
    await pending;
  });

  it('treats an uncaught error inside the worker as a crash of every pending call', async () => {
    const file = new URL('../fixtures/plugins/uncaught-later.mjs', import.meta.url).pathname;
    await using plugin = await workerTarget.start({ pluginPath: file });
    const error = await expectCode(plugin.call('revert', ['x']), 'CRASHED');
    expect(error.message).toContain('escaped the plugin');
  });

  it('fails to start with START_FAILED when the plugin file breaks the contract', async () => {
    const file = new URL('../fixtures/plugins/missing-exit.mjs', import.meta.url).pathname;
    const error = await expectCode(workerTarget.start({ pluginPath: file }), 'START_FAILED');
    expect(error.message).toContain('exit');
  });

  it('rejects with CANCELLED, and keeps the worker, when the caller aborts', async () => {
    await using plugin = await workerTarget.start({ faultInjection: true });
    const controller = new AbortController();
    const call = plugin.call('fault:stall', [], { signal: controller.signal });
    controller.abort();
    await expectCode(call, 'CANCELLED');
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });
});
