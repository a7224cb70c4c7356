/**
 * The quickjs memory limit against the isolation audit's memory bomb: the probe
 * script fills 1 MiB arrays until its 1 GiB cap. QuickJS's own byte count misses
 * most of that in this build, so this checks that the limit still holds.
 */
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/core/runtime-paths.js';
import type { QuickJsStartOptions } from '../../transports/quickjs/index.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const probeScript = packagePath('sample-plugins', 'probe', 'probe-script.js');
const CAP_MIB = 1024;
const quickjsTarget = await loadTarget('quickjs');

describe('quickjs memory limit', () => {
  it("stops the audit's memory bomb with an error naming the limit, and the next call works", async () => {
    const options: QuickJsStartOptions = { pluginPath: probeScript, memoryLimitBytes: 32 * 1024 * 1024 };
    await using plugin = await quickjsTarget.start(options);
    const error = await expectCode(plugin.call('probeAllocate', [CAP_MIB], { timeoutMs: 120_000 }), 'PLUGIN_ERROR');
    expect(error.message).toContain('memory limit of 32 MiB');
    expect(await plugin.call('revert', ['still alive'])).toBe('evila llits');
    expect(await plugin.call('probeAllocate', [4])).toBe(4);
  }, 180_000);

  it('keeps each plugin under its own limit: a bomb in one leaves another serving', async () => {
    await using bomber = await quickjsTarget.start({ pluginPath: probeScript });
    await using bystander = await quickjsTarget.start({ pluginPath: probeScript });
    await expectCode(bomber.call('probeAllocate', [CAP_MIB], { timeoutMs: 120_000 }), 'PLUGIN_ERROR');
    expect(await bystander.call('revert', ['a😀b'])).toBe('b😀a');
    expect(await bomber.call('revert', ['a😀b'])).toBe('b😀a');
  }, 180_000);
});
