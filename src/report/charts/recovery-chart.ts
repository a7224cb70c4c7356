/**
 * How long a target takes to serve again after its plugin crashed, and after a
 * call that never returns, one row per target in the same order in both panels
 * (quickest crash recovery on top). The hang panel draws the call deadline as a
 * dashed line: time past it is what getting rid of the stuck plugin costs.
 */
import type { ResultRow } from '../../results/types.js';
import { formatDuration, significant } from '../../results/units.js';
import { selectRows } from './chart-rows.js';
import { chartTitle, type ChartBuilder } from './chart-spec.js';
import { DOT_COLOUR, orderTargets, targetPanels, type TargetPanel } from './target-panels.js';
import { pickTimeUnit, type TimeUnit } from './time-scale.js';

/** The deadline the hang suite gave its call (params.timeoutMs), when all its rows had the same one. */
function deadline(rows: readonly ResultRow[], unit: TimeUnit): { value: number; label: string } | undefined {
  const timeouts = [...new Set(rows.map((row) => row.params?.timeoutMs).filter((t): t is number => typeof t === 'number'))];
  if (timeouts.length !== 1) return undefined;
  return { value: timeouts[0]! * unit.perMs, label: `call deadline ${formatDuration(timeouts[0]!)}` };
}

/** One panel in its own unit (crashes recover in ms, hangs in s). */
function timePanel(axisTitle: string, rows: readonly ResultRow[], missing: readonly ResultRow[], series: string, withDeadline = false): TargetPanel {
  const unit = pickTimeUnit(rows.flatMap((row) => row.samples));
  const format = (value: number) => `${significant(value)} ${unit.name}`;
  const rule = withDeadline ? deadline(rows, unit) : undefined;
  return { axisTitle: `${axisTitle}, ${unit.name}`, rows, missing, scale: unit.perMs, format, series, ...(rule ? { rule } : {}) };
}

export const recoveryChart: ChartBuilder = (results) => {
  const crash = selectRows(results, ['recovery'], ['ms'], ['time-to-first-success']);
  const hang = selectRows(results, ['hang'], ['ms'], ['time-to-usable']);
  const missingOf = (suite: string, metric: string) => results.results.filter((row) => row.suite === suite && row.metric === metric && row.status !== 'ok');
  const crashMissing = missingOf('recovery', 'time-to-first-success');
  const hangMissing = missingOf('hang', 'time-to-usable');
  if (crash.drawn.length + hang.drawn.length === 0) return null;
  const runs = Math.max(0, ...[...crash.drawn, ...hang.drawn].map((row) => row.samples.length));
  const series = `one run (up to ${runs} per target)`;
  const colour = { type: 'nominal' as const, title: null, scale: { domain: [series], range: [DOT_COLOUR] }, legend: null };
  const order = orderTargets(crash.drawn, hang.drawn, [...crashMissing, ...hangMissing]);
  const panels = [
    timePanel('after a crash: until a call succeeds', crash.drawn, crashMissing, series),
    timePanel('after a hung call: until usable again', hang.drawn, hangMissing, series, true),
  ];
  const explanation = `each dot one run (${runs} at most per target), bar and figure: the median; lower is better; grey: why a target has no figure`;
  return { title: chartTitle('Recovery time', explanation, []), ...targetPanels(panels.filter((panel) => panel.rows.length + panel.missing.length > 0), order, colour) };
};
