#!/usr/bin/env node
/**
 * Warm means warm: quick and full runs of the warm suites, alternating (quick
 * full, full quick, ...), then compare's per-row change of the medians between
 * the two folders. Every warm median of every target must agree within 25%
 * (the steady warm-up is the same in both modes; only the sample counts differ).
 * Exit 0 when they all do.
 *
 *   node scripts/check-warmup.mjs [--rounds 5] [--targets a,b] [--cpu N] [--out DIR]
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { scriptArgs } from './script-args.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/run.js');
const { values: opts } = scriptArgs({
  usage: 'usage: node scripts/check-warmup.mjs [--rounds N] [--targets a,b] [--cpu N] [--tolerance PCT] [--out DIR]',
  counts: { rounds: 1, cpu: 0 },
  numbers: ['tolerance'],
  options: { rounds: { type: 'string', default: '5' }, targets: { type: 'string' }, out: { type: 'string' }, tolerance: { type: 'string', default: '25' }, cpu: { type: 'string' } },
});
const SUITES = 'latency,throughput,payload,callback';
/** The warm figures that must agree: one round trip at a time, small payloads, one call in flight, the callback. */
const WARM = new Set(['latency round-trip', 'payload round-trip-16B', 'payload round-trip-1KiB', 'throughput calls-per-second-1', 'callback revertWithPrefix']);
const work = opts.out ? path.resolve(opts.out) : await mkdtemp(path.join(os.tmpdir(), 'plugbench-warmup-'));
const targets = opts.targets ? ['--targets', opts.targets] : [];
// --cpu N: every run on one CPU (bench --cpu), so thread placement does not decide the medians.
const cpu = opts.cpu === undefined ? [] : ['--cpu', opts.cpu];

for (let round = 1; round <= Number(opts.rounds); round++) {
  const order = round % 2 === 1 ? ['quick', 'full'] : ['full', 'quick'];
  for (const mode of order) {
    const file = path.join(work, mode, `round-${String(round).padStart(2, '0')}.json`);
    const began = performance.now();
    await execa(process.execPath, [bin, 'bench', ...(mode === 'quick' ? ['--quick'] : []), '--suites', SUITES, ...targets, ...cpu, '--out', file, '--format', 'json'], {
      cwd: root,
      stdout: 'ignore',
      env: { CI: '1' },
    });
    console.log(`round ${round} ${mode}: ${((performance.now() - began) / 1000).toFixed(0)} s`);
  }
}
const run = await execa(process.execPath, [bin, 'compare', path.join(work, 'quick'), path.join(work, 'full'), '--json'], { cwd: root, reject: false, env: { GITHUB_STEP_SUMMARY: '' } });
if (run.exitCode === 2) throw new Error(run.stderr);
const rows = JSON.parse(run.stdout).comparison.rows.filter((row) => WARM.has(`${row.suite} ${row.metric}`) && !row.target.startsWith('floor:'));
const tolerance = Number(opts.tolerance);
const apart = rows.filter((row) => row.changePct === null || Math.abs(row.changePct) > tolerance);
console.log(`| target | warm figure | quick | full | full vs quick |\n|---|---|---:|---:|---:|`);
const fmt = (row, value) => (row.unit === 'ms' ? `${(value * 1000).toPrecision(3)} µs` : `${value.toPrecision(3)} ${row.unit}`);
for (const row of rows) console.log(`| ${row.target} | ${row.suite} ${row.metric} | ${fmt(row, row.baseMedian)} | ${fmt(row, row.headMedian)} | ${row.changePct >= 0 ? '+' : ''}${row.changePct.toFixed(1)}% |`);
console.log(`${rows.length - apart.length}/${rows.length} warm medians agree within ${tolerance}% (rounds in ${work})`);
process.exitCode = apart.length === 0 ? 0 : 1;
