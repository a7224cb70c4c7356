/** Startup cost and memory side by side: what one more plugin instance costs in time and in RSS. */
import { selectRows } from './chart-rows.js';
import { chartTitle, type ChartBuilder } from './chart-spec.js';
import { barPanels } from './grouped-bars.js';

const MIB = 2 ** -20;
/** The bench writes memory as a total and its parts (host RSS, plugin RSS); the chart shows the total when there is one. */
const MEMORY_TOTAL = 'memory-added';

export const startupChart: ChartBuilder = (results) => {
  const time = selectRows(results, ['startup'], ['ms']);
  const hasTotal = results.results.some((row) => row.suite === 'startup' && row.metric === MEMORY_TOTAL);
  const memory = selectRows(results, ['startup'], ['bytes'], hasTotal ? [MEMORY_TOTAL] : undefined);
  const panels = barPanels([
    { rows: time.drawn, axisTitle: 'cold start to first call, ms (median)' },
    { rows: memory.drawn, axisTitle: 'memory one instance adds, MiB (median)', scale: MIB },
  ]);
  if (!panels) return null;
  return { title: chartTitle('Startup cost and memory per plugin', 'lower is better', [...time.leftOut, ...memory.leftOut]), ...panels };
};
