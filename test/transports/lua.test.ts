/** The Lua target's faults: deadline and memory limit enforced by the VM, and a sandbox without io. */
import { describe, expect, it } from 'vitest';
import { luaTarget, type LuaStartOptions } from '../../transports/lua/index.js';
import { expectCode } from '../helpers/expect-code.js';

const fixture = (name: string) => new URL(`../fixtures/lua/${name}`, import.meta.url).pathname;

describe('lua', () => {
  it('stops an endless loop with TIMEOUT, and the next call works', async () => {
    await using plugin = await luaTarget.start({ faultInjection: true });
    await expectCode(plugin.call('fault:hang', [], { timeoutMs: 200 }), 'TIMEOUT');
    expect(await plugin.call('revert', ['abc😀'])).toBe('😀cba');
  });

  it('stops a loop that catches every error, since the deadline yields past pcall', async () => {
    await using plugin = await luaTarget.start({ pluginPath: fixture('catches-everything.lua') });
    await expectCode(plugin.call('spin', [], { timeoutMs: 200 }), 'TIMEOUT');
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });

  it('stops a script that allocates without bound with a clear error, and the next call works', async () => {
    await using plugin = await luaTarget.start({ faultInjection: true, memoryLimitBytes: 32 * 1024 * 1024 } as LuaStartOptions);
    const error = await expectCode(plugin.call('fault:memory', [], { timeoutMs: 30_000 }), 'PLUGIN_ERROR');
    expect(error.message).toContain('memory limit of 32 MiB');
    expect(await plugin.call('revert', ['still alive'])).toBe('evila llits');
  });

  it('keeps serving after a method throws, and fails calls in flight with CLOSED on stop', async () => {
    const plugin = await luaTarget.start({ faultInjection: true });
    const sleeping = expectCode(plugin.call('fault:sleep', [5_000]), 'CLOSED');
    const error = await expectCode(plugin.call('fault:throw', ['boom']), 'PLUGIN_ERROR');
    expect(error.message).toBe('boom');
    expect(await plugin.call('revert', ['ok'])).toBe('ko');
    await plugin.stop();
    await sleeping;
  });

  it('answers after a sleep while other calls run', async () => {
    await using plugin = await luaTarget.start({ faultInjection: true });
    const sleeping = plugin.call('fault:sleep', [50]);
    expect(await plugin.call('revert', ['xy'])).toBe('yx');
    expect(await sleeping).toBe('slept');
  });

  it('gives the plugin no io library', async () => {
    await using plugin = await luaTarget.start({ pluginPath: fixture('uses-io.lua') });
    const error = await expectCode(plugin.call('readFile', []), 'PLUGIN_ERROR');
    expect(error.message).toContain("global 'io'");
  });

  it('refuses a plugin without exit() with START_FAILED naming it', async () => {
    const error = await expectCode(luaTarget.start({ pluginPath: fixture('missing-exit.lua') }), 'START_FAILED');
    expect(error.message).toContain('exit');
  });

  it('refuses a file that is not Lua with START_FAILED', async () => {
    await expectCode(luaTarget.start({ pluginPath: new URL('../fixtures/scripts/syntax-error.js', import.meta.url).pathname }), 'START_FAILED');
  });
});
