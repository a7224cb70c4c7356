import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../src/results/types.js';
import { startupChart } from '../../src/report/charts/startup-chart.js';
import { CHARTS, writeCharts } from '../../src/report/charts/write-charts.js';
import { makeResults, useTempDir, withTimeSplits } from '../helpers/bench-results.js';

const tempDir = useTempDir();

/** Every text node of an SVG, joined: what a reader sees on the chart. */
function visibleText(svg: string): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number') texts.push(String(node));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) if (!key.startsWith('@_')) walk(value);
  };
  walk(new XMLParser({ ignoreAttributes: false }).parse(svg));
  return texts.join(' ');
}

async function readSvg(file: string): Promise<string> {
  const svg = await readFile(file, 'utf8');
  expect(XMLValidator.validate(svg), file).toBe(true);
  expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  return svg;
}

describe('writeCharts', () => {
  it('writes one valid SVG per chart, naming every target, and nothing else', async () => {
    const results = withTimeSplits(makeResults());
    const files = await writeCharts(results, tempDir().dir, { prefix: 'run.' });
    expect(files.map((f) => path.basename(f))).toEqual(Object.keys(CHARTS).map((name) => `run.${name}.svg`));
    expect((await readdir(tempDir().dir)).sort()).toEqual(files.map((f) => path.basename(f)).sort()); // no temp files left
    const text = Object.fromEntries(await Promise.all(files.map(async (f) => [path.basename(f), visibleText(await readSvg(f))] as const)));
    for (const target of ['in-process', 'worker', 'child-stdio']) {
      for (const name of Object.keys(CHARTS)) expect(text[`run.${name}.svg`], `${target} in ${name}`).toContain(target);
    }
    expect(text['run.latency.svg']).toContain('floor:message-port');
    expect(text['run.latency.svg']).toContain('log scale');
    expect(text['run.payload.svg']).toContain('payload bytes');
    expect(text['run.decomposition.svg']).toContain('Where the time goes');
    expect(text['run.decomposition.svg']).toContain('plugbench adds');
    expect(text['run.latency.svg']).not.toContain('bare:'); // references measured beside a target are in the decomposition chart
  });

  it('leaves out rows that did not run and says so in the chart', async () => {
    const results = makeResults();
    const worker = results.results.find((r) => r.target === 'worker' && r.suite === 'latency')!;
    Object.assign(worker, { status: 'failed', median: null, samples: [], note: 'crashed' });
    const [latency] = await writeCharts(results, tempDir().dir);
    const text = visibleText(await readSvg(latency!));
    expect(text).toContain('Left out, no result: worker latency round-trip (failed)');
    expect(text).toContain('child-stdio');
    // The hang row of in-process is not-recoverable: named in the recovery chart's note.
    const recovery = visibleText(await readSvg(path.join(tempDir().dir, 'recovery.svg')));
    expect(recovery).toContain('in-process hang time-to-usable (not-recoverable)');
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

describe('startupChart', () => {
  const panelValues = (results: BenchResults) =>
    (startupChart(results) as unknown as { hconcat: { data: { values: { metric: string; value: number }[] } }[] }).hconcat.map((panel) => panel.data.values);

  it('draws the memory total, not its parts, in MiB', () => {
    const results = makeResults();
    const [time, memory] = panelValues(results);
    expect(new Set(time!.map((v) => v.metric))).toEqual(new Set(['start-to-first-call']));
    expect(new Set(memory!.map((v) => v.metric))).toEqual(new Set(['memory-added']));
    const worker = results.results.find((r) => r.target === 'worker' && r.metric === 'memory-added')!;
    expect(memory!.find((v) => v.value === worker.median! / 2 ** 20)).toBeDefined();
  });

  it('draws every memory row when the results have no total', () => {
    const results = makeResults();
    results.results = results.results.filter((r) => r.metric !== 'memory-added');
    expect(new Set(panelValues(results)[1]!.map((v) => v.metric))).toEqual(new Set(['host-rss-added']));
  });
});
