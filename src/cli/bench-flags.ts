/**
 * Every `bench` flag and file checked before the run starts, so a typo costs
 * one line and exit 2, not a whole run: name lists that name something, a
 * readable --plugin, a usable --pub key, and an --out the results can be written to.
 */
import path from 'node:path';
import { budgetFor, type Budget } from '../bench/budget.js';
import type { SampleOverrides } from '../results/types.js';
import { defaultResultsPath, markdownPathFor } from '../results/results-file.js';
import type { StartOptions } from '../core/transport.js';
import { checkSecurityFlags, type SecurityFlagValues } from './security-flags.js';
import { commaList } from './comma-list.js';
import { checkReadableFile, checkWritableFiles } from './validate.js';
import { checkPinnableCpu } from '../bench/pin-cpu.js';

export interface BenchFlagValues extends SecurityFlagValues {
  targets?: string;
  suites?: string;
  floors?: string;
  plugin?: string;
  out?: string;
  cpu?: number;
}

export interface CheckedBenchFlags {
  targets?: string[];
  suites?: string[];
  floors?: string[];
  /** Signing, sandbox and the user's plugin (`pluginPath`, absolute). */
  startOptions: StartOptions;
  /** Absolute path of the results file. */
  out: string;
}

/** `outIsFolder`: with --rounds, --out names the folder the rounds write into; runRounds makes it. */
export async function checkBenchFlags(flags: BenchFlagValues, options: { outIsFolder?: boolean } = {}): Promise<CheckedBenchFlags> {
  const lists = {
    targets: commaList(flags.targets, 'targets'),
    suites: commaList(flags.suites, 'suites'),
    floors: commaList(flags.floors, 'floors'),
  };
  if (flags.cpu !== undefined) checkPinnableCpu(flags.cpu);
  const pluginPath = flags.plugin === undefined ? undefined : await checkReadableFile('plugin', flags.plugin);
  const startOptions = { ...(await checkSecurityFlags(flags)), ...(pluginPath ? { pluginPath } : {}) };
  const out = flags.out ? path.resolve(flags.out) : defaultResultsPath();
  if (!options.outIsFolder) await checkWritableFiles('out', [out, markdownPathFor(out)]);
  return {
    ...Object.fromEntries(Object.entries(lists).filter(([, names]) => names !== undefined)),
    startOptions,
    out,
  };
}

/**
 * The budget changes `--samples` and `--warmup` make: the measured calls and
 * the minimum warm-up calls of every latency, callback and payload row
 * (startup, recovery, hang and swap repeat whole scenarios and keep theirs).
 */
export function sampleBudget(quick: boolean, overrides: SampleOverrides): Partial<Budget> {
  const base = budgetFor(quick);
  const { samples, warmup } = overrides;
  if (samples === undefined && warmup === undefined) return {};
  return {
    ...(samples === undefined ? {} : { latencySamples: samples }),
    ...(warmup === undefined ? {} : { latencyWarmup: warmup }),
    payload: base.payload.map((size) => ({ ...size, ...(samples === undefined ? {} : { samples }), ...(warmup === undefined ? {} : { warmup }) })),
  };
}
