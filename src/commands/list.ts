import { tableStyle } from '../cli/table-style.js';
import Table from 'cli-table3';
import { BaseCommand } from '../cli/base-command.js';
import { describeTargets, type TargetSummary } from '../targets/load-target.js';

export default class List extends BaseCommand {
  static override summary = 'List every known target, whether it can run here, and why not.';
  static override description =
    'A target is a transport plus the sample plugin it runs. Unavailable targets (a missing interpreter, module or build) are listed with the reason and skipped by demo and bench.';
  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --json'];

  async run(): Promise<TargetSummary[]> {
    const rows = await describeTargets();
    if (!this.jsonEnabled()) {
      const table = new Table({ head: ['target', 'family', 'available', 'hang', 'callbacks', 'protections', 'description / reason'], ...tableStyle() });
      for (const row of rows) {
        table.push([
          row.name,
          row.family,
          row.available ? 'yes' : 'no',
          row.capabilities ? (row.capabilities.hangRecoverable ? 'recovers' : 'not recoverable') : '',
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
