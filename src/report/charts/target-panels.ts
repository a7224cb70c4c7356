/**
 * Panels side by side with one row per target, in one order for every panel:
 * the shape of the startup and recovery charts. Each row is a pale bar to the
 * median with every sample as a dot on it, the median written at the end; a target
 * a panel has no figure for keeps its row and says why, so no panel is half blank.
 */
import type { ResultRow } from '../../results/types.js';
import { CHART_WIDTH, type ChartSpec, type Datum } from './chart-spec.js';
import { stripValues } from './distribution.js';

export interface TargetPanel {
  axisTitle: string;
  /** At most one drawn row per target. */
  rows: readonly ResultRow[];
  /** Rows that did not run (their target keeps its place and shows why). */
  missing: readonly ResultRow[];
  /** Multiplies each sample into the axis unit (ms to s, bytes to MiB). */
  scale: number;
  /** Writes a value in axis units as a label ("12.5 ms"). */
  format(value: number): string;
  /** What the dots are, for the legend ("one start (10 per target)"). */
  series: string;
  /** One more figure per target drawn as a diamond (the run's cold first start), with its legend entry. */
  marker?: { rows: readonly ResultRow[]; series: string };
  /** A dashed line across the panel at a value in axis units (a deadline), with its label. */
  rule?: { value: number; label: string };
}

export const DOT_COLOUR = '#4c78a8';

/** Why a row has no figure, in a few words: its note up to the first clause, else its status. */
export function missingReason(row: ResultRow): string {
  const clause = row.note?.split(/; | \(|, and /)[0]?.trim();
  return clause ? (clause.length > 56 ? `${clause.slice(0, 55)}…` : clause) : row.status;
}

/** Targets by the median of their rows in `first`, then those only `second` has, by theirs. */
export function orderTargets(first: readonly ResultRow[], second: readonly ResultRow[], rest: readonly ResultRow[] = []): string[] {
  const byMedian = (rows: readonly ResultRow[]) => [...rows].sort((a, b) => a.median! - b.median!).map((row) => row.target);
  return [...new Set([...byMedian(first), ...byMedian(second), ...rest.map((row) => row.target)])];
}

/** The panels side by side, every one listing `order`; the target names on the first only. */
export function targetPanels(panels: readonly TargetPanel[], order: readonly string[], colour: object): Extract<ChartSpec, { hconcat: unknown }> {
  // The layers are vega-lite layer specs written out here; the cast is the one place their looser type meets TopLevelSpec.
  return {
    hconcat: panels.map((panel, i) => targetPanel(panel, order, colour, i)),
    spacing: 18,
    resolve: { scale: { y: 'shared' as const, x: 'independent' as const } },
  } as unknown as Extract<ChartSpec, { hconcat: unknown }>;
}

function targetPanel(panel: TargetPanel, order: readonly string[], colour: object, index: number) {
  const y = { field: 'target', type: 'nominal' as const, sort: order, title: null, ...(index === 0 ? {} : { axis: null }) };
  const rows = [...panel.rows, ...(panel.marker?.rows ?? [])];
  const values = [...rows.flatMap((row) => row.samples.map((sample) => sample * panel.scale)), panel.rule?.value ?? 0];
  // Room on the right for the column of medians, so no figure sits on a dot.
  const high = Math.max(0, ...values) * 1.3 || 1;
  // A panel of targets that all have no figure keeps its title, not a scale of nothing.
  const axis = panel.rows.length === 0 ? { axis: { labels: false, ticks: false, grid: false } } : {};
  const x = { field: 'value', type: 'quantitative' as const, title: panel.axisTitle, scale: { domain: [Math.min(0, ...values), high], nice: false }, ...axis };
  const layer = (name: string, values: Datum[], mark: object, encoding: object = {}) => ({ name: `${name}-${index}`, data: { values }, mark, encoding: { y, x, ...encoding } });
  const point = (series: string) => (row: ResultRow): Datum => ({ target: row.target, value: row.median! * panel.scale, series, label: panel.format(row.median! * panel.scale) });
  const medians = panel.rows.map(point(panel.series));
  const missing = panel.missing.filter((row, i, all) => !panel.rows.some((drawn) => drawn.target === row.target) && all.findIndex((r) => r.target === row.target) === i);
  const color = { field: 'series', ...colour };
  return {
    width: CHART_WIDTH * 0.55,
    height: { step: 24 },
    layer: [
      layer('median-bar', medians, { type: 'bar', color: '#c6d6ea', height: 14 }),
      layer('strip', panel.rows.flatMap((row) => stripValues(row, { target: row.target, series: panel.series }, panel.scale)), { type: 'point', filled: true, size: 24, opacity: 0.75 }, {
        yOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [-1.6, 1.6] } },
        color,
      }),
      ...(panel.marker ? [layer('marker', panel.marker.rows.map(point(panel.marker.series)), { type: 'point', shape: 'diamond', filled: true, size: 70 }, { color })] : []),
      ...(panel.rule ? ruleLayers(panel.rule, x, index) : []),
      layer('median-label', medians.map((m) => ({ ...m, value: high })), { type: 'text', align: 'right', fontSize: 10, color: '#333' }, { text: { field: 'label' } }),
      layer('missing', missing.map((row) => ({ target: row.target, value: 0, label: missingReason(row) })), { type: 'text', align: 'left', dx: 3, fontSize: 10, fontStyle: 'italic', color: '#888' }, { text: { field: 'label' } }),
    ].filter((l) => l.data.values.length > 0),
  };
}

/** A dashed rule over the whole panel, labelled at its top. */
function ruleLayers(rule: { value: number; label: string }, x: object, index: number) {
  const data = { values: [rule] };
  return [
    { name: `rule-${index}`, data, mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { x } },
    { name: `rule-label-${index}`, data, mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, y: -2, fontSize: 10, color: '#555' }, encoding: { x, text: { field: 'label' } } },
  ];
}
