import path from 'node:path';
import { Errors, Flags, type Interfaces } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { checkBenchFlags, sampleBudget } from '../cli/bench-flags.js';
import { FULL_BUDGET, QUICK_BUDGET } from '../bench/budget.js';
import { renderResultsCsv } from '../report/results-csv.js';
import { SAMPLE_ONLY_SUITES } from '../bench/user-plugin.js';
import { securityFlags } from '../cli/security-flags.js';
import { CHANNELS } from '../bench/floors/index.js';
import { createProgressPrinter } from '../bench/progress.js';
import type { BenchResults } from '../results/types.js';
import { defaultRoundsDir } from '../results/results-file.js';
import { runBench } from '../bench/run-bench.js';
import { runRounds, type RoundRun, type RoundSide } from '../bench/rounds.js';
import { rerunPinned, runsPinnedTo } from '../bench/pin-cpu.js';
import { packageRoot } from '../core/runtime-paths.js';
import { EXIT_INTERRUPTED, guardRun } from '../bench/run-guard.js';
import { StopList } from '../bench/stop-list.js';
import { DEFAULT_SUITE_NAMES } from '../bench/suite.js';
import { SUITE_NAMES } from '../results/suite-names.js';
import { renderResultsMarkdown } from '../report/results-markdown.js';
import { renderResultsTable } from '../report/results-table.js';
import { colorEnabled } from '../results/table-style.js';
import { outputWidth } from '../results/text-width.js';
import { writeBenchFiles } from '../report/write-bench-files.js';
import { appendStepSummary } from '../compare/step-summary.js';
import { targetNames } from '../../transports/catalog.js';


/** Enough for any distribution; the samples are kept in memory and in the results file. */
const MAX_SAMPLES = 1_000_000;

export default class Bench extends BaseCommand {
  static override summary = 'Measure every available target side by side: latency, throughput, payload, startup, recovery, hang, effort, swap, callback.';
  static override description =
    `Targets: ${targetNames().join(', ')}. Suites: ${SUITE_NAMES.join(', ')}. ` +
    'The full result (raw samples, statistics, machine) is written atomically to bench-results/<date>-<host>.json, with a .md and SVG charts beside it; ' +
    'When GITHUB_STEP_SUMMARY is set, the Markdown is appended to it (the job summary). ' +
    'Ctrl-C stops every plugin and writes nothing.';
  static override examples = [
    '<%= config.bin %> bench --quick',
    '<%= config.bin %> bench --targets worker,in-process --suites latency,callback',
    '<%= config.bin %> bench --format markdown --out results.json',
    '<%= config.bin %> bench --targets worker --suites latency --samples 5000 --warmup 500',
    '<%= config.bin %> bench --quick --format csv > rows.csv',
    '<%= config.bin %> bench --plugin ./my-plugin.mjs --quick',
    '<%= config.bin %> bench --quick --rounds 10 --out runs/',
    '<%= config.bin %> bench --quick --rounds 10 --base-checkout ../base --out ab/   # then: compare ab/base ab/head',
    '<%= config.bin %> bench --quick --rounds 10 --cpu 0 --base-checkout ../base --out ab/   # each run on CPU 0: the gate docs/ci.md recommends on a VM',
  ];
  static override flags = {
    targets: Flags.string({ description: 'comma-separated targets to run (default: every available target)' }),
    suites: Flags.string({
      description: `comma-separated suites (default: ${DEFAULT_SUITE_NAMES.join(', ')}; the others run only when named; with --plugin, ${[...SAMPLE_ONLY_SUITES].join(', ')} is left out: it counts the samples' code)`,
    }),
    quick: Flags.boolean({ description: 'fewer samples and repetitions: every target through every suite in about 2-3 minutes on 2 cores (docs/benchmark.md)', default: false }),
    out: Flags.string({ description: 'results file to write (default: bench-results/<date>-<host>.json); the .md and charts go beside it' }),
    format: Flags.string({ description: 'what to print when done (csv: every row with its unit, as measured)', options: ['table', 'json', 'markdown', 'csv'], default: 'table' }),
    samples: Flags.integer({ description: `measured calls per latency, callback and payload row (default: ${QUICK_BUDGET.latencySamples} with --quick, ${FULL_BUDGET.latencySamples} without; payload fewer for large sizes)`, min: 1, max: MAX_SAMPLES }),
    warmup: Flags.integer({ description: `at least this many warm-up calls before those rows (default: ${QUICK_BUDGET.latencyWarmup} with --quick, ${FULL_BUDGET.latencyWarmup} without); the warm-up still lasts until timings are steady`, min: 0, max: MAX_SAMPLES }),
    plugin: Flags.string({ description: 'measure this plugin file instead of the samples, through every target that takes its kind (plugbench list); its answers are checked first' }),
    ...securityFlags,
    floors: Flags.string({ description: `also measure the raw floor of these channels (${CHANNELS.join(', ')})` }),
    rounds: Flags.integer({
      description: 'measure N runs, each in a fresh process and its own results file in the --out folder (compare judges runs, not samples)',
      min: 1,
      max: 1000,
    }),
    'base-checkout': Flags.string({
      description: 'with --rounds: also measure the plugbench checkout in this folder, alternating with this one (A B, B A, ...), into <out>/base and <out>/head',
    }),
    'head-checkout': Flags.string({ description: 'with --base-checkout: the head checkout (default: this one)', dependsOn: ['base-checkout'] }),
    cpu: Flags.integer({
      description: 'run every thread of the measurement on this CPU (Linux, taskset): on a VM, where the kernel places two threads changes a round trip 2-8x; with --rounds, each run is pinned (docs/ci.md)',
      min: 0,
    }),
  };

