/** What worker-sab adds to the worker target's guarantees (test/transports/worker.test.ts runs those on it too). */
import { describe, expect, it } from 'vitest';
import { revertText } from '../../../src/core/contract.js';
import { SPILL_UNITS } from '../../../transports/worker-sab/codec.js';
import { expectCode } from '../../helpers/expect-code.js';
import { loadTarget } from '../../helpers/targets.js';

const target = await loadTarget('worker-sab');
const timerPlugin = new URL('./fixtures/timer-plugin.mjs', import.meta.url).pathname;

describe('worker-sab', () => {
  it('answers text on both sides of the spill size, and many at once when they overflow the ring', async () => {
    await using plugin = await target.start();
    for (const units of [SPILL_UNITS - 1, SPILL_UNITS, SPILL_UNITS + 1]) {
      const text = 'ab😀'.repeat(units).slice(0, units);
      expect(await plugin.call('revert', [text.isWellFormed() ? text : text.slice(0, -1)])).toBe(revertText(text.isWellFormed() ? text : text.slice(0, -1)));
    }
    const inputs = Array.from({ length: 40 }, (_, i) => `${i}:${'z'.repeat(SPILL_UNITS - 10)}`);
    expect(await Promise.all(inputs.map((input) => plugin.call<string>('revert', [input])))).toEqual(inputs.map(revertText));
  });

  it('lets a timer the plugin left behind fire while calls keep coming (the worker does not block over it)', async () => {
    await using plugin = await target.start({ pluginPath: timerPlugin });
    expect(await plugin.call('revert', ['arm'])).toBe('armed');
    const deadline = performance.now() + 10_000;
    let fired = 'false';
    while (fired !== 'true' && performance.now() < deadline) {
      fired = await plugin.call<string>('revert', ['check']);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(fired).toBe('true');
  });

  it('serves a host call the plugin makes from a timer, while no call is in flight', async () => {
    const asked: string[] = [];
    await using plugin = await target.start({ pluginPath: timerPlugin, hostFunctions: { getConfig: (...args: unknown[]) => void asked.push(String(args[0])) } });
    expect(await plugin.call('revert', ['call back later'])).toBe('scheduled');
    const deadline = performance.now() + 10_000;
    while (!asked.includes('late') && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(asked).toEqual(['late']);
  });

  it('serves host callbacks in flight beside plain calls, and a ping between them', async () => {
    await using plugin = await target.start({ hostFunctions: { getConfig: async () => '#' } });
    const mixed = await Promise.all(Array.from({ length: 50 }, (_, i) => plugin.call<string>(i % 2 ? 'revert' : 'revertWithPrefix', [`t${i}`])));
    mixed.forEach((output, i) => expect(output).toBe((i % 2 ? '' : '#') + revertText(`t${i}`)));
    expect((await plugin.health()).ok).toBe(true);
  });

  it('asked to spin before it waits (spinMicros), gives the same answers, callbacks and concurrency', async () => {
    await using plugin = await target.start({ spinMicros: 50, hostFunctions: { getConfig: async () => '#' } } as Parameters<typeof target.start>[0]);
    for (let i = 0; i < 200; i++) expect(await plugin.call('revert', [`spin ${i} 😀`])).toBe(revertText(`spin ${i} 😀`));
    const inputs = Array.from({ length: 50 }, (_, i) => `c${i}`);
    expect(await Promise.all(inputs.map((input) => plugin.call<string>('revertWithPrefix', [input])))).toEqual(inputs.map((input) => '#' + revertText(input)));
  });

  it('ignores the late answer of a call the caller gave up, and keeps serving', async () => {
    await using plugin = await target.start({ faultInjection: true });
    await expectCode(plugin.call('fault:sleep', [300], { timeoutMs: 50 }), 'TIMEOUT');
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });
});
