/**
 * A leading U+FEFF is a character like any other: the engines that copy strings
 * out of their memory as UTF-8 (quickjs, lua) must not drop it as a byte-order
 * mark (a TextDecoder without `ignoreBOM` does), in a plain answer or in one built
 * after a callback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHostFunctions } from '../../src/core/host-api.js';
import type { PluginHandle } from '../../src/core/transport.js';
import { loadTarget } from '../helpers/targets.js';

const started: PluginHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((handle) => handle.stop()));
});

describe.each(['quickjs', 'lua'])('%s keeps a leading U+FEFF', (name) => {
  it('in answers, whatever its place', async () => {
    const target = await loadTarget(name);
    const plugin = await target.start({ hostFunctions: createHostFunctions({ config: { prefix: '\ufeff> ' } }) });
    started.push(plugin);
    for (const [text, reversed] of [['\ufeff', '\ufeff'], ['a\ufeff', '\ufeffa'], ['\ufeff\ufeffb', 'b\ufeff\ufeff'], ['a\ufeff\0', '\0\ufeffa']]) {
      expect(await plugin.call('revert', [text])).toBe(reversed);
    }
    expect(await plugin.call('revertWithPrefix', ['ab'])).toBe('\ufeff> ba');
  });
});
