/**
 * The native target: a host without a prefix, and what `plugbench list` says when the addon
 * could not be built. The missing build is simulated for real: the build script
 * runs on a copy of the C plugin with a C compiler that does not exist, and the
 * real binary is pointed at that copy.
 */
import { execa } from 'execa';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTarget } from '../helpers/targets.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'run.js');
const nativeTarget = await loadTarget('native');

interface ListRow {
  name: string;
  available: boolean;
  reason: string | null;
}

async function nativeRow(env: Record<string, string>): Promise<ListRow> {
  const { stdout, exitCode } = await execa('node', [bin, 'list', '--json'], { env, reject: false, timeout: 60_000 });
  expect(exitCode).toBe(0);
  const row = (JSON.parse(stdout) as ListRow[]).find((candidate) => candidate.name === 'native');
  expect(row).toBeDefined();
  return row!;
}

describe.skipIf(!(await nativeTarget.availability()).available)('native', () => {
  it('answers without a prefix when the host has none', async () => {
    await using plugin = await nativeTarget.start({ hostFunctions: { getConfig: () => null } });
    expect(await plugin.call('revertWithPrefix', ['ab'])).toBe('ba');
  });
});

describe('native without a build', () => {
  let copy: string;
  beforeEach(async () => {
    copy = await mkdtemp(path.join(tmpdir(), 'plugbench-native-'));
    for (const name of ['revert.c', 'binding.gyp']) await copyFile(path.join(root, 'sample-plugins', 'c', name), path.join(copy, name));
  });
  afterEach(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  it('lets the build succeed without a C compiler, and list shows native unavailable with the reason', async () => {
    const env = { PLUGBENCH_NATIVE_DIR: copy, CC: path.join(copy, 'no-such-cc') };
    const build = await execa('node', [path.join(root, 'scripts', 'build-native.mjs')], { env, reject: false, timeout: 60_000 });
    expect(build.exitCode).toBe(0);
    const row = await nativeRow({ PLUGBENCH_NATIVE_DIR: copy });
    expect(row.available).toBe(false);
    expect(row.reason).toContain('no C compiler');
    expect(row.reason).toContain('npm run build:native');
  });

  it('says how to build the addon when nothing was ever built', async () => {
    const row = await nativeRow({ PLUGBENCH_NATIVE_DIR: copy });
    expect(row.available).toBe(false);
    expect(row.reason).toContain('npm run build:native');
  });
});
