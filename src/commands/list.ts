import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { fitTable } from '../results/fit-table.js';
import { outputWidth } from '../results/text-width.js';
import { describeTargets, type TargetSummary } from '../targets/load-target.js';
import { targetsMarkdown } from '../targets/targets-markdown.js';
import { listTargets } from '../../transports/catalog.js';

export default class List extends BaseCommand {
  static override summary = 'List every known target, whether it can run here, and why not.';
  static override description =
    'A target is a transport plus the sample plugin it runs. Unavailable targets (a missing interpreter, module or build) are listed with the reason and skipped by demo and bench.';
  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --json', '<%= config.bin %> list --markdown > targets.md'];
  static override flags = {
    markdown: Flags.boolean({ description: "print the targets' facts as the README's Markdown table (nothing about this machine)", default: false }),
  };

  async run(): Promise<TargetSummary[] | string> {
    const { flags } = await this.parse(List);
    if (flags.markdown) {
      const markdown = targetsMarkdown(listTargets().map((entry) => entry.descriptor));
      if (!this.jsonEnabled()) this.log(markdown);
      return markdown;
    }
    const rows = await describeTargets();
    if (!this.jsonEnabled()) {
      const head = ['target', 'family', 'available', 'hang', 'callbacks', 'protections', 'description / reason'];
      this.log(fitTable({ head, rows: rows.map(listCells), width: outputWidth() }));
    }
    return rows;
  }
}

function listCells(row: TargetSummary): string[] {
  return [
    row.name,
    row.family,
    row.available ? 'yes' : 'no',
    row.capabilities ? row.capabilities.hang : '',
    row.capabilities ? (row.capabilities.callbacks ? 'yes' : 'no') : '',
    row.capabilities ? row.capabilities.protections.join(', ') : '',
    row.available ? row.description : `${row.description}\nunavailable: ${row.reason}`,
  ];
}
