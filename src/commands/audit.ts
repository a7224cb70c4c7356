import { colorEnabled, paintRow } from '../results/table-style.js';
import { fitTable } from '../results/fit-table.js';
import { outputWidth } from '../results/text-width.js';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { commaList } from '../cli/comma-list.js';
import { MAX_TIMER_MS } from '../cli/validate.js';
import { isolationMatrix, matrixMarkdown } from '../report/isolation-matrix.js';
import { PROBE_IDS } from '../audit/probes.js';
import { runIsolationAudit, type IsolationAudit } from '../audit/run-audit.js';

export default class Audit extends BaseCommand {
  static override summary = 'Try every harmful thing the probe plugin can do, on every target, and report what each one stopped.';
  static override description = `Probes: ${PROBE_IDS.join(', ')}. Each runs in a throwaway child host, so a probe that takes the host down is recorded as "host crashed" or "host hung" and the audit goes on. Targets that offer a sandbox run twice: plain and sandboxed. Outcomes are measured, never declared.`;
  static override examples = ['<%= config.bin %> audit', '<%= config.bin %> audit --targets worker,vm --probes memory-bomb,endless-loop', '<%= config.bin %> audit --format markdown'];
  static override flags = {
    targets: Flags.string({ description: 'comma-separated targets (default: every available one)' }),
    probes: Flags.string({ description: `comma-separated probes (default: all of ${PROBE_IDS.join(', ')})` }),
    variants: Flags.string({ description: 'plain, sandboxed (where offered), or both', options: ['both', 'plain', 'sandboxed'], default: 'both' }),
    format: Flags.string({ description: 'what to print when done (--json for the full audit)', options: ['table', 'markdown'], default: 'table' }),
    'loop-timeout': Flags.integer({
      description: `how long the endless-loop probe's call may run before it counts as hung, in ms (at most ${MAX_TIMER_MS}); a slow or busy machine may need more`,
      default: 3000,
      min: 1,
      max: MAX_TIMER_MS,
    }),
    // Before --format: kept one release so scripts keep working; oclif prints the replacement.
    markdown: Flags.boolean({ description: 'print the matrix as a Markdown table', hidden: true, deprecated: { message: 'use --format markdown' } }),
  };

  async run(): Promise<IsolationAudit> {
    const { flags } = await this.parse(Audit);
    const [targets, probes] = [commaList(flags.targets, 'targets'), commaList(flags.probes, 'probes')];
    const audit = await runIsolationAudit({
      ...(targets ? { targets } : {}),
      ...(probes ? { probes } : {}),
      variants: flags.variants as 'both' | 'plain' | 'sandboxed',
      loopTimeoutMs: flags['loop-timeout'],
      onProgress: (line) => this.say(line),
    });
    const matrix = isolationMatrix(audit.results);
    const format = flags.markdown ? 'markdown' : flags.format;
    const views: Record<string, () => string> = {
      markdown: () => `\n${matrixMarkdown(matrix)}`,
      table: () => {
        const rows = matrix.lines.map((line) => paintRow([line.target, ...line.cells], colorEnabled()));
        return `\n${fitTable({ head: ['target', ...matrix.probes], rows, width: outputWidth() })}`;
      },
    };
    // Printed as it is: Markdown must not be wrapped, and the table already fits.
    if (!this.jsonEnabled()) this.log(views[format]!());
    for (const skipped of audit.skipped) this.say(`skipped ${skipped.target}: ${skipped.reason}`);
    return audit;
  }
}
