/**
 * The bench workflow cannot run here, so this checks the bench command it calls
 * and runs its compare command word for word (with `node bin/run.js` for `npx
 * plugbench`), on generated rounds in a stand-in RUNNER_TEMP, with a stand-in job
 * summary file.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { LoadedRun } from '../../src/compare/load-side.js';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { makeRuns, mapRuns, useTempDir, withSlowerTarget } from '../helpers/bench-results.js';

const root = path.resolve(import.meta.dirname, '../..');
const workflowFile = path.join(root, '.github/workflows/bench.yml');

/** The shell lines of the workflow that call plugbench, keyed by subcommand. */
async function plugbenchLines(): Promise<Map<string, string[]>> {
  const text = await readFile(workflowFile, 'utf8');
  const lines = new Map<string, string[]>();
  for (const match of text.matchAll(/npx plugbench (\w+)[^\n)]*/g)) {
    lines.set(match[1]!, [...(lines.get(match[1]!) ?? []), match[0].trim()]);
  }
  return lines;
}

const tempDir = useTempDir();

/** Writes the rounds where the bench step leaves them: $RUNNER_TEMP/bench/{base,head}/round-NN.json. */
async function writeRounds(side: 'base' | 'head', runs: readonly LoadedRun[]): Promise<void> {
  const dir = path.join(tempDir().dir, 'bench', side);
  await mkdir(dir, { recursive: true });
  for (const [i, run] of runs.entries()) await writeFile(path.join(dir, `round-${String(i + 1).padStart(2, '0')}.json`), JSON.stringify(run.results));
}

async function runCompareStep(base: readonly LoadedRun[], head: readonly LoadedRun[]) {
  await writeRounds('base', base);
  await writeRounds('head', head);
  const summary = await tempDir().write('summary.md', '');
  const [line] = (await plugbenchLines()).get('compare')!;
  const command = line!.replace(/^npx plugbench/, `node ${JSON.stringify(path.join(root, 'bin/run.js'))}`);
  const run = await execa('bash', ['-c', command], {
    cwd: root,
    reject: false,
    timeout: 60_000,
    env: { RUNNER_TEMP: tempDir().dir, GITHUB_STEP_SUMMARY: summary },
  });
  return { ...run, summary: await readFile(summary, 'utf8') };
}

describe('.github/workflows/bench.yml', () => {
  it('measures base and head interleaved, 10 quick rounds each, pinned to CPU 0, into the folders it then compares', async () => {
    const lines = await plugbenchLines();
    expect(lines.get('bench')).toEqual([
      'npx plugbench bench --quick --rounds 10 --cpu 0 --suites latency,throughput,startup,recovery --base-checkout ../base --out "$RUNNER_TEMP/bench"',
    ]);
    expect(lines.get('compare')).toEqual(['npx plugbench compare "$RUNNER_TEMP/bench/base" "$RUNNER_TEMP/bench/head" --format markdown']);
    // The base checkout sits beside the head one, where --base-checkout ../base finds it.
    const text = await readFile(workflowFile, 'utf8');
    expect(text).toMatch(/path: base\n/);
    expect(text).toMatch(/path: head\n/);
    expect(text).toMatch(/working-directory: head\n\s+run: npx plugbench bench/);
  });

  it('gates on the suites scripts/check-compare.mjs proves by default', async () => {
    const check = await readFile(path.join(root, 'scripts/check-compare.mjs'), 'utf8');
    const proved = /suites: \{ type: 'string', default: '([^']+)' \}/.exec(check)?.[1];
    expect((await plugbenchLines()).get('bench')![0]).toContain(`--suites ${proved} `);
  });

  it('its compare step passes on rounds of unchanged code on a drifting machine, and writes the job summary', async () => {
    const step = await runCompareStep(makeRuns(10, { seed: 1, drift: 0.2 }), makeRuns(10, { seed: 2, drift: 0.2 }));
    expect(step.exitCode, step.stderr).toBe(0);
    expect(step.summary).toContain('### plugbench compare');
    expect(step.summary).toMatch(/no regression\*\* \(\d+ rows judged over 10\+10 runs/);
  });

  it('its compare step fails on a 30% slower target, and the summary names it', async () => {
    const step = await runCompareStep(makeRuns(10, { seed: 1 }), mapRuns(makeRuns(10, { seed: 2 }), (r) => withSlowerTarget(r, 'child-stdio', 1.3)));
    expect(step.exitCode).toBe(1);
    expect(step.summary).toMatch(/❌ \*\*\d+ regressions\*\*: child-stdio latency round-trip \+3\d\.\d%/);
  });
});
