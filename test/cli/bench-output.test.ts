/** `plugbench bench` output for people and tools: the job summary, CSV, and the --samples / --warmup overrides. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchResultsSchema } from '../../src/results/schema.js';
import { renderResultsCsv } from '../../src/report/results-csv.js';
import { makeResults, useTempDir } from '../helpers/bench-results.js';
import { runPlugbench } from '../helpers/run-cli.js';

const tempDir = useTempDir();
/** The cheapest real run: one in-process target, the latency suite, a handful of samples. */
const SMALL = ['bench', '--quick', '--targets', 'in-process', '--suites', 'latency', '--samples', '7', '--warmup', '3'];

describe('plugbench bench output', () => {
  it('appends its Markdown to GITHUB_STEP_SUMMARY, after what earlier steps wrote, and records --samples / --warmup', async () => {
    const summary = await tempDir().write('summary.md', '# earlier step\n');
    const out = path.join(tempDir().dir, 'run.json');
    const { exitCode, stderr } = await runPlugbench([...SMALL, '--out', out], { GITHUB_STEP_SUMMARY: summary, CI: '1' });
    expect(exitCode, stderr).toBe(0);
    const written = await readFile(summary, 'utf8');
    expect(written.startsWith('# earlier step\n### plugbench results (quick, 7 samples, 3 warm-up calls)\n')).toBe(true);
    expect(written).toContain(await readFile(path.join(tempDir().dir, 'run.md'), 'utf8'));
    const results = benchResultsSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(results.options.overrides).toEqual({ samples: 7, warmup: 3 });
    const roundTrip = results.results.find((row) => row.target === 'in-process' && row.metric === 'round-trip')!;
    expect(roundTrip.samples).toHaveLength(7);
  });

  it('--format csv prints every row with its unit', async () => {
    const { stdout, exitCode, stderr } = await runPlugbench([...SMALL, '--out', path.join(tempDir().dir, 'run.json'), '--format', 'csv'], { CI: '1' });
    expect(exitCode, stderr).toBe(0);
    const lines = stdout.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^target,suite,metric,params,status,unit,better,median,/);
    expect(lines.find((line) => line.startsWith('in-process,latency,round-trip,'))).toMatch(/,ok,ms,lower,[\d.e-]+,/);
  });

  it('report --csv writes the same CSV beside the charts', async () => {
    const file = await tempDir().write('run.json', makeResults());
    const { stdout, exitCode, stderr } = await runPlugbench(['report', file, '--csv']);
    expect(exitCode, stderr).toBe(0);
    const csv = path.join(tempDir().dir, 'run.csv');
    expect(stdout).toContain(`wrote ${csv}`);
    expect(await readFile(csv, 'utf8')).toBe(renderResultsCsv(makeResults()));
  });

  for (const [flag, value] of [
    ['--samples', '0'],
    ['--samples', 'many'],
    ['--warmup', '-1'],
    ['--samples', '1000001'],
  ] as const) {
    it(`refuses ${flag} ${value} before running anything: one line, exit 2`, async () => {
      const { exitCode, stderr, stdout } = await runPlugbench(['bench', '--quick', '--targets', 'in-process', flag, value, '--out', path.join(tempDir().dir, 'x.json')]);
      expect(exitCode).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(flag);
      expect(stderr).toContain('plugbench bench --help');
    });
  }
});
