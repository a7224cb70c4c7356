/**
 * The isolation matrix: one line per target (and sandboxed variant), one column per
 * probe, in the order the rows hold them (the audit writes them in its probes' order).
 */
import type { ResultRow } from '../results/types.js';

export interface IsolationMatrix {
  probes: string[];
  lines: { target: string; cells: string[] }[];
}

const CELL: Record<string, string> = {
  blocked: 'blocked',
  allowed: 'ALLOWED',
  'host-crashed': 'HOST CRASHED',
  'host-hung': 'HOST HUNG',
};

export function isolationMatrix(rows: readonly ResultRow[]): IsolationMatrix {
  const probes = [...new Set(rows.map((row) => row.params?.probe).filter((probe) => probe !== undefined).map(String))];
  const lines = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const label = `${row.target}${row.params?.sandbox === true ? ' + sandbox' : ''}`;
    const cells = lines.get(label) ?? new Map<string, string>();
    lines.set(label, cells);
    cells.set(String(row.params?.probe), cellOf(row));
  }
  return {
    probes,
    lines: [...lines].map(([target, cells]) => ({ target, cells: probes.map((probe) => cells.get(probe) ?? '') })),
  };
}

function cellOf(row: ResultRow): string {
  if (row.status === 'not-supported') return 'n/a';
  if (row.status !== 'ok') return row.status;
  return CELL[String(row.params?.outcome)] ?? String(row.params?.outcome);
}

/** The matrix as a Markdown table, for the README. */
export function matrixMarkdown(matrix: IsolationMatrix): string {
  const head = `| target | ${matrix.probes.join(' | ')} |`;
  const rule = `|---|${matrix.probes.map(() => '---').join('|')}|`;
  return [head, rule, ...matrix.lines.map((line) => `| \`${line.target}\` | ${line.cells.join(' | ')} |`)].join('\n');
}
