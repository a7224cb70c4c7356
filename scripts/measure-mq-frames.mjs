#!/usr/bin/env node
/**
 * What a frame format costs a `revert` round trip over the mq targets' CURVE
 * channel, with no plugbench code on either end: a bare DEALER and the bare
 * ROUTER child (scripts/mq-frames-child.mjs) speaking each candidate, measured in
 * alternating rounds as the latency suite measures. `bare` sends the text alone;
 * `echo`, `echo+64` and `echo+224` send it back unread, 26, 90 and 250 bytes (does size matter?);
 * `json` is the first wire (one JSON object a frame); `header-json` a header line
 * and the args as JSON; `header-text` a header line and the text as is (the wire
 * now, docs/plugin-protocol.md); `multipart` the header's fields and the args as
 * four frames. A check to run by hand, not a test. Build first.
 *
 *   node scripts/measure-mq-frames.mjs [--calls N] [--chunk N] [--formats a,b]
 */
import { loadavg } from 'node:os';
import { Dealer } from 'zeromq';
import { SEED_TEXT } from '../dist/src/core/contract.js';
import { sampleJsPlugin } from '../dist/src/core/runtime-paths.js';
import { bareCurve } from '../dist/src/bench/mechanisms/curve-peer.js';
import { spawnPeer } from '../dist/src/bench/peer-process.js';
import { scriptArgs } from './script-args.mjs';

const CLIENTS = {
  bare: { child: 'bare', send: (text) => text, read: ([frame]) => frame.toString('utf8') },
  echo: { child: 'echo', send: (text) => text, read: ([frame]) => frame.toString('utf8') },
  'echo+64': { child: 'echo', send: (text) => text + ' '.repeat(64), read: ([frame]) => frame.toString('utf8') },
  'echo+224': { child: 'echo', send: (text) => text + ' '.repeat(224), read: ([frame]) => frame.toString('utf8') },
  json: { child: 'json', send: (text, id) => JSON.stringify({ type: 'call', id, method: 'revert', args: [text], depth: 1 }), read: ([frame]) => JSON.parse(frame.toString('utf8')).value },
  'header-json': { child: 'header-json', send: (text, id) => `call ${id} 1 revert\n${JSON.stringify([text])}`, read: ([frame]) => JSON.parse(body(frame)) },
  'header-text': { child: 'header-text', send: (text, id) => `call-text ${id} 1 revert\n${text}`, read: ([frame]) => body(frame) },
  multipart: { child: 'multipart', send: (text, id) => ['call', String(id), 'revert', JSON.stringify([text])], read: (frames) => JSON.parse(frames[2].toString('utf8')) },
};
const body = (frame) => {
  const text = frame.toString('utf8');
  return text.slice(text.indexOf('\n') + 1);
};

const { values, fail } = scriptArgs({
  usage: 'usage: node scripts/measure-mq-frames.mjs [--calls N] [--chunk N] [--formats a,b]',
  counts: { calls: 1, chunk: 1 },
  options: { calls: { type: 'string', default: '4000' }, chunk: { type: 'string', default: '200' }, formats: { type: 'string', default: Object.keys(CLIENTS).join(',') } },
});
const names = values.formats.split(',');
const unknown = names.filter((name) => !CLIENTS[name]);
if (unknown.length > 0) fail(`no format named ${unknown.map((name) => `"${name}"`).join(', ')}; formats: ${Object.keys(CLIENTS).join(', ')}`);
const peers = [];
async function start(name) {
  const { keys, env } = bareCurve();
  const peer = spawnPeer(`mq frames ${name}`, process.execPath, [new URL('./mq-frames-child.mjs', import.meta.url).pathname, CLIENTS[name].child, sampleJsPlugin()], { env });
  peers.push(peer);
  const { endpoint } = await peer.announcement();
  const dealer = new Dealer({ linger: 0, curveServerKey: keys.serverPublic, curvePublicKey: keys.clientPublic, curveSecretKey: keys.clientSecret });
  dealer.connect(endpoint);
  let id = 0;
  const { send, read } = CLIENTS[name];
  return { name, dealer, samples: [], call: async (text) => (await dealer.send(send(text, ++id)), read(await dealer.receive())) };
}
const subjects = [];
try {
  for (const name of names) subjects.push(await start(name));
  for (const subject of subjects) for (let i = 0; i < 2000; i++) await subject.call(SEED_TEXT);
  const chunk = Number(values.chunk);
  for (let round = 0; round * chunk < Number(values.calls); round++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(round + i) % subjects.length];
      for (let c = 0; c < chunk; c++) {
        const began = performance.now();
        await subject.call(SEED_TEXT);
        subject.samples.push(performance.now() - began);
      }
    }
  }
} finally {
  for (const subject of subjects) subject.dealer.close();
  for (const peer of peers) await peer.stop();
}
const quantile = (samples, q) => [...samples].sort((a, b) => a - b)[Math.floor(q * (samples.length - 1))] * 1000;
const base = quantile(subjects[0].samples, 0.5);
for (const subject of subjects) {
  const median = quantile(subject.samples, 0.5);
  console.log(`${subject.name.padEnd(12)} p25 ${quantile(subject.samples, 0.25).toFixed(1)} µs  median ${median.toFixed(1)} µs  × ${subjects[0].name} ${(median / base).toFixed(2)}`);
}
console.log(`${values.calls} calls each, in alternating rounds of ${values.chunk}; load ${loadavg()[0].toFixed(2)}`);
process.exit(0);
