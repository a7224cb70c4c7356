#!/usr/bin/env node
/**
 * The host-overhead check (issue 14's call-path budgets): runs the latency suite,
 * which measures each target in alternating rounds with its channel's raw floor
 * and the bare mechanism it is built on, and prints plugbench / bare per target
 * against the budget of the channel its call crosses (src/bench/host-budget.ts:
 * in-process and embedded <= 1.5x, worker <= 1.3x, process <= 1.1x). With
 * --runs N it runs the suite N times and judges the median ratio. Exits 1 when a
 * target misses its budget (or has no bare figure, or failed), 2 on bad input.
 * A check to run by hand or in CI, not a test.
 *
 * --cpu N (Linux, taskset) runs it with every thread on CPU N: where a worker's
 * thread runs decides its round trip (the worker targets, their floors and bares
 * each draw a placement; docs/where-the-time-goes.md, "Thread placement"), and on
 * one CPU every subject gets the same one.
 *
 *   npm run build && node scripts/measure-host-overhead.mjs [--targets a,b] [--runs N] [--quick] [--warmup CALLS] [--cpu N] [--out PREFIX] [--json]
 *
 * --warmup CALLS: every subject warms up for at least this many calls (bench --warmup),
 * to see how much of a ratio is a JIT that is not yet done with the longer path.
 *
 * Runs from dist/, so build first.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { judgeHostBudgets } from '../dist/src/bench/host-budget.js';
import { runBench } from '../dist/src/bench/run-bench.js';
import { significant } from '../dist/src/results/units.js';
import { findTarget } from '../dist/transports/catalog.js';
import { scriptArgs } from './script-args.mjs';

const { values, fail } = scriptArgs({
  usage: 'usage: node scripts/measure-host-overhead.mjs [--targets a,b] [--runs N] [--quick] [--warmup CALLS] [--cpu N] [--out PREFIX] [--json]',
  counts: { runs: 1, warmup: 1, cpu: 0 },
  options: {
    targets: { type: 'string' },
    runs: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    cpu: { type: 'string' },
    warmup: { type: 'string' },
  },
});
if (values.cpu !== undefined && Number(values.cpu) >= cpus().length) fail(`--cpu must be a CPU number below ${cpus().length}, got "${values.cpu}"`);
const flags = { ...values, runs: Number(values.runs), warmup: values.warmup === undefined ? undefined : Number(values.warmup) };

const us = (ms) => (ms === undefined ? '?' : significant(ms * 1000));

function printTable(verdicts, runs) {
  const head = ['target', 'family', 'channel', 'floor µs', 'bare mechanism', 'bare µs', 'plugbench µs', '× bare', 'budget', 'verdict'];
  const rows = verdicts.map((v) => [
    v.target,
    findTarget(v.target)?.family ?? '?',
    v.channel,
    us(v.floorMs),
    v.bare ?? 'none',
    us(v.bareMs),
    us(v.plugbenchMs),
    v.overhead === undefined ? '?' : `${v.overhead.toFixed(2)}×`,
    `≤ ${v.budget}×`,
    { within: 'within', over: 'OVER', unmeasured: 'UNMEASURED' }[v.verdict],
  ]);
  const widths = head.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  for (const row of [head, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  const { machine, options } = runs[0];
  const took = runs.reduce((sum, run) => sum + run.durationMs, 0) / 1000;
  const loads = runs.map((run) => run.machine.loadAverage[0].toFixed(2)).join(', ');
  console.log(`\n${runs.length} ${options.quick ? 'quick' : 'full'} latency run(s), ${took.toFixed(1)} s, from ${runs[0].createdAt}; ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${loads}; medians of each run's medians, same alternating rounds${process.env.PLUGBENCH_PINNED_CPU ? `, every thread on CPU ${process.env.PLUGBENCH_PINNED_CPU}` : ''}`);
  for (const { target, reason } of runs[0].skipped) console.log(`skipped ${target}: ${reason}`);
}

/** With --cpu N: runs this script again under `taskset -c N` (once), and exits with its code. */
function pinToCpu(cpu) {
  if (cpu === undefined || process.env.PLUGBENCH_PINNED_CPU === cpu) return;
  const pinned = spawnSync('taskset', ['-c', cpu, process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, PLUGBENCH_PINNED_CPU: cpu } });
  if (pinned.error || pinned.status === null) {
    fail(`--cpu needs Linux with taskset (util-linux) and CPU ${cpu}: ${pinned.error?.message ?? `ended by ${pinned.signal}`}`);
  }
  process.exit(pinned.status);
}

pinToCpu(flags.cpu);
const runs = [];
try {
  for (let i = 0; i < flags.runs; i++) {
    runs.push(await runBench({ suites: ['latency'], quick: flags.quick, ...(flags.warmup ? { budget: { latencyWarmup: flags.warmup } } : {}), ...(flags.targets ? { targets: flags.targets.split(',').filter(Boolean) } : {}) }));
    if (flags.out) await writeFile(`${flags.out}-${i + 1}.json`, `${JSON.stringify(runs[i], null, 2)}\n`);
  }
} catch (error) {
  console.error(`${error.code ?? 'ERROR'}: ${error.message}`);
  process.exit(2);
}
const verdicts = judgeHostBudgets(runs, (name) => findTarget(name)?.descriptor.channel);
// A target whose latency suite failed in every run has no time split: say why, and count it as missed.
const failed = runs[0].options.targets
  .filter((name) => !verdicts.some((v) => v.target === name))
  .map((name) => ({ target: name, note: runs.flatMap((run) => run.results).find((row) => row.target === name && row.status !== 'ok')?.note ?? 'no latency row' }));
if (flags.json) console.log(JSON.stringify({ verdicts, failed }, null, 2));
else {
  printTable(verdicts, runs);
  for (const { target, note } of failed) console.log(`FAILED ${target}: ${note}`);
}
const missed = [...verdicts.filter((v) => v.verdict !== 'within').map((v) => v.target), ...failed.map((f) => f.target)];
const total = verdicts.length + failed.length;
if (!flags.json) console.log(missed.length === 0 ? 'every target is within its host budget' : `${missed.length} of ${total} targets miss their host budget: ${missed.join(', ')}`);
process.exit(missed.length === 0 ? 0 : 1);
