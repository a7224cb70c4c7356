import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { DEFAULT_COMPARE_OPTIONS } from '../compare/comparison.js';
import { runCompare, type CompareFormat, type CompareReport } from '../compare/run-compare.js';

const numberIn = (name: string, min: number, max: number) =>
  Flags.custom<number>({
    parse: async (input) => {
      const value = Number(input);
      if (input.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
        throw new Error(`--${name} must be a number from ${min} to ${max}, got "${input}"`);
      }
      return value;
    },
  });

export default class Compare extends BaseCommand {
  static override summary = 'Compare two benchmark results: what changed, whether it is more than noise, and whether it is a regression.';
  static override description =
    'Each side is a results file or a folder of them, one file per run (plugbench bench --rounds N). ' +
    'Rows are matched by target, suite, metric and parameters. With several runs per side each row is judged on its per-run medians ' +
    '(Mann-Whitney U, Holm-corrected over every judged row), so run-to-run drift is inside the noise; with one run per side on its samples, ' +
    'and the output says that cannot tell drift from change. ' +
    'A regression is significant and worse than the threshold, as measured and with each run divided by its machine speed (from its floors). ' +
    'Exit codes: 0 no regression, 1 a regression, 2 an error or results from different machines (unless --allow-different-machines). ' +
    'When GITHUB_STEP_SUMMARY is set, the Markdown report is appended to it.';
  static override examples = [
    '<%= config.bin %> compare runs/base runs/head',
    '<%= config.bin %> compare base.json head.json',
    '<%= config.bin %> compare base.json head.json --threshold 5 --alpha 0.01',
    '<%= config.bin %> compare base.json head.json --format markdown',
  ];
  static override args = {
    base: Args.string({ description: 'results file, or folder of results files (one per run), of the baseline', required: true }),
    head: Args.string({ description: 'results file, or folder of results files (one per run), to check', required: true }),
  };
  static override flags = {
    threshold: numberIn('threshold', 0, 10_000)({
      description: 'smallest worsening of the median, in percent, that counts as a regression',
      default: DEFAULT_COMPARE_OPTIONS.thresholdPct,
    }),
    alpha: numberIn('alpha', 0, 1)({
      description: 'chance of any false alarm over the whole comparison (Holm-corrected U tests)',
      default: DEFAULT_COMPARE_OPTIONS.alpha,
    }),
    format: Flags.string({ description: 'output format', options: ['table', 'markdown', 'json'], default: 'table' }),
    all: Flags.boolean({ description: 'with --format table: list every compared row, not only those that changed', default: false }),
    wide: Flags.boolean({ description: 'with --format table: every column ("vs machine", "p (Holm)", "n" too), still wrapped to the width', default: false }),
    'allow-different-machines': Flags.boolean({ description: 'gate even when base and head ran on different machines', default: false }),
  };

  async run(): Promise<CompareReport> {
    const { args, flags } = await this.parse(Compare);
    const format = (this.jsonEnabled() ? 'json' : flags.format) as CompareFormat;
    const { report, text } = await runCompare({
      baseFile: args.base,
      headFile: args.head,
      thresholdPct: flags.threshold,
      alpha: flags.alpha,
      format,
      allowDifferentMachines: flags['allow-different-machines'],
      table: { wide: flags.wide, all: flags.all },
    });
    // With --json oclif prints the returned report itself.
    if (!this.jsonEnabled()) this.log(format === 'json' ? JSON.stringify(report, null, 2) : text);
    if (report.gate.status === 'refused') process.stderr.write(`plugbench: ${report.gate.message}\n`);
    // Set, not exit(): oclif's exit() throws, and the base command maps 1 to 2.
    process.exitCode = report.gate.exitCode;
    return report;
  }
}
