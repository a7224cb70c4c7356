import path from 'node:path';
import { Errors, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { PluginError } from '../core/errors.js';
import { CHANNELS } from '../bench/floors/index.js';
import { createProgressPrinter } from '../bench/progress.js';
import type { BenchResults } from '../bench/results.js';
import { defaultResultsPath, markdownPathFor, writeFileAtomic } from '../bench/results-file.js';
import { runBench } from '../bench/run-bench.js';
import { StopList } from '../bench/stop-list.js';
import { SUITE_NAMES } from '../bench/suite.js';
import { renderResultsMarkdown } from '../report/results-markdown.js';
import { renderResultsTable } from '../report/results-table.js';
import { writeCharts } from '../report/charts/write-charts.js';
import { targetNames } from '../../transports/catalog.js';

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;

const list = (value: string | undefined) => value?.split(',').map((name) => name.trim()).filter(Boolean);

export default class Bench extends BaseCommand {
  static override summary = 'Measure every available target side by side: latency, throughput, payload, startup, recovery, hang, effort, swap, callback.';
  static override description =
    `Targets: ${targetNames().join(', ')}. Suites: ${SUITE_NAMES.join(', ')}. ` +
    'The full result (raw samples, statistics, machine) is written atomically to bench-results/<date>-<host>.json, with a .md and SVG charts beside it; ' +
    'Ctrl-C stops every plugin and writes nothing.';
  static override examples = [
    '<%= config.bin %> bench --quick',
    '<%= config.bin %> bench --targets worker,in-process --suites latency,callback',
    '<%= config.bin %> bench --format markdown --out results.json',
  ];
  static override flags = {
    targets: Flags.string({ description: 'comma-separated targets to run (default: every available target)' }),
    suites: Flags.string({ description: `comma-separated suites (default: all of ${SUITE_NAMES.join(', ')})` }),
    quick: Flags.boolean({ description: 'fewer samples: every target through every suite in under a minute', default: false }),
    out: Flags.string({ description: 'results file to write (default: bench-results/<date>-<host>.json); the .md and charts go beside it' }),
    format: Flags.string({ description: 'what to print when done', options: ['table', 'json', 'markdown'], default: 'table' }),
    floors: Flags.string({ description: `also measure the raw floor of these channels (${CHANNELS.join(', ')})` }),
  };

  async run(): Promise<BenchResults> {
    const { flags } = await this.parse(Bench);
    const controller = new AbortController();
    const stopList = new StopList();
    const progress = createProgressPrinter(process.stderr);
    const onSignal = (signal: NodeJS.Signals) => {
      if (controller.signal.aborted) {
        // A second Ctrl-C: do not wait for graceful stops any more.
        stopList.killAll();
        process.exit(EXIT_INTERRUPTED);
      }
      progress.finish();
      process.stderr.write(`plugbench: ${signal}: stopping every plugin (Ctrl-C again to kill them now)\n`);
      controller.abort(new PluginError('CANCELLED', `interrupted by ${signal}`));
    };
    // A transport bug (a write to a dead plugin's pipe nobody awaited) must not end the whole run.
    let step = 'starting';
    const warnings: string[] = [];
    const onStray = (reason: unknown) => {
      const warning = `unhandled error during ${step}: ${reason instanceof Error ? reason.message : String(reason)}`;
      warnings.push(warning);
      progress.finish();
      process.stderr.write(`plugbench: warning: ${warning} (recorded; the run goes on)\n`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('unhandledRejection', onStray);
    try {
      const results = await runBench({
        ...optional('targets', list(flags.targets)),
        ...optional('suites', list(flags.suites)),
        ...optional('floors', list(flags.floors)),
        quick: flags.quick,
        signal: controller.signal,
        stopList,
        onProgress: (event) => {
          if (event.type === 'step') step = `${event.label} ${event.suite}`;
          progress(event);
        },
      }).catch((error: unknown) => {
        if (!controller.signal.aborted) throw error;
        progress.finish();
        process.stderr.write('plugbench: interrupted; every plugin was stopped and no results file was written\n');
        return this.exit(EXIT_INTERRUPTED);
      });
      progress.finish();
      if (warnings.length > 0) results.warnings = warnings;
      const jsonPath = flags.out ? path.resolve(flags.out) : defaultResultsPath();
      const markdown = renderResultsMarkdown(results);
      await writeFileAtomic(markdownPathFor(jsonPath), markdown);
      await writeFileAtomic(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
      const charts = await writeCharts(results, path.dirname(jsonPath), { prefix: `${path.basename(jsonPath, path.extname(jsonPath))}.` });
      if (!this.jsonEnabled()) {
        const views = { table: () => renderResultsTable(results, Boolean(process.stdout.isTTY) && !process.env.CI), json: () => JSON.stringify(results, null, 2), markdown: () => markdown };
        this.log(views[flags.format as keyof typeof views]());
        const chartNote = charts.length > 0 ? `, ${charts.length} charts` : '';
        process.stderr.write(`results written to ${displayPath(jsonPath)} (with its .md${chartNote})\n`);
      }
      return results;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('unhandledRejection', onStray);
    }
  }

  /** Ctrl-C exits with 130 silently: the line above already said what happened. */
  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (error instanceof Errors.ExitError && error.oclif.exit === EXIT_INTERRUPTED) throw error;
    return super.catch(error);
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A path relative to the working directory when it is inside it, absolute otherwise. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
