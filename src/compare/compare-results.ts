/**
 * The comparison itself. Runs are the unit (benchstat's rule): with several runs
 * per side every row is judged on its per-run medians, so whatever varies from
 * run to run (the machine's speed) is inside the noise the test sees. With one
 * run per side the samples of the two runs are compared and the output says it
 * cannot tell drift from change. A row is a regression only when it is
 * significant after Holm's correction over every judged row AND worse than the
 * threshold, both as measured and with the machine's drift between the sides
 * (from the floors) taken out. Floors and derived rows are shown, never counted.
 */
import { holmAdjust } from '../stats/holm.js';
import { minimumTwoSidedP } from '../stats/shift.js';
import { DEFAULT_COMPARE_OPTIONS, type CompareOptions, type ComparedRow, type Comparison, type RowRef, type RunSummary } from './comparison.js';
import type { LoadedRun } from './load-side.js';
import { comparisonNotes, machineDifferences } from './machine-differences.js';
import { floorMoved, floorRatios, judgesOnFloor, ratioChangePct } from './floor-ratio.js';
import { correctForDrift, machineSpeed } from './machine-speed.js';
import { groupRows, toRef, type RowGroup } from './match-rows.js';
import { allTied, detectableWorsening, measureChange, sideValues, type Mode } from './measure-change.js';
import { classifyStatus } from './status-changes.js';
import { judgeSuites, settleVerdict } from './verdict.js';

export { DEFAULT_COMPARE_OPTIONS };
export type { CompareOptions, ComparedRow, Comparison, RowRef };

/** A row on its way to a verdict: its numbers, and whether it belongs to Holm's family. */
interface Candidate {
  row: ComparedRow;
  x: number[];
  y: number[];
  inFamily: boolean;
}

export function compareRuns(base: readonly LoadedRun[], head: readonly LoadedRun[], options: CompareOptions = DEFAULT_COMPARE_OPTIONS): Comparison {
  const mode: Mode = base.length === 1 && head.length === 1 ? 'samples' : 'runs';
  const speed = machineSpeed(base, head);
  const targets = new Set([...base, ...head].flatMap(({ results }) => results.options.targets));
  const { groups, onlyInBase, onlyInHead } = groupRows(base, head);
  const candidates: Candidate[] = [];
  const statusChanges = [];
  let notComparedCount = 0;
  for (const group of groups) {
    const status = classifyStatus(group);
    if (status.kind === 'status-change') statusChanges.push(status.change);
    else if (status.kind === 'not-compared') notComparedCount++;
    else candidates.push(candidate(group, mode, speed, targets, options, status.notes));
  }
  const family = candidates.filter((c) => c.inFamily);
  holmAdjust(family.map((c) => c.row.p!)).forEach((p, i) => (family[i]!.row.holmP = p));
  for (const c of candidates) {
    if (c.inFamily) c.row.detectable = inRowUnit(c.row, detectableWorsening(c.x, c.y, c.row.better, options.alpha / family.length));
    settleVerdict(c.row, options);
  }
  const rows = candidates.map((c) => c.row);
  return {
    mode,
    base: base.map(summarize),
    head: head.map(summarize),
    options,
    machineDifferences: machineDifferences(base, head),
    machineSpeed: speed,
    notes: [...modeNotes(mode, base, head), ...floorNotes(rows), ...comparisonNotes(base, head)],
    rows,
    statusChanges,
    notComparedCount,
    onlyInBase: onlyInBase.map(toRef),
    onlyInHead: onlyInHead.map(toRef),
    familySize: family.length,
    suites: judgeSuites(rows),
    regressions: rows.filter((r) => r.verdict === 'regression').length + statusChanges.filter((s) => s.regression).length,
  };
}

function candidate(group: RowGroup, mode: Mode, speed: ReturnType<typeof machineSpeed>, targets: ReadonlySet<string>, options: CompareOptions, notes: string[]): Candidate {
  const medians = [sideValues(group.base, mode), sideValues(group.head, mode)] as const;
  const raw = measureChange(...medians);
  // A latency row whose floor follows the machine is judged on its per-run ratio to it (floor-ratio.ts);
  // any latency row with ratios has its "vs machine" change from them.
  const ratios = floorRatios(group, mode);
  const byFloor = ratios && judgesOnFloor(ratios) ? ratios : null;
  const [x, y] = byFloor ? [byFloor.x, byFloor.y] : medians;
  const judged = byFloor ? measureChange(x, y) : raw;
  const reference = !targets.has(group.row.target);
  const derived = group.row.derivedFrom !== undefined;
  const judgeable = minimumTwoSidedP(x.length, y.length) < options.alpha && !allTied(x, y);
  const row: ComparedRow = {
    ...toRef(group.row),
    better: group.row.better,
    ...raw,
    p: judged.p,
    test: judged.test,
    ci: judged.ci,
    nBase: x.length,
    nHead: y.length,
    correctedChangePct: ratios && (byFloor || floorMoved(ratios, options.alpha)) ? ratioChangePct(ratios) : speed ? correctForDrift(raw.changePct, group.row.unit, speed.driftPct) : null,
    ...(byFloor ? { judgedBy: { floor: byFloor.floor, share: byFloor.share, ...(byFloor.tracking === null ? {} : { tracking: byFloor.tracking }) } } : {}),
    holmP: null,
    significant: false,
    detectable: null,
    verdict: reference ? 'reference' : derived ? 'derived' : 'inconclusive',
    ...(derived ? { derivedFrom: group.row.derivedFrom } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
  return { row, x, y, inFamily: !reference && !derived && judged.p !== null && judgeable };
}

/** A worsening found on floor ratios, in the row's unit too: the same share of its base median. */
function inRowUnit(row: ComparedRow, detectable: ComparedRow['detectable']): ComparedRow['detectable'] {
  if (!detectable || !row.judgedBy || detectable.pct === null) return detectable;
  return { pct: detectable.pct, amount: (detectable.pct / 100) * Math.abs(row.baseMedian) };
}

function floorNotes(rows: readonly ComparedRow[]): string[] {
  const byFloor = rows.filter((row) => row.judgedBy && row.verdict !== 'reference');
  if (byFloor.length === 0) return [];
  return [
    `${byFloor.length} latency row${byFloor.length === 1 ? ' is' : 's are'} judged on each run's ratio to the channel floor measured in the same rounds (a floor:function, a floor at least half the round trip, or one its runs follow), so the machine's speed in that run falls out: ${byFloor.map((row) => row.target).join(', ')}; "vs machine" is the change of that ratio`,
  ];
}

function modeNotes(mode: Mode, base: readonly LoadedRun[], head: readonly LoadedRun[]): string[] {
  if (mode === 'samples') {
    return [
      'one run per side: the samples of two runs are compared, so compare cannot tell the machine drifting between the runs from a change of the code; measure both sides with `plugbench bench --rounds 10` and compare the folders',
    ];
  }
  const fewest = Math.min(base.length, head.length);
  return fewest < 2 ? [`${base.length} base and ${head.length} head runs: a side with a single run cannot be judged over runs; measure both with --rounds`] : [];
}

function summarize({ results }: LoadedRun): RunSummary {
  return { createdAt: results.createdAt, gitCommit: results.machine.gitCommit, hostname: results.machine.hostname };
}
