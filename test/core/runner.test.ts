/** The core runner over an in-memory connection: every rule it owns, in milliseconds. */
import { describe, expect, it } from 'vitest';
import { MAX_CALL_DEPTH } from '../../src/core/host-api.js';
import { PluginError } from '../../src/core/errors.js';
import { PluginRunner } from '../../src/core/runner.js';
import { expectCode } from '../helpers/expect-code.js';
import { memoryPlugin } from '../helpers/memory-connection.js';

describe('PluginRunner', () => {
  it('passes a call to the connection with its depth and returns the answer', async () => {
    const plugin = memoryPlugin();
    await using runner = await PluginRunner.start('mem', plugin.open);
    expect(await runner.call('revert', ['a😀b'])).toBe('b😀a');
    expect(runner.startupSteps).toEqual([{ name: 'open', ms: 0, detail: 'in memory' }]);
  });

  it('checks arguments before the connection sees them', async () => {
    const plugin = memoryPlugin();
    await using runner = await PluginRunner.start('mem', plugin.open);
    await expectCode(runner.call('revert', ['\ud800']), 'INVALID_INPUT');
    await expectCode(runner.call('revert', []), 'INVALID_INPUT');
  });

  it('times out calls with different deadlines each at its own, and tells the connection', async () => {
    const plugin = memoryPlugin();
    await using runner = await PluginRunner.start('mem', plugin.open);
    const long = runner.call('stall', [], { timeoutMs: 200 });
    const short = runner.call('stall', [], { timeoutMs: 20 });
    let longSettled = false;
    long.catch(() => (longSettled = true));
    const shortError = await expectCode(short, 'TIMEOUT');
    expect(longSettled).toBe(false);
    expect(shortError.data).toEqual({ timeoutMs: 20 });
    await expectCode(long, 'TIMEOUT');
    expect(plugin.opened[0]!.abandoned.map((reason) => (reason as PluginError).code)).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(await runner.call('revert', ['ok'], { timeoutMs: 50 })).toBe('ko');
  });

  it('rejects with CANCELLED when the caller aborts, before or during the call', async () => {
    const plugin = memoryPlugin();
    await using runner = await PluginRunner.start('mem', plugin.open);
    const controller = new AbortController();
    const call = runner.call('stall', [], { signal: controller.signal });
    controller.abort(new Error('user gave up'));
    await expectCode(call, 'CANCELLED');
    await expectCode(runner.call('revert', ['x'], { signal: controller.signal }), 'CANCELLED');
  });

  it('fails every pending call with CRASHED when the connection reports a crash, and refuses later calls', async () => {
    const plugin = memoryPlugin();
    const runner = await PluginRunner.start('mem', plugin.open);
    const pending = [runner.call('stall', []), runner.call('sleep', [10_000])];
    plugin.opened[0]!.crash(70);
    for (const call of pending) expect((await expectCode(call, 'CRASHED')).data).toEqual({ exitCode: 70, signal: null });
    await expectCode(runner.call('revert', ['x']), 'CRASHED');
    expect(await runner.exited).toMatchObject({ reason: 'crashed', exitCode: 70 });
    expect((await runner.health()).ok).toBe(false);
    await runner.stop();
    expect(plugin.opened[0]!.closes).toBe(1);
  });

  it('stops once: pending calls get CLOSED, the connection is closed once, later calls get CLOSED', async () => {
    const plugin = memoryPlugin();
    const runner = await PluginRunner.start('mem', plugin.open);
    const pending = runner.call('stall', []);
    await Promise.all([runner.stop(), runner.stop()]);
    await expectCode(pending, 'CLOSED');
    await expectCode(runner.call('revert', ['x']), 'CLOSED');
    expect(plugin.opened[0]!.closes).toBe(1);
    expect(await runner.exited).toEqual({ reason: 'stopped' });
  });

  it('gives up a start past its deadline and closes the connection that arrives late', async () => {
    const plugin = memoryPlugin({ openDelayMs: 80 });
    const error = await expectCode(PluginRunner.start('mem', plugin.open, { startTimeoutMs: 20 }), 'START_FAILED');
    expect(error.message).toContain('did not start within 20 ms');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(plugin.opened[0]!.closes).toBe(1);
  });

  it('cancels a start when its signal aborts', async () => {
    const plugin = memoryPlugin({ openDelayMs: 50 });
    const controller = new AbortController();
    const starting = PluginRunner.start('mem', plugin.open, { signal: controller.signal });
    controller.abort();
    await expectCode(starting, 'CANCELLED');
  });

  it('reports an open that fails with its own error', async () => {
    const plugin = memoryPlugin({ openError: new PluginError('START_FAILED', 'no such file') });
    const error = await expectCode(PluginRunner.start('mem', plugin.open), 'START_FAILED');
    expect(error.message).toContain('no such file');
  });

  it('stops a host -> plugin -> host chain at the depth limit, inherited by calls made before the first await', async () => {
    const plugin = memoryPlugin();
    const depths: number[] = [];
    let runner: PluginRunner | undefined;
    runner = await PluginRunner.start('mem', plugin.open, {
      hostFunctions: {
        getConfig: (_args, context) => {
          depths.push(context.depth);
          return runner!.call('revertWithPrefix', ['x']);
        },
      },
    });
    await expectCode(runner.call('revertWithPrefix', ['abc']), 'CALL_DEPTH_EXCEEDED');
    expect(depths).toEqual(Array.from({ length: MAX_CALL_DEPTH }, (_, i) => i + 1));
    await runner.stop();
  });

  it('lets a host function that awaited first pass its depth explicitly', async () => {
    const plugin = memoryPlugin();
    const depths: number[] = [];
    let runner: PluginRunner | undefined;
    runner = await PluginRunner.start('mem', plugin.open, {
      hostFunctions: {
        getConfig: async (_args, context) => {
          depths.push(context.depth);
          await Promise.resolve();
          return runner!.call('revertWithPrefix', ['x'], { depth: context.depth });
        },
      },
    });
    await expectCode(runner.call('revertWithPrefix', ['abc']), 'CALL_DEPTH_EXCEEDED');
    expect(depths).toHaveLength(MAX_CALL_DEPTH);
    await runner.stop();
  });

  it('reports health from a ping, and a ping that never answers as unhealthy within the health deadline', async () => {
    const plugin = memoryPlugin();
    await using runner = await PluginRunner.start('mem', plugin.open);
    expect((await runner.health()).ok).toBe(true);
    plugin.opened[0]!.deaf = true;
    const status = await runner.health();
    expect(status).toMatchObject({ ok: false });
    expect(status.ok === false && status.detail).toContain('did not answer');
  });
});
