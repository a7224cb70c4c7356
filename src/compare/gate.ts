/**
 * What compare's exit code says: 0 no regression, 1 a regression, 2 refused
 * because the runs are not comparable (different machines without
 * --allow-different-machines). Refusal wins over a regression: numbers from two
 * machines cannot prove one.
 */
import type { Comparison } from './comparison.js';
import { describeP, formatChange, formatMeasure, plural } from './format-cells.js';

export interface GateOutcome {
  status: 'pass' | 'regression' | 'refused';
  exitCode: 0 | 1 | 2;
  message: string;
}

export function decideGate(comparison: Comparison, allowDifferentMachines: boolean): GateOutcome {
  const differences = comparison.machineDifferences;
  if (differences.length > 0 && !allowDifferentMachines) {
    const what = differences.map((d) => `${d.what} ${d.base} vs ${d.head}`).join('; ');
    return {
      status: 'refused',
      exitCode: 2,
      message:
        `refusing to gate: base and head ran on different machines (${what}); ` +
        'run both in the same job, or pass --allow-different-machines to gate anyway',
    };
  }
  if (comparison.regressions > 0) {
    return { status: 'regression', exitCode: 1, message: `${plural(comparison.regressions, 'regression')}${inTargets(comparison)}: ${regressionList(comparison)}` };
  }
  const { thresholdPct, alpha } = comparison.options;
  const judged = comparison.rows.filter((row) => row.holmP !== null).length;
  const inconclusive = comparison.rows.filter((row) => row.verdict === 'inconclusive').length;
  const over = comparison.mode === 'runs' ? `${comparison.base.length}+${comparison.head.length} runs` : 'one run per side';
  return {
    status: 'pass',
    exitCode: 0,
    message: `no regression (${plural(judged, 'row')} judged over ${over}, threshold ${thresholdPct}%, alpha ${alpha}${inconclusive > 0 ? `; ${inconclusive} inconclusive` : ''})`,
  };
}

/** " in 2 targets" when regressions span several targets. */
function inTargets(comparison: Comparison): string {
  const targets = new Set([...comparison.rows.filter((r) => r.verdict === 'regression'), ...comparison.statusChanges.filter((s) => s.regression)].map((r) => r.target));
  return targets.size > 1 ? ` in ${targets.size} targets` : '';
}

/** Regressions named in the one-line verdict; the table has them all. */
const NAMED_IN_HEADLINE = 3;

/** "worker latency round-trip +30.2% (p<0.001), zmq recovery ok -> failed, and 2 more" */
export function regressionList(comparison: Comparison): string {
  const slower = comparison.rows
    .filter((row) => row.verdict === 'regression')
    .map((row) => `${row.target} ${formatMeasure(row)} ${formatChange(row)} (${describeP(row.holmP)})`);
  const broken = comparison.statusChanges.filter((s) => s.regression).map((s) => `${s.target} ${formatMeasure(s)} ${s.base} -> ${s.head}`);
  const all = [...slower, ...broken];
  const named = all.slice(0, NAMED_IN_HEADLINE).join(', ');
  return all.length > NAMED_IN_HEADLINE ? `${named}, and ${all.length - NAMED_IN_HEADLINE} more` : named;
}
