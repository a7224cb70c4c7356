#!/usr/bin/env node
/**
 * plugbench over its bare mechanism with the two alternating at every call
 * (A B B A A B ...), not in rounds of a hundred calls: on a loaded machine whose
 * speed comes in phases of seconds (this 2-core one shared with other jobs), the
 * latency suite's rounds catch the phases unevenly and one run's ratio can swing
 * from 0.9x to 1.5x; alternating call by call puts each phase on both alike. The
 * same target (`findTarget(name).load()`, `start`, `call('revert')`) and the same
 * bare peer (src/bench/mechanisms/) as the host-budget check, so it is a second
 * look at the same ratio, not a check: it prints the medians and the 25th
 * percentiles, and their ratios. Exits 2 on bad input.
 *
 *   npm run build && node scripts/measure-bare-per-call.mjs --targets tcp-rpc,uds-rpc [--calls N]
 */
import os from 'node:os';
import { SEED_TEXT } from '../dist/src/core/contract.js';
import { pluginFile } from '../dist/src/core/descriptor-target.js';
import { startBarePeer } from '../dist/src/bench/mechanisms/index.js';
import { findTarget } from '../dist/transports/catalog.js';
import { scriptArgs } from './script-args.mjs';

const WARMUP_CALLS = 1000;
const { values, fail } = scriptArgs({
  usage: 'usage: node scripts/measure-bare-per-call.mjs --targets a,b [--calls N]',
  counts: { calls: 10 },
  options: { targets: { type: 'string' }, calls: { type: 'string', default: '4000' } },
});
const calls = Number(values.calls);
const names = (values.targets ?? '').split(',').filter(Boolean);
if (names.length === 0) fail('--targets is required');
for (const name of names) {
  if (!findTarget(name)) fail(`no target named "${name}"`);
  if (!findTarget(name).descriptor.mechanism) fail(`${name} has no bare mechanism (its descriptor names none)`);
}

const quantile = (samples, q) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length * q)];
const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;

async function timed(call, into) {
  const began = performance.now();
  await call(SEED_TEXT);
  into.push(performance.now() - began);
}

async function measure(name, calls) {
  const entry = findTarget(name);
  const availability = (await entry.descriptor.availability?.()) ?? { available: true };
  if (!availability.available) return console.log(`${name}: skipped, ${availability.reason}`);
  const peer = await startBarePeer(entry.descriptor.mechanism, { pluginFile: pluginFile(entry.descriptor) });
  let handle;
  try {
    handle = await (await entry.load()).start();
    const own = (text) => handle.call('revert', [text]);
    const bare = (text) => peer.call(text);
    for (let i = 0; i < WARMUP_CALLS; i++) {
      await own(SEED_TEXT);
      await bare(SEED_TEXT);
    }
    const a = [];
    const b = [];
    for (let i = 0; i < calls; i++) {
      const order = i % 2 === 0 ? [[own, a], [bare, b]] : [[bare, b], [own, a]];
      for (const [call, into] of order) await timed(call, into);
    }
    const [m, p] = [quantile(a, 0.5) / quantile(b, 0.5), quantile(a, 0.25) / quantile(b, 0.25)];
    console.log(`${name.padEnd(16)} bare:${entry.descriptor.mechanism.padEnd(16)} median ${us(quantile(b, 0.5))} -> ${us(quantile(a, 0.5))} (${m.toFixed(3)}x), p25 ${us(quantile(b, 0.25))} -> ${us(quantile(a, 0.25))} (${p.toFixed(3)}x)`);
  } finally {
    await handle?.stop();
    await peer.stop();
  }
}

const load = os.loadavg()[0].toFixed(2);
for (const name of names) await measure(name, calls);
console.log(`${calls} calls each, alternating call by call after ${WARMUP_CALLS} warm-up calls each; ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores, Node ${process.version}, load ${load} -> ${os.loadavg()[0].toFixed(2)}`);
