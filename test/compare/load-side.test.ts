import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSide } from '../../src/compare/load-side.js';
import { expectCode } from '../helpers/expect-code.js';
import { makeRuns, useTempDir } from '../helpers/bench-results.js';

const tempDir = useTempDir();

describe('loadSide', () => {
  it('reads a folder as one run per *.json, in name order, and leaves the .md and charts beside them alone', async () => {
    const dir = path.join(tempDir().dir, 'runs');
    await mkdir(dir);
    const runs = makeRuns(3);
    for (const [i, run] of [...runs.entries()].reverse()) await writeFile(path.join(dir, `round-0${i + 1}.json`), JSON.stringify(run.results));
    await writeFile(path.join(dir, 'round-01.md'), '# not a results file');
    const loaded = await loadSide(dir, 'base');
    expect(loaded.map((run) => path.basename(run.file))).toEqual(['round-01.json', 'round-02.json', 'round-03.json']);
    expect(loaded.map((run) => run.results)).toEqual(runs.map((run) => run.results));
  });

  it('reads a single file as one run', async () => {
    const file = await tempDir().write('one.json', makeRuns(1)[0]!.results);
    expect(await loadSide(file, 'head')).toHaveLength(1);
  });

  it('refuses a missing path and an empty folder with one line', async () => {
    const missing = await expectCode(loadSide(path.join(tempDir().dir, 'nope'), 'base'), 'INVALID_INPUT');
    expect(missing.message).toMatch(/^base .*nope: no such file or folder$/);
    const empty = path.join(tempDir().dir, 'empty');
    await mkdir(empty);
    const none = await expectCode(loadSide(empty, 'head'), 'INVALID_INPUT');
    expect(none.message).toMatch(/^head folder .*empty holds no results files \(\*\.json\); write some with plugbench bench --rounds N/);
  });
});
