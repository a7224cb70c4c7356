/**
 * Latency per target on a log scale (targets differ by orders of magnitude), as
 * a box per target from its raw samples: the middle half, the median, whiskers
 * from the fastest sample to the p99, and the median written beside it. Fastest
 * on top; colour says where the plugin runs; floors measured on their own are grey.
 */
import type { ResultRow } from '../../results/types.js';
import { formatDuration } from '../../results/units.js';
import { besideTarget } from '../../results/time-splits.js';
import { selectRows } from './chart-rows.js';
import { CHART_WIDTH, chartTitle, type ChartBuilder, type Datum } from './chart-spec.js';
import { BOX_MIN_SAMPLES, boxLayers, boxStats, stripLayers, stripValues, whiskerWords } from './distribution.js';
import { positiveOnly } from './log-scale.js';
import { logTimeAxis } from './time-scale.js';

/** Where a row's plugin runs, from the channel its floor names; the legend's words. */
export const PLACES = ["on the host's thread", 'across a thread or process', 'raw channel floor (no plugin)'] as const;
export const PLACE_COLOURS = ['#4c78a8', '#e45756', '#9e9e9e'];

export function placeOf(row: ResultRow): (typeof PLACES)[number] {
  if (row.target.startsWith('floor:') || row.role === 'floor') return PLACES[2];
  return row.floor === undefined || row.floor === 'floor:function' ? PLACES[0] : PLACES[1];
}

function boxDatum(row: ResultRow): Datum {
  const stats = boxStats(row.samples);
  return { target: row.target, place: placeOf(row), ...stats, label: formatDuration(stats.median) };
}

export const latencyChart: ChartBuilder = (results) => {
  // Floors and bare rows measured beside a target are in the decomposition chart; a floor measured on its own is drawn here.
  const own = { ...results, results: results.results.filter((row) => besideTarget(row) === undefined) };
  const { drawn, leftOut } = positiveOnly(selectRows(own, ['latency'], ['ms'], ['round-trip']));
  if (drawn.length === 0) return null;
  const values = drawn.map(boxDatum).sort((a, b) => Number(a.median) - Number(b.median));
  const x = { type: 'quantitative' as const, ...logTimeAxis(values.flatMap((v) => [Number(v.low), Number(v.high)]), 'time per call (log scale)') };
  const y = { field: 'target', type: 'nominal' as const, title: null, sort: values.map((v) => v.target) };
  const places = PLACES.filter((place) => values.some((v) => v.place === place));
  const color = {
    field: 'place',
    type: 'nominal' as const,
    title: null,
    scale: { domain: places, range: places.map((place) => PLACE_COLOURS[PLACES.indexOf(place)]!) },
    legend: { symbolType: 'square' },
  };
  const n = new Set(drawn.map((row) => row.samples.length));
  const samples = n.size === 1 ? `${[...n][0]} samples per target` : `${Math.min(...n)} to ${Math.max(...n)} samples per target`;
  // Quartiles of a handful of samples mean little: below BOX_MIN_SAMPLES every sample is a dot.
  const boxes = drawn.every((row) => row.samples.length >= BOX_MIN_SAMPLES);
  const explanation = boxes
    ? `box: middle half of the samples · black tick and figure: median · whiskers: ${whiskerWords(drawn)} · ${samples}`
    : `each dot one sample · black tick and figure: median · ${samples}`;
  const distribution = boxes ? boxLayers(x, y, color) : stripLayers(x, y, color, drawn.flatMap((row) => stripValues(row, { target: row.target, place: placeOf(row) })));
  return {
    title: chartTitle('Latency of one revert call', explanation, leftOut),
    width: CHART_WIDTH,
    height: { step: 22 },
    data: { values },
    layer: [
      ...distribution,
      { name: 'median-label', mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, color: '#333' }, encoding: { y, x: { field: 'high', ...x }, text: { field: 'label' } } },
    ],
  };
};
