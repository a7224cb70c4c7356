import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultResultsPath, defaultRoundsDir, markdownPathFor, writeFileAtomic } from '../../src/results/results-file.js';
import { loadResults } from '../../src/results/load-results.js';
import { RESULTS_SCHEMA_VERSION } from '../../src/results/types.js';
import { runBench } from '../../src/bench/run-bench.js';
import { useTempDir } from '../helpers/bench-results.js';
import { expectCode } from '../helpers/expect-code.js';

const tempDir = useTempDir();

describe('results file', () => {
  it('a real run, written atomically, validates and round-trips unchanged', async () => {
    const { dir } = tempDir();
    const results = await runBench({ quick: true, targets: ['in-process'], suites: ['latency', 'payload', 'effort'] });
    const file = path.join(dir, 'nested', 'run.json');
    await writeFileAtomic(file, JSON.stringify(results));
    expect(await readdir(path.dirname(file))).toEqual(['run.json']); // no temp file left
    const read = await loadResults(file);
    expect(read).toEqual(results);
    expect(read.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(read.machine.cores).toBeGreaterThan(0);
    for (const row of read.results.filter((r) => r.status === 'ok')) {
      expect(row.samples.length, `${row.target} ${row.metric}`).toBeGreaterThan(0);
      // One sample (effort's counts) has no interval; every other row's brackets its median, at the level it names.
      if (row.samples.length === 1) expect(row.ciConfidence, `${row.metric} has no CI from one sample`).toBeUndefined();
      else expect(row.ciLow! <= row.median! && row.median! <= row.ciHigh! && row.ciConfidence! > 0, `${row.metric} CI brackets the median`).toBe(true);
    }
  });

  it('a written file that was damaged is refused, naming the field', async () => {
    const { dir } = tempDir();
    const results = await runBench({ quick: true, targets: ['in-process'], suites: ['effort'] });
    const broken = JSON.parse(JSON.stringify(results));
    broken.results[1].median = 'fast';
    const file = path.join(dir, 'broken.json');
    await writeFileAtomic(file, JSON.stringify(broken));
    const error = await expectCode(loadResults(file), 'INVALID_INPUT');
    expect(error.message).toContain('results[1].median');
  });

  it('overwrites atomically and keeps the old content when the write fails', async () => {
    const { dir } = tempDir();
    const file = path.join(dir, 'r.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    await expect(writeFileAtomic(path.join(file, 'under-a-file.json'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['r.json']);
  });

  it('names the default file by date and host, with the Markdown beside it', () => {
    const file = defaultResultsPath('out', new Date('2026-11-25T08:00:00Z'), 'my host/1');
    expect(file).toBe(path.resolve('out', '2026-11-25-my-host-1.json'));
    expect(markdownPathFor(file)).toBe(path.resolve('out', '2026-11-25-my-host-1.md'));
    expect(markdownPathFor('/tmp/r')).toBe('/tmp/r.md');
  });

  it('gives a second run the same day its own file instead of replacing the first', async () => {
    const { dir } = tempDir();
    const when = new Date('2026-11-25T08:00:00Z');
    const first = defaultResultsPath(dir, when, 'host');
    await writeFileAtomic(first, '{}');
    const second = defaultResultsPath(dir, when, 'host');
    expect(second).toBe(path.join(dir, '2026-11-25-host-2.json'));
    await writeFileAtomic(second, '{}');
    expect(defaultResultsPath(dir, when, 'host')).toBe(path.join(dir, '2026-11-25-host-3.json'));
  });

  it('gives a second rounds session the same day its own folder', async () => {
    const { dir } = tempDir();
    const when = new Date('2026-11-25T08:00:00Z');
    const first = defaultRoundsDir(dir, when, 'my host');
    expect(first).toBe(path.join(dir, '2026-11-25-my-host-rounds'));
    await mkdir(first);
    expect(defaultRoundsDir(dir, when, 'my host')).toBe(path.join(dir, '2026-11-25-my-host-rounds-2'));
  });
});
