/**
 * Latency against payload size, both on log scales: a flat line is a fixed cost
 * per call, a slope of one is a cost per byte (copying, encoding).
 */
import type { ResultRow } from '../../results/types.js';
import { selectRows } from './chart-rows.js';
import { CHART_WIDTH, chartTitle, type ChartBuilder, type Datum } from './chart-spec.js';
import { positiveOnly } from './log-scale.js';

/** The payload size is the row's first numeric parameter, whatever the benchmark named it. */
function payloadSize(row: ResultRow): [string, number] | undefined {
  return Object.entries(row.params ?? {}).find((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0);
}

export const payloadChart: ChartBuilder = (results) => {
  const selected = positiveOnly(selectRows(results, ['payload'], ['ms']));
  const sized = selected.drawn.filter((row) => payloadSize(row) !== undefined);
  if (sized.length === 0) return null;
  const sizeName = payloadSize(sized[0]!)![0];
  const values: Datum[] = sized.map((row) => ({ target: row.target, size: payloadSize(row)![1], median: row.median! }));
  return {
    title: chartTitle('Payload scaling', 'median latency of one call against the size of its string; both axes log scale', selected.leftOut),
    width: CHART_WIDTH,
    height: 260,
    data: { values },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: `payload ${sizeName} (log scale)` },
      y: { field: 'median', type: 'quantitative', scale: { type: 'log' }, title: 'ms per call (log scale)' },
      // tableau20: enough distinct colours for every target of a full run.
      color: { field: 'target', type: 'nominal', title: null, scale: { scheme: 'tableau20' }, legend: { orient: 'right' } },
    },
  };
};
