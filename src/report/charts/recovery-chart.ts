/** How long a target takes to serve again after its plugin crashed, and after a call that never returns. */
import { selectRows } from './chart-rows.js';
import { chartTitle, type ChartBuilder } from './chart-spec.js';
import { barPanels } from './grouped-bars.js';

export const recoveryChart: ChartBuilder = (results) => {
  const crash = selectRows(results, ['recovery'], ['ms']);
  const hang = selectRows(results, ['hang'], ['ms']);
  const panels = barPanels([
    { rows: crash.drawn, axisTitle: 'after a crash, ms (median)' },
    { rows: hang.drawn, axisTitle: 'after a hang, ms (median)' },
  ]);
  if (!panels) return null;
  return { title: chartTitle('Recovery time', 'until the plugin serves again; lower is better', [...crash.leftOut, ...hang.leftOut]), ...panels };
};
