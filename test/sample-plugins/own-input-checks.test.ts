/**
 * Each embedded plugin checks its input itself, not only the host: these tests
 * reach the plugin past the host's check (the host refuses a lone surrogate
 * before sending, so conformance alone never shows the plugin's own refusal).
 */
import { readFile } from 'node:fs/promises';
import { LuaFactory } from 'wasmoon';
import { describe, expect, it } from 'vitest';
import { builtPath, packagePath } from '../../src/core/runtime-paths.js';
import { addonPath, loadAddon } from '../../transports/native/native-build.js';
import { instantiateWasmPlugin } from '../../transports/wasm/wasm-plugin.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget, loadTargetsWhere } from '../helpers/targets.js';

const nativeAvailable = (await (await loadTarget('native')).availability()).available;
const scriptTargets = await loadTargetsWhere((descriptor) => descriptor.plugin.accepts.includes('js-script'));

describe('plugins refuse bad input on their own', () => {
  for (const target of scriptTargets) {
    it(`the script plugin in ${target.name}`, async () => {
      // Every top-level function of a script is callable, so its own check can be called directly.
      await using plugin = await target.start();
      await expectCode(plugin.call('checkText', ['ab\ud800cd']), 'INVALID_INPUT');
      await expectCode(plugin.call('checkText', ['\udc00']), 'INVALID_INPUT');
      await expectCode(plugin.call('checkText', [42]), 'INVALID_INPUT');
    });
  }

  it('the Lua plugin', async () => {
    const engine = await new LuaFactory().createEngine();
    try {
      engine.global.set('source', await readFile(packagePath('sample-plugins', 'lua', 'revert.lua'), 'utf8'));
      const codes = await engine.doString(String.raw`
        local M = load(source)()
        local function code(...) local ok, err = pcall(M.revert, ...); return ok and 'accepted' or err.code end
        return table.concat({ code('\xED\xA0\x80'), code('ab\xFFcd'), code(42), code('ok') }, ' ')
      `);
      expect(codes).toBe('INVALID_INPUT INVALID_INPUT INVALID_INPUT accepted');
    } finally {
      engine.global.close();
    }
  });

  it('the AssemblyScript plugin', async () => {
    // The module itself, with imports that do nothing: the plugin's own check runs before any host call.
    const plugin = await instantiateWasmPlugin(builtPath('sample-plugins', 'assemblyscript', 'revert.wasm'), { env: { abort: () => {} }, host: { call: () => {} } });
    const status = plugin.exports.revert(plugin.strings.write('ab\ud800cd'));
    expect(status).toBeLessThan(-1);
    expect(plugin.strings.read(-2 - status)).toBe('INVALID_INPUT: text is not well-formed Unicode: lone surrogate at index 2');
  });

  it.skipIf(!nativeAvailable)('the C plugin', () => {
    const addon = loadAddon(addonPath());
    expect(() => addon.revert('ab\ud800cd')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('index 2') }));
    expect(() => addon.revert(42 as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