  async run(): Promise<BenchResults | { rounds: RoundRun[] }> {
    const { flags } = await this.parse(Bench);
    const rounds = flags.rounds !== undefined || flags['base-checkout'] !== undefined;
    // Every flag and file is checked before anything runs (--out is a folder with --rounds).
    const checked = await checkBenchFlags(flags, { outIsFolder: rounds });
    if (rounds) return this.runRounds(flags);
    if (flags.cpu !== undefined && !runsPinnedTo(flags.cpu)) {
      this.#ranPinned = true;
      return this.exit(await rerunPinned(flags.cpu));
    }
    const overrides = { ...optional('samples', flags.samples), ...optional('warmup', flags.warmup) };
    const stopList = new StopList();
    const progress = createProgressPrinter(process.stderr);
    // On a terminal something shows at once: finding which targets can run takes a few seconds.
    const named = checked.targets?.length ?? targetNames().length;
    progress.status(`plugbench bench: checking which of ${named} target${named === 1 ? '' : 's'} can run here…`);
    const say = (line: string) => progress.note(line);
    using guard = guardRun({ stopList, say });
    const results = await runBench({
      ...optional('targets', checked.targets),
      ...optional('suites', checked.suites),
      ...optional('floors', checked.floors),
      quick: flags.quick,
      budget: sampleBudget(flags.quick, overrides),
      startOptions: checked.startOptions,
      // Loaded only when the isolation suite runs: the bench does not import the audit.
      isolation: async (target, onProgress) => (await (await import('../audit/run-audit.js')).runIsolationAudit({ targets: [target], onProgress })).results,
      signal: guard.signal,
      stopList,
      onProgress: (event) => {
        if (event.type === 'step') guard.setStep(`${event.label} ${event.suite}`);
        progress(event);
      },
    }).catch((error: unknown) => {
      progress.abandon();
      if (!guard.signal.aborted) throw error;
      progress.finish('plugbench: interrupted; every plugin was stopped and no results file was written');
      return this.exit(EXIT_INTERRUPTED);
    });
    progress.finish();
    if (guard.warnings.length > 0) results.warnings = [...guard.warnings];
    if (Object.keys(overrides).length > 0) results.options.overrides = overrides;
    const files = await writeBenchFiles(results, checked.out);
    // In GitHub Actions the run's page shows the same Markdown as the .md beside the results.
    await appendStepSummary(renderResultsMarkdown(results));
    if (!this.jsonEnabled()) {
      const views = {
        table: () => renderResultsTable(results, { color: colorEnabled(), width: outputWidth() }),
        json: () => JSON.stringify(results, null, 2),
        markdown: () => renderResultsMarkdown(results),
        csv: () => renderResultsCsv(results).trimEnd(),
      };
      this.log(views[flags.format as keyof typeof views]());
      const count = files.charts.length;
      const charts = count > 0 ? `, ${count} chart${count === 1 ? '' : 's'}` : '';
      process.stderr.write(`results written to ${displayPath(files.json)} (with its .md${charts})\n`);
    }
    return results;
  }

