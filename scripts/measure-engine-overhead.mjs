// What plugbench adds to one call of each embedded engine: the same sample
// plugin function called bare (the engine's own call API, no plugbench code in
// the path) and through plugbench (findTarget(name).load(), start(),
// call('revert', [SEED])), in alternating rounds in one process. Each bare call
// keeps the protection its target promises (vm's time limit, Lua's memory
// limit), so the ratio is what plugbench adds, not what the protection costs.
// "bare, awaited" is the same bare call behind an async function: the floor of
// any host API that returns a promise.
// Run: npm run build && node scripts/measure-engine-overhead.mjs [target ...] [--rounds N]
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { findTarget } from '../dist/transports/catalog.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 'Live on time, emit no evil';
const EXPECTED = Array.from(SEED).reverse().join('');
const ROUND_MS = 25;

/** Each engine's bare call of the sample plugin's revert: set up once, returns `() => revert(SEED)`. */
const bare = {
  // vm.runInContext with a time limit, as an engine that can stop a runaway script must enter it.
  vm: async () => {
    const context = vm.createContext({ text: SEED });
    vm.runInContext(await readFile(path.join(root, 'sample-plugins/js-script/revert.js'), 'utf8'), context);
    const call = new vm.Script('revert(text)');
    return () => call.runInContext(context, { timeout: 10_000 });
  },
  // QuickJS's own call API: a string handle in, callFunction, the string out.
  quickjs: async () => {
    const { getQuickJS } = await import('quickjs-emscripten');
    const context = (await getQuickJS()).newContext();
    context.unwrapResult(context.evalCode(await readFile(path.join(root, 'sample-plugins/js-script/revert.js'), 'utf8'))).dispose();
    const revert = context.getProp(context.global, 'revert');
    return () => {
      const text = context.newString(SEED);
      const result = context.unwrapResult(context.callFunction(revert, context.undefined, text));
      text.dispose();
      const out = context.getString(result);
      result.dispose();
      return out;
    };
  },
  // wasmoon's call of a Lua function, with allocations traced as its memory limit needs.
  lua: async () => {
    const { LuaFactory } = await import('wasmoon');
    const engine = await new LuaFactory().createEngine({ traceAllocations: true });
    engine.global.setMemoryMax(64 * 1024 * 1024);
    const plugin = await engine.doString(await readFile(path.join(root, 'sample-plugins/lua/revert.lua'), 'utf8'));
    return () => plugin.revert(SEED);
  },
  // The wasm export, with the plugin's string ABI: UTF-16 into its buffer, revert(units), UTF-16 out.
  wasm: async () => {
    const bytes = await readFile(path.join(root, 'dist/sample-plugins/assemblyscript/revert.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { env: { abort() {} }, host: { call() {} } });
    const plugin = instance.exports;
    return () => {
      const units = SEED.length;
      Buffer.from(plugin.memory.buffer, plugin.ioBuffer(units), units * 2).write(SEED, 'utf16le');
      const length = plugin.revert(units);
      return Buffer.from(plugin.memory.buffer, plugin.ioBuffer(0), length * 2).toString('utf16le');
    };
  },
  // The addon function.
  native: async () => {
    const addon = createRequire(import.meta.url)(path.join(root, 'sample-plugins/c/build/Release/revert.node'));
    return () => addon.revert(SEED);
  },
};

/** µs per call over one round of ROUND_MS. */
async function round(call, awaited) {
  let n = 0;
  const began = performance.now();
  while (performance.now() - began < ROUND_MS) {
    if (awaited) await call();
    else call();
    n++;
  }
  return ((performance.now() - began) / n) * 1000;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(name, rounds) {
  const target = await findTarget(name).load();
  const availability = await target.availability();
  if (!availability.available) return { target: name, note: `unavailable: ${availability.reason}` };
  const bareCall = await bare[name]();
  const plugin = await target.start();
  try {
    const through = () => plugin.call('revert', [SEED]);
    if (bareCall() !== EXPECTED || (await through()) !== EXPECTED) throw new Error(`${name}: revert gave a wrong answer`);
    const awaited = async () => bareCall();
    const samples = { bare: [], awaited: [], plugbench: [] };
    // Rounds alternate, so load on the shared machine hits all alike; the first one warms up.
    for (let i = 0; i <= rounds; i++) {
      const b = await round(bareCall, false);
      const a = await round(awaited, true);
      const p = await round(through, true);
      if (i > 0) samples.bare.push(b), samples.awaited.push(a), samples.plugbench.push(p);
    }
    const [b, a, p] = [median(samples.bare), median(samples.awaited), median(samples.plugbench)];
    return {
      target: name,
      'bare µs': b.toFixed(2),
      'bare, awaited µs': a.toFixed(2),
      'plugbench µs': p.toFixed(2),
      ratio: (p / b).toFixed(2),
      'ratio to awaited': (p / a).toFixed(2),
    };
  } finally {
    await plugin.stop();
  }
}

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 21;
const names = args.length > 0 ? args : Object.keys(bare);
const rows = [];
for (const name of names) {
  if (!bare[name]) throw new Error(`no bare call for ${name}; choose from ${Object.keys(bare).join(', ')}`);
  rows.push(await measure(name, rounds));
}
console.log(`median of ${rounds} alternating rounds of ${ROUND_MS} ms; revert("${SEED}"); node ${process.version}`);
console.table(rows);
