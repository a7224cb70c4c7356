import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../src/results/types.js';
import { CHARTS, writeCharts } from '../../src/report/charts/write-charts.js';
import { writeReport } from '../../src/report/write-report.js';
import { makeResults, useTempDir, withTimeSplits } from '../helpers/bench-results.js';
import { expectValidSvg, hues, visibleText } from '../helpers/chart-spec.js';

const tempDir = useTempDir();
/** At most this many colours that mean something per chart (greys for text, grids and context are not counted). */
const MAX_HUES = 4;

async function readSvg(file: string): Promise<string> {
  const svg = await readFile(file, 'utf8');
  expectValidSvg(svg, file);
  return svg;
}

describe('writeCharts', () => {
  it('writes one valid SVG per chart, naming every target, stamped, in a few colours, and nothing else', async () => {
    const results = withTimeSplits(makeResults());
    const files = await writeCharts(results, tempDir().dir, { prefix: 'run.' });
    expect(files.map((f) => path.basename(f))).toEqual(Object.keys(CHARTS).map((name) => `run.${name}.svg`));
    expect((await readdir(tempDir().dir)).sort()).toEqual(files.map((f) => path.basename(f)).sort()); // no temp files left
    const svgs = Object.fromEntries(await Promise.all(files.map(async (f) => [path.basename(f, '.svg').slice(4), await readSvg(f)] as const)));
    for (const [name, svg] of Object.entries(svgs)) {
      const text = visibleText(svg);
      for (const target of ['in-process', 'worker', 'child-stdio']) expect(text, `${target} in ${name}`).toContain(target);
      expect(text, name).toContain('test-host · Test CPU @ 2.00GHz, 2 cores · Node v20.20.2 · load 0.4 · 2026-11-25 08:00 UTC · quick run · plugbench 0.1.0 0123456');
      expect(hues(svg).size, `${name}: ${[...hues(svg)].join(' ')}`).toBeLessThanOrEqual(MAX_HUES);
    }
    const latency = visibleText(svgs.latency!);
    expect(latency).toContain('floor:message-port');
    expect(latency).toMatch(/\b1 µs\b.*\b10 µs\b.*\b100 µs\b/); // a tick per decade, each in its own unit
    expect(latency).not.toMatch(/0\.000/);
    expect(latency).not.toContain('bare:'); // references measured beside a target are in the decomposition chart
    expect(visibleText(svgs.payload!)).toContain('1 KiB');
    expect(visibleText(svgs.decomposition!)).toContain('Where the time goes');
    expect(visibleText(svgs.decomposition!)).toContain('plugbench adds');
  });

  it('leaves out rows that did not run and says so in the chart', async () => {
    const results = makeResults();
    const worker = results.results.find((r) => r.target === 'worker' && r.suite === 'latency')!;
    Object.assign(worker, { status: 'failed', median: null, samples: [], note: 'crashed' });
    const [latency] = await writeCharts(results, tempDir().dir);
    const text = visibleText(await readSvg(latency!));
    expect(text).toContain('Left out, no result: worker latency round-trip (failed)');
    expect(text).toContain('child-stdio');
    // The hang row of in-process is not-recoverable: its row in the recovery chart says why.
    const recovery = visibleText(await readSvg(path.join(tempDir().dir, 'recovery.svg')));
    expect(recovery).toContain('a sync loop blocks the host thread');
  });

  it('skips charts the results have no rows for, and replaces an older file whole', async () => {
    const latencyOnly: BenchResults = { ...makeResults(), results: makeResults().results.filter((r) => r.suite === 'latency') };
    const first = await writeCharts(latencyOnly, tempDir().dir);
    expect(first.map((f) => path.basename(f))).toEqual(['latency.svg']);
    const again = await writeCharts({ ...latencyOnly, results: latencyOnly.results.filter((r) => r.target !== 'child-stdio') }, tempDir().dir);
    expect(again).toEqual(first);
    expect(visibleText(await readSvg(first[0]!))).not.toContain('child-stdio');
    expect(await writeCharts({ ...latencyOnly, results: [] }, tempDir().dir)).toEqual([]);
  });
});

describe('writeReport', () => {
  it('draws every results file committed in bench-results/, older schemas included', async () => {
    const committed = (await readdir('bench-results')).filter((name) => name.endsWith('.json'));
    let drawn = 0;
    for (const name of committed) {
      const { files } = await writeReport(path.join('bench-results', name), tempDir().dir);
      for (const file of files) expect(hues(await readSvg(file)).size, file).toBeLessThanOrEqual(MAX_HUES);
      drawn += files.length;
    }
    expect(drawn).toBeGreaterThan(0);
  });

  it('reads a schema 1 file (machine platform, release and arch in one string)', async () => {
    const results = makeResults();
    const { platform, release, arch, ...machine } = results.machine;
    const file = await tempDir().write('old.json', { ...results, schemaVersion: 1, machine });
    const { files } = await writeReport(file);
    expect(files.map((f) => path.basename(f))).toContain('old.latency.svg');
  });

  it('fails in one line naming the file when a chart needs what the file lacks', async () => {
    const results = makeResults();
    for (const row of results.results) if (row.suite === 'payload') delete row.params;
    const file = await tempDir().write('sizeless.json', results);
    const failure = await writeReport(file).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(new RegExp(`^results file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the payload chart needs params\\.bytes`));
    expect((failure as Error).message).not.toContain('\n');
  });

  it('refuses a schema it cannot read', async () => {
    const file = await tempDir().write('future.json', { ...makeResults(), schemaVersion: 99 });
    await expect(writeReport(file)).rejects.toThrow(/schemaVersion 99 cannot be read/);
  });
});
