import { tableStyle } from '../report/table-style.js';
import { Flags } from '@oclif/core';
import Table from 'cli-table3';
import { BaseCommand } from '../cli/base-command.js';
import { isolationMatrix, matrixMarkdown } from '../audit/matrix.js';
import { PROBE_IDS } from '../audit/probes.js';
import { runIsolationAudit, type IsolationAudit } from '../audit/run-audit.js';

export default class Audit extends BaseCommand {
  static override summary = 'Try every harmful thing the probe plugin can do, on every target, and report what each one stopped.';
  static override description = `Probes: ${PROBE_IDS.join(', ')}. Each runs in a throwaway child host, so a probe that takes the host down is recorded as "host crashed" or "host hung" and the audit goes on. Targets that offer a sandbox run twice: plain and sandboxed. Outcomes are measured, never declared.`;
  static override examples = ['<%= config.bin %> audit', '<%= config.bin %> audit --targets worker --probes memory-bomb,endless-loop', '<%= config.bin %> audit --markdown'];
  static override flags = {
    targets: Flags.string({ description: 'comma-separated targets (default: every available one)', delimiter: ',', multiple: true }),
    probes: Flags.string({ description: 'comma-separated probes (default: all)', delimiter: ',', multiple: true, options: PROBE_IDS }),
    variants: Flags.string({ description: 'plain, sandboxed (where offered), or both', options: ['both', 'plain', 'sandboxed'], default: 'both' }),
    markdown: Flags.boolean({ description: 'print the matrix as a Markdown table', default: false }),
  };

  async run(): Promise<IsolationAudit> {
    const { flags } = await this.parse(Audit);
    const audit = await runIsolationAudit({
      ...(flags.targets ? { targets: flags.targets } : {}),
      ...(flags.probes ? { probes: flags.probes } : {}),
      variants: flags.variants as 'both' | 'plain' | 'sandboxed',
      onProgress: (line) => this.say(line),
    });
    const matrix = isolationMatrix(audit.results);
    if (flags.markdown) {
      this.say(`\n${matrixMarkdown(matrix)}`);
    } else {
      const table = new Table({ head: ['target', ...matrix.probes], ...tableStyle() });
      for (const line of matrix.lines) table.push([line.target, ...line.cells]);
      this.say(`\n${table.toString()}`);
    }
    for (const skipped of audit.skipped) this.say(`skipped ${skipped.target}: ${skipped.reason}`);
    return audit;
  }
}
