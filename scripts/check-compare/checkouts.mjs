/**
 * The checkouts check-compare measures: copies of this built checkout in one
 * temporary folder (same path lengths, so neither side differs by its paths),
 * one of them optionally with a planted slowdown in its copy of the sample
 * plugins. The shipped plugins are never touched: the busy wait exists only in
 * the copy, which is deleted afterwards.
 */
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a built plugbench needs at run time; node_modules is linked, not copied. */
const RUNTIME = ['bin', 'dist', 'package.json', 'sample-plugins'];

/** A fresh copy in `dir`: whatever an earlier, interrupted check left there is replaced. */
export async function copyCheckout(root, dir) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const entry of RUNTIME) await cp(path.join(root, entry), path.join(dir, entry), { recursive: true });
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Plants a busy wait at the start of `revert` in the copy's JavaScript plugins:
 * `waitUs[target]` microseconds on each JavaScript target. The module finds its
 * target from where it runs (a child runner's folder, a worker thread, the
 * host), the plain script from its engine (QuickJS has no WebAssembly).
 */
export async function plantSlowRevert(dir, waitUs) {
  const table = JSON.stringify(waitUs);
  const moduleFile = path.join(dir, 'dist/sample-plugins/typescript/revert-plugin.js');
  await patch(moduleFile, 'export function revert(text) {', `${moduleSpin(table)}\nexport function revert(text) {\n    __plantedSpin();`);
  const scriptFile = path.join(dir, 'sample-plugins/js-script/revert.js');
  await patch(scriptFile, 'function revert(text) {', `${scriptSpin(table)}\nfunction revert(text) {\n  __plantedSpin();`);
}

async function patch(file, anchor, replacement) {
  const source = await readFile(file, 'utf8');
  if (!source.includes(anchor)) throw new Error(`${file}: cannot find "${anchor}" to plant the slowdown`);
  await writeFile(file, source.replace(anchor, replacement));
}

const moduleSpin = (table) => `
// check-compare: planted slowdown (test copy only).
import { isMainThread as __isMainThread } from 'node:worker_threads';
const __plantedUs = ${table};
const __plantedTarget = /[\\\\/]transports[\\\\/]([^\\\\/]+)[\\\\/]/.exec(process.argv[1] ?? '')?.[1]
  ?? (!__isMainThread ? 'worker' : new URL(import.meta.url).searchParams.has('generation') ? 'dynamic-import' : 'in-process');
const __plantedMs = (__plantedUs[__plantedTarget] ?? 0) / 1000;
function __plantedSpin() {
    if (__plantedMs <= 0) return;
    const end = performance.now() + __plantedMs;
    while (performance.now() < end);
}`;

// No performance.now() in a vm context or QuickJS: spin on arithmetic, at a rate (steps per ms)
// counted between two ticks of the ms clock 3 ms apart (exact to one chunk of steps; chunks long
// enough that reading the clock between them costs little). The rate is counted
// again every 50 ms during the first second and the fastest count kept: a count taken while
// something else had the CPU (a peer compiling its wasm at the same moment, on a pinned run)
// is too slow, and one taken before the JIT warmed the loop too; neither is ever too fast.
const scriptSpin = (table) => `
// check-compare: planted slowdown (test copy only).
var __plantedUs = ${table};
var __plantedWait = __plantedUs[typeof WebAssembly === 'undefined' ? 'quickjs' : 'vm'] || 0;
var __plantedRate = 0, __plantedCounts = 0, __plantedCountedAt = -Infinity, __plantedSink = 0;
function __plantedLoop(steps) {
  var x = __plantedSink;
  for (var i = 0; i < steps; i++) x = (x * 1103515245 + 12345) | 0;
  __plantedSink = x;
}
function __plantedCount() {
  var edge = Date.now();
  while (Date.now() === edge) __plantedLoop(100);
  var from = Date.now(), steps = 0;
  while (Date.now() < from + 3) { __plantedLoop(2000); steps += 2000; }
  __plantedRate = Math.max(__plantedRate, steps / 3);
  __plantedCounts++;
  __plantedCountedAt = Date.now();
}
function __plantedSpin() {
  if (__plantedWait <= 0) return;
  if (__plantedCounts < 20 && Date.now() - __plantedCountedAt >= 50) __plantedCount();
  __plantedLoop((__plantedWait / 1000) * __plantedRate);
}`;
