/** Startup cost and memory side by side: what one more plugin instance costs in time and in RSS. */
import { selectRows } from './chart-rows.js';
import { chartTitle, type ChartBuilder } from './chart-spec.js';
import { barPanels } from './grouped-bars.js';

const MIB = 2 ** -20;

export const startupChart: ChartBuilder = (results) => {
  const time = selectRows(results, ['startup'], ['ms']);
  const memory = selectRows(results, ['startup'], ['bytes']);
  const panels = barPanels([
    { rows: time.drawn, axisTitle: 'cold start to first call, ms (median)' },
    { rows: memory.drawn, axisTitle: 'memory one instance adds, MiB (median)', scale: MIB },
  ]);
  if (!panels) return null;
  return { title: chartTitle('Startup cost and memory per plugin', 'lower is better', [...time.leftOut, ...memory.leftOut]), ...panels };
};
