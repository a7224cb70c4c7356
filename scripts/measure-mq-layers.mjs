#!/usr/bin/env node
/**
 * Where an mq target's time over its bare peer goes, layer by layer, the three
 * subjects alternating: `bare` (the bare:zeromq[-python] peer: a bare DEALER to a
 * bare ROUTER, both over CURVE), `wire` (a bare DEALER sending plugbench's call
 * frames to the target's own plugin, with its secret's CURVE keys: what the
 * plugin side and the frame's header add, no host code), and `plugbench`
 * (handle.call('revert'): the host's runner, message client and channel on top).
 * Prints each subject's 25th percentile and median per call, the steps between
 * them, and on Linux the CPU each thread of the host and of the subject's child
 * spent per call (/proc/PID/task/TID/schedstat: main thread, ZeroMQ I/O thread,
 * others), which load on the machine does not inflate the way it does wall time
 * (with rounds of 50 calls or more: reading /proc between single calls would cost more than a call).
 * A check to run by hand, not a test. Build first.
 *
 *   node scripts/measure-mq-layers.mjs [mq|mq-python] [--calls N] [--chunk N] [--warm N] [--trace]
 *
 * --chunk 1 (the default) alternates call by call; --chunk 100 alternates rounds
 * of 100 calls, as the latency suite does. --warm sets the calls each subject
 * makes before the timed ones (2000); --trace prints each round's median, which
 * shows how long the JIT takes to reach the plugbench path's steady speed (try --warm 0).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Dealer } from 'zeromq';
import { SEED_TEXT } from '../dist/src/core/contract.js';
import { pluginFile } from '../dist/src/core/descriptor-target.js';
import { startBarePeer } from '../dist/src/bench/mechanisms/index.js';
import { curveKeys } from '../dist/transports/auth/curve-keys.js';
import { findTarget } from '../dist/transports/catalog.js';
import { scriptArgs } from './script-args.mjs';

const { values, positionals, fail } = scriptArgs({
  usage: 'usage: node scripts/measure-mq-layers.mjs [mq|mq-python] [--calls N] [--chunk N] [--warm N] [--trace]',
  counts: { calls: 1, chunk: 1, warm: 0 },
  allowPositionals: true,
  options: { calls: { type: 'string', default: '4000' }, chunk: { type: 'string', default: '1' }, warm: { type: 'string', default: '2000' }, trace: { type: 'boolean', default: false } },
});
const name = positionals[0] ?? 'mq';
const entry = findTarget(name);
if (!['mq', 'mq-python'].includes(name) || !entry || positionals.length > 1) fail(`the target must be mq or mq-python, got "${positionals.join(' ')}"`);
const [calls, chunk, warm] = [values.calls, values.chunk, values.warm].map(Number);
const handle = await (await entry.load()).start({ callTimeoutMs: 30_000 });
const bare = await startBarePeer(entry.descriptor.mechanism, { pluginFile: pluginFile(entry.descriptor) });
// A second host of the same plugin (mq targets are connectable), with none of plugbench's host code.
const keys = curveKeys(handle.secret);
const dealer = new Dealer({ linger: 0, curveServerKey: keys.serverPublic, curvePublicKey: keys.clientPublic, curveSecretKey: keys.clientSecret });
dealer.connect(handle.endpoint);
let id = 0;
const wire = async (text) => {
  // The frames of docs/plugin-protocol.md ("ZeroMQ"): `call-text ID DEPTH METHOD`, answered `result-text ID`.
  await dealer.send(`call-text ${++id} 1 revert\n${text}`);
  const [frame] = await dealer.receive();
  const answer = frame.toString('utf8');
  return answer.slice(answer.indexOf('\n') + 1);
};
const subjects = [
  { name: 'bare', call: (text) => bare.call(text), pid: bare.pid },
  { name: 'wire', call: wire, pid: handle.pid },
  { name: 'plugbench', call: (text) => handle.call('revert', [text]), pid: handle.pid },
].map((subject) => ({ ...subject, samples: [], rounds: [], cpu: {} }));

/** CPU ns so far of each kind of thread of `pid` (main, ZeroMQ I/O, other); {} where /proc has no schedstat. */
function threadCpu(pid) {
  const kinds = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const kind = comm.startsWith('ZMQbg') ? 'io' : comm === 'node' || comm.startsWith('python') ? 'main' : 'other';
      kinds[kind] = (kinds[kind] ?? 0) + Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
  } catch {
    // not Linux, or a thread ended between the listing and the read
  }
  return kinds;
}
const snapshot = (subject) => (chunk >= 50 ? { host: threadCpu(process.pid), child: threadCpu(subject.pid) } : { host: {}, child: {} });

async function timeRound(subject, count) {
  const before = snapshot(subject);
  for (let i = 0; i < count; i++) {
    const began = performance.now();
    await subject.call(SEED_TEXT);
    subject.samples.push(performance.now() - began);
  }
  const after = snapshot(subject);
  for (const side of ['host', 'child']) {
    for (const [kind, ns] of Object.entries(after[side])) subject.cpu[`${side} ${kind}`] = (subject.cpu[`${side} ${kind}`] ?? 0) + ns - (before[side][kind] ?? 0);
  }
  if (values.trace) subject.rounds.push(quantile(subject.samples.slice(-count), 0.5));
}

const quantile = (samples, q) => [...samples].sort((a, b) => a - b)[Math.floor(q * (samples.length - 1))] * 1000;
try {
  for (const subject of subjects) for (let i = 0; i < warm; i++) await subject.call(SEED_TEXT);
  // The order rotated each round (as the latency suite and measure-bare-per-call.mjs): the machine's phases fall on all three alike.
  for (let round = 0; round * chunk < calls; round++) {
    for (let i = 0; i < subjects.length; i++) await timeRound(subjects[(round + i) % subjects.length], Math.min(chunk, calls - round * chunk));
  }
} finally {
  dealer.close();
  await handle.stop();
  await bare.stop();
}
const [p25, p50] = [0.25, 0.5].map((q) => subjects.map((subject) => quantile(subject.samples, q)));
for (const [i, subject] of subjects.entries()) {
  const step = i === 0 ? '' : `  +${(p25[i] - p25[i - 1]).toFixed(1)} µs at p25 over ${subjects[i - 1].name}`;
  console.log(`${subject.name.padEnd(10)} p25 ${p25[i].toFixed(1)} µs  median ${p50[i].toFixed(1)} µs  × bare ${(p25[i] / p25[0]).toFixed(2)} (p25) ${(p50[i] / p50[0]).toFixed(2)} (median)${step}`);
  const cpu = Object.entries(subject.cpu).sort(([a], [b]) => a.localeCompare(b));
  if (cpu.length > 0) console.log(`${''.padEnd(10)} CPU per call: ${cpu.map(([kind, ns]) => `${kind} ${(ns / subject.samples.length / 1000).toFixed(1)}`).join(', ')} µs`);
  if (values.trace) console.log(`${''.padEnd(10)} round medians: ${subject.rounds.map((us) => us.toFixed(0)).join(' ')}`);
}
console.log(`${name}: ${calls} calls each after ${warm} warm-up calls, alternating ${chunk === 1 ? 'call by call' : `in rounds of ${chunk}`}; load ${loadavg()[0].toFixed(2)}`);
process.exit(0);
