/**
 * The structure of each chart, built from a results file as `plugbench bench`
 * writes it: units on every axis, the distribution drawn from the raw samples,
 * one target order across panels, few colours, legends in words.
 */
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../src/results/types.js';
import { decompositionChart } from '../../src/report/charts/decomposition-chart.js';
import { latencyChart } from '../../src/report/charts/latency-chart.js';
import { payloadChart } from '../../src/report/charts/payload-chart.js';
import { recoveryChart } from '../../src/report/charts/recovery-chart.js';
import { startupChart } from '../../src/report/charts/startup-chart.js';
import { CHARTS } from '../../src/report/charts/write-charts.js';
import { makeResults, withTimeSplits } from '../helpers/bench-results.js';
import { layerNames, quantitativeAxes, unitSpecs } from '../helpers/chart-spec.js';

const UNIT = /\b(ns|µs|ms|s|MiB)\b|%/;
const full = () => withTimeSplits(makeResults());

/** The y sort (target order) of every unit spec that has one. */
const targetOrders = (spec: unknown) =>
  unitSpecs(spec)
    .map((unit) => (unit.encoding as { y?: { sort?: unknown } } | undefined)?.y?.sort)
    .filter((sort): sort is string[] => Array.isArray(sort));

/** Every `values` array of a spec's inline data, at any level, flattened. */
function dataValues(spec: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const values = (node as { data?: { values?: unknown } }).data?.values;
      if (Array.isArray(values)) found.push(...(values as Record<string, unknown>[]));
      Object.values(node).forEach(walk);
    }
  };
  walk(spec);
  return found;
}

describe('every chart', () => {
  it('names a unit on each quantitative axis, or labels its ticks with one', () => {
    for (const [name, build] of Object.entries(CHARTS)) {
      const axes = quantitativeAxes(build(full())).filter((axis) => axis.title !== '' || axis.labelExpr !== undefined);
      expect(axes.length, name).toBeGreaterThan(0);
      for (const axis of axes) expect(UNIT.test(axis.title) || /' (µs|KiB)'/.test(axis.labelExpr ?? '') || axis.format === '%', `${name}: ${axis.title}`).toBe(true);
    }
  });
});

describe('latencyChart', () => {
  it('draws a box per target from its samples when every target has enough, on a log axis labelled per decade', () => {
    const spec = latencyChart(makeResults({ samples: 40 }))!;
    expect(layerNames(spec)).toEqual(new Set(['whisker', 'box', 'median', 'median-label']));
    const [x] = quantitativeAxes(spec);
    expect(x!.labelExpr).toContain("' µs'");
    const worker = dataValues(spec).find((v) => v.target === 'worker')!;
    expect(Number(worker.q1)).toBeLessThan(Number(worker.median));
    expect(Number(worker.median)).toBeLessThan(Number(worker.q3));
    expect(worker.label).toMatch(/^[\d.]+ µs$/); // 0.03 ms reads 30 µs
  });

  it('draws every sample as a dot when there are too few for a box', () => {
    const spec = latencyChart(makeResults({ samples: 8 }))!;
    expect(layerNames(spec).has('strip')).toBe(true);
    expect(layerNames(spec).has('box')).toBe(false);
    expect(dataValues(spec).filter((v) => v.target === 'worker' && 'jitter' in v)).toHaveLength(8);
  });

  it('colours by where the plugin runs, in words, fastest on top', () => {
    const results = makeResults();
    results.results.find((r) => r.target === 'in-process' && r.metric === 'round-trip')!.floor = 'floor:function';
    const spec = latencyChart(results)!;
    const colour = unitSpecs(spec).find((unit) => unit.name === 'box')!.encoding as { color: { scale: { domain: string[] } } };
    expect(colour.color.scale.domain).toEqual(["on the host's thread", 'across a thread or process', 'raw channel floor (no plugin)']);
    expect(targetOrders(spec)[0]).toEqual(['in-process', 'floor:message-port', 'worker', 'child-stdio']);
  });
});

