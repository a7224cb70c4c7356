/**
 * Startup cost and memory side by side, one row per target in the same order in
 * both (quickest start on top): what one more plugin instance costs in time and
 * in memory, every start a dot, and the run's first (cold) start as a diamond.
 */
import { formatBytes, significant } from '../../results/units.js';
import { selectRows } from './chart-rows.js';
import { chartTitle, type ChartBuilder } from './chart-spec.js';
import { DOT_COLOUR, orderTargets, targetPanels } from './target-panels.js';
import { pickTimeUnit } from './time-scale.js';

const MIB = 2 ** -20;
/** The bench writes memory as a total and its parts (host RSS, plugin RSS); the chart shows the total when there is one. */
const MEMORY_TOTAL = 'memory-added';
const COLD_COLOUR = '#f58518';

export const startupChart: ChartBuilder = (results) => {
  const time = selectRows(results, ['startup'], ['ms'], ['start-to-first-call']);
  const cold = selectRows(results, ['startup'], ['ms'], ['first-start']);
  const hasTotal = results.results.some((row) => row.suite === 'startup' && row.metric === MEMORY_TOTAL);
  const memory = selectRows(results, ['startup'], ['bytes'], hasTotal ? [MEMORY_TOTAL] : ['host-rss-added']);
  if (time.drawn.length + memory.drawn.length === 0) return null;
  const unit = pickTimeUnit([...time.drawn, ...cold.drawn].flatMap((row) => row.samples));
  const starts = Math.max(0, ...time.drawn.map((row) => row.samples.length));
  const series = [`one start (${starts} per target)`, 'first start of the run (cold caches)'];
  const colour = { type: 'nominal' as const, title: null, scale: { domain: series, range: [DOT_COLOUR, COLD_COLOUR] } };
  const failed = results.results.filter((row) => row.suite === 'startup' && row.status !== 'ok');
  const order = orderTargets(time.drawn, memory.drawn, failed);
  const panels = targetPanels(
    [
      { axisTitle: `start to first call, ${unit.name}`, rows: time.drawn, missing: failed, scale: unit.perMs, format: (v: number) => `${significant(v)} ${unit.name}`, series: series[0]!, marker: { rows: cold.drawn, series: series[1]! } },
      { axisTitle: 'memory one instance adds, MiB', rows: memory.drawn, missing: failed, scale: MIB, format: (v: number) => formatBytes(v / MIB), series: series[0]! },
    ].filter((panel) => panel.rows.length > 0),
    order,
    colour,
  );
  const explanation = 'each dot one start; bar and figure: the median; lower is better; memory: RSS the host and the plugin grow by';
  return { title: chartTitle('Startup cost and memory per plugin instance', explanation, []), ...panels };
};
