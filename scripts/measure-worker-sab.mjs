#!/usr/bin/env node
/**
 * worker-sab against its goals (issue 18): its round trip over the worker
 * target's (goal <= 0.35x) and over the bare SharedArrayBuffer + Atomics
 * mechanism (goal <= 1.3x), with the shared-memory floor and the bare
 * postMessage beside them, and worker-sab asked to spin 20 µs before it waits
 * (spinMicros), all in the same alternating rounds (the order rotates
 * each round), so the ratios share the machine's speed of the moment. Prints the
 * median of each subject and the ratios, per run and over --runs N runs. Then,
 * unless --no-wait, what a timeout on Atomics.wait and spinning before the wait
 * do to a bare wake-up (why the worker waits as it does, transports/worker-sab/sab-entry.ts).
 *
 * With --sizes, both targets on texts around the spill size (SPILL_UNITS).
 *
 *   npm run build && node scripts/measure-worker-sab.mjs [--runs N] [--rounds R] [--calls C] [--sizes] [--no-wait]
 */
import { Worker } from 'node:worker_threads';
import { median } from 'simple-statistics';
import { SEED_TEXT } from '../dist/src/core/contract.js';
import { pluginFile } from '../dist/src/core/descriptor-target.js';
import { FLOOR_KINDS } from '../dist/src/bench/floors/peers.js';
import { startBarePeer } from '../dist/src/bench/mechanisms/index.js';
import { findTarget } from '../dist/transports/catalog.js';
import { scriptArgs } from './script-args.mjs';

const { values } = scriptArgs({
  usage: 'usage: node scripts/measure-worker-sab.mjs [--runs N] [--rounds R] [--calls C] [--sizes] [--no-wait]',
  counts: { runs: 1, rounds: 1, calls: 1 },
  options: {
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '20' },
    calls: { type: 'string', default: '500' },
    'no-wait': { type: 'boolean', default: false },
    sizes: { type: 'boolean', default: false },
  },
});
const flags = { runs: Number(values.runs), rounds: Number(values.rounds), calls: Number(values.calls), wait: !values['no-wait'], sizes: values.sizes };

const SPINNING = 'worker-sab spinMicros 20';

async function startSubjects() {
  const subjects = [];
  const starts = [
    ['worker', 'worker', {}],
    ['worker-sab', 'worker-sab', {}],
    [SPINNING, 'worker-sab', { spinMicros: 20 }],
  ];
  for (const [name, target, options] of starts) {
    const plugin = await (await findTarget(target).load()).start(options);
    subjects.push({ name, call: (text) => plugin.call('revert', [text]), stop: () => plugin.stop() });
  }
  const sample = pluginFile(findTarget('worker-sab').descriptor);
  for (const mechanism of ['post-message', 'shared-memory']) {
    const peer = await startBarePeer(mechanism, { pluginFile: sample });
    subjects.push({ name: `bare:${mechanism}`, call: peer.call, stop: peer.stop });
  }
  const floor = await FLOOR_KINDS['shared-memory'].start();
  subjects.push({ name: 'floor:shared-memory', call: floor.roundTrip, stop: floor.stop });
  return subjects;
}

/** Median round trip of each subject, in µs, from alternating rounds. */
async function measureRun(subjects, { rounds, calls }) {
  const samples = subjects.map(() => []);
  for (const subject of subjects) for (let i = 0; i < calls; i++) await subject.call(SEED_TEXT);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const index = (k + round) % subjects.length;
      for (let i = 0; i < calls; i++) {
        const began = performance.now();
        await subjects[index].call(SEED_TEXT);
        samples[index].push((performance.now() - began) * 1000);
      }
    }
  }
  return Object.fromEntries(subjects.map((subject, k) => [subject.name, median(samples[k])]));
}

const RATIOS = [
  ['worker-sab / worker', 'worker-sab', 'worker', 0.35],
  ['worker-sab / bare:shared-memory', 'worker-sab', 'bare:shared-memory', 1.3],
  [`${SPINNING} / worker`, SPINNING, 'worker', 0.35],
  ['bare:shared-memory / worker', 'bare:shared-memory', 'worker'],
  ['floor:shared-memory / worker', 'floor:shared-memory', 'worker'],
];

