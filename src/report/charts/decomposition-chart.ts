/**
 * Where the time goes, as stacked bars: per target, the raw floor of its channel,
 * what the bare mechanism adds on top, and what plugbench adds on top of that,
 * from the same alternating rounds. Each bar ends at plugbench's own median,
 * written beside it. Targets on the host's thread and targets across a thread or
 * process differ a hundredfold, so each bar shows shares of its own total; the
 * figures beside it give the times.
 */
import type { ResultRow } from '../../results/types.js';
import { formatDuration } from '../../results/units.js';
import { timeSplits, type TimeSplit } from '../../results/time-splits.js';
import { CHART_WIDTH, chartTitle, type ChartBuilder, type Datum } from './chart-spec.js';

const SEGMENTS = ['channel floor', 'bare mechanism adds', 'plugbench adds', 'mechanism and plugbench add (no bare mechanism measured)'] as const;
const COLOURS = ['#9e9e9e', '#4c78a8', '#f58518', '#fdd0a2'];

const ms = (row: ResultRow | undefined) => row?.median ?? undefined;

/**
 * The steps of one target, cut so they add up to plugbench's median: a step
 * measured slower than the next (noise between rounds) ends where the next ends, and the target is named.
 */
function segments({ target, floor, bare }: TimeSplit, cut: string[]): Datum[] {
  const total = ms(target)!;
  const floorMs = Math.min(ms(floor) ?? 0, total);
  const bareMs = Math.min(Math.max(ms(bare) ?? floorMs, floorMs), total);
  if ((ms(floor) ?? 0) > total || (ms(bare) ?? 0) > total) cut.push(target.target);
  // Without a bare row the time above the floor is the mechanism's and plugbench's together.
  const steps = bare ? [floorMs, bareMs - floorMs, total - bareMs, 0] : [floorMs, 0, 0, total - floorMs];
  const tooltip = `${floor?.target ?? 'floor ?'} ${formatDuration(ms(floor) ?? 0)} → ${bare ? `${bare.target} ${formatDuration(ms(bare)!)}` : 'no bare mechanism'} → plugbench ${formatDuration(total)}`;
  return steps.map((step, position) => ({ target: target.target, segment: SEGMENTS[position]!, position, value: step, tooltip }));
}

/** "81.2 µs, plugbench +13.8 µs": plugbench's median and its own step, beside the bar. */
function barLabel(split: TimeSplit): string {
  const total = ms(split.target)!;
  const below = Math.min(Math.max(ms(split.bare) ?? 0, ms(split.floor) ?? 0), total);
  return split.bare ? `${formatDuration(total)}, plugbench +${formatDuration(total - below)}` : formatDuration(total);
}

/** One panel: each target's steps as shares of plugbench's median, fastest on top, the figures beside each bar. */
function panel(title: string, splits: readonly TimeSplit[], cut: string[], index: number, shown: readonly string[]) {
  const ordered = [...splits].sort((a, b) => ms(a.target)! - ms(b.target)!);
  const y = { field: 'target', type: 'nominal' as const, title: null, sort: ordered.map((split) => split.target.target) };
  const x = { field: 'value', type: 'quantitative' as const, title: "share of the time of one call through plugbench (median)", axis: { format: '%' } };
  return {
    title: { text: title, fontSize: 12 },
    width: CHART_WIDTH,
    height: { step: 20 },
    layer: [
      {
        name: `stacked-steps-${index}`,
        data: { values: ordered.flatMap((split) => segments(split, cut)) },
        mark: { type: 'bar' as const },
        encoding: {
          y,
          x: { ...x, stack: 'normalize' as const },
          color: { field: 'segment', type: 'nominal' as const, title: null, scale: { domain: [...shown], range: shown.map((segment) => COLOURS[SEGMENTS.indexOf(segment as (typeof SEGMENTS)[number])]!) } },
          order: { field: 'position', type: 'quantitative' as const },
          tooltip: [{ field: 'tooltip', type: 'nominal' as const, title: 'same rounds' }],
        },
      },
      {
        name: `median-label-${index}`,
        data: { values: ordered.map((split): Datum => ({ target: split.target.target, value: 1, label: barLabel(split) })) },
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
  // The legend names only the steps some bar has: the last only when a target has no bare mechanism row.
  const withBare = splits.some((split) => split.bare);
  const shown = SEGMENTS.filter((_, i) => (i === 0 ? true : i === 3 ? splits.some((split) => !split.bare) : withBare));
  const onThread = splits.filter((split) => split.target.floor === 'floor:function');
  const across = splits.filter((split) => split.target.floor !== 'floor:function');
  const panels = [
    ...(onThread.length > 0 ? [panel("on the host's thread (channel: a function call)", onThread, cut, 0, shown)] : []),
    ...(across.length > 0 ? [panel('across a thread or process (channel: a message port, pipe, socket)', across, cut, 1, shown)] : []),
  ];
  const explanation = 'each step as a share of one call through plugbench; beside the bar: that time and what plugbench adds; medians of the same alternating rounds';
  const title = chartTitle('Where the time goes', explanation, leftOut);
  if (cut.length > 0) title.subtitle.splice(1, 0, `${cut.join(', ')}: floor or bare mechanism measured slower than through plugbench (noise between rounds), cut at plugbench's median`);
  return { title, vconcat: panels, resolve: { scale: { x: 'independent' } } };
};
