import { tableStyle } from '../results/table-style.js';
import Table from 'cli-table3';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
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
      const table = new Table({ head: ['target', 'family', 'available', 'hang', 'callbacks', 'protections', 'description / reason'], ...tableStyle() });
      for (const row of rows) {
        table.push([
          row.name,
          row.family,
          row.available ? 'yes' : 'no',
          row.capabilities ? row.capabilities.hang : '',
          row.capabilities ? (row.capabilities.callbacks ? 'yes' : 'no') : '',
          row.capabilities ? row.capabilities.protections.join('\n') : '',
          row.available ? row.description : `${row.description}\nunavailable: ${row.reason}`,
        ]);
      }
      this.log(table.toString());
    }
    return rows;
  }
}
