/**
 * A plugin that cannot load makes its process target fail with one line that
 * names the reason (the contract's missing `exit`), not the last line of a
 * stack ("Node.js v20...") or a Python abort ("Fatal Python error", SIGABRT)
 * that the host would otherwise quote from stderr.
 */
import { describe, expect, it } from 'vitest';
import type { PluginKind } from '../../../src/core/descriptor.js';
import { listTargets } from '../../../transports/catalog.js';
import { expectCode } from '../../helpers/expect-code.js';

const BROKEN: Partial<Record<PluginKind, string>> = {
  'js-module': new URL('../../fixtures/plugins/missing-exit.mjs', import.meta.url).pathname,
  python: new URL('../../fixtures/plugins/missing_exit.py', import.meta.url).pathname,
};

const cases = listTargets().flatMap(({ name, descriptor, load }) =>
  descriptor.family !== 'process' ? [] : descriptor.plugin.accepts.flatMap((kind) => (BROKEN[kind] ? [{ name, descriptor, load, kind, file: BROKEN[kind]! }] : [])),
);

for (const { name, descriptor, load, kind, file } of cases) {
  const availability = (await descriptor.availability?.()) ?? { available: true };
  describe.skipIf(!availability.available)(`${name} with a ${kind} plugin that cannot load`, () => {
    it('fails to start with START_FAILED naming the reason in one line', async () => {
      const target = await load();
      const error = await expectCode(target.start({ pluginPath: file, startTimeoutMs: 30_000 }), 'START_FAILED');
      expect(error.message).toMatch(/exit/);
      expect(error.message).not.toMatch(/Node\.js v\d|Fatal Python error|SIGABRT|Traceback/);
    });
  });
}
