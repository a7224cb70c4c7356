/** Faults that vm and QuickJS can stop: a runaway loop (before or after a callback), and what each engine adds. */
import { describe, expect, it } from 'vitest';
import { createHostFunctions } from '../../src/core/host-api.js';
import { quickjsTarget } from '../../transports/quickjs/index.js';
import { vmTarget } from '../../transports/vm/index.js';
import { expectCode } from '../helpers/expect-code.js';

const fixture = (name: string) => new URL(`../fixtures/scripts/${name}`, import.meta.url).pathname;

for (const target of [vmTarget, quickjsTarget]) {
  describe(`${target.name} faults`, () => {
    it('stops an endless loop with TIMEOUT, and the next call works', async () => {
      await using plugin = await target.start({ faultInjection: true });
      await expectCode(plugin.call('fault:hang', [], { timeoutMs: 200 }), 'TIMEOUT');
      expect(await plugin.call('revert', ['abc😀'])).toBe('😀cba');
    });

    it('stops a loop that starts after a host callback', async () => {
      await using plugin = await target.start({ pluginPath: fixture('spin-after-callback.js'), hostFunctions: createHostFunctions() });
      await expectCode(plugin.call('spin', [], { timeoutMs: 200 }), 'TIMEOUT');
      expect(await plugin.call('revert', ['ab'])).toBe('ba');
    });

    it('keeps serving after a method throws, and fails calls in flight with CLOSED on stop', async () => {
      const plugin = await target.start({ faultInjection: true });
      const sleeping = expectCode(plugin.call('fault:sleep', [5_000]), 'CLOSED');
      const error = await expectCode(plugin.call('fault:throw', ['boom']), 'PLUGIN_ERROR');
      expect(error.message).toBe('boom');
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

    it('refuses a script without exit() with START_FAILED naming it', async () => {
      const error = await expectCode(target.start({ pluginPath: fixture('missing-exit.js') }), 'START_FAILED');
      expect(error.message).toContain('exit');
    });

    it('refuses a script that does not parse with START_FAILED', async () => {
      await expectCode(target.start({ pluginPath: fixture('syntax-error.js') }), 'START_FAILED');
    });

    it('has no fault methods unless fault injection was asked for', async () => {
      await using plugin = await target.start();
      await expectCode(plugin.call('fault:hang', []), 'METHOD_NOT_FOUND');
    });
  });
}

describe('quickjs memory limit', () => {
  it('stops a script that allocates without bound with a clear error, and the next call works', async () => {
    await using plugin = await quickjsTarget.start({ faultInjection: true, memoryLimitBytes: 32 * 1024 * 1024 } as never);
    const error = await expectCode(plugin.call('fault:memory', [], { timeoutMs: 30_000 }), 'PLUGIN_ERROR');
    expect(error.message).toContain('memory limit of 32 MiB');
    expect(await plugin.call('revert', ['still alive'])).toBe('evila llits');
  });
});
