/** Runs the real plugbench binary: `report` draws the charts of a generated results file. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { runPlugbench } from '../helpers/run-cli.js';
import { describe, expect, it } from 'vitest';
import { makeResults, useTempDir } from '../helpers/bench-results.js';


const tempDir = useTempDir();

describe('plugbench report', () => {
  it('writes the charts next to the results, named after the file, and prints each path', async () => {
    const file = await tempDir().write('run-1.json', makeResults());
    const { stdout, exitCode } = await runPlugbench(['report', file]);
    expect(exitCode).toBe(0);
    const expected = ['latency', 'startup', 'recovery', 'payload'].map((chart) => path.join(tempDir().dir, `run-1.${chart}.svg`));
    expect(stdout.trim().split('\n')).toEqual(expected.map((f) => `wrote ${f}`));
    expect((await readdir(tempDir().dir)).sort()).toEqual(['run-1.json', ...expected.map((f) => path.basename(f))].sort());
  });

  it('writes to --out and returns the files with --json', async () => {
    const file = await tempDir().write('run.json', makeResults());
    const out = path.join(tempDir().dir, 'charts');
    const { stdout, exitCode } = await runPlugbench(['report', file, '--out', out, '--json']);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.files).toHaveLength(4);
    expect((await readdir(out)).sort()).toEqual(report.files.map((f: string) => path.basename(f)).sort());
  });

  it('fails on a malformed results file with one line naming it, exit 2', async () => {
    const file = await tempDir().write('broken.json', '{"schemaVersion": 1, "results": ');
    const { stderr, exitCode } = await runPlugbench(['report', file]);
    expect(exitCode).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`results file ${file}: is not valid JSON`);
  });
});
