/**
 * Judging a latency row against its own channel floor. The latency suite measures
 * each target in the same alternating rounds as the raw floor of its channel
 * (`row.floor`, `row.ratio` = target median / floor median), so a run's state of
 * the machine falls on both. Pinned on a 2-core VM whose speed changed from run to
 * run (in-process 0.70 µs in one run, 1.25 µs in the next, its floor 0.59 and 1.04),
 * in-process's per-run ratio moved 2-3% where its median moved 10-37%. It helps only where
 * the floor is the same kind of work as the round trip: a call on the host's own
 * thread (`floor:function`), at least half of the round trip, or a floor the row's
 * runs follow: within each side, a run's median ranks with its floor's (Spearman's
 * ρ, the mean of the two sides, at least 0.7). A pipe or TCP floor that is a tenth
 * of a gRPC call and moves on its own adds its own noise, so such a row is judged on
 * its medians; its ratio still says whether a change beyond the threshold is the
 * row's or the machine's (the "vs machine" check), since the floor beside it saw
 * the same minutes, but only when that floor moved beyond chance (floorMoved)
 * (docs/decisions/compare-runs.md, "Judged against the floor").
 */
import { median, sampleRankCorrelation } from 'simple-statistics';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { isMeasured, type Mode } from './measure-change.js';
import type { RowGroup } from './match-rows.js';

/** A floor this share of the round trip or more is the same kind of work. */
const FLOOR_SHARE = 0.5;
/**
 * A row whose runs follow their floor this closely (within each side) is judged on the
 * ratio however small the floor. Set from the stored pinned runs (docs/ci.md): tcp-jsonrpc
 * with three base runs in a slow state of the machine (floor 33-40 µs against 27) had
 * ρ 0.78, and its ratio found the planted 25% its medians missed (p 0.0001 against 0.089);
 * in 6 stored A/A comparisons the rows at 0.7 or more gave ratio p of 0.12 or more.
 */
const FLOOR_TRACKING = 0.7;
/** Fewer runs a side than this and ρ says nothing; the row is judged by the floor's share alone. */
const TRACKING_MIN_RUNS = 5;
/** The floor of the host's own thread: a plain call, steady, and as fast or slow as the CPU the target runs on. */
const SAME_THREAD_FLOOR = 'floor:function';

export interface FloorRatios {
  floor: string;
  /** Per run: target median over the floor median of the same rounds. */
  x: number[];
  y: number[];
  /** The floor's median share of the round trip, over every run of both sides. */
  share: number;
  /** Per run: the floor's own median (the row's median over its ratio). */
  floorX: number[];
  floorY: number[];
  /** How closely a run's median follows its floor's, within each side (floorTracking); null with too few runs. */
  tracking: number | null;
}

/** A row's per-run ratios to its floor, when every run of both sides has one; null otherwise. */
export function floorRatios(group: RowGroup, mode: Mode): FloorRatios | null {
  const floor = group.row.floor;
  if (mode !== 'runs' || group.row.suite !== 'latency' || !floor) return null;
  const measured = (rows: RowGroup['base']) => rows.filter(({ row }) => isMeasured(row)).map(({ row }) => row);
  const [baseRows, headRows] = [measured(group.base), measured(group.head)];
  const ratioOf = (row: (typeof baseRows)[number]) => (row.floor === floor ? row.ratio : undefined);
  const [x, y] = [baseRows.map(ratioOf), headRows.map(ratioOf)];
  if (![...x, ...y].every((ratio): ratio is number => typeof ratio === 'number' && ratio > 0)) return null;
  const floorOf = (row: (typeof baseRows)[number]) => row.median! / row.ratio!;
  const [floorX, floorY] = [baseRows.map(floorOf), headRows.map(floorOf)];
  const tracking = floorTracking(baseRows.map((row) => row.median!), floorX, headRows.map((row) => row.median!), floorY);
  return { floor, x: x as number[], y: y as number[], share: 1 / median([...x, ...y] as number[]), floorX, floorY, tracking };
}

/**
 * Spearman's ρ between a run's median and its floor's, within each side, the mean of
 * the two: within a side, so that a real change (which moves one side's medians, not
 * its floors) does not hide how closely the runs follow the machine. Neither side's
 * label enters it: the choice cannot lean towards either side, so under A/A it adds no
 * false alarms of its own (both tests hold their level on exchangeable runs).
 */
export function floorTracking(mediansX: number[], floorX: number[], mediansY: number[], floorY: number[]): number | null {
  if (mediansX.length < TRACKING_MIN_RUNS || mediansY.length < TRACKING_MIN_RUNS) return null;
  const rho = (medians: number[], floors: number[]) => {
    const value = sampleRankCorrelation(medians, floors);
    return Number.isFinite(value) ? value : 0;
  };
  return (rho(mediansX, floorX) + rho(mediansY, floorY)) / 2;
}

/**
 * Whether the floor beside a row moved between the sides beyond chance (p < alpha).
 * For a row judged on its medians the ratio is what says "the machine", and a floor a
 * fifth of the round trip that moved 12% by chance would take a real 23% change away
 * (stdio-rpc, a planted wait, docs/ci.md): its ratio speaks only when the floor moved.
 */
export function floorMoved(ratios: FloorRatios, alpha: number): boolean {
  const p = mannWhitneyU(ratios.floorX, ratios.floorY)?.p;
  return p !== undefined && p < alpha;
}

/** Whether the ratios are steadier than the medians: the floor is on the host's thread, at least half the round trip, or followed run by run. */
export function judgesOnFloor(ratios: FloorRatios): boolean {
  return ratios.floor === SAME_THREAD_FLOOR || ratios.share >= FLOOR_SHARE || (ratios.tracking ?? 0) >= FLOOR_TRACKING;
}

/** The change of the median ratio, in percent: what the row did with its floor's part of the machine taken out. */
export function ratioChangePct(ratios: FloorRatios): number {
  return (median(ratios.y) / median(ratios.x) - 1) * 100;
}
