import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PluginRunner } from '../../src/core/runner.js';
import type { DynamicImportConnection } from '../../transports/dynamic-import/index.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const dynamicImportTarget = await loadTarget('dynamic-import');
const reloadable = (plugin: unknown) => (plugin as PluginRunner).connection as DynamicImportConnection;

const pluginSource = (suffix: string) => `
export const version = ${JSON.stringify(suffix)};
export function revert(text) { return Array.from(text).reverse().join('') + ${JSON.stringify(suffix)}; }
export function exit() {}
`;

describe('dynamic-import', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'plugbench-dyn-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a plugin by path and runs the new code after a reload', async () => {
    const file = path.join(dir, 'plugin.mjs');
    await writeFile(file, pluginSource('v1'));
    await using plugin = await dynamicImportTarget.start({ pluginPath: file });
    expect(await plugin.call('revert', ['ab'])).toBe('bav1');
    await writeFile(file, pluginSource('v2'));
    await reloadable(plugin).reload();
    expect(reloadable(plugin).version).toBe('v2');
    expect(await plugin.call('revert', ['ab'])).toBe('bav2');
  });

  it('keeps the old code when the changed file breaks the contract', async () => {
    const file = path.join(dir, 'plugin.mjs');
    await writeFile(file, pluginSource('v1'));
    await using plugin = await dynamicImportTarget.start({ pluginPath: file });
    await writeFile(file, 'export const nothing = 1;');
    const error = await expectCode(reloadable(plugin).reload(), 'START_FAILED');
    expect(error.message).toMatch(/missing exported functions revert, exit/);
    expect(await plugin.call('revert', ['ab'])).toBe('bav1');
  });

  it('names what is missing when a file does not meet the contract', async () => {
    const file = new URL('../fixtures/plugins/missing-exit.mjs', import.meta.url).pathname;
    const error = await expectCode(dynamicImportTarget.start({ pluginPath: file }), 'START_FAILED');
    expect(error.message).toContain('missing exported function exit');
    expect(error.data).toMatchObject({ missing: ['exit'] });
  });

  it('fails with START_FAILED for a file that does not exist or does not parse', async () => {
    await expectCode(dynamicImportTarget.start({ pluginPath: path.join(dir, 'nope.mjs') }), 'START_FAILED');
    const broken = path.join(dir, 'broken.mjs');
    await writeFile(broken, 'export function revert( {');
    await expectCode(dynamicImportTarget.start({ pluginPath: broken }), 'START_FAILED');
  });

  it('accepts a plugin that exports a default object', async () => {
    const file = path.join(dir, 'default.mjs');
    await writeFile(file, 'export default { revert: (t) => [...t].reverse().join(""), exit() {} };');
    await using plugin = await dynamicImportTarget.start({ pluginPath: file });
    expect(await plugin.call('revert', ['a😀'])).toBe('😀a');
  });
});
