/**
 * Each embedded plugin checks its input itself, not only the host: these tests
 * reach the plugin past the host's check (the host refuses a lone surrogate
 * before sending, so conformance alone never shows the plugin's own refusal).
 */
import { readFile } from 'node:fs/promises';
import { LuaFactory } from 'wasmoon';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/core/runtime-paths.js';
import { addonPath, loadAddon } from '../../transports/native/native-build.js';
import { nativeTarget } from '../../transports/native/index.js';
import { quickjsTarget } from '../../transports/quickjs/index.js';
import { vmTarget } from '../../transports/vm/index.js';
import { wasmTarget, type WasmHandle } from '../../transports/wasm/index.js';
import { expectCode } from '../helpers/expect-code.js';

const nativeAvailable = (await nativeTarget.availability()).available;

describe('plugins refuse bad input on their own', () => {
  for (const target of [vmTarget, quickjsTarget]) {
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
    await using plugin = (await wasmTarget.start()) as WasmHandle;
    const status = plugin.plugin.revert(plugin.strings.write('ab\ud800cd'));
    expect(status).toBeLessThan(-1);
    expect(plugin.strings.read(-2 - status)).toBe('INVALID_INPUT: text is not well-formed Unicode: lone surrogate at index 2');
  });

  it.skipIf(!nativeAvailable)('the C plugin', () => {
    const addon = loadAddon(addonPath());
    expect(() => addon.revert('ab\ud800cd')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('index 2') }));
    expect(() => addon.revert(42 as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
