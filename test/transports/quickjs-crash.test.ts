/**
 * When the quickjs engine itself dies the plugin is reported crashed: here the
 * script's recursion runs V8's own stack out inside QuickJS's WebAssembly (its
 * own stack limit is switched off), which unwinds QuickJS's C code half way.
 */
import { describe, expect, it } from 'vitest';
import type { QuickJsStartOptions } from '../../transports/quickjs/index.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const quickjsTarget = await loadTarget('quickjs');
const fixture = new URL('../fixtures/scripts/deep-recursion.js', import.meta.url).pathname;

describe('quickjs engine death', () => {
  it('rejects the call with CRASHED, ends the plugin as crashed, and refuses the next call', async () => {
    const options: QuickJsStartOptions = { pluginPath: fixture, maxStackSizeBytes: 0 };
    await using plugin = await quickjsTarget.start(options);
    const error = await expectCode(plugin.call('recurse', []), 'CRASHED');
    expect(error.message).toContain('cannot run again');
    const exit = await plugin.exited;
    expect(exit.reason).toBe('crashed');
    await expectCode(plugin.call('revert', ['ab']), 'CRASHED');
  });

  it('keeps serving when its own stack limit stops the recursion first', async () => {
    const options: QuickJsStartOptions = { pluginPath: fixture, maxStackSizeBytes: 128 * 1024 };
    await using plugin = await quickjsTarget.start(options);
    const error = await expectCode(plugin.call('recurse', []), 'PLUGIN_ERROR');
    expect(error.message).toContain('stack overflow');
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });
});
