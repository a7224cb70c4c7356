/** Runs the real plugbench binary on generated results files. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runPlugbench } from '../helpers/run-cli.js';
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { makeResults, makeRuns, useTempDir, withSlowerTarget } from '../helpers/bench-results.js';


const tempDir = useTempDir();

describe('plugbench compare', () => {
  it('compares a file with itself: no change, exit 0', async () => {
    const file = await tempDir().write('base.json', makeResults());
    const { stdout, exitCode } = await runPlugbench(['compare', file, file]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^no regression \(\d+ rows judged over one run per side, threshold 10%, alpha 0\.05\)/);
    expect(stdout).not.toContain('REGRESSION');
    expect(stdout).toContain('~ = no significant difference');
  });

  it('flags exactly the target made 30% slower and exits 1; the JSON says the same', async () => {
    const base = makeResults();
    const baseFile = await tempDir().write('base.json', base);
    const headFile = await tempDir().write('head.json', withSlowerTarget(base, 'worker', 1.3));
    const table = await runPlugbench(['compare', baseFile, headFile]);
    expect(table.exitCode).toBe(1);
    expect(table.stdout.split('\n')[0]).toMatch(/^\d+ regressions: worker latency round-trip \+30\.0% \(p<0\.001\)/);
    const json = await runPlugbench(['compare', baseFile, headFile, '--json']);
    expect(json.exitCode).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.gate).toMatchObject({ status: 'regression', exitCode: 1 });
    const targets = new Set(report.comparison.rows.filter((r: { verdict: string }) => r.verdict === 'regression').map((r: { target: string }) => r.target));
    expect([...targets]).toEqual(['worker']);
  });

  it('writes Markdown and appends it to GITHUB_STEP_SUMMARY', async () => {
    const base = makeResults();
    const baseFile = await tempDir().write('base.json', base);
    const headFile = await tempDir().write('head.json', withSlowerTarget(base, 'worker', 1.3));
    const summary = await tempDir().write('summary.md', '# earlier step\n');
    const { stdout, exitCode } = await runPlugbench(['compare', baseFile, headFile, '--format', 'markdown'], { GITHUB_STEP_SUMMARY: summary });
    expect(exitCode).toBe(1);
    expect(stdout).toContain('### plugbench compare');
    expect(stdout).toMatch(/\| `worker` \| latency round-trip \| [\d.]+ µs \| [\d.]+ µs \| \+30\.0% \| \+\d+\.\d% \| <0\.001 \| 30\+30 \| \*\*REGRESSION\*\* \|/);
    const written = await readFile(summary, 'utf8');
    expect(written.startsWith('# earlier step\n')).toBe(true);
    expect(written).toContain(stdout.trim());
  });

  it('refuses to gate results from different machines unless --allow-different-machines', async () => {
    const baseFile = await tempDir().write('base.json', makeResults());
    const headFile = await tempDir().write('head.json', makeResults({ machine: { cpuModel: 'Other CPU', node: 'v22.0.0' } }));
    const refused = await runPlugbench(['compare', baseFile, headFile]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toContain('Different machines');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('CPU Test CPU @ 2.00GHz vs Other CPU; Node v20.20.2 vs v22.0.0');
    const allowed = await runPlugbench(['compare', baseFile, headFile, '--allow-different-machines']);
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stdout).toContain('gated anyway (--allow-different-machines)');
  });

  it('lists rows found in one file only and still exits 0', async () => {
    const base = makeResults();
    const head = makeResults();
    head.results = head.results.filter((r) => r.target !== 'child-stdio');
    const { stdout, exitCode } = await runPlugbench(['compare', await tempDir().write('base.json', base), await tempDir().write('head.json', head)]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Only in base (not compared):');
    expect(stdout).toContain('child-stdio latency round-trip');
    expect(stdout).toContain('child-stdio payload round-trip-64KiB (bytes=65536)');
  });

  it('fails on a missing or malformed file with one line naming it, exit 2', async () => {
    const good = await tempDir().write('good.json', makeResults());
    const missing = path.join(tempDir().dir, 'missing.json');
    const bad = await tempDir().write('bad.json', { ...makeResults(), results: [{ target: 'worker' }] });
    for (const [file, problem] of [
      [missing, `head ${missing}: no such file or folder`],
      [bad, `results file ${bad}: results[0].suite: missing`],
    ] as const) {
      const { stderr, exitCode } = await runPlugbench(['compare', good, file]);
      expect(exitCode).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`INVALID_INPUT: ${problem}`);
    }
  });

  it('compares two folders of runs, judging per-run medians', async () => {
    const sides = await Promise.all(
      (['base', 'head'] as const).map(async (side, s) => {
        const dir = path.join(tempDir().dir, side);
        await mkdir(dir);
        for (const [i, run] of makeRuns(10, { seed: s + 1, drift: 0.2 }).entries()) {
          await writeFile(path.join(dir, `round-${String(i + 1).padStart(2, '0')}.json`), JSON.stringify(side === 'head' ? withSlowerTarget(run.results, 'worker', 1.5) : run.results));
        }
        return dir;
      }),
    );
    const { stdout, exitCode } = await runPlugbench(['compare', ...sides, '--json']);
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.comparison.mode).toBe('runs');
    expect(report.comparison.rows.find((r: { target: string; metric: string }) => r.target === 'worker' && r.metric === 'round-trip')).toMatchObject({
      nBase: 10,
      nHead: 10,
      verdict: 'regression',
    });
  });

  it('refuses two sides with no row in common with one line, exit 2, instead of passing', async () => {
    const base = makeResults();
    const head = makeResults();
    head.results = head.results.map((r) => ({ ...r, target: `other-${r.target}` }));
    head.options = { ...head.options, targets: ['other-worker'] };
    const { stderr, stdout, exitCode } = await runPlugbench(['compare', await tempDir().write('base.json', base), await tempDir().write('head.json', head)]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('INVALID_INPUT: base and head have no rows in common (base: targets in-process,worker,child-stdio');
  });

  it('gates runs whose kernel build differs, with a note', async () => {
    const baseFile = await tempDir().write('base.json', makeResults());
    const headFile = await tempDir().write('head.json', makeResults({ machine: { release: '6.1.0-41-cloud-amd64', os: 'linux 6.1.0-41-cloud-amd64 x64' } }));
    const { stdout, exitCode } = await runPlugbench(['compare', baseFile, headFile]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Note: the kernel builds differ (6.1.0, 6.1.0-41-cloud-amd64)');
    expect(stdout).not.toContain('Different machines');
  });

  it('refuses a results file of an older schema with one line, exit 2', async () => {
    const good = await tempDir().write('good.json', makeResults());
    const old = await tempDir().write('old.json', { ...makeResults(), schemaVersion: 1 });
    const { stderr, exitCode } = await runPlugbench(['compare', old, good]);
    expect(exitCode).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('schemaVersion 1 cannot be read by this plugbench, which reads version 2; measure it again with this version');
  });

  it('compare and report refuse a negative duration or an ok row without samples (either would pass the gate unexamined)', async () => {
    const negative = makeResults();
    negative.results[1]!.samples[0] = -0.01;
    const empty = makeResults();
    empty.results[1] = { ...empty.results[1]!, samples: [], median: null };
    const good = await tempDir().write('good.json', makeResults());
    for (const [name, results, problem] of [
      ['negative.json', negative, /results\[1\]\.samples\[0\]: round-trip \(ms\) cannot be negative, got -0\.01/],
      ['empty.json', empty, /results\[1\]\.samples: a row with status "ok" has no samples/],
    ] as const) {
      const file = await tempDir().write(name, results);
      for (const args of [['compare', good, file], ['report', file]]) {
        const { stderr, exitCode } = await runPlugbench(args);
        expect(exitCode, args.join(' ')).toBe(2);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toMatch(problem);
      }
    }
  });

  it('reads units named like Object.prototype members as plain units', async () => {
    const results = makeResults();
    for (const [i, unit] of ['toString', '__proto__', 'constructor'].entries()) results.results[i + 1]!.unit = unit;
    const file = await tempDir().write('units.json', results);
    const { stdout, stderr, exitCode } = await runPlugbench(['compare', file, file, '--format', 'markdown']);
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(/ toString\b/);
    expect(stdout).toMatch(/ __proto__\b/);
  });

  it('refuses a bad --alpha with one line, exit 2', async () => {
    const file = await tempDir().write('base.json', makeResults());
    const { stderr, exitCode } = await runPlugbench(['compare', file, file, '--alpha', '2']);
    expect(exitCode).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--alpha must be a number from 0 to 1');
  });
});
