#!/usr/bin/env node
/**
 * How much each row moves from run to run, in folders of results files (one per
 * run): the spread of the per-run medians, and what it would be with each run
 * divided by its machine index (the floors' geometric mean over their usual
 * values), by the row's own channel floor (the one measured beside it, `ratio`), or with the 10th percentile (90th for
 * rates) or the minimum as the per-run value. The figures behind
 * docs/decisions/compare-runs.md.  node scripts/run-spread.mjs DIR [DIR...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { quantile } from 'simple-statistics';

const runs = process.argv.slice(2).flatMap((dir) =>
  readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'))),
);
if (runs.length < 2) throw new Error('give folders holding at least two results files');
const median = (values) => quantile(values, 0.5);
/** Median absolute deviation over the median, scaled to a standard deviation, in percent. */
const spread = (values) => (values.length < 2 ? NaN : (median(values.map((v) => Math.abs(v - median(values)))) / Math.abs(median(values))) * 148.26);
const floorsOf = (run) => new Map(run.results.filter((r) => r.target.startsWith('floor:') && r.status === 'ok').map((r) => [r.target, r.median]));
const floors = [...floorsOf(runs[0]).keys()].filter((floor) => runs.every((run) => floorsOf(run).has(floor)));
const usual = new Map(floors.map((floor) => [floor, median(runs.map((run) => floorsOf(run).get(floor)))]));
const index = runs.map((run) => Math.exp(floors.reduce((sum, f) => sum + Math.log(floorsOf(run).get(f) / usual.get(f)), 0) / floors.length));
const EXPONENT = { ms: 1, 'calls/s': -1, 'MB/s': -1 };

const rows = new Map();
for (const [i, run] of runs.entries()) {
  const runFloors = floorsOf(run);
  for (const row of run.results) {
    if (row.status !== 'ok' || row.derivedFrom) continue;
    const key = `${row.target} ${row.suite} ${row.metric}`;
    const entry = rows.get(key) ?? { median: [], machine: [], ownFloor: [], tail: [], extreme: [] };
    rows.set(key, entry);
    entry.median.push(row.median);
    if (EXPONENT[row.unit] !== undefined) entry.machine.push(row.median / index[i] ** EXPONENT[row.unit]);
    // The floor measured beside this target in the same rounds (`ratio`); older files name only its channel.
    const channelFloor = row.floor && runFloors.get(row.floor);
    const own = row.ratio ?? (channelFloor ? row.median / channelFloor : undefined);
    if (own) entry.ownFloor.push(own);
    if (row.samples.length >= 5) {
      entry.tail.push(quantile(row.samples, row.better === 'lower' ? 0.1 : 0.9));
      entry.extreme.push(row.better === 'lower' ? Math.min(...row.samples) : Math.max(...row.samples));
    }
  }
}
const cell = (values) => (Number.isNaN(spread(values)) ? '' : spread(values).toFixed(1));
console.log(`${runs.length} runs; machine index per run: ${index.map((x) => x.toFixed(2)).join(' ')} (from ${floors.join(', ')})`);
console.log('| row | runs | median | ÷ machine index | ÷ own floor | p10 (p90 for rates) | min (max) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [key, e] of rows) console.log(`| ${key} | ${e.median.length} | ${cell(e.median)} | ${cell(e.machine)} | ${cell(e.ownFloor)} | ${cell(e.tail)} | ${cell(e.extreme)} |`);
