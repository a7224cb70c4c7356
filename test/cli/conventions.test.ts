/**
 * oclif's conventions, on the real binary: `help <command>` and `-h`, one line
 * with "did you mean" for a mistyped command or target, the command named in
 * usage errors, the same list and format flags on every command, and help that
 * states the defaults the run really uses.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUITE_NAMES } from '../../src/bench/suite.js';
import { runPlugbench } from '../helpers/run-cli.js';

const oneLine = (text: string) => text.trim().split('\n');

describe('plugbench help', () => {
  it('`help bench`, `bench -h` and `bench --help` print the same help', async () => {
    const [help, short, long] = await Promise.all([runPlugbench(['help', 'bench']), runPlugbench(['bench', '-h']), runPlugbench(['bench', '--help'])]);
    for (const run of [help, short, long]) expect(run.exitCode, run.stderr).toBe(0);
    expect(help.stdout).toContain('$ plugbench bench');
    expect(short.stdout).toBe(help.stdout);
    expect(long.stdout).toBe(help.stdout);
  });

  it('bench --help states the suites a run uses when none is named', async () => {
    const { stdout } = await runPlugbench(['bench', '--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(`(default: ${DEFAULT_SUITE_NAMES.join(', ')};`);
  });
});

describe('mistakes', () => {
  it('a mistyped command gets one line with the closest command, exit 2', async () => {
    const run = await runPlugbench(['lst']);
    expect(run.exitCode).toBe(2);
    expect(oneLine(run.stderr)).toEqual([expect.stringContaining('"lst" is not a plugbench command; did you mean "list"?')]);
    const far = await runPlugbench(['frobnicate']);
    expect(far.exitCode).toBe(2);
    expect(oneLine(far.stderr)).toEqual([expect.not.stringContaining('did you mean')]);
  });

  it('a mistyped target gets the closest target in its one line', async () => {
    const run = await runPlugbench(['demo', 'wrker']);
    expect(run.exitCode).toBe(2);
    expect(oneLine(run.stderr)).toEqual([expect.stringContaining('unknown target "wrker" (did you mean "worker"?)')]);
  });

  it('usage errors name the command whose help lists what is accepted', async () => {
    const flag = await runPlugbench(['bench', '--no-such-flag']);
    expect(flag.exitCode).toBe(2);
    expect(oneLine(flag.stderr)).toEqual([expect.stringContaining('`plugbench bench --help`')]);
    const suite = await runPlugbench(['bench', '--suites', 'latncy']);
    expect(oneLine(suite.stderr)).toEqual([expect.stringMatching(/did you mean "latency".*`plugbench bench --help`/)]);
    expect(suite.stderr).not.toContain('<command>');
  });
});

describe('plugbench audit flags', () => {
  it('takes a comma-separated --targets and --format markdown like the other commands', async () => {
    const run = await runPlugbench(['audit', '--targets', 'worker,in-process', '--probes', 'change-host-globals', '--variants', 'plain', '--format', 'markdown']);
    expect(run.exitCode, run.stderr).toBe(0);
    const table = run.stdout.split('\n').filter((line) => line.startsWith('|'));
    expect(table).toEqual(['| target | change-host-globals |', '|---|---|', expect.stringMatching(/^\| `worker` \| /), expect.stringMatching(/^\| `in-process` \| /)]);
  });
});
