/**
 * The pieces of scripts/check-compare.mjs that can be checked without timing
 * anything: the planted busy wait applies to a copy (the anchors it patches still
 * exist) and leaves every JavaScript target answering correctly, the planted
 * edits change exactly the rows they name, and a short trial never cuts a wait
 * below its literal length.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { makeRuns, useTempDir } from '../helpers/bench-results.js';

const root = path.resolve(import.meta.dirname, '../..');
const { copyCheckout, plantSlowRevert } = await import(path.join(root, 'scripts/check-compare/checkouts.mjs'));
const { writeEditedRuns } = await import(path.join(root, 'scripts/check-compare/planted-edits.mjs'));
const { tunedWait } = await import(path.join(root, 'scripts/check-compare/tuning.mjs'));
const tempDir = useTempDir();

describe('check-compare', () => {
  it('plants the busy wait in a copy only, and every JavaScript target there still answers', async () => {
    const copy = await copyCheckout(root, path.join(tempDir().dir, 'planted'));
    await plantSlowRevert(copy, { 'in-process': 1, worker: 1, 'worker-sab': 2, 'stdio-rpc': 1, vm: 1 });
    expect(await readFile(path.join(copy, 'sample-plugins/js-script/revert.js'), 'utf8')).toContain('__plantedSpin();');
    // The module spins a count of steps set when planted (2 µs is twice 1 µs's), not a clock.
    const steps = JSON.parse(/__plantedSteps = (\{.*\});/.exec(await readFile(path.join(copy, 'dist/sample-plugins/typescript/revert-plugin.js'), 'utf8'))![1]!);
    expect(steps.worker).toBeGreaterThan(0);
    expect(Math.abs(steps['worker-sab'] - 2 * steps.worker)).toBeLessThanOrEqual(1);
    expect(await readFile(path.join(root, 'sample-plugins/js-script/revert.js'), 'utf8')).not.toContain('planted');
    for (const target of ['in-process', 'worker', 'worker-sab', 'stdio-rpc', 'vm']) {
      const demo = await execa(process.execPath, [path.join(copy, 'bin/run.js'), 'demo', target, '--input', 'abc', '--json'], { reject: false, timeout: 60_000 });
      expect(demo.exitCode, `${target}: ${demo.stderr}`).toBe(0);
      expect(demo.stdout).toContain('"cba"');
    }
  }, 180_000);

  it('scales a planted wait by what a trial proves, never below its literal length', () => {
    const trial = (lowPct: number, highPct: number) => ({ ci: { lowPct, highPct } });
    expect(tunedWait(10, 10, trial(10, 40), 25)).toBe(10); // the interval holds 25%: as it is
    expect(tunedWait(10, 10, trial(50, 90), 25)).toBe(10); // proved above 25%: would be cut to 5, kept at the literal 10
    expect(tunedWait(20, 10, trial(50, 90), 25)).toBe(10); // a wait grown earlier shrinks back, not below 10
    expect(tunedWait(10, 10, trial(2, 12.5), 25)).toBe(20); // proved below 25%: doubled
    expect(tunedWait(10, 10, trial(-5, -1), 25)).toBe(30); // no effect at all: at most x3
    expect(tunedWait(10, 10, {}, 25)).toBe(10); // no interval: unchanged
  });

  it('edits exactly the rows an edit names, in every head run', async () => {
    const head = path.join(tempDir().dir, 'head');
    const runs = makeRuns(3);
    await Promise.all(runs.map(async (run, i) => {
      await import('node:fs/promises').then((fs) => fs.mkdir(head, { recursive: true }));
      await writeFile(path.join(head, `round-0${i + 1}.json`), JSON.stringify(run.results));
    }));
    const out = path.join(tempDir().dir, 'edited');
    expect(await writeEditedRuns(head, out, 'start-3x', 'worker')).toEqual(['startup start-to-first-call']);
    const edited = await Promise.all((await readdir(out)).sort().map(async (name) => JSON.parse(await readFile(path.join(out, name), 'utf8'))));
    for (const [i, results] of edited.entries()) {
      for (const [j, row] of results.results.entries()) {
        const before = runs[i]!.results.results[j]!;
        const touched = row.target === 'worker' && row.metric === 'start-to-first-call';
        expect(row.samples).toEqual(touched ? before.samples.map((v: number) => v * 3) : before.samples);
      }
    }
  });
});
