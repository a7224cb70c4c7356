// Compares the two candidate codecs of the mq targets' first wire (a whole `wire` message per
// frame) on the sample payloads: bytes on the wire and encode+decode time of one call message.
// The wire since then carries a text argument as plain text (transports/mq/codec.ts).
// Run: npm run build && node scripts/measure-mq-codec.mjs   (@msgpack/msgpack is a devDependency, only for this)
import { decode, encode } from '@msgpack/msgpack';

const SEED = 'Live on time, emit no evil';
const unit = 'abc😀def日本\u0000';
const payloads = {
  'seed (26 chars)': SEED,
  'emoji/CJK (40 chars)': 'a😀b👍🏽c𝄞d🇫🇷e日本語のテキスト，中文字符',
  '1 MiB ASCII prose': SEED.repeat(Math.ceil((1024 * 1024) / SEED.length)).slice(0, 1024 * 1024),
  '1 MiB with NULs, emoji, CJK (conformance)': unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024 - 2) + '😀',
};
const codecs = {
  json: { encode: (m) => Buffer.from(JSON.stringify(m), 'utf8'), decode: (b) => JSON.parse(b.toString('utf8')) },
  msgpack: { encode: (m) => encode(m), decode: (b) => decode(b) },
};

/** µs per op over one round of ~25 ms. */
function round(fn) {
  let n = 0;
  const began = performance.now();
  while (performance.now() - began < 25) { fn(); n++; }
  return ((performance.now() - began) / n) * 1000;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The machine is shared: rounds of the two codecs alternate, so load hits both alike,
// and the median of 21 rounds per codec resists the noise.
const rows = [];
for (const [label, text] of Object.entries(payloads)) {
  const message = { type: 'call', id: 1, method: 'revert', args: [text], depth: 1 };
  const samples = Object.fromEntries(Object.keys(codecs).map((name) => [name, []]));
  for (let i = 0; i < 22; i++) {
    for (const [name, codec] of Object.entries(codecs)) {
      const us = round(() => codec.decode(codec.encode(message)));
      if (i > 0) samples[name].push(us); // the first round warms up
    }
  }
  const [json, msgpack] = [median(samples.json), median(samples.msgpack)];
  rows.push({
    payload: label,
    'json bytes': codecs.json.encode(message).length,
    'msgpack bytes': codecs.msgpack.encode(message).length,
    'json µs': json.toFixed(1),
    'msgpack µs': msgpack.toFixed(1),
    'msgpack / json': (msgpack / json).toFixed(2),
  });
}
console.table(rows);