  /** N fresh `plugbench bench` processes (one or two checkouts), one results file each. */
  private async runRounds(flags: BenchFlags): Promise<{ rounds: RoundRun[] }> {
    const base = flags['base-checkout'];
    const sides: RoundSide[] = base
      ? [
          { name: 'base', checkout: path.resolve(base) },
          { name: 'head', checkout: path.resolve(flags['head-checkout'] ?? packageRoot()) },
        ]
      : [{ name: null, checkout: packageRoot() }];
    const outDir = flags.out ? path.resolve(flags.out) : defaultRoundsDir();
    using guard = guardRun({ stopList: new StopList(), say: (line) => process.stderr.write(`${line}\n`) });
    const rounds = await runRounds({
      rounds: flags.rounds ?? 1,
      outDir,
      sides,
      benchArgs: passThroughArgs(flags),
      ...(flags.cpu === undefined ? {} : { cpu: flags.cpu }),
      signal: guard.signal,
      onRun: (run) => process.stderr.write(`[${run.index}/${run.total}] round ${run.round}${run.side ? ` ${run.side}` : ''}: ${displayPath(run.file)} (${(run.ms / 1000).toFixed(1)} s)\n`),
    }).catch((error: unknown) => {
      if (!guard.signal.aborted) throw error;
      process.stderr.write('plugbench: interrupted; the run under way was stopped\n');
      return this.exit(EXIT_INTERRUPTED);
    });
    const next = base ? `plugbench compare ${displayPath(path.join(outDir, 'base'))} ${displayPath(path.join(outDir, 'head'))}` : `plugbench compare BASE ${displayPath(outDir)}`;
    process.stderr.write(`${rounds.length} runs written to ${displayPath(outDir)}; next: ${next}\n`);
    return { rounds };
  }

  /** The pinned child printed its own output; this process only passes its exit code on. */
  #ranPinned = false;

  /** Ctrl-C exits with 130 silently: the line above already said what happened; so does a pinned child's exit. */
  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (error instanceof Errors.ExitError && (error.oclif.exit === EXIT_INTERRUPTED || this.#ranPinned)) throw error;
    return super.catch(error);
  }
}

type BenchFlags = Interfaces.InferredFlags<(typeof Bench)['flags']>;

/** The flags every round's `plugbench bench` gets: what to measure, never where to write or how to print. */
function passThroughArgs(flags: BenchFlags): string[] {
  return [
    ...(flags.samples !== undefined ? ['--samples', String(flags.samples)] : []),
    ...(flags.warmup !== undefined ? ['--warmup', String(flags.warmup)] : []),
    ...(flags.targets ? ['--targets', flags.targets] : []),
    ...(flags.suites ? ['--suites', flags.suites] : []),
    ...(flags.floors ? ['--floors', flags.floors] : []),
    ...(flags.quick ? ['--quick'] : []),
    ...(flags.sandbox ? ['--sandbox'] : []),
    ...(flags['require-signed'] ? ['--require-signed'] : []),
    ...(flags.pub ? ['--pub', path.resolve(flags.pub)] : []),
    ...(flags.plugin ? ['--plugin', path.resolve(flags.plugin)] : []),
  ];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A path relative to the working directory when it is inside it, absolute otherwise. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
