#!/usr/bin/env node
/**
 * The host-overhead check (issue 14's call-path budgets): runs the latency suite,
 * which measures each target in alternating rounds with its channel's raw floor
 * and the bare mechanism it is built on, and prints plugbench / bare per target
 * against the budget of the channel its call crosses (src/bench/host-budget.ts:
 * in-process and embedded <= 1.5x, worker <= 1.3x, process <= 1.1x). Exits 1 when a target misses its budget or has no bare
 * figure, 2 on bad input. A check to run by hand or in CI, not a test.
 *
 *   npm run build && node scripts/measure-host-overhead.mjs [--targets a,b] [--quick] [--out run.json] [--json]
 *
 * Runs from dist/, so build first.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { judgeHostBudgets } from '../dist/src/bench/host-budget.js';
import { runBench } from '../dist/src/bench/run-bench.js';
import { significant } from '../dist/src/bench/units.js';
import { findTarget } from '../dist/transports/catalog.js';

function parse() {
  try {
    return parseArgs({
      options: { targets: { type: 'string' }, quick: { type: 'boolean', default: false }, out: { type: 'string' }, json: { type: 'boolean', default: false } },
    }).values;
  } catch (error) {
    console.error(`${error.message}; usage: node scripts/measure-host-overhead.mjs [--targets a,b] [--quick] [--out FILE] [--json]`);
    process.exit(2);
  }
}

const us = (row) => (row?.median == null ? '?' : significant(row.median * 1000));

function printTable(verdicts, results) {
  const head = ['target', 'family', 'channel', 'floor µs', 'bare mechanism', 'bare µs', 'plugbench µs', '× bare', 'budget', 'verdict'];
  const rows = verdicts.map((v) => [
    v.target,
    findTarget(v.target)?.family ?? '?',
    v.channel,
    us(v.floor),
    v.plugbench.bare ?? 'none',
    us(v.bare),
    us(v.plugbench),
    v.overhead === undefined ? '?' : `${v.overhead.toFixed(2)}×`,
    `≤ ${v.budget}×`,
    v.verdict === 'within' ? 'within' : v.verdict === 'over' ? 'OVER' : 'UNMEASURED',
  ]);
  const widths = head.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  for (const row of [head, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  const { machine } = results;
  console.log(`\n${results.options.quick ? 'quick' : 'full'} latency run, ${(results.durationMs / 1000).toFixed(1)} s, ${results.createdAt}; ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}; medians, same alternating rounds`);
  for (const { target, reason } of results.skipped) console.log(`skipped ${target}: ${reason}`);
}

const flags = parse();
let results;
try {
  results = await runBench({ suites: ['latency'], quick: flags.quick, ...(flags.targets ? { targets: flags.targets.split(',').filter(Boolean) } : {}) });
} catch (error) {
  console.error(`${error.code ?? 'ERROR'}: ${error.message}`);
  process.exit(2);
}
if (flags.out) await writeFile(flags.out, `${JSON.stringify(results, null, 2)}\n`);
const verdicts = judgeHostBudgets(results, (name) => findTarget(name)?.descriptor.channel);
// A target whose latency suite failed has no time split: say why, and count it as missed.
const failed = results.options.targets
  .filter((name) => !verdicts.some((v) => v.target === name))
  .map((name) => ({ target: name, note: results.results.find((row) => row.target === name && row.status !== 'ok')?.note ?? 'no latency row' }));
if (flags.json) console.log(JSON.stringify({ verdicts: verdicts.map(summary), failed }, null, 2));
else {
  printTable(verdicts, results);
  for (const { target, note } of failed) console.log(`FAILED ${target}: ${note}`);
}
const missed = [...verdicts.filter((v) => v.verdict !== 'within').map((v) => v.target), ...failed.map((f) => f.target)];
const total = verdicts.length + failed.length;
if (!flags.json) console.log(missed.length === 0 ? 'every target is within its host budget' : `${missed.length} of ${total} targets miss their host budget: ${missed.join(', ')}`);
process.exit(missed.length === 0 ? 0 : 1);

function summary({ target, channel, overhead, budget, verdict, floor, bare, plugbench }) {
  return { target, channel, floorMs: floor?.median ?? null, bare: plugbench.bare ?? null, bareMs: bare?.median ?? null, plugbenchMs: plugbench.median, overhead: overhead ?? null, budget, verdict };
}
