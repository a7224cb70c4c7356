#!/usr/bin/env node
/**
 * The noise floor of the host-budget check: two instances of the same bare
 * mechanism, measured as the latency suite measures a target beside its bare
 * peer (each warmed until steady, then DECOMPOSITION_ROUNDS alternating rounds
 * of the full latency budget's calls, the order rotated), and the ratio of
 * their medians. Identical code, so any ratio but 1.00 is the machine: it says
 * how far from 1 a target's `× bare` can land by chance on this machine now.
 * With --spin-us D the first peer busy-waits D µs on the host before each call,
 * standing in for host code of that cost: the ratio then says what D µs of host
 * work per call costs in latency on this channel (more than D when the peer
 * parks between calls and must be woken).
 *
 *   npm run build && node scripts/measure-bare-noise.mjs --targets go-netrpc,nats [--runs N] [--spin-us D]
 *
 * Each run starts fresh peers (child processes land on the cores anew). Runs from dist/.
 */
import os from 'node:os';
import { STEADY_WARMUP_MS, FULL_BUDGET } from '../dist/src/bench/budget.js';
import { DECOMPOSITION_ROUNDS } from '../dist/src/bench/decomposition.js';
import { startBarePeer } from '../dist/src/bench/mechanisms/index.js';
import { warmUntilSteady } from '../dist/src/bench/steady-warmup.js';
import { SEED_TEXT } from '../dist/src/core/contract.js';
import { pluginFile } from '../dist/src/core/descriptor-target.js';
import { findTarget } from '../dist/transports/catalog.js';
import { scriptArgs } from './script-args.mjs';

const { values, fail } = scriptArgs({
  usage: 'usage: node scripts/measure-bare-noise.mjs --targets a,b [--runs N] [--spin-us D]',
  counts: { runs: 1 },
  numbers: ['spin-us'],
  options: { targets: { type: 'string' }, runs: { type: 'string', default: '3' }, 'spin-us': { type: 'string', default: '0' } },
});
const runs = Number(values.runs);
const spinMs = Number(values['spin-us']) / 1000;
const names = (values.targets ?? '').split(',').filter(Boolean);
if (names.length === 0) fail('--targets is required');
for (const name of names) if (!findTarget(name)?.descriptor.mechanism) fail(`"${name}" is not a target with a bare mechanism`);

const median = (samples) => [...samples].sort((a, b) => a - b)[samples.length >> 1];
const signal = new AbortController().signal;
const warmup = { minMs: STEADY_WARMUP_MS.min, maxMs: STEADY_WARMUP_MS.max, minCalls: FULL_BUDGET.latencyWarmup };
const chunk = FULL_BUDGET.latencySamples / DECOMPOSITION_ROUNDS;

/** Host work of `spinMs` before a call. */
function spin() {
  for (const end = performance.now() + spinMs; performance.now() < end; );
}

/** One A/A run: median of peer A (after its spin) over median of peer B, from the same alternating rounds. */
async function ratioOnce(descriptor) {
  const peers = [];
  try {
    for (let i = 0; i < 2; i++) peers.push(await startBarePeer(descriptor.mechanism, { pluginFile: pluginFile(descriptor) }));
    const calls = [() => (spinMs > 0 && spin(), peers[0].call(SEED_TEXT)), () => peers[1].call(SEED_TEXT)];
    for (const call of calls) await warmUntilSteady(call, warmup, signal);
    const samples = [[], []];
    for (let round = 0; round < DECOMPOSITION_ROUNDS; round++) {
      for (let i = 0; i < 2; i++) {
        const which = (round + i) % 2;
        for (let n = 0; n < chunk; n++) {
          const began = performance.now();
          await calls[which]();
          samples[which].push(performance.now() - began);
        }
      }
    }
    return median(samples[0]) / median(samples[1]);
  } finally {
    for (const peer of peers) await peer.stop();
  }
}

console.log(`target        bare mechanism   A/A ratio per run (median of two identical peers${spinMs > 0 ? `, the first spinning ${values['spin-us']} µs per call` : ''})`);
for (const name of names) {
  const { descriptor } = findTarget(name);
  const ratios = [];
  for (let run = 0; run < runs; run++) ratios.push(await ratioOnce(descriptor));
  console.log(`${name.padEnd(13)} ${descriptor.mechanism.padEnd(16)} ${ratios.map((r) => `${r.toFixed(2)}×`).join('  ')}`);
}
console.log(`\n${runs} run(s) each, ${FULL_BUDGET.latencySamples} calls per peer in ${DECOMPOSITION_ROUNDS} alternating rounds; ${os.cpus().length} cores, Node ${process.versions.node}, load ${os.loadavg()[0].toFixed(2)}`);
