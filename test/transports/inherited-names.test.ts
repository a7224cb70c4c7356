/**
 * Names a plain object answers from its prototype, sent as method names to every
 * target: each answers METHOD_NOT_FOUND, never runs Object.prototype.toString
 * or fails some other way (a method table looked up with `in` or `[name]`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { PluginHandle } from '../../src/core/transport.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadAllTargets } from '../helpers/targets.js';

const INHERITED_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const targets = await loadAllTargets();
const handles: PluginHandle[] = [];

afterAll(async () => {
  await Promise.all(handles.map((handle) => handle.stop()));
});

describe.each(targets)('$name', ({ target, availability }) => {
  it.skipIf(!availability.available)('answers METHOD_NOT_FOUND for method names inherited by plain objects', async () => {
    const handle = await target.start({ callTimeoutMs: 10_000 });
    handles.push(handle);
    for (const name of INHERITED_NAMES) {
      const error = await expectCode(handle.call(name, []), 'METHOD_NOT_FOUND');
      expect(error.message, name).toContain(name);
    }
    expect(await handle.call('revert', ['ab'])).toBe('ba');
  });
});
