#!/usr/bin/env node
/**
 * How much a worker thread's CPU decides a MessagePort round trip: the floor's
 * echo worker and the bare post-message worker (the built peers, with the
 * target's sample plugin), each pinned with taskset to the host thread's CPU or
 * to another one, measured in alternating rounds. Linux only (taskset, /proc).
 * With --draws N it pins nothing: it starts N bare workers one after another and
 * prints each one's median round trip, the placements this machine draws.
 * Evidence for docs/where-the-time-goes.md ("Thread placement").
 *
 *   npm run build && node scripts/measure-thread-placement.mjs [--runs N] [--draws N]
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { scriptArgs } from './script-args.mjs';

const { values, fail } = scriptArgs({
  usage: 'usage: node scripts/measure-thread-placement.mjs [--runs N] [--draws N]',
  counts: { runs: 1, draws: 1 },
  options: { runs: { type: 'string', default: '3' }, draws: { type: 'string' } },
});
const runs = Number(values.runs);
const draws = values.draws === undefined ? undefined : Number(values.draws);
try {
  execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
} catch {
  fail('this needs Linux with taskset (util-linux) and at least 2 CPUs');
}
if (availableParallelism() < 2) fail('this needs at least 2 CPUs');

const dist = new URL('../dist/', import.meta.url);
const pluginFile = new URL('sample-plugins/typescript/revert-plugin.js', dist).pathname;
const WORKERS = { floor: new URL('src/bench/floors/echo-worker.js', dist), bare: new URL('src/bench/mechanisms/post-message-worker.js', dist) };
const SEED = 'Live on time, emit no evil';
const ROUNDS = 10;
const CHUNK = 100;
const pin = (tid, cpu) => execFileSync('taskset', ['-p', '-c', String(cpu), String(tid)], { stdio: 'ignore' });
const threadIds = () => new Set(readdirSync('/proc/self/task'));

/** Starts one worker, finds its OS thread (the one new thread), waits for a first answer; pins it unless cpu is undefined. */
async function start(kind, cpu) {
  const before = threadIds();
  const worker = new Worker(WORKERS[kind], { workerData: { pluginFile } });
  const waiting = [];
  worker.on('message', (text) => waiting.shift()?.(text));
  await new Promise((resolve, reject) => worker.once('online', resolve).once('error', reject));
  const call = (text) => new Promise((resolve) => (waiting.push(resolve), worker.postMessage(text)));
  while ((await Promise.race([call(SEED), new Promise((resolve) => setTimeout(resolve, 100, null))])) === null);
  const tids = [...threadIds()].filter((tid) => !before.has(tid));
  if (cpu !== undefined) for (const tid of tids) pin(tid, cpu);
  return { name: `${kind} on ${cpu === 0 ? "the host's CPU" : 'another CPU'}`, worker, call, samples: [] };
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

if (draws !== undefined) {
  const medians = [];
  for (let i = 0; i < draws; i++) {
    const subject = await start('bare', undefined);
    for (let k = 0; k < 400; k++) {
      const began = performance.now();
      await subject.call(SEED);
      if (k >= 200) subject.samples.push(performance.now() - began);
    }
    medians.push((median(subject.samples) * 1000).toFixed(0));
    await subject.worker.terminate();
  }
  console.log(`${draws} bare workers, one after another, median µs of calls 200-400 each: ${medians.join(' ')}`);
  process.exit(0);
}

pin(process.pid, 0);
for (let run = 1; run <= runs; run++) {
  const subjects = [];
  for (const [kind, cpu] of [['floor', 0], ['floor', 1], ['bare', 0], ['bare', 1]]) subjects.push(await start(kind, cpu));
  for (const subject of subjects) for (let i = 0; i < 2000; i++) await subject.call(SEED);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(round + i) % subjects.length];
      for (let k = 0; k < CHUNK; k++) {
        const began = performance.now();
        await subject.call(SEED);
        subject.samples.push(performance.now() - began);
      }
    }
  }
  console.log(`run ${run}: ` + subjects.map((s) => `${s.name} ${(median(s.samples) * 1000).toFixed(1)} µs`).join(', '));
  await Promise.all(subjects.map((s) => s.worker.terminate()));
}
