#!/usr/bin/env node
/**
 * Where an mq target's time over its bare peer goes, layer by layer, the three
 * subjects alternating call by call: `bare` (the bare:zeromq[-python] peer: a bare DEALER to a
 * bare ROUTER, both over CURVE), `wire` (a bare DEALER sending plugbench's call
 * frames to the target's own plugin, with its secret's CURVE keys: what the
 * plugin side and the frame's header add, no host code), and `plugbench`
 * (handle.call('revert'): the host's runner, message client and channel on top).
 * Prints each subject's 25th percentile and median per call, and the
 * steps between them. A check to run by hand, not a test. Build first.
 *
 *   node scripts/measure-mq-layers.mjs [mq|mq-python] [--calls N]
 */
import { parseArgs } from 'node:util';
import { Dealer } from 'zeromq';
import { SEED_TEXT } from '../dist/src/core/contract.js';
import { pluginFile } from '../dist/src/core/descriptor-target.js';
import { startBarePeer } from '../dist/src/bench/mechanisms/index.js';
import { curveKeys } from '../dist/transports/auth/curve-keys.js';
import { findTarget } from '../dist/transports/catalog.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { calls: { type: 'string', default: '4000' } } });
const name = positionals[0] ?? 'mq';
const entry = findTarget(name);
if (!['mq', 'mq-python'].includes(name) || !entry) {
  console.error('usage: node scripts/measure-mq-layers.mjs [mq|mq-python] [--calls N]');
  process.exit(2);
}
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
  { name: 'bare', call: (text) => bare.call(text), samples: [] },
  { name: 'wire', call: wire, samples: [] },
  { name: 'plugbench', call: (text) => handle.call('revert', [text]), samples: [] },
];
try {
  for (const subject of subjects) for (let i = 0; i < 2000; i++) await subject.call(SEED_TEXT);
  // Call by call, the order rotated each time (as measure-bare-per-call.mjs): the machine's phases fall on all three alike.
  for (let call = 0; call < Number(values.calls); call++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(call + i) % subjects.length];
      const began = performance.now();
      await subject.call(SEED_TEXT);
      subject.samples.push(performance.now() - began);
    }
  }
} finally {
  dealer.close();
  await handle.stop();
  await bare.stop();
}
const quantile = (samples, q) => [...samples].sort((a, b) => a - b)[Math.floor(q * (samples.length - 1))] * 1000;
const [p10, p50] = [0.25, 0.5].map((q) => subjects.map((subject) => quantile(subject.samples, q)));
for (const [i, subject] of subjects.entries()) {
  const step = i === 0 ? '' : `  +${(p10[i] - p10[i - 1]).toFixed(1)} µs at p25 over ${subjects[i - 1].name}`;
  console.log(`${subject.name.padEnd(10)} p25 ${p10[i].toFixed(1)} µs  median ${p50[i].toFixed(1)} µs  × bare ${(p10[i] / p10[0]).toFixed(2)} (p25) ${(p50[i] / p50[0]).toFixed(2)} (median)${step}`);
}
console.log(`${name}: ${values.calls} calls each, alternating call by call; load ${(await import('node:os')).loadavg()[0].toFixed(2)}`);
process.exit(0);
