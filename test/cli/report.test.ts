/** Runs the real plugbench binary: `report` draws the charts of a generated results file. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeResults, makeTempDir } from '../helpers/bench-results.js';

const bin = new URL('../../bin/run.js', import.meta.url).pathname;
const plugbench = (...args: string[]) => execa('node', [bin, ...args], { reject: false, timeout: 60_000 });

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  await temp.dispose();
});

describe('plugbench report', () => {
  it('writes the charts next to the results, named after the file, and prints each path', async () => {
    const file = await temp.write('run-1.json', makeResults());
    const { stdout, exitCode } = await plugbench('report', file);
    expect(exitCode).toBe(0);
    const expected = ['latency', 'startup', 'recovery', 'payload'].map((chart) => path.join(temp.dir, `run-1.${chart}.svg`));
    expect(stdout.trim().split('\n')).toEqual(expected.map((f) => `wrote ${f}`));
    expect((await readdir(temp.dir)).sort()).toEqual(['run-1.json', ...expected.map((f) => path.basename(f))].sort());
  });

  it('writes to --out and returns the files with --json', async () => {
    const file = await temp.write('run.json', makeResults());
    const out = path.join(temp.dir, 'charts');
    const { stdout, exitCode } = await plugbench('report', file, '--out', out, '--json');
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.files).toHaveLength(4);
    expect((await readdir(out)).sort()).toEqual(report.files.map((f: string) => path.basename(f)).sort());
  });

  it('fails on a malformed results file with one line naming it, exit 2', async () => {
    const file = await temp.write('broken.json', '{"schemaVersion": 1, "results": ');
    const { stderr, exitCode } = await plugbench('report', file);
    expect(exitCode).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`results file ${file}: is not valid JSON`);
  });
});