describe('startupChart', () => {
  it('keeps one target order in both panels and draws every start as a dot', () => {
    const spec = startupChart(makeResults())!;
    const orders = targetOrders(spec);
    expect(new Set(orders.map((order) => order.join()))).toEqual(new Set(['in-process,worker,child-stdio']));
    expect(layerNames(spec)).toContain('strip');
    expect(dataValues(spec).filter((v) => v.target === 'worker' && 'jitter' in v)).toHaveLength(20); // 10 starts, 10 memory samples
  });

  it('draws the memory total, not its parts, in MiB', () => {
    const results = makeResults();
    const worker = results.results.find((r) => r.target === 'worker' && r.metric === 'memory-added')!;
    const medians = dataValues(startupChart(results)).filter((v) => v.target === 'worker' && !('jitter' in v));
    expect(medians.some((v) => v.value === worker.median! / 2 ** 20)).toBe(true);
    expect(quantitativeAxes(startupChart(results)).map((axis) => axis.title)).toContain('memory one instance adds, MiB');
  });

  it('draws host RSS when the results have no total', () => {
    const results = makeResults();
    results.results = results.results.filter((r) => r.metric !== 'memory-added');
    expect(quantitativeAxes(startupChart(results)).map((axis) => axis.title)).toContain('memory one instance adds, MiB');
  });
});

describe('recoveryChart', () => {
  it('draws the hang deadline as a line, not a bar, and says why a target has no figure in its row', () => {
    const results = makeResults();
    for (const target of ['worker', 'child-stdio']) {
      results.results.push({ target, suite: 'hang', metric: 'time-to-usable', unit: 'ms', better: 'lower', status: 'ok', samples: [1100, 1150, 1120], median: 1120, params: { timeoutMs: 1000 } });
      results.results.push({ target, suite: 'hang', metric: 'time-to-timeout', unit: 'ms', better: 'lower', status: 'ok', samples: [1000, 1001, 1000], median: 1000, params: { timeoutMs: 1000 } });
    }
    const spec = recoveryChart(results)!;
    expect(layerNames(spec)).toEqual(new Set(['median-bar', 'strip', 'median-label', 'rule', 'rule-label', 'missing']));
    expect(dataValues(spec).find((v) => v.label === 'call deadline 1.00 s')).toBeDefined();
    expect(dataValues(spec).find((v) => v.target === 'in-process' && v.label === 'a sync loop blocks the host thread')).toBeDefined();
    expect(dataValues(spec).some((v) => v.value === 1000 && 'jitter' in v)).toBe(false); // time-to-timeout is not drawn
    expect(new Set(targetOrders(spec).map((order) => order.join())).size).toBe(1);
  });
});

describe('payloadChart', () => {
  it('draws one small panel per target over the others in grey, in one colour', () => {
    const spec = payloadChart(makeResults()) as unknown as { facet: { field: string; sort: string[] }; columns: number };
    expect(spec.facet.field).toBe('panel');
    expect(spec.facet.sort).toEqual(['in-process', 'worker', 'child-stdio']);
    expect(layerNames(spec)).toEqual(new Set(['others', 'band', 'line', 'median-label']));
    const values = dataValues(spec);
    expect(values.filter((v) => v.panel === 'worker' && v.self === 1).every((v) => v.target === 'worker')).toBe(true);
  });

  it('refuses payload rows without their size in one line', () => {
    const results = makeResults();
    for (const row of results.results) if (row.suite === 'payload') delete row.params;
    expect(() => payloadChart(results)).toThrow(/^the payload chart needs params\.bytes on every payload row; .* measure the payload suite again/);
  });
});

describe('decompositionChart', () => {
  const steps = (results: BenchResults) => dataValues(decompositionChart(results)).filter((v) => 'segment' in v && Number(v.value) > 0);

  it('stacks floor, bare mechanism and plugbench so they add up to plugbench median', () => {
    const results = full();
    for (const target of ['in-process', 'worker', 'child-stdio']) {
      const own = results.results.find((r) => r.target === target && r.role === 'target')!;
      const sum = steps(results).filter((v) => v.target === target).reduce((total, v) => total + Number(v.value), 0);
      expect(sum).toBeCloseTo(own.median!, 9);
    }
    expect(new Set(steps(results).map((v) => v.segment))).toEqual(new Set(['channel floor', 'bare mechanism adds', 'plugbench adds']));
  });

  it('cuts a bare mechanism measured slower than plugbench at plugbench median and names the target', () => {
    const results = full();
    const bare = results.results.find((r) => r.role === 'bare' && r.params?.beside === 'worker')!;
    bare.median = 1;
    const spec = decompositionChart(results) as unknown as { title: { subtitle: string[] } };
    expect(spec.title.subtitle.join(' ')).toMatch(/^.*worker: floor or bare mechanism measured slower than through plugbench/);
    const worker = steps(results).filter((v) => v.target === 'worker');
    expect(worker.reduce((total, v) => total + Number(v.value), 0)).toBeCloseTo(results.results.find((r) => r.target === 'worker' && r.role === 'target')!.median!, 9);
  });
});
