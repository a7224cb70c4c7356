/**
 * `bench --plugin FILE` and `--require-signed`: before anything is measured,
 * keep the targets whose descriptor accepts the file (the others are skipped
 * with the reason), start each once and check its answers against the
 * contract's reference `revertText`. A target that cannot start the plugin, or
 * whose plugin answers wrong, becomes failed rows with the reason, never a
 * fast row; when no target is left, the run stops with that reason.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { revertText, SEED_TEXT } from '../core/contract.js';
import { PluginError, toPluginError, type ErrorCode } from '../core/errors.js';
import { checkStartOptions } from '../core/plugin-kinds.js';
import type { StartOptions, Target } from '../core/transport.js';
import { checkAborted } from './abort.js';
import { KEY_METRICS } from './key-figures.js';
import type { ResultRow } from '../results/types.js';
import { statusRow } from './rows.js';
import type { ProgressEvent } from './run-bench.js';
import type { StopList } from './stop-list.js';
import type { Suite } from './suite.js';
import { benchStartOptions } from './suite-context.js';

/** The plugin a run measured, as the results file records it. */
export interface PluginRecord {
  path: string;
  sha256: string;
}

/** Inputs every target's plugin must revert right before it is measured: ASCII, accents, astral, combining, ZWJ, flags, empty. */
export const CHECK_INPUTS: readonly string[] = [SEED_TEXT, 'héllo 👋', 'a\u0301b 𝄞 x', '👩‍👩‍👧🇫🇷', ''];

/** Suites that describe the target's sample plugin rather than the plugin run, left out with --plugin. */
export const SAMPLE_ONLY_SUITES: ReadonlySet<string> = new Set(['effort']);

export interface PreparedTargets {
  runnable: Target[];
  skipped: { name: string; reason: string | null }[];
  /** Failed rows of the targets whose check failed. */
  rows: ResultRow[];
  plugin?: PluginRecord;
}

interface PrepareOptions {
  startOptions?: StartOptions;
  signal: AbortSignal;
  stopList: StopList;
  emit: (event: ProgressEvent) => void;
}

/** The suites a run measures: with a user's plugin, not those that count the sample's files. */
export function suitesFor(suites: Suite[], startOptions: StartOptions | undefined): Suite[] {
  return startOptions?.pluginPath === undefined ? suites : suites.filter((suite) => !SAMPLE_ONLY_SUITES.has(suite.name));
}

/** Filters and checks the selected targets; without --plugin or --require-signed, passes them through untouched. */
export async function prepareTargets(
  selected: { runnable: Target[]; skipped: { name: string; reason: string | null }[] },
  suites: readonly Suite[],
  options: PrepareOptions,
): Promise<PreparedTargets> {
  const { startOptions = {} } = options;
  if (startOptions.pluginPath === undefined && startOptions.requireSigned === undefined) return { ...selected, rows: [] };
  const pluginPath = startOptions.pluginPath;
  const { accepting, refusing } = pluginPath === undefined ? { accepting: selected.runnable, refusing: [] } : splitByKind(selected.runnable, pluginPath);
  for (const target of refusing) options.emit({ type: 'skipped', target: target.name, reason: target.reason });
  if (accepting.length === 0) {
    throw new PluginError('INVALID_INPUT', `no selected target runs ${path.basename(pluginPath!)}${refusing[0] ? `: ${refusing[0].reason}` : ''} (plugbench list shows what each target takes)`);
  }
  const runnable: Target[] = [];
  const failures: { target: string; code: ErrorCode; message: string }[] = [];
  for (const target of accepting) {
    checkAborted(options.signal);
    options.emit({ type: 'detail', label: target.name, suite: 'check', detail: 'checking the plugin answers before measuring' });
    const failure = await checkTarget(target, startOptions, options);
    if (failure) failures.push({ target: target.name, ...failure });
    else runnable.push(target);
  }
  checkAborted(options.signal);
  if (runnable.length === 0) throw nothingLeft(failures, pluginPath);
  return {
    runnable,
    skipped: [...selected.skipped, ...refusing],
    rows: failures.flatMap((failure) => suites.map((suite) => statusRow({ target: failure.target, suite: suite.name, ...KEY_METRICS[suite.name] }, 'failed', `not measured: ${failure.code}: ${failure.message}`))),
    ...(pluginPath === undefined ? {} : { plugin: await recordPlugin(pluginPath) }),
  };
}

/** The path and SHA-256 of the plugin file, so a results file says exactly what was measured. */
export async function recordPlugin(file: string): Promise<PluginRecord> {
  const bytes = await readFile(file);
  return { path: path.resolve(file), sha256: createHash('sha256').update(bytes).digest('hex') };
}

function splitByKind(targets: readonly Target[], pluginPath: string) {
  const accepting: Target[] = [];
  const refusing: { name: string; reason: string }[] = [];
  for (const target of targets) {
    try {
      if (target.descriptor) checkStartOptions(target.descriptor, { pluginPath });
      accepting.push(target);
    } catch (error) {
      refusing.push({ name: target.name, reason: toPluginError(error).message });
    }
  }
  return { accepting, refusing };
}

/** Starts the target once with the run's options and checks every answer; the failure, or undefined. */
async function checkTarget(target: Target, startOptions: StartOptions, options: PrepareOptions): Promise<{ code: ErrorCode; message: string } | undefined> {
  const scope = options.stopList.scope();
  try {
    const handle = scope.add(await target.start(benchStartOptions(options.signal, startOptions)));
    for (const input of CHECK_INPUTS) {
      const answer = await handle.call('revert', [input]);
      const expected = revertText(input);
      if (answer !== expected) {
        return { code: 'PLUGIN_ERROR', message: `revert(${quote(input)}) answered ${quote(answer)}, expected ${quote(expected)} (reversed by code point, as the contract says)` };
      }
    }
    return undefined;
  } catch (error) {
    if (options.signal.aborted) throw error;
    const typed = toPluginError(error);
    return { code: typed.code, message: typed.message };
  } finally {
    await scope.stopAll();
  }
}

function nothingLeft(failures: readonly { target: string; code: ErrorCode; message: string }[], pluginPath: string | undefined): PluginError {
  const [first] = failures;
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more target${failures.length > 2 ? 's' : ''})` : '';
  const what = pluginPath === undefined ? 'every target refused its plugin' : `no target can run ${path.basename(pluginPath)}`;
  return new PluginError(first!.code, `${what}, so nothing was measured: ${first!.target}: ${first!.message}${more}`);
}

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
