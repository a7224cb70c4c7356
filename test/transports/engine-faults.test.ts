/**
 * Faults that the embedded engines can stop, written once for every engine that
 * runs plugin code under its own control (vm, QuickJS, Lua): a runaway loop, a
 * method that throws, calls left in flight at stop, and a memory bomb where the
 * engine has a memory limit.
 */
import { describe, expect, it } from 'vitest';
import { HANG_BEHAVIOURS } from '../../src/core/descriptor.js';
import type { StartOptions, Target } from '../../transports/types.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const [vmTarget, quickjsTarget, luaTarget, wasmTarget, nativeTarget] = await Promise.all(['vm', 'quickjs', 'lua', 'wasm', 'native'].map(loadTarget));

/** Each engine, with its plugin that lacks exit() and whether it has a memory limit. */
const engines: { target: Target; missingExit: string; memoryLimit: boolean }[] = [
  { target: vmTarget, missingExit: fixture('scripts/missing-exit.js'), memoryLimit: false },
  { target: quickjsTarget, missingExit: fixture('scripts/missing-exit.js'), memoryLimit: true },
  { target: luaTarget, missingExit: fixture('lua/missing-exit.lua'), memoryLimit: true },
];

for (const { target, missingExit, memoryLimit } of engines) {
  describe(`${target.name} faults`, () => {
    it('stops an endless loop with TIMEOUT, and the next call works', async () => {
      await using plugin = await target.start({ faultInjection: true });
      await expectCode(plugin.call('fault:hang', [], { timeoutMs: 200 }), 'TIMEOUT');
      expect(await plugin.call('revert', ['abc😀'])).toBe('😀cba');
    });

    it('fails calls in flight with CLOSED on stop', async () => {
      const plugin = await target.start({ faultInjection: true });
      const sleeping = expectCode(plugin.call('fault:sleep', [5_000]), 'CLOSED');
      expect(await plugin.call('revert', ['ok'])).toBe('ko');
      await plugin.stop();
      await sleeping;
    });

    it('answers after a sleep without blocking other calls', async () => {
      await using plugin = await target.start({ faultInjection: true });
      const sleeping = plugin.call('fault:sleep', [50]);
      expect(await plugin.call('revert', ['xy'])).toBe('yx');
      expect(await sleeping).toBe('slept');
    });

    it('times out a call whose host function never answers, and keeps serving', async () => {
      await using plugin = await target.start({ hostFunctions: { getConfig: () => new Promise(() => {}) } });
      await expectCode(plugin.call('revertWithPrefix', ['ab'], { timeoutMs: 100 }), 'TIMEOUT');
      expect(await plugin.call('revert', ['ab'])).toBe('ba');
    });

    it('refuses a plugin without exit() with START_FAILED naming it', async () => {
      const error = await expectCode(target.start({ pluginPath: missingExit }), 'START_FAILED');
      expect(error.message).toContain('exit');
    });

    it('has no fault methods unless fault injection was asked for', async () => {
      await using plugin = await target.start();
      await expectCode(plugin.call('fault:hang', []), 'METHOD_NOT_FOUND');
    });

    it.skipIf(memoryLimit)('refuses a memory bomb it could not stop, instead of taking the host down', async () => {
      await using plugin = await target.start({ faultInjection: true });
      const error = await expectCode(plugin.call('fault:memory', []), 'PLUGIN_ERROR');
      expect(error.message).toContain('no memory limit');
    });

    it.skipIf(!memoryLimit)('stops a plugin that allocates without bound with a clear error, and the next call works', async () => {
      const options = { faultInjection: true, memoryLimitBytes: 32 * 1024 * 1024 } as StartOptions;
      await using plugin = await target.start(options);
      const error = await expectCode(plugin.call('fault:memory', [], { timeoutMs: 30_000 }), 'PLUGIN_ERROR');
      expect(error.message).toContain('memory limit of 32 MiB');
      expect(await plugin.call('revert', ['still alive'])).toBe('evila llits');
    });
  });
}

/** Every embedded target, also those that cannot stop a hang (wasm, native). */
for (const target of [vmTarget, quickjsTarget, luaTarget, wasmTarget, nativeTarget]) {
  describe.skipIf(!(await target.availability()).available)(`${target.name} errors`, () => {
    it('turns an error thrown inside the plugin into PLUGIN_ERROR and keeps serving', async () => {
      await using plugin = await target.start({ faultInjection: true });
      const error = await expectCode(plugin.call('fault:throw', ['boom']), 'PLUGIN_ERROR');
      expect(error.message).toMatch(/boom|fault injected by request/);
      expect(await plugin.call('revert', ['a😀b'])).toBe('b😀a');
    });
  });
}

for (const target of [wasmTarget, nativeTarget]) {
  it(`${target.name} declares that it cannot recover from a hang, and says why`, () => {
    expect(target.capabilities.hang).toBe('blocks-host');
    expect(HANG_BEHAVIOURS[target.capabilities.hang]).toEqual({ recoverable: false, summary: expect.stringMatching(/interrupt/) });
  });
}
