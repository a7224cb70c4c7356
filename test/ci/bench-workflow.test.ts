/**
 * The bench workflow cannot run here, so this runs the compare command it calls,
 * word for word (with `node bin/run.js` for `npx plugbench`), on generated results
 * in a stand-in RUNNER_TEMP, with a stand-in job summary file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { makeResults, useTempDir, withSlowerTarget } from '../helpers/bench-results.js';

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

async function runCompareStep(base: unknown, head: unknown) {
  await tempDir().write('base.json', base);
  await tempDir().write('head.json', head);
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
  it('benchmarks base and head with the quick suite into the files it then compares', async () => {
    const lines = await plugbenchLines();
    expect(lines.get('bench')).toEqual([
      'npx plugbench bench --quick --out "$RUNNER_TEMP/base.json"',
      'npx plugbench bench --quick --out "$RUNNER_TEMP/head.json"',
    ]);
    expect(lines.get('compare')).toHaveLength(1);
    expect(lines.get('compare')![0]).toContain('"$RUNNER_TEMP/base.json" "$RUNNER_TEMP/head.json" --format markdown');
  });

  it('its compare step passes on unchanged results and writes the job summary', async () => {
    const results = makeResults();
    const step = await runCompareStep(results, results);
    expect(step.exitCode).toBe(0);
    expect(step.summary).toContain('### plugbench compare');
    expect(step.summary).toContain('no regression');
  });

  it('its compare step fails on a 30% slower target, and the summary names it', async () => {
    const results = makeResults();
    const step = await runCompareStep(results, withSlowerTarget(results, 'child-stdio', 1.3));
    expect(step.exitCode).toBe(1);
    expect(step.summary).toMatch(/❌ \*\*\d+ regressions: child-stdio latency round-trip \+30\.0%/);
  });
});
