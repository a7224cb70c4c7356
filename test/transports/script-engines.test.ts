/** What only the plain-script targets (those that take js-script plugins: vm, quickjs) must show: the time limit covers code that runs after a callback. */
import { describe, expect, it } from 'vitest';
import { createHostFunctions } from '../../src/core/host-api.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTargetsWhere } from '../helpers/targets.js';

const fixture = (name: string) => new URL(`../fixtures/scripts/${name}`, import.meta.url).pathname;

for (const target of await loadTargetsWhere((descriptor) => descriptor.plugin.accepts.includes('js-script'))) {
  describe(`${target.name} script plugins`, () => {
    it('stops a loop that starts after a host callback', async () => {
      await using plugin = await target.start({ pluginPath: fixture('spin-after-callback.js'), hostFunctions: createHostFunctions() });
      await expectCode(plugin.call('spin', [], { timeoutMs: 200 }), 'TIMEOUT');
      expect(await plugin.call('revert', ['ab'])).toBe('ba');
    });

    it('refuses a script that does not parse with START_FAILED', async () => {
      await expectCode(target.start({ pluginPath: fixture('syntax-error.js') }), 'START_FAILED');
    });

    it('runs another script given by pluginPath', async () => {
      await using plugin = await target.start({ pluginPath: fixture('spin-after-callback.js') });
      expect(await plugin.call('revert', ['xyz'])).toBe('zyx');
    });
  });
}
