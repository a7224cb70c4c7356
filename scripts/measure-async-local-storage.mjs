#!/usr/bin/env node
// What enabling AsyncLocalStorage costs every await in a Node 20 process: the
// measurement behind docs/decisions/call-depth.md. Prints ns per await before
// and after one AsyncLocalStorage.run().
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage();
const identity = async (value) => value;

async function nsPerAwait(count = 2_000_000) {
  const began = performance.now();
  for (let i = 0; i < count; i++) await identity(i);
  return ((performance.now() - began) * 1e6) / count;
}

await nsPerAwait(); // warm-up
const before = await nsPerAwait();
storage.run(1, () => {});
const after = await nsPerAwait();
console.log(`ns per await: before AsyncLocalStorage.run ${before.toFixed(1)}, after ${after.toFixed(1)} (${(after / before).toFixed(2)}x)`);
