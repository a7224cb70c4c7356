/**
 * Horizontal bar panels side by side, one bar per target (grouped by metric when a
 * panel has several): the shape of the startup, memory and recovery charts. Each
 * panel has its own axis, since milliseconds and mebibytes do not share one.
 */
import type { ResultRow } from '../../results/types.js';
import { CHART_WIDTH, type Datum } from './chart-spec.js';

export interface BarPanel {
  rows: readonly ResultRow[];
  axisTitle: string;
  /** Converts the median to the axis unit (bytes to MiB). */
  scale?: number;
}

/** The panels that have rows, side by side; null when none has. */
export function barPanels(panels: readonly BarPanel[]) {
  const filled = panels.filter((panel) => panel.rows.length > 0);
  if (filled.length === 0) return null;
  return { hconcat: filled.map(barPanel), resolve: { scale: { color: 'independent' as const } } };
}

function barPanel(panel: BarPanel) {
  const values: Datum[] = panel.rows.map((row) => ({ target: row.target, metric: row.metric, value: row.median! * (panel.scale ?? 1) }));
  const grouped = new Set(values.map((value) => value.metric)).size > 1;
  return {
    width: CHART_WIDTH / 2,
    data: { values },
    mark: { type: 'bar' as const, tooltip: true },
    encoding: {
      y: { field: 'target', type: 'nominal' as const, title: null, sort: { field: 'value', op: 'max' as const } },
      x: { field: 'value', type: 'quantitative' as const, title: panel.axisTitle },
      ...(grouped
        ? {
            yOffset: { field: 'metric', type: 'nominal' as const },
            color: { field: 'metric', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const } },
          }
        : {}),
    },
  };
}
