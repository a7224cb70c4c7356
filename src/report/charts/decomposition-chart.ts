/**
 * Where the time goes, as stacked bars: per target, the raw floor of its channel,
 * what the bare mechanism adds on top, and what plugbench adds on top of that,
 * from the same alternating rounds. Each bar ends at plugbench's own median,
 * written beside it. Targets on the host's thread and targets across a thread or
 * process differ a hundredfold, so each group gets its own panel, axis and unit.
 */
import type { ResultRow } from '../../bench/results.js';
import { formatDuration } from '../../bench/units.js';
import { timeSplits, type TimeSplit } from '../../bench/time-splits.js';
import { CHART_WIDTH, chartTitle, type ChartBuilder, type Datum } from './chart-spec.js';
import { pickTimeUnit, type TimeUnit } from './time-scale.js';

const SEGMENTS = ['channel floor', 'bare mechanism adds', 'plugbench adds'] as const;
const COLOURS = ['#9e9e9e', '#4c78a8', '#f58518'];

const ms = (row: ResultRow | undefined) => row?.median ?? undefined;

/**
 * The three steps of one target, cut so they add up to plugbench's median: a step
 * measured slower than the next (noise between rounds) ends where the next ends, and the target is named.
 */
function segments({ target, floor, bare }: TimeSplit, unit: TimeUnit, cut: string[]): Datum[] {
  const total = ms(target)!;
  const floorMs = Math.min(ms(floor) ?? 0, total);
  const bareMs = Math.min(Math.max(ms(bare) ?? floorMs, floorMs), total);
  if ((ms(floor) ?? 0) > total || (ms(bare) ?? 0) > total) cut.push(target.target);
  const steps = [floorMs, bareMs - floorMs, total - bareMs];
  const tooltip = `${floor?.target ?? 'floor ?'} ${formatDuration(ms(floor) ?? 0)} → ${bare ? `${bare.target} ${formatDuration(ms(bare)!)}` : 'no bare mechanism'} → plugbench ${formatDuration(total)}`;
  return steps.map((step, position) => ({ target: target.target, segment: SEGMENTS[position]!, position, value: step * unit.perMs, tooltip }));
}

/** One panel: the stacked steps per target, fastest on top, with plugbench's median written at the end of each bar. */
function panel(title: string, splits: readonly TimeSplit[], cut: string[], index: number) {
  const ordered = [...splits].sort((a, b) => ms(a.target)! - ms(b.target)!);
  const unit = pickTimeUnit(ordered.map((split) => ms(split.target)!));
  const y = { field: 'target', type: 'nominal' as const, title: null, sort: ordered.map((split) => split.target.target) };
  const x = { field: 'value', type: 'quantitative' as const, title: `${unit.name} per call (median)` };
  return {
    title: { text: title, fontSize: 12 },
    width: CHART_WIDTH,
    height: { step: 20 },
    layer: [
      {
        name: `stacked-steps-${index}`,
        data: { values: ordered.flatMap((split) => segments(split, unit, cut)) },
        mark: { type: 'bar' as const },
        encoding: {
          y,
          x: { ...x, stack: 'zero' as const },
          color: { field: 'segment', type: 'nominal' as const, title: null, scale: { domain: [...SEGMENTS], range: COLOURS } },
          order: { field: 'position', type: 'quantitative' as const },
          tooltip: [{ field: 'tooltip', type: 'nominal' as const, title: 'same rounds' }],
        },
      },
      {
        name: `median-label-${index}`,
        data: { values: ordered.map((split): Datum => ({ target: split.target.target, value: ms(split.target)! * unit.perMs, label: formatDuration(ms(split.target)!) })) },
        mark: { type: 'text' as const, align: 'left' as const, dx: 4, fontSize: 10, color: '#333' },
        encoding: { y, x, text: { field: 'label', type: 'nominal' as const } },
      },
    ],
  };
}

export const decompositionChart: ChartBuilder = (results) => {
  const all = timeSplits(results);
  const splits = all.filter((split) => ms(split.target) !== undefined);
  const leftOut = all.filter((split) => !splits.includes(split)).map((split) => `${split.target.target} (${split.target.status})`);
  if (splits.length === 0) return null;
  const cut: string[] = [];
  const onThread = splits.filter((split) => split.target.floor === 'floor:function');
  const across = splits.filter((split) => split.target.floor !== 'floor:function');
  const panels = [
    ...(onThread.length > 0 ? [panel("on the host's thread (channel: a function call)", onThread, cut, 0)] : []),
    ...(across.length > 0 ? [panel('across a thread or process (channel: a message port, pipe, socket)', across, cut, 1)] : []),
  ];
  const explanation = "median of each, measured in the same alternating rounds; each bar ends at plugbench's median (written beside it)";
  const title = chartTitle('Where the time goes', explanation, leftOut);
  if (cut.length > 0) title.subtitle.splice(1, 0, `measured slower than through plugbench (noise between rounds), so cut at plugbench's median: the floor or bare mechanism of ${cut.join(', ')}`);
  return { title, vconcat: panels, resolve: { scale: { x: 'independent' } } };
};
