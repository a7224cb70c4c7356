/**
 * `bench --rounds N`: N runs, each in a fresh process and its own results file,
 * because runs are the unit compare judges (a process's JIT and heap are luck
 * shared by all its samples). With two checkouts, base and head alternate in
 * ABBA order (A B, B A, A B, ...), so a drifting machine hits both alike and
 * neither side always goes second.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { PluginError } from '../core/errors.js';
import { pinnedCommand } from './pin-cpu.js';

export interface RoundSide {
  /** "base" or "head" with two checkouts (their subfolder), null with one. */
  name: 'base' | 'head' | null;
  /** A built plugbench folder: `bin/run.js` runs its bench. */
  checkout: string;
}

export interface RoundsOptions {
  rounds: number;
  outDir: string;
  sides: readonly RoundSide[];
  /** Passed to every `plugbench bench` (targets, suites, --quick, ...). */
  benchArgs: readonly string[];
  /** Every run with all its threads on this CPU (`bench --cpu`, pin-cpu.ts). */
  cpu?: number;
  signal: AbortSignal;
  onRun?: (event: RoundRun & { index: number; total: number }) => void;
}

export interface RoundRun {
  round: number;
  side: RoundSide['name'];
  file: string;
  ms: number;
}

/** Every run in the order measured: round by round, the sides swapping who goes first. */
export function roundOrder<S>(rounds: number, sides: readonly S[]): { round: number; side: S }[] {
  const order: { round: number; side: S }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const inRound = round % 2 === 1 ? sides : [...sides].reverse();
    for (const side of inRound) order.push({ round, side });
  }
  return order;
}

/** Where run `round` of `side` is written: `<out>/round-01.json`, or `<out>/base/round-01.json` with two sides. */
export function roundFile(outDir: string, side: RoundSide['name'], round: number, rounds: number): string {
  const name = `round-${String(round).padStart(Math.max(2, String(rounds).length), '0')}.json`;
  return side ? path.join(outDir, side, name) : path.join(outDir, name);
}

export async function runRounds(options: RoundsOptions): Promise<RoundRun[]> {
  for (const side of options.sides) await checkCheckout(side);
  await prepareOutDir(options);
  const order = roundOrder(options.rounds, options.sides);
  const runs: RoundRun[] = [];
  for (const [index, { round, side }] of order.entries()) {
    const file = roundFile(options.outDir, side.name, round, options.rounds);
    const began = performance.now();
    await runOnce(side, file, options);
    const run = { round, side: side.name, file, ms: performance.now() - began };
    runs.push(run);
    options.onRun?.({ ...run, index: index + 1, total: order.length });
  }
  return runs;
}

async function checkCheckout(side: RoundSide): Promise<void> {
  if (!existsSync(path.join(side.checkout, 'bin', 'run.js'))) {
    throw new PluginError('INVALID_INPUT', `${side.checkout} is not a plugbench checkout (no bin/run.js); build it with npm ci first`);
  }
}

/** The folders must hold no results yet: rounds of two sessions mixed in one folder would be judged as one. */
async function prepareOutDir(options: RoundsOptions): Promise<void> {
  for (const side of options.sides) {
    const dir = side.name ? path.join(options.outDir, side.name) : options.outDir;
    await mkdir(dir, { recursive: true });
    const old = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    if (old.length > 0) throw new PluginError('INVALID_INPUT', `${dir} already holds results (${old[0]}); give --out an empty or new folder`);
  }
}

async function runOnce(side: RoundSide, file: string, options: RoundsOptions): Promise<void> {
  const command = pinnedCommand(options.cpu, process.execPath, [path.join(side.checkout, 'bin', 'run.js'), 'bench', ...options.benchArgs, '--out', file, '--format', 'json']);
  const run = await execa(command.file, command.args, {
    cwd: side.checkout,
    stdout: 'ignore',
    stderr: 'pipe',
    reject: false,
    cancelSignal: options.signal,
    // Each round's own job summary would repeat the same table N times.
    env: { CI: '1', GITHUB_STEP_SUMMARY: undefined },
  });
  if (options.signal.aborted) throw new PluginError('CANCELLED', 'the rounds were interrupted');
  if (run.exitCode !== 0) {
    const last = String(run.stderr).trim().split('\n').at(-1) ?? '';
    throw new PluginError('START_FAILED', `plugbench bench in ${side.checkout} exited with ${run.exitCode ?? run.signal}: ${last}`);
  }
}
