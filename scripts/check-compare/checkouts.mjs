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
  const rate = loopRate();
  const steps = Object.fromEntries(Object.entries(waitUs).map(([target, us]) => [target, Math.round((us / 1000) * rate)]));
  const moduleFile = path.join(dir, 'dist/sample-plugins/typescript/revert-plugin.js');
  await patch(moduleFile, 'export function revert(text) {', `${moduleSpin(JSON.stringify(steps))}\nexport function revert(text) {\n    __plantedSpin();`);
  const scriptFile = path.join(dir, 'sample-plugins/js-script/revert.js');
  await patch(scriptFile, 'function revert(text) {', `${scriptSpin(steps.vm ?? 0, waitUs.quickjs ?? 0)}\nfunction revert(text) {\n  __plantedSpin();`);
}

/** The planted work: `steps` rounds of a linear congruential step nothing can fold away. */
const LOOP = `var __plantedSink = 0;
function __plantedLoop(steps) {
  var x = __plantedSink;
  for (var i = 0; i < steps; i++) x = (x * 1103515245 + 12345) | 0;
  __plantedSink = x;
}`;

/**
 * Steps of LOOP per ms, counted here, warm, the fastest of 20 windows of 2 ms: the
 * same JIT-compiled loop on the same CPU model runs at the same rate in a plugin.
 * Counting it inside the measured process instead (a 3 ms count 20 times in its first
 * second) made the MessagePort floor beside the planted worker 15% faster in the head
 * runs (17.8 to 15.2 µs, 2026-12-05), a change in what a run measures beyond the wait.
 */
function loopRate() {
  const loop = new Function(`${LOOP}\nreturn __plantedLoop;`)();
  let best = 0;
  for (let window = 0; window < 20; window++) {
    const from = performance.now();
    let steps = 0;
    while (performance.now() < from + 2) {
      loop(2000);
      steps += 2000;
    }
    best = Math.max(best, steps / (performance.now() - from));
  }
  return best;
}

async function patch(file, anchor, replacement) {
  const source = await readFile(file, 'utf8');
  if (!source.includes(anchor)) throw new Error(`${file}: cannot find "${anchor}" to plant the slowdown`);
  await writeFile(file, source.replace(anchor, replacement));
}

// The module finds its target from where it runs and spins a fixed count of LOOP steps
// (loopRate's), not on the clock: on a pinned CPU a 4.5 µs
// `while (performance.now() < end)` in the post-message worker made its round trip only
// 2.8 µs slower (the same wait in worker-sab 4.7 µs): a spin on the clock also counts time
// its thread spent off the CPU. A counted spin is work, which is what a slower `revert` is.
// worker-sab's thread is told from worker's by the shared memory in its workerData.
const moduleSpin = (table) => `
// check-compare: planted slowdown (test copy only).
import { isMainThread as __isMainThread, workerData as __workerData } from 'node:worker_threads';
const __plantedSteps = ${table};
const __plantedTarget = /[\\\\/]transports[\\\\/]([^\\\\/]+)[\\\\/]/.exec(process.argv[1] ?? '')?.[1]
  ?? (!__isMainThread ? (__workerData?.shared ? 'worker-sab' : 'worker') : new URL(import.meta.url).searchParams.has('generation') ? 'dynamic-import' : 'in-process');
const __plantedCount = __plantedSteps[__plantedTarget] ?? 0;
${LOOP}
function __plantedSpin() {
  if (__plantedCount > 0) __plantedLoop(__plantedCount);
}`;

// QuickJS is an interpreter, so LOOP runs there at its own rate, counted inside (it has no
// performance.now()): between two ticks of the ms clock 3 ms apart (exact to one chunk of
// steps; chunks long enough that reading the clock between them costs little), again every
// 50 ms during the first second, the fastest count kept: a count taken while something else
// had the CPU (a peer compiling its wasm at the same moment, on a pinned run) is too slow,
// and one taken before the loop warmed too; neither is ever too fast. The vm context runs
// V8's JIT, so it spins loopRate's count like the module.
const scriptSpin = (vmSteps, quickjsUs) => `
// check-compare: planted slowdown (test copy only).
var __plantedVmSteps = typeof WebAssembly === 'undefined' ? 0 : ${vmSteps};
var __plantedWait = typeof WebAssembly === 'undefined' ? ${quickjsUs} : 0;
var __plantedRate = 0, __plantedCounts = 0, __plantedCountedAt = -Infinity;
${LOOP}
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
  if (__plantedVmSteps > 0) return __plantedLoop(__plantedVmSteps);
  if (__plantedWait <= 0) return;
  if (__plantedCounts < 20 && Date.now() - __plantedCountedAt >= 50) __plantedCount();
  __plantedLoop((__plantedWait / 1000) * __plantedRate);
}`;
