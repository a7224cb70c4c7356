#!/usr/bin/env node
/**
 * What plugbench's host and plugin add to a call, counted in instructions rather than
 * timed: valgrind's callgrind counts every instruction a thread runs, the same count
 * for the same code and inputs however busy the machine is (timings on these VMs move
 * 15-70% between runs). For each target it runs the target's bare mechanism and then
 * plugbench's handle, each for two numbers of calls after the same warm-up, every
 * process under callgrind (host and plugin child), and prints instructions per call
 * (the difference of the two runs over the difference in calls) on each process's main
 * thread and on its other threads together: a library's I/O thread (ZeroMQ's), and in a
 * Node process V8's compiler and GC helpers, whose counts follow when the JIT and the
 * collector happen to run. Read the main threads as the figure (they too move by a
 * thousand or two with the JIT) and the other threads as noise around a library's share.
 * Linux with valgrind only; a run takes a minute or two per target and mode.
 *
 *   node scripts/count-instructions.mjs --targets mq,mq-python [--calls 2000,12000] [--warmup 2000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scriptArgs } from './script-args.mjs';

const USAGE = 'usage: node scripts/count-instructions.mjs --targets a,b [--calls LOW,HIGH] [--warmup N]';
const { values, fail } = scriptArgs({
  usage: USAGE,
  counts: { warmup: 0 },
  options: { targets: { type: 'string' }, calls: { type: 'string', default: '2000,12000' }, warmup: { type: 'string', default: '2000' }, subject: { type: 'string' }, target: { type: 'string' } },
});

if (values.subject) await runSubject(values.subject, values.target, Number(values.calls), Number(values.warmup));
else await countAll();

/** Inside valgrind: start the subject, warm it, say which processes are whose, make the calls. */
async function runSubject(mode, name, calls, warmup) {
  const { SEED_TEXT } = await import('../dist/src/core/contract.js');
  const { pluginFile } = await import('../dist/src/core/descriptor-target.js');
  const { startBarePeer } = await import('../dist/src/bench/mechanisms/index.js');
  const { findTarget } = await import('../dist/transports/catalog.js');
  const entry = findTarget(name);
  // valgrind makes every step 20-100x slower: generous deadlines.
  const subject =
    mode === 'plugbench'
      ? await (await entry.load()).start({ callTimeoutMs: 600_000, startTimeoutMs: 600_000 }).then((h) => ({ call: (t) => h.call('revert', [t]), stop: () => h.stop(), pid: h.pid }))
      : await startBarePeer(entry.descriptor.mechanism, { pluginFile: pluginFile(entry.descriptor) });
  for (let i = 0; i < warmup; i++) await subject.call(SEED_TEXT);
  process.stdout.write(`${JSON.stringify({ host: process.pid, child: subject.pid })}\n`);
  for (let i = 0; i < calls; i++) await subject.call(SEED_TEXT);
  await subject.stop();
}

async function countAll() {
  const names = (values.targets ?? '').split(',').filter(Boolean);
  if (names.length === 0) fail('--targets is required');
  const calls = values.calls.split(',').map(Number);
  if (calls.length !== 2 || !calls.every((n) => Number.isInteger(n) && n > 0) || calls[1] <= calls[0]) fail(`--calls takes two whole numbers, the smaller first, got "${values.calls}"`);
  const { findTarget } = await import('../dist/transports/catalog.js');
  for (const name of names) if (!findTarget(name)?.descriptor.mechanism) fail(`"${name}" is not a target with a bare mechanism`);
  if (spawnSync('valgrind', ['--version']).status !== 0) fail('valgrind is not installed: apt-get install valgrind');
  for (const name of names) {
    const perCall = {};
    for (const mode of ['bare', 'plugbench']) {
      const [low, high] = calls.map((n) => countRun(mode, name, n));
      perCall[mode] = Object.fromEntries(Object.keys(high).map((key) => [key, (high[key] - (low[key] ?? 0)) / (calls[1] - calls[0])]));
    }
    print(name, perCall);
  }
}

/** One subject run under callgrind: instructions by process and thread ("host main", "child other threads", ...). */
function countRun(mode, name, calls) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plugbench-callgrind-'));
  try {
    const args = ['--tool=callgrind', '--smc-check=all-non-file', '--separate-threads=yes', '--trace-children=yes', `--callgrind-out-file=${dir}/cg.%p`];
    const script = ['scripts/count-instructions.mjs', '--subject', mode, '--target', name, '--calls', String(calls), '--warmup', values.warmup];
    const out = execFileSync('valgrind', [...args, process.execPath, ...script], { cwd: path.resolve(import.meta.dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
    const layout = JSON.parse(out.trim().split('\n').at(-1));
    const counts = {};
    for (const file of readdirSync(dir)) {
      const [, pid, thread] = /^cg\.(\d+)-(\d+)$/.exec(file) ?? [];
      const role = pid && (Number(pid) === layout.host ? 'host' : Number(pid) === layout.child ? 'child' : undefined);
      if (!role) continue;
      // valgrind numbers threads in the order they were made, counting those already gone, so
      // only thread 1 (the main thread) is known for sure; the rest are counted together.
      const kind = Number(thread) === 1 ? 'main' : 'other threads';
      const summary = /^summary: (\d+)/m.exec(readFileSync(path.join(dir, file), 'utf8'));
      counts[`${role} ${kind}`] = (counts[`${role} ${kind}`] ?? 0) + Number(summary?.[1] ?? 0);
    }
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(name, perCall) {
  const keys = [...new Set([...Object.keys(perCall.bare), ...Object.keys(perCall.plugbench)])].sort();
  const line = (label, bare, plug) => `  ${label.padEnd(34)} ${fmt(bare).padStart(9)} ${fmt(plug).padStart(11)} ${(plug - bare >= 0 ? '+' : '') + fmt(plug - bare)}`.trimEnd();
  console.log(`${name}: instructions per call      bare   plugbench  added`);
  let [bare, plug] = [0, 0];
  for (const key of keys) {
    const [b, p] = [perCall.bare[key] ?? 0, perCall.plugbench[key] ?? 0];
    if (Math.abs(b) < 50 && Math.abs(p) < 50) continue;
    console.log(line(key, b, p));
    if (key.endsWith('main')) [bare, plug] = [bare + b, plug + p];
  }
  console.log(`${line('main threads', bare, plug)} (${((plug / bare - 1) * 100).toFixed(1)}%)`);
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}
