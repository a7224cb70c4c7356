/**
 * The stamp under every chart: which machine, when, quick or full, and which
 * plugbench, so a chart cut out of its report still says where it came from.
 */
import type { BenchResults } from '../../results/types.js';
import type { ChartSpec } from './chart-spec.js';

const shortCommit = (commit: string) => commit.replace(/^([0-9a-f]{7})[0-9a-f]*/, '$1');

/** "vm · AMD EPYC, 2 cores, 2596 MHz · Node v20.20.2 · load 18.9 · 2026-12-01 23:57 UTC · quick run · plugbench 0.1.0 eff1cc9-dirty" */
export function runStamp({ machine, createdAt, options }: BenchResults): string {
  const cpu = [machine.cpuModel, `${machine.cores} cores`, ...(machine.cpuMHz ? [`${machine.cpuMHz} MHz`] : [])].join(', ');
  const when = `${createdAt.slice(0, 10)} ${createdAt.slice(11, 16)} UTC`;
  // Files from before plugbenchCommit existed ran from plugbench's checkout, so gitCommit was plugbench's.
  const commit = machine.plugbenchCommit ?? machine.gitCommit;
  const plugbench = `plugbench ${machine.plugbenchVersion}${commit ? ` ${shortCommit(commit)}` : ''}`;
  const load = machine.loadAverage.length > 0 ? [`load ${machine.loadAverage[0]!.toFixed(1)}`] : [];
  return [machine.hostname, cpu, `Node ${machine.node}`, ...load, when, options.quick ? 'quick run' : 'full run', plugbench].join(' · ');
}

/** The chart with the stamp as a line of small grey text under it. */
export function withStamp(spec: ChartSpec, results: BenchResults): ChartSpec {
  const { title, ...body } = spec as ChartSpec & { title?: unknown };
  const footer = {
    name: 'stamp',
    height: 10,
    width: 10,
    data: { values: [{ stamp: runStamp(results) }] },
    mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, fontSize: 10, color: '#777' },
    encoding: { text: { field: 'stamp', type: 'nominal' as const }, x: { value: 0 }, y: { value: 0 } },
    view: { stroke: null },
  };
  return { ...(title === undefined ? {} : { title }), vconcat: [body, footer], spacing: 14 } as ChartSpec;
}
