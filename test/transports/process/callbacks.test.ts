/** Callbacks across a process boundary: chains limited in depth, typed errors both ways, log events. */
import { describe, expect, it } from 'vitest';
import { createHostFunctions, MAX_CALL_DEPTH } from '../../../src/core/host-api.js';
import { builtPath } from '../../../src/core/runtime-paths.js';
import type { PluginEvent, PluginHandle } from '../../../src/core/transport.js';
import { expectCode } from '../../helpers/expect-code.js';
import { loadAllTargets } from '../../helpers/targets.js';

const processTargets = (await loadAllTargets()).filter(({ target }) => target.family === 'process');

/** The logging plugin in the language the target runs: JavaScript, Python, or a Go binary built by build:go. */
function loggingPlugin(name: string): string {
  if (name.endsWith('-python')) return new URL('../../fixtures/plugins/logging_plugin.py', import.meta.url).pathname;
  if (name.startsWith('go-')) return builtPath('test', 'fixtures', 'go', `logging-${name}`);
  return new URL('../../fixtures/plugins/logging-plugin.mjs', import.meta.url).pathname;
}

for (const { name, target, availability } of processTargets) {
  describe.skipIf(!availability.available)(`${name} callbacks`, () => {
    it('stops a host -> plugin -> host chain at the depth limit with CALL_DEPTH_EXCEEDED', async () => {
      const depths: number[] = [];
      let plugin: PluginHandle | undefined;
      plugin = await target.start({
        hostFunctions: {
          // Each callback calls the plugin again, one level deeper, until the host refuses.
          getConfig: async (_args, context) => {
            depths.push(context.depth);
            return plugin!.call('revertWithPrefix', ['x']);
          },
        },
      });
      try {
        const error = await expectCode(plugin.call('revertWithPrefix', ['abc'], { timeoutMs: 30_000 }), 'CALL_DEPTH_EXCEEDED');
        expect(error.message).toContain(`limit is ${MAX_CALL_DEPTH}`);
        expect(depths).toEqual(Array.from({ length: MAX_CALL_DEPTH }, (_, i) => i + 1));
        expect(await plugin.call('revert', ['still fine'])).toBe('enif llits');
      } finally {
        await plugin.stop();
      }
    });

    it('delivers host log calls as log events, and a host refusal comes back with its code', async () => {
      const events: PluginEvent[] = [];
      await using plugin = await target.start({ pluginPath: loggingPlugin(name), hostFunctions: createHostFunctions(), onEvent: (event) => events.push(event) });
      expect(await plugin.call('revert', ['a😀b'])).toBe('b😀a');
      expect(events).toContainEqual({ type: 'log', level: 'info', message: 'reverting 3 code points' });
      const error = await expectCode(plugin.call('shout', ['hey']), 'INVALID_INPUT');
      expect(error.message).toContain('log level must be one of');
    });
  });
}
