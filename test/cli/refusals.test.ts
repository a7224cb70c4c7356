/**
 * Every flag and file is checked before a command starts anything: a bad one
 * gets one line on stderr and exit 2, and nothing is left on disk.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlugbench } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/signing.js';

/** Refused with exit 2 and exactly one line matching `message`. */
async function expectRefused(args: string[], message: RegExp): Promise<{ stdout: string }> {
  const result = await runPlugbench(args);
  expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(2);
  expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  return result;
}

const COMMANDS = ['list', 'demo worker', 'bench', 'health', 'compare a.json b.json', 'keygen'];

describe('refused up front, one line, exit 2', () => {
  it.each(COMMANDS)('%s --bogus', async (command) => {
    await expectRefused([...command.split(' '), '--bogus'], /Nonexistent flag: --bogus/);
  });

  it.each([
    ['bench', '--targets'],
    ['bench', '--suites'],
    ['bench', '--floors'],
    ['health', '--targets'],
  ])('%s %s , (a list naming nothing is not "everything")', async (command, flag) => {
    await expectRefused([command, flag, ','], new RegExp(`${flag} "," names nothing`));
  });

  it('health --deadline past the longest timer Node has (2^31-1 ms), which would fire after 1 ms', async () => {
    await expectRefused(['health', '--deadline', '2147483648'], /--deadline .*less than or equal to 2147483647/);
  });

  it('demo --calls past its upper bound', async () => {
    await expectRefused(['demo', 'worker', '--calls', '1000001'], /--calls .*less than or equal to 1000000/);
  });

  it('demo --plugin naming a missing file, before anything starts', async () => {
    const { stdout } = await expectRefused(['demo', 'worker', '--plugin', '/nonexistent/my-plugin.mjs'], /INVALID_INPUT: --plugin \/nonexistent\/my-plugin\.mjs: no such file/);
    expect(stdout).not.toContain('spawn');
  });

  it('demo in-process --plugin: its plugin is compiled in, so it refuses a file instead of running the sample', async () => {
    await using dir = await tempDir();
    const file = path.join(dir.path, 'x.mjs');
    await writeFile(file, 'export function revert(t) { return t; }\nexport function exit() {}\n');
    const { stdout } = await expectRefused(['demo', 'in-process', '--plugin', file], /INVALID_INPUT: in-process .*takes no plugin file/);
    expect(stdout).not.toContain('result');
  });

  it('demo native --plugin my.mjs: a target refuses a kind of file it cannot run', async () => {
    await using dir = await tempDir();
    const file = path.join(dir.path, 'my.mjs');
    await writeFile(file, 'export function revert(t) { return t; }\nexport function exit() {}\n');
    const { stdout } = await expectRefused(['demo', 'native', '--plugin', file], /INVALID_INPUT: native cannot run my\.mjs: it takes native-addon plugins \(\.node\)/);
    expect(stdout).not.toContain('dlopen');
  });

  it('bench --cpu naming a CPU this machine does not have, before anything runs', async () => {
    await expectRefused(['bench', '--cpu', '4096'], /--cpu 4096: this machine has CPUs 0 to \d+; pick one of them/);
  });

  it('bench --plugin naming a missing file or a folder', async () => {
    await expectRefused(['bench', '--plugin', '/nonexistent/my-plugin.mjs'], /--plugin \/nonexistent\/my-plugin\.mjs: no such file/);
    await using dir = await tempDir();
    await expectRefused(['bench', '--plugin', dir.path], /--plugin .* is a directory/);
  });

  it('bench --out into a directory or an impossible path, before the run, leaving no stray file', async () => {
    await using dir = await tempDir();
    const folder = path.join(dir.path, 'results.json');
    await mkdir(folder);
    await expectRefused(['bench', '--targets', 'in-process', '--suites', 'effort', '--out', folder], /--out: .*results\.json is a directory/);
    const file = path.join(dir.path, 'a-file');
    await writeFile(file, '');
    await expectRefused(['bench', '--targets', 'in-process', '--suites', 'effort', '--out', path.join(file, 'x.json')], /--out: .*a-file is not a directory/);
    expect((await readdir(dir.path)).sort()).toEqual(['a-file', 'results.json']);
    expect(await readdir(folder)).toEqual([]);
  });

  it('bench and demo --pub naming a missing key file, before the run', async () => {
    await expectRefused(['bench', '--require-signed', '--pub', '/nonexistent'], /INVALID_INPUT: public key file \/nonexistent cannot be read/);
    await expectRefused(['bench', '--pub', '/nonexistent'], /INVALID_INPUT: public key file \/nonexistent cannot be read/);
    await expectRefused(['demo', 'worker', '--pub', '/nonexistent'], /INVALID_INPUT: public key file \/nonexistent cannot be read/);
  });
});
