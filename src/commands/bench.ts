import path from 'node:path';
import { Errors, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { commaList as list } from '../cli/comma-list.js';
import { securityFlags, securityStartOptions } from '../cli/security-flags.js';
import { CHANNELS } from '../bench/floors/index.js';
import { createProgressPrinter } from '../bench/progress.js';
import type { BenchResults } from '../bench/results.js';
import { defaultResultsPath } from '../bench/results-file.js';
import { runBench } from '../bench/run-bench.js';
import { EXIT_INTERRUPTED, guardRun } from '../bench/run-guard.js';
import { StopList } from '../bench/stop-list.js';
import { DEFAULT_SUITE_NAMES, SUITE_NAMES } from '../bench/suite.js';
import { renderResultsMarkdown } from '../report/results-markdown.js';
import { renderResultsTable } from '../report/results-table.js';
import { colorEnabled } from '../report/table-style.js';
import { writeBenchFiles } from '../report/write-bench-files.js';
import { targetNames } from '../../transports/catalog.js';


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
    suites: Flags.string({ description: `comma-separated suites (default: ${DEFAULT_SUITE_NAMES.join(', ')}; the others run only when named)` }),
    quick: Flags.boolean({ description: 'fewer samples: every target through every suite in under a minute', default: false }),
    out: Flags.string({ description: 'results file to write (default: bench-results/<date>-<host>.json); the .md and charts go beside it' }),
    format: Flags.string({ description: 'what to print when done', options: ['table', 'json', 'markdown'], default: 'table' }),
    ...securityFlags,
    floors: Flags.string({ description: `also measure the raw floor of these channels (${CHANNELS.join(', ')})` }),
  };

  async run(): Promise<BenchResults> {
    const { flags } = await this.parse(Bench);
    const stopList = new StopList();
    const progress = createProgressPrinter(process.stderr);
    const say = (line: string) => {
      progress.finish();
      process.stderr.write(`${line}\n`);
    };
    using guard = guardRun({ stopList, say });
    const results = await runBench({
      ...optional('targets', list(flags.targets)),
      ...optional('suites', list(flags.suites)),
      ...optional('floors', list(flags.floors)),
      quick: flags.quick,
      startOptions: securityStartOptions(flags),
      signal: guard.signal,
      stopList,
      onProgress: (event) => {
        if (event.type === 'step') guard.setStep(`${event.label} ${event.suite}`);
        progress(event);
      },
    }).catch((error: unknown) => {
      if (!guard.signal.aborted) throw error;
      say('plugbench: interrupted; every plugin was stopped and no results file was written');
      return this.exit(EXIT_INTERRUPTED);
    });
    progress.finish();
    if (guard.warnings.length > 0) results.warnings = [...guard.warnings];
    const files = await writeBenchFiles(results, flags.out ? path.resolve(flags.out) : defaultResultsPath());
    if (!this.jsonEnabled()) {
      const views = {
        table: () => renderResultsTable(results, colorEnabled()),
        json: () => JSON.stringify(results, null, 2),
        markdown: () => renderResultsMarkdown(results),
      };
      this.log(views[flags.format as keyof typeof views]());
      const count = files.charts.length;
      const charts = count > 0 ? `, ${count} chart${count === 1 ? '' : 's'}` : '';
      process.stderr.write(`results written to ${displayPath(files.json)} (with its .md${charts})\n`);
    }
    return results;
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
