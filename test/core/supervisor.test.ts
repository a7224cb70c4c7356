import { describe, expect, it } from 'vitest';
import { revertText } from '../../src/core/contract.js';
import { PluginError } from '../../src/core/errors.js';
import { Supervisor, type SupervisorEvent } from '../../src/core/supervisor.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const inProcessTarget = await loadTarget('in-process');
const workerTarget = await loadTarget('worker');
const dynamicImportTarget = await loadTarget('dynamic-import');


const v2 = new URL('../fixtures/plugins/revert-v2.mjs', import.meta.url).pathname;

describe('Supervisor', () => {
  it('passes calls, health and stop through to an in-process plugin', async () => {
    const plugin = await Supervisor.start(inProcessTarget);
    expect(plugin.target).toBe('in-process');
    expect(await plugin.call('revert', ['abc😀'])).toBe('😀cba');
    expect((await plugin.health()).ok).toBe(true);
    await plugin.stop();
    await plugin.stop();
    await expectCode(plugin.call('revert', ['x']), 'CLOSED');
    expect(await plugin.exited).toEqual({ reason: 'stopped' });
  });

  it('restarts a crashed worker with backoff and records the recovery', async () => {
    const events: SupervisorEvent[] = [];
    await using plugin = await Supervisor.start(workerTarget, { faultInjection: true }, { onEvent: (event) => events.push(event) });
    const crash = await expectCode(plugin.call('fault:crash', []), 'CRASHED');
    expect(crash.data).toMatchObject({ exitCode: 70 });
    // The next call waits for the fresh worker instead of failing.
    expect(await plugin.call('revert', ['abc'], { timeoutMs: 30_000 })).toBe('cba');
    expect(plugin.generation).toBe(2);
    expect(plugin.recoveries).toHaveLength(1);
    const [record] = plugin.recoveries;
    expect(record).toMatchObject({ cause: 'crash', attempt: 1 });
    expect(record!.recoveryMs).toBeGreaterThanOrEqual(record!.restartMs);
    expect(events.map((event) => event.type)).toEqual(['started', 'crashed', 'restarting', 'started', 'recovered']);
    const restarting = events.find((event) => event.type === 'restarting');
    expect(restarting).toMatchObject({ delayMs: 100 });
  });

  it('doubles the backoff delay for each crash in the window', async () => {
    const delays: number[] = [];
    await using plugin = await Supervisor.start(
      workerTarget,
      { faultInjection: true },
      { restart: { maxCrashes: 10, initialDelayMs: 10 }, onEvent: (event) => event.type === 'restarting' && delays.push(event.delayMs) },
    );
    for (let i = 0; i < 3; i++) {
      await expectCode(plugin.call('fault:crash', []), 'CRASHED');
      expect(await plugin.call('revert', ['ab'], { timeoutMs: 30_000 })).toBe('ba');
    }
    expect(delays).toEqual([10, 20, 40]);
    expect(plugin.recoveries.map((record) => record.attempt)).toEqual([1, 2, 3]);
  });

  it('gives up with a clear error after too many crashes in the window', async () => {
    await using plugin = await Supervisor.start(workerTarget, { faultInjection: true }, { restart: { maxCrashes: 2, initialDelayMs: 1 } });
    await expectCode(plugin.call('fault:crash', []), 'CRASHED');
    await expectCode(plugin.call('fault:crash', [], { timeoutMs: 30_000 }), 'CRASHED');
    const exit = await plugin.exited;
    expect(exit).toMatchObject({ reason: 'crashed' });
    const error = await expectCode(plugin.call('revert', ['x']), 'CRASHED');
    expect(error.message).toMatch(/gave up after 2 crashes within 5 min/);
    expect(error.data).toMatchObject({ crashes: 2, maxCrashes: 2 });
    expect((await plugin.health()).ok).toBe(false);
  });

  it('keeps a worker that recovered itself after a timeout (its health check passes)', async () => {
    await using plugin = await Supervisor.start(workerTarget, { faultInjection: true });
    await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
    expect(plugin.generation).toBe(1);
  });

  it('hot-swaps to a new plugin version without failing a call in flight', async () => {
    const plugin = await Supervisor.start(dynamicImportTarget, { faultInjection: true });
    try {
      const first = plugin.handle;
      const inFlight = Array.from({ length: 20 }, (_, i) => plugin.call('fault:sleep', [50 + i]));
      const swapping = plugin.swap({ pluginPath: v2, faultInjection: false });
      const during = Array.from({ length: 20 }, (_, i) => plugin.call<string>('revert', [`s${i}`]));
      await swapping;
      expect(await Promise.all(inFlight)).toEqual(inFlight.map(() => 'slept'));
      expect(await Promise.all(during)).toEqual(during.map((_, i) => revertText(`s${i}`)));
      expect(await plugin.call('whichVersion', [])).toBe('2.0.0');
      await expectCode(first!.call('revert', ['x']), 'CLOSED');
    } finally {
      await plugin.stop();
    }
  });

  it('makes calls wait for a restart only within their own deadline', async () => {
    await using plugin = await Supervisor.start(workerTarget, { faultInjection: true }, { restart: { initialDelayMs: 5_000 } });
    await expectCode(plugin.call('fault:crash', []), 'CRASHED');
    const error = await expectCode(plugin.call('revert', ['x'], { timeoutMs: 50 }), 'TIMEOUT');
    expect(error.message).toContain('restarting');
    expect((await plugin.health()).ok).toBe(false);
  });

  it('refuses a first start that fails, with the target error', async () => {
    const error = await Supervisor.start(dynamicImportTarget, { pluginPath: '/nonexistent/plugin.mjs' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginError);
    expect((error as PluginError).code).toBe('START_FAILED');
  });
});
