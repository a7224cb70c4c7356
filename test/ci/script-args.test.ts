/**
 * The measuring scripts treat bad input as the CLI does (scripts/script-args.mjs):
 * one line saying what was wrong, the usage, exit 2, before anything is measured.
 * A check given a count that is not a number, or a phase it does not know, must not
 * run nothing and pass.
 */
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const script = (name: string, ...args: string[]) => execa(process.execPath, [path.join(root, 'scripts', name), ...args], { cwd: root, reject: false, timeout: 30_000 });

describe('script flags', () => {
  it.each([
    ['check-compare.mjs', ['--comparisons', 'x'], /--comparisons must be a whole number of at least 1, got "x"/],
    ['check-compare.mjs', ['--phases', 'aa,detct'], /--phases takes aa, aa-busy, detect, edits; "detct" is none of them/],
    ['check-compare.mjs', ['--slowdown', 'lots'], /--slowdown must be a number of at least 0/],
    ['check-warmup.mjs', ['--rounds', '0'], /--rounds must be a whole number of at least 1/],
    ['measure-host-overhead.mjs', ['--bogus'], /Unknown option '--bogus'/],
    ['count-instructions.mjs', ['--targets', 'nope'], /"nope" is not a target with a bare mechanism/],
  ])('%s %j: one line, the usage, exit 2', async (name, args, why) => {
    const run = await script(name, ...args);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    const [first, usage, ...rest] = run.stderr.split('\n');
    expect(first).toMatch(why);
    expect(first).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));
    expect(usage).toMatch(/^usage: node scripts\//);
    expect(rest.join('')).toBe('');
  });

  it('prints the usage for --help and exits 0', async () => {
    const run = await script('check-compare.mjs', '--help');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^usage: node scripts\/check-compare\.mjs /);
  });
});
