/**
 * Where the time goes, as stacked bars: per target, the raw floor of its channel,
 * what the bare mechanism adds on top, and what plugbench adds on top of that,
 * in µs, from the same alternating rounds. Targets on the host's thread and
 * targets across a thread or process differ a hundredfold, so each group gets
 * its own panel and axis.
 */
import type { ResultRow } from '../../results/types.js';
import { timeSplits, type TimeSplit } from '../../results/time-splits.js';
import { CHART_WIDTH, chartTitle, type ChartBuilder, type Datum } from './chart-spec.js';

const SEGMENTS = ['channel floor', 'bare mechanism adds', 'plugbench adds'] as const;
const COLOURS = ['#9e9e9e', '#4c78a8', '#f58518'];

const us = (row: ResultRow | undefined) => (row?.median == null ? undefined : row.median * 1000);

/** The three steps of one target; a step below zero (a step faster than the one before) is drawn as zero and named. */
function segments({ target, floor, bare }: TimeSplit, clamped: string[]): Datum[] {
  const total = us(target)!;
  const floorUs = us(floor) ?? 0;
  const bareUs = us(bare) ?? floorUs;
  const steps = [floorUs, bareUs - floorUs, total - Math.max(floorUs, bareUs)];
  if (steps.some((step) => step < 0)) clamped.push(target.target);
  const tooltip = `${floor?.target ?? 'floor ?'} ${floorUs.toFixed(2)} µs → ${bare ? `${bare.target} ${bareUs.toFixed(2)} µs` : 'no bare mechanism'} → plugbench ${total.toFixed(2)} µs`;
  return steps.map((step, position) => ({ target: target.target, segment: SEGMENTS[position]!, position, us: Math.max(0, step), tooltip }));
}

/** One panel: the stacked steps per target, and a black tick at plugbench's own median (where a step was drawn as zero, the bar can end past it). */
function panel(title: string, splits: readonly TimeSplit[], clamped: string[]) {
  const ordered = [...splits].sort((a, b) => us(a.target)! - us(b.target)!);
  const y = { field: 'target', type: 'nominal' as const, title: null, sort: ordered.map((split) => split.target.target) };
  const x = { field: 'us', type: 'quantitative' as const, title: 'µs per call (median)' };
  return {
    title: { text: title, fontSize: 12 },
    width: CHART_WIDTH,
    layer: [
      {
        data: { values: ordered.flatMap((split) => segments(split, clamped)) },
        mark: { type: 'bar' as const },
        encoding: {
          y,
          x: { ...x, stack: 'zero' as const },
          color: { field: 'segment', type: 'nominal' as const, title: null, scale: { domain: [...SEGMENTS], range: COLOURS }, legend: { orient: 'bottom' as const } },
          order: { field: 'position', type: 'quantitative' as const },
          tooltip: [{ field: 'tooltip', type: 'nominal' as const, title: 'same run' }],
        },
      },
      {
        data: { values: ordered.map((split): Datum => ({ target: split.target.target, us: us(split.target)! })) },
        mark: { type: 'tick' as const, color: 'black', thickness: 2 },
        encoding: { y, x },
      },
    ],
  };
}

export const decompositionChart: ChartBuilder = (results) => {
  const all = timeSplits(results);
  const splits = all.filter((split) => us(split.target) !== undefined);
  const leftOut = all.filter((split) => !splits.includes(split)).map((split) => `${split.target.target} (${split.target.status})`);
  if (splits.length === 0) return null;
  const clamped: string[] = [];
  const onThread = splits.filter((split) => split.target.floor === 'floor:function');
  const across = splits.filter((split) => split.target.floor !== 'floor:function');
  const panels = [
    ...(onThread.length > 0 ? [panel("on the host's thread (channel: a function call)", onThread, clamped)] : []),
    ...(across.length > 0 ? [panel('across a thread or process', across, clamped)] : []),
  ];
  const explanation = "channel floor, then what the bare mechanism adds, then what plugbench adds (tick: plugbench's median); one run";
  const title = chartTitle('Where the time goes', explanation, leftOut);
  if (clamped.length > 0) title.subtitle.splice(1, 0, `a step faster than the one before it is drawn as zero: ${clamped.join(', ')}`);
  return {
    title,
    vconcat: panels,
    resolve: { scale: { x: 'independent' } },
  };
};
