/**
 * The pieces of scripts/check-compare.mjs that can be checked without timing
 * anything: the planted busy wait applies to a copy (the anchors it patches still
 * exist) and leaves every JavaScript target answering correctly, and the planted
 * edits change exactly the rows they name.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { makeRuns, useTempDir } from '../helpers/bench-results.js';

const root = path.resolve(import.meta.dirname, '../..');
const { copyCheckout, plantSlowRevert } = await import(path.join(root, 'scripts/check-compare/checkouts.mjs'));
const { writeEditedRuns } = await import(path.join(root, 'scripts/check-compare/planted-edits.mjs'));
const tempDir = useTempDir();

describe('check-compare', () => {
  it('plants the busy wait in a copy only, and every JavaScript target there still answers', async () => {
    const copy = await copyCheckout(root, path.join(tempDir().dir, 'planted'));
    await plantSlowRevert(copy, { 'in-process': 1, worker: 1, 'stdio-rpc': 1, vm: 1 });
    expect(await readFile(path.join(copy, 'sample-plugins/js-script/revert.js'), 'utf8')).toContain('__plantedSpin();');
    expect(await readFile(path.join(root, 'sample-plugins/js-script/revert.js'), 'utf8')).not.toContain('planted');
    for (const target of ['in-process', 'worker', 'stdio-rpc', 'vm']) {
      const demo = await execa(process.execPath, [path.join(copy, 'bin/run.js'), 'demo', target, '--input', 'abc', '--json'], { reject: false, timeout: 60_000 });
      expect(demo.exitCode, `${target}: ${demo.stderr}`).toBe(0);
      expect(demo.stdout).toContain('"cba"');
    }
  }, 180_000);

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
