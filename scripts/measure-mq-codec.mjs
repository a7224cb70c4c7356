// Compares the two candidate codecs of the mq targets on the sample payloads:
// bytes on the wire and encode+decode time of one call message.
// Run: npm run build && node scripts/measure-mq-codec.mjs   (@msgpack/msgpack is a devDependency, only for this)
import { decode, encode } from '@msgpack/msgpack';
import { decodeFrame, encodeFrame } from '../dist/transports/mq/codec.js';

const SEED = 'Live on time, emit no evil';
const unit = 'abc😀def日本\u0000';
const payloads = {
  'seed (26 chars)': SEED,
  'emoji/CJK (40 chars)': 'a😀b👍🏽c𝄞d🇫🇷e日本語のテキスト，中文字符',
  '1 MiB ASCII prose': SEED.repeat(Math.ceil((1024 * 1024) / SEED.length)).slice(0, 1024 * 1024),
  '1 MiB with NULs, emoji, CJK (conformance)': unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024 - 2) + '😀',
};
const codecs = {
  json: { encode: encodeFrame, decode: decodeFrame }, // what the mq targets use
  msgpack: { encode: (m) => encode(m), decode: (b) => decode(b) },
};

/** Median µs per op over 15 rounds of ~40 ms: the machine is shared, a median resists the noise. */
function time(fn) {
  const rounds = [];
  for (let round = 0; round < 15; round++) {
    let n = 0;
    const began = performance.now();
    while (performance.now() - began < 40) { fn(); n++; }
    rounds.push(((performance.now() - began) / n) * 1000);
  }
  return rounds.sort((a, b) => a - b)[7];
}

const rows = [];
for (const [label, text] of Object.entries(payloads)) {
  const message = { type: 'call', id: 1, method: 'revert', args: [text], depth: 1 };
  for (const [name, codec] of Object.entries(codecs)) {
    const bytes = codec.encode(message);
    time(() => codec.decode(codec.encode(message))); // warm up
    rows.push({ payload: label, codec: name, bytes: bytes.length, 'µs encode+decode': time(() => codec.decode(codec.encode(message))).toFixed(1) });
  }
}
console.table(rows);
