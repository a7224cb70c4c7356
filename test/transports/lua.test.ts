/** What only the Lua target must show: its deadline cannot be caught by the plugin, and its sandbox has no io. */
import { describe, expect, it } from 'vitest';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const fixture = (name: string) => new URL(`../fixtures/lua/${name}`, import.meta.url).pathname;
const luaTarget = await loadTarget('lua');

describe('lua', () => {
  it('stops a loop that catches every error, since the deadline yields past pcall', async () => {
    await using plugin = await luaTarget.start({ pluginPath: fixture('catches-everything.lua') });
    await expectCode(plugin.call('spin', [], { timeoutMs: 200 }), 'TIMEOUT');
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });

  it('gives the plugin no io library', async () => {
    await using plugin = await luaTarget.start({ pluginPath: fixture('uses-io.lua') });
    const error = await expectCode(plugin.call('readFile', []), 'PLUGIN_ERROR');
    expect(error.message).toContain("global 'io'");
  });

  it('refuses a file that is not Lua with START_FAILED', async () => {
    await expectCode(luaTarget.start({ pluginPath: fixture('not-lua.lua') }), 'START_FAILED');
  });
});
