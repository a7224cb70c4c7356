#!/usr/bin/env node
/**
 * The CPU work of one call on each side of a thread target, against its bare
 * mechanism: blocks of calls alternate between the bare peer and plugbench's
 * handle (the same target and peer as the host-budget check), and after each
 * block the on-CPU time of every thread (/proc/self/task/<tid>/schedstat, in
 * nanoseconds) is read. It prints, per call, the medians over the blocks of the
 * host thread's CPU, the CPU of the threads the subject started (the worker, its
 * helpers) and how often the host thread was put back on the CPU (a wake-up).
 * Wall time on a shared CPU counts the other jobs too; on-CPU time counts only
 * the subject's own threads, so the split holds on a busy machine. Run it pinned
 * to one CPU (`taskset -c 1`): then both sides share it, as in the host-budget
 * check with --cpu. Linux only. Exits 2 on bad input.
 *
 *   npm run build && taskset -c 1 node scripts/measure-thread-cpu.mjs --targets worker,worker-sab [--calls N] [--blocks N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { SEED_TEXT } from '../dist/src/core/contract.js';
import { pluginFile } from '../dist/src/core/descriptor-target.js';
import { startBarePeer } from '../dist/src/bench/mechanisms/index.js';
import { findTarget } from '../dist/transports/catalog.js';
import { scriptArgs } from './script-args.mjs';

const WARMUP_CALLS = 10_000;
const { values, fail } = scriptArgs({
  usage: 'usage: taskset -c 1 node scripts/measure-thread-cpu.mjs --targets a,b [--calls N] [--blocks N]',
  counts: { calls: 100, blocks: 1 },
  options: { targets: { type: 'string' }, calls: { type: 'string', default: '50000' }, blocks: { type: 'string', default: '6' } },
});
const [calls, blocks] = [Number(values.calls), Number(values.blocks)];
const names = (values.targets ?? '').split(',').filter(Boolean);
if (names.length === 0) fail('--targets is required');
for (const name of names) if (!findTarget(name)?.descriptor.mechanism) fail(`no target named "${name}" with a bare mechanism`);

/** Every thread of this process: on-CPU ns and how many times it was put on a CPU. */
function threads() {
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    const [runNs, , slices] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
    out.set(tid, { runNs, slices });
  }
  return out;
}

/** Starts a subject and names the threads it started. */
async function startSubject(label, start) {
  const before = new Set(threads().keys());
  const { call, stop } = await start();
  return { label, call, stop, tids: [...threads().keys()].filter((tid) => !before.has(tid)), blocks: [] };
}

async function measureBlock(subject, calls) {
  const main = String(process.pid);
  const before = threads();
  for (let i = 0; i < calls; i++) await subject.call(SEED_TEXT);
  const after = threads();
  const perCall = (tid, field) => ((after.get(tid)?.[field] ?? 0) - (before.get(tid)?.[field] ?? 0)) / calls;
  subject.blocks.push({ host: perCall(main, 'runNs'), own: subject.tids.reduce((sum, tid) => sum + perCall(tid, 'runNs'), 0), wakes: perCall(main, 'slices') });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(name, calls, blocks) {
  const entry = findTarget(name);
  const bare = await startSubject(`bare:${entry.descriptor.mechanism}`, async () => {
    const peer = await startBarePeer(entry.descriptor.mechanism, { pluginFile: pluginFile(entry.descriptor) });
    return { call: (text) => peer.call(text), stop: () => peer.stop() };
  });
  try {
    const own = await startSubject(name, async () => {
      const handle = await (await entry.load()).start();
      return { call: (text) => handle.call('revert', [text]), stop: () => handle.stop() };
    });
    try {
      for (const subject of [bare, own]) for (let i = 0; i < WARMUP_CALLS; i++) await subject.call(SEED_TEXT);
      for (let block = 0; block < blocks; block++) for (const subject of [bare, own]) await measureBlock(subject, calls);
      const sums = [bare, own].map((subject) => {
        const [host, threadsOwn, wakes] = ['host', 'own', 'wakes'].map((key) => median(subject.blocks.map((b) => b[key])));
        console.log(`${subject.label.padEnd(20)} host thread ${(host / 1000).toFixed(2)} µs  its threads ${(threadsOwn / 1000).toFixed(2)} µs  sum ${((host + threadsOwn) / 1000).toFixed(2)} µs  host wake-ups ${wakes.toFixed(2)}`);
        return host + threadsOwn;
      });
      console.log(`${name}: ${(sums[1] / sums[0]).toFixed(2)}x the bare CPU per call`);
    } finally {
      await own.stop();
    }
  } finally {
    await bare.stop();
  }
}

const load = os.loadavg()[0].toFixed(2);
const cpus = readFileSync('/proc/self/status', 'utf8').match(/Cpus_allowed_list:\s*(\S+)/)?.[1] ?? '?';
for (const name of names) await measure(name, calls, blocks);
console.log(`${blocks} blocks of ${calls} calls each, bare and plugbench alternating, medians per call; CPUs ${cpus}, Node ${process.version}, load ${load} -> ${os.loadavg()[0].toFixed(2)}`);
