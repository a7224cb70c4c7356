/**
 * Latency against payload size, both on log scales, as small multiples: one
 * panel per target, its line in colour over every other target's in grey, so
 * fifteen lines need no fifteen colours. A flat line is a fixed cost per call, a
 * slope of one a cost per byte (copying, encoding); the band is the middle half of the samples.
 */
import type { ResultRow } from '../../results/types.js';
import { formatDuration } from '../../results/units.js';
import { PluginError } from '../../core/errors.js';
import { selectRows } from './chart-rows.js';
import { chartTitle, type ChartBuilder, type Datum } from './chart-spec.js';
import { boxStats } from './distribution.js';
import { positiveOnly } from './log-scale.js';
import { DOT_COLOUR } from './target-panels.js';
import { logTimeAxis } from './time-scale.js';

const COLUMNS = 5;
const byteLabelExpr =
  "datum.value >= 1048576 ? format(datum.value / 1048576, '~r') + ' MiB' : datum.value >= 1024 ? format(datum.value / 1024, '~r') + ' KiB' : format(datum.value, '~r') + ' B'";

/** The payload size a row measured (`params.bytes`, as `plugbench bench` writes it). */
function payloadBytes(row: ResultRow): number {
  const bytes = row.params?.bytes;
  if (typeof bytes !== 'number' || bytes <= 0) {
    throw new PluginError('INVALID_INPUT', `the payload chart needs params.bytes on every payload row; ${row.target} ${row.metric} has none: measure the payload suite again with this plugbench`);
  }
  return bytes;
}

/** Every row once per panel, flagged `self` in its own target's panel (the facet draws the others in grey). */
function panelValues(rows: readonly ResultRow[], order: readonly string[]): Datum[] {
  const points = rows.map((row) => ({ target: row.target, bytes: payloadBytes(row), ...boxStats(row.samples) }));
  const largest = Math.max(...points.map((p) => p.bytes));
  return order.flatMap((panel) =>
    points.map((p) => ({ ...p, panel, self: p.target === panel ? 1 : 0, label: p.target === panel && p.bytes === largest ? formatDuration(p.median) : '' })),
  );
}

export const payloadChart: ChartBuilder = (results) => {
  const selected = positiveOnly(selectRows(results, ['payload'], ['ms']));
  if (selected.drawn.length === 0) return null;
  const smallest = Math.min(...selected.drawn.map(payloadBytes));
  const order = selected.drawn.filter((row) => payloadBytes(row) === smallest).sort((a, b) => a.median! - b.median!).map((row) => row.target);
  const values = panelValues(selected.drawn, [...new Set([...order, ...selected.drawn.map((row) => row.target)])]);
  const sizes = [...new Set(values.map((v) => Number(v.bytes)))].sort((a, b) => a - b);
  const x = { field: 'bytes', type: 'quantitative' as const, scale: { type: 'log' as const, domain: [sizes[0]! / 1.6, sizes[sizes.length - 1]! * 1.6] }, axis: { values: sizes, labelExpr: byteLabelExpr, title: 'string size (log scale)', labelOverlap: false, labelFontSize: 10, grid: false } };
  const y = { type: 'quantitative' as const, ...logTimeAxis(values.flatMap((v) => [Number(v.q1), Number(v.q3)]), null) };
  const own = { filter: 'datum.self == 1' };
  return {
    title: chartTitle('Payload scaling', 'median time per call (log) against the size of its string (log), one panel per target over the others in grey; band: middle half of the samples', selected.leftOut),
    data: { values },
    columns: Math.min(COLUMNS, new Set(values.map((v) => v.panel)).size),
    facet: { field: 'panel', type: 'nominal', sort: [...new Set(values.map((v) => String(v.panel)))], title: null, header: { labelFontSize: 11, labelFontWeight: 'bold', labelPadding: 2 } },
    spec: {
      width: 180,
      height: 110,
      layer: [
        { name: 'others', transform: [{ filter: 'datum.self == 0' }], mark: { type: 'line', color: '#d0d0d0', strokeWidth: 1 }, encoding: { x, y: { field: 'median', ...y }, detail: { field: 'target' } } },
        { name: 'band', transform: [own], mark: { type: 'area', color: DOT_COLOUR, opacity: 0.25 }, encoding: { x, y: { field: 'q1', ...y }, y2: { field: 'q3' } } },
        { name: 'line', transform: [own], mark: { type: 'line', color: DOT_COLOUR, point: { color: DOT_COLOUR, size: 18 } }, encoding: { x, y: { field: 'median', ...y } } },
        { name: 'median-label', transform: [own], mark: { type: 'text', align: 'right', baseline: 'middle', dx: -7, dy: -3, fontSize: 10, color: '#333' }, encoding: { x, y: { field: 'median', ...y }, text: { field: 'label' } } },
      ],
    },
  } as ReturnType<ChartBuilder>;
};
