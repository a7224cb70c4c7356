/**
 * Where the time goes, from a real quick run: each target's latency row with its
 * channel floor and bare mechanism measured beside it in the same rounds, the
 * ratios made from those rows, every peer stopped afterwards, and a reference
 * that cannot start recorded as failed without costing the target its figure.
 * No timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { DECOMPOSITION_ROUNDS } from '../../src/bench/decomposition.js';
import type { ResultRow } from '../../src/results/types.js';
import { runBench } from '../../src/bench/run-bench.js';
import { decompositionChart } from '../../src/report/charts/decomposition-chart.js';
import { renderResultsMarkdown } from '../../src/report/results-markdown.js';
import { descriptor as inProcess } from '../../transports/in-process/descriptor.js';
import { registerTarget } from '../../transports/catalog.js';
import { childrenOf } from '../helpers/process.js';

const SAMPLES = 20;
const budget = { latencySamples: SAMPLES, latencyWarmup: 2 };
const latencyOf = (rows: ResultRow[], target: string, beside?: string) =>
  rows.find((row) => row.target === target && row.metric === 'round-trip' && row.params?.beside === beside);

registerTarget({ ...inProcess, name: 'test-no-bare', plugin: { ...inProcess.plugin, sampleFile: 'test/fixtures/plugins/not-there.mjs' } });

describe('latency decomposition', () => {
  it('measures floor, bare mechanism and plugbench per target in the same rounds, and stops every peer', async () => {
    const targets = [
      { name: 'in-process', floor: 'floor:function', bare: 'bare:async-call' },
      { name: 'worker', floor: 'floor:message-port', bare: 'bare:post-message' },
      { name: 'stdio-rpc', floor: 'floor:pipe', bare: 'bare:jsonrpc-pipe' },
    ];
    const results = await runBench({ quick: true, targets: targets.map((t) => t.name), suites: ['latency'], budget });
    for (const { name, floor, bare } of targets) {
      const own = latencyOf(results.results, name)!;
      const floorRow = latencyOf(results.results, floor, name)!;
      const bareRow = latencyOf(results.results, bare, name)!;
      expect(own).toMatchObject({ status: 'ok', role: 'target', floor, bare });
      expect(floorRow).toMatchObject({ status: 'ok', role: 'floor' });
      expect(bareRow).toMatchObject({ status: 'ok', role: 'bare' });
      for (const row of [own, floorRow, bareRow]) expect(row.samples).toHaveLength(SAMPLES);
      expect(own.ratio).toBeCloseTo(own.median! / floorRow.median!, 10);
      expect(own.overhead).toBeCloseTo(own.median! / bareRow.median!, 10);
    }
    expect(SAMPLES % DECOMPOSITION_ROUNDS).toBe(0);
    expect(childrenOf(process.pid)).toEqual([]);

    const markdown = renderResultsMarkdown(results);
    expect(markdown).toContain('#### Where the time goes');
    expect(markdown).toMatch(/\| stdio-rpc \| floor:pipe \| [\d.]+ \| bare:jsonrpc-pipe \| [\d.]+ \| [\d.]+ \| [\d.]+× \| [\d.]+× \|/);
    const chart = decompositionChart(results) as unknown as { vconcat: { layer: { data: { values: { target: string }[] } }[] }[] };
    const drawn = new Set(chart.vconcat.flatMap((panel) => panel.layer[0]!.data.values.map((value) => value.target)));
    expect(drawn).toEqual(new Set(targets.map((t) => t.name)));
  });

  it('records a bare mechanism that cannot start as a failed row and still measures the target', async () => {
    const results = await runBench({ quick: true, targets: ['test-no-bare'], suites: ['latency'], budget });
    const own = latencyOf(results.results, 'test-no-bare')!;
    const bare = latencyOf(results.results, 'bare:async-call', 'test-no-bare')!;
    expect(own).toMatchObject({ status: 'ok', bare: 'bare:async-call', role: 'target' });
    expect(own.overhead).toBeUndefined();
    expect(own.samples).toHaveLength(SAMPLES);
    expect(bare).toMatchObject({ status: 'failed', role: 'bare' });
    expect(bare.note).toContain('not-there.mjs');
    expect(latencyOf(results.results, 'floor:function', 'test-no-bare')).toMatchObject({ status: 'ok' });
  });
});
