import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { writeReport, type ReportOutput } from '../report/write-report.js';

export default class Report extends BaseCommand {
  static override summary = 'Draw the charts of a results file as SVG: latency, where the time goes, startup and memory, recovery, payload scaling.';
  static override description =
    'Charts are written next to the results file (or to --out), named after it: bench-results/run.json gives run.latency.svg, run.startup.svg, ... ' +
    'Rows that did not run (failed, skipped) are left out of the charts and named in each chart\'s note. ' +
    'Every chart is stamped with the machine, date, quick or full run and plugbench\'s commit; docs/benchmark.md#charts says how to read each.';
  static override examples = ['<%= config.bin %> report bench-results/run.json', '<%= config.bin %> report run.json --out docs/charts', '<%= config.bin %> report run.json --csv'];
  static override args = {
    results: Args.string({ description: 'results file written by `plugbench bench`', required: true }),
  };
  static override flags = {
    out: Flags.string({ description: 'folder for the charts (default: the results file\'s folder)' }),
    csv: Flags.boolean({ description: 'also write every row with its unit as CSV (run.json gives run.csv), as `bench --format csv` prints it', default: false }),
  };

  async run(): Promise<ReportOutput> {
    const { args, flags } = await this.parse(Report);
    const output = await writeReport(args.results, flags.out, { csv: flags.csv });
    if (output.files.length === 0) this.say(`${args.results} has no rows any chart can draw (no suite ran, or none succeeded)`);
    for (const file of output.files) this.say(`wrote ${file}`);
    return output;
  }
}
