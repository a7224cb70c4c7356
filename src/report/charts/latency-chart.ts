/**
 * Latency per target on a log scale (targets differ by orders of magnitude):
 * a dot at the median, a line out to the p99 tick, raw channel floors measured on
 * their own in their own colour.
 */
import { besideTarget } from '../../results/time-splits.js';
import { selectRows, seriesLabel } from './chart-rows.js';
import { CHART_WIDTH, chartTitle, type ChartBuilder, type Datum } from './chart-spec.js';
import { positiveOnly } from './log-scale.js';

export const latencyChart: ChartBuilder = (results) => {
  // Floors and bare rows measured beside a target are in the decomposition chart; a floor measured on its own is drawn here.
  const own = { ...results, results: results.results.filter((row) => besideTarget(row) === undefined) };
  const { drawn, leftOut } = positiveOnly(selectRows(own, ['latency'], ['ms']));
  if (drawn.length === 0) return null;
  const values: Datum[] = drawn.map((row) => ({
    label: seriesLabel(row, drawn),
    kind: row.target.startsWith('floor:') ? 'raw channel floor' : 'target',
    median: row.median!,
    p99: row.p99 !== undefined && row.p99 > 0 ? row.p99 : row.median!,
  }));
  const x = { type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'ms per call (log scale)' };
  const color = { field: 'kind', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const } };
  return {
    title: chartTitle('Latency of one revert call', 'dot: median; line to tick: p99', leftOut),
    width: CHART_WIDTH,
    data: { values },
    encoding: { y: { field: 'label', type: 'nominal', title: null, sort: { field: 'median', op: 'min' } }, color },
    layer: [
      { mark: 'rule', encoding: { x: { field: 'median', ...x }, x2: { field: 'p99' } } },
      { mark: { type: 'tick', thickness: 2 }, encoding: { x: { field: 'p99', ...x } } },
      { mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x: { field: 'median', ...x } } },
    ],
  };
};