function printRuns(medians) {
  const names = Object.keys(medians[0]);
  console.log(['subject (median µs)', ...medians.map((_, i) => `run ${i + 1}`), 'median'].join('\t'));
  for (const name of names) console.log([name, ...medians.map((run) => run[name].toFixed(2)), median(medians.map((run) => run[name])).toFixed(2)].join('\t'));
  for (const [label, top, bottom, goal] of RATIOS) {
    const ratios = medians.map((run) => run[top] / run[bottom]);
    const verdict = goal === undefined ? '' : median(ratios) <= goal ? `\tgoal <= ${goal}: met` : `\tgoal <= ${goal}: NOT met`;
    console.log([label, ...ratios.map((r) => r.toFixed(2)), median(ratios).toFixed(2)].join('\t') + verdict);
  }
}

/**
 * A bare round trip (one counter each way) with the worker waiting in Atomics.wait
 * with no timeout, a long and a short one, and with both sides spinning on the
 * counter for up to 20 µs before they wait: median µs of each.
 */
async function measureWakeUps(calls) {
  const source = `const { workerData: { shared, timeout, spinMs } } = require('node:worker_threads');
    const word = new Int32Array(shared);
    for (let seen = 0; ; ) {
      for (const end = performance.now() + spinMs; Atomics.load(word, 0) === seen && performance.now() < end; );
      Atomics.wait(word, 0, seen, timeout);
      const now = Atomics.load(word, 0);
      if (now === seen) continue;
      seen = now; Atomics.store(word, 1, seen); Atomics.notify(word, 1);
    }`;
  const variants = [
    ['Atomics.wait, no timeout', Infinity, 0],
    ['Atomics.wait, 50 ms timeout', 50, 0],
    ['Atomics.wait, 1 ms timeout', 1, 0],
    ['both sides spin 20 µs, then wait', Infinity, 0.02],
  ];
  for (const [label, timeout, spinMs] of variants) {
    const shared = new SharedArrayBuffer(8);
    const word = new Int32Array(shared);
    const worker = new Worker(source, { eval: true, workerData: { shared, timeout, spinMs } });
    await new Promise((resolve) => worker.once('online', resolve));
    const samples = [];
    for (let i = 1; i <= calls * 2; i++) {
      const began = performance.now();
      Atomics.store(word, 0, i);
      Atomics.notify(word, 0);
      for (const end = began + spinMs; Atomics.load(word, 1) !== i && performance.now() < end; );
      const waiting = Atomics.waitAsync(word, 1, i - 1);
      if (waiting.async) await waiting.value;
      if (i > calls) samples.push((performance.now() - began) * 1000);
    }
    await worker.terminate();
    console.log(`${label}\t${median(samples).toFixed(2)} µs`);
  }
}

/** worker-sab and worker on Latin-1 and on two-byte texts of growing size, on both sides of the spill size: median µs. */
async function measureSizes(subjects, calls) {
  const { SPILL_UNITS } = await import('../dist/transports/worker-sab/codec.js');
  const pair = subjects.filter((subject) => subject.name === 'worker' || subject.name === 'worker-sab');
  console.log(['code units', ...['latin-1', 'two-byte'].flatMap((kind) => pair.map((subject) => `${subject.name} ${kind} µs`))].join('\t'));
  for (const units of [64, 256, 1024, SPILL_UNITS, SPILL_UNITS + 1, 8192]) {
    const medians = [];
    for (const unit of ['abcdefgh', 'abc😀日本語']) {
      const text = unit.repeat(units).slice(0, units).replace(/[\ud800-\udbff]$/, 'x');
      const samples = pair.map(() => []);
      // Alternating rounds, as above; the first round warms up.
      for (let round = 0; round <= 5; round++) {
        for (let k = 0; k < pair.length; k++) {
          for (let i = 0; i < calls / 5; i++) {
            const began = performance.now();
            await pair[(k + round) % pair.length].call(text);
            if (round > 0) samples[(k + round) % pair.length].push((performance.now() - began) * 1000);
          }
        }
      }
      medians.push(...samples.map((taken) => median(taken).toFixed(1)));
    }
    console.log([`${units}${units > SPILL_UNITS ? ' (spilled)' : ''}`, ...medians].join('\t'));
  }
}

const subjects = await startSubjects();
try {
  const medians = [];
  for (let run = 0; run < flags.runs; run++) medians.push(await measureRun(subjects, flags));
  printRuns(medians);
  if (flags.sizes) await measureSizes(subjects, flags.calls);
  if (flags.wait) await measureWakeUps(flags.calls * flags.rounds);
} finally {
  for (const subject of subjects) await subject.stop();
}
const [load] = (await import('node:os')).loadavg();
console.log(`${flags.runs} run(s) of ${flags.rounds} rounds x ${flags.calls} calls per subject, Node ${process.version}, load ${load.toFixed(2)}`);
