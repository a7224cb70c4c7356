#!/usr/bin/env node
// What a connection pays per call to learn that the runner gave the call up:
// reading call.signal builds an AbortController (plus a listener on it), while
// call.onGiveUp stores one closure. The measurement behind CallContext.onGiveUp
// in src/core/connection.ts. Prints ns per call for each, in alternating rounds.
const ROUNDS = 11;
const COUNT = 200_000;
let kept;

const ways = {
  'AbortController + abort listener (call.signal)': () => {
    const signal = new AbortController().signal;
    signal.addEventListener('abort', () => {}, { once: true });
    kept = signal;
  },
  'one stored closure (call.onGiveUp)': () => {
    const id = COUNT;
    kept = () => id;
  },
};

function nsPerCall(fn) {
  const began = performance.now();
  for (let i = 0; i < COUNT; i++) fn();
  return ((performance.now() - began) * 1e6) / COUNT;
}

const samples = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
for (let round = 0; round <= ROUNDS; round++) {
  for (const [name, fn] of Object.entries(ways)) {
    const ns = nsPerCall(fn);
    if (round > 0) samples[name].push(ns); // round 0 warms up
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`node ${process.version}, median of ${ROUNDS} rounds of ${COUNT}`);
for (const [name, values] of Object.entries(samples)) console.log(`${name}: ${median(values).toFixed(0)} ns per call`);
void kept;
