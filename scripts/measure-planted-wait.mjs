#!/usr/bin/env node
/**
 * What check-compare's planted busy wait really adds to a target's round trip, wait by
 * wait: for each wait it plants the counted loop (scripts/check-compare/checkouts.mjs) in
 * a temporary copy of this checkout, starts each target from that copy, warms it and
 * prints the median of the measured calls. In the host's own thread a wait adds its
 * length; across two threads on one CPU the scheduler decides how the two interleave,
 * and the round trip need not grow by the wait (docs/ci.md, "Proving it"). Run it pinned,
 * as the gate runs: `taskset -c 1 node scripts/measure-planted-wait.mjs`.
 *
 *   node scripts/measure-planted-wait.mjs [--waits 0,2,4,6,8] [--targets worker,worker-sab,in-process] [--calls 20000]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyCheckout, plantSlowRevert } from './check-compare/checkouts.mjs';
import { scriptArgs } from './script-args.mjs';

const { values, fail } = scriptArgs({
  usage: 'usage: node scripts/measure-planted-wait.mjs [--waits US,...] [--targets a,b] [--calls N]',
  counts: { calls: 100 },
  options: { waits: { type: 'string', default: '0,2,4,6,8' }, targets: { type: 'string', default: 'worker,worker-sab,in-process' }, calls: { type: 'string', default: '20000' } },
});
const waits = values.waits.split(',').map(Number);
if (!waits.every((us) => us >= 0)) fail(`--waits takes microseconds of at least 0, got "${values.waits}"`);
const targets = values.targets.split(',').filter(Boolean);
const calls = Number(values.calls);
const root = path.resolve(import.meta.dirname, '..');
const { SEED_TEXT } = await import('../dist/src/core/contract.js');
const { findTarget } = await import('../dist/transports/catalog.js');
for (const name of targets) if (!findTarget(name)) fail(`no target named "${name}"`);

const work = await mkdtemp(path.join(os.tmpdir(), 'plugbench-planted-'));
try {
  for (const us of waits) {
    const copy = await copyCheckout(root, path.join(work, `wait-${us}`));
    await plantSlowRevert(copy, Object.fromEntries(targets.map((name) => [name, us])));
    const catalog = await import(path.join(copy, 'dist/transports/catalog.js'));
    const medians = [];
    for (const name of targets) medians.push(`${name} ${(await medianCall(catalog.findTarget(name)) * 1000).toFixed(2)} µs`);
    console.log(`wait ${us} µs: ${medians.join(', ')}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

/** The median of `calls` round trips after as many warm-up calls. */
async function medianCall(entry) {
  const handle = await (await entry.load()).start({});
  try {
    for (let i = 0; i < calls; i++) await handle.call('revert', [SEED_TEXT]);
    const times = [];
    for (let i = 0; i < calls; i++) {
      const began = performance.now();
      await handle.call('revert', [SEED_TEXT]);
      times.push(performance.now() - began);
    }
    return times.sort((a, b) => a - b)[calls >> 1];
  } finally {
    await handle.stop();
  }
}
