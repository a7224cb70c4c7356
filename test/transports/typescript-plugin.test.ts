/**
 * A TypeScript plugin file runs on every target that takes JavaScript modules,
 * compiled on the fly by tsx (Node 20 cannot strip types itself): in the host,
 * in a worker, in a child process. Targets whose sandbox is Node's permission
 * model refuse it up front with what to do instead.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostFunctions } from '../../src/core/host-api.js';
import { packagePath } from '../../src/core/runtime-paths.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadAllTargets } from '../helpers/targets.js';

/** TypeScript only: an enum, an interface, parameter types, a type-only import and a relative .ts import. */
const PLUGIN = `import type { HostClient } from 'plugbench/plugin';
import { reverse } from './reverse.ts';

enum Kind { Typed = 'typed' }
interface Answer { text: string }

export const name: string = Kind.Typed;
export function revert(text: string): string {
  const answer: Answer = { text: reverse(text) };
  return answer.text;
}
export async function revertWithPrefix(text: string, host: HostClient): Promise<string> {
  return ((await host.getConfig('prefix')) ?? '') + reverse(text);
}
export function exit(): void {}
`;
const HELPER = 'export const reverse = (text: string): string => Array.from(text).reverse().join(\'\');\n';

const jsModuleTargets = (await loadAllTargets()).filter(({ target }) => target.descriptor?.plugin.accepts.includes('js-module'));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'plugbench-ts-'));
  await writeFile(path.join(dir, 'plugin.mts'), PLUGIN);
  await writeFile(path.join(dir, 'reverse.ts'), HELPER);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(jsModuleTargets)('$name', ({ target, availability }) => {
  it.skipIf(!availability.available)('runs a TypeScript plugin (.mts importing a .ts) and the sample revert-plugin.ts', async () => {
    const hostFunctions = createHostFunctions({ config: { prefix: '> ' } });
    {
      await using plugin = await target.start({ pluginPath: path.join(dir, 'plugin.mts'), hostFunctions });
      expect(await plugin.call('revert', ['ab👋'])).toBe('👋ba');
      expect(await plugin.call('revertWithPrefix', ['ab'])).toBe('> ba');
    }
    await using sample = await target.start({ pluginPath: packagePath('sample-plugins', 'typescript', 'revert-plugin.ts') });
    expect(await sample.call('revert', ['héllo'])).toBe('olléh');
  });

  it.skipIf(!availability.available || !target.capabilities.protections.includes('permission-model'))('refuses it under --sandbox, saying to compile it first', async () => {
    const error = await expectCode(target.start({ pluginPath: path.join(dir, 'plugin.mts'), sandbox: true }), 'INVALID_INPUT');
    expect(error.message).toContain('compile plugin.mts to .js (tsc)');
  });
});
