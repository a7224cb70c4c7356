/**
 * Every terminal table goes through here so it fits the width it is given
 * (outputWidth): as it is when it fits, with its columns wrapped at word
 * boundaries when that is enough, and otherwise as one block per row, the
 * first cell as the block's title and one `column  value` line per cell.
 */
import Table from 'cli-table3';
import { tableStyle } from './table-style.js';
import { blockWidth, longestWord, textWidth, wrapText } from './text-width.js';

export interface FitTableOptions {
  head: readonly string[];
  /** Cells may hold line breaks: separate lines in a table, joined by `blockJoiner` in a block. */
  rows: ReadonlyArray<readonly string[]>;
  width: number;
  /** What joins a cell's lines in the block layout (default ", "). */
  blockJoiner?: string;
}

/** cli-table3 pads every cell with one space each side; colWidths include it. */
const PADDING = 2;

export function fitTable(options: FitTableOptions): string {
  const { head, rows, width } = options;
  const columns = head.map((_, i) => [head[i]!, ...rows.map((row) => row[i] ?? '')]);
  const natural = columns.map((cells) => Math.max(...cells.map(blockWidth)) + PADDING);
  const borders = head.length + 1;
  if (sum(natural) + borders <= width) return boxed(head, rows, natural, false);
  const narrowest = columns.map((cells, i) => Math.min(natural[i]!, Math.max(...cells.map(longestWord)) + PADDING));
  const room = width - borders - sum(narrowest);
  if (room < 0) return blocks(options);
  return boxed(head, rows, share(narrowest, natural, room), true);
}

/** Gives `room` extra cells to the columns that want them, in proportion to how much each wants. */
function share(narrowest: readonly number[], natural: readonly number[], room: number): number[] {
  const wants = natural.map((n, i) => n - narrowest[i]!);
  const wanted = sum(wants);
  const widths = narrowest.map((n, i) => n + Math.floor((room * wants[i]!) / Math.max(1, wanted)));
  // What flooring left over goes to the widest wanting column.
  const left = room - sum(widths) + sum(narrowest);
  const most = wants.indexOf(Math.max(...wants));
  widths[most] = Math.min(natural[most]!, widths[most]! + left);
  return widths;
}

function boxed(head: readonly string[], rows: ReadonlyArray<readonly string[]>, colWidths: number[], wrap: boolean): string {
  const table = new Table({ head: [...head], colWidths, wordWrap: wrap, ...tableStyle() });
  table.push(...rows.map((row) => [...row]));
  return table.toString();
}

/** One block per row: its first cell alone, then each non-empty cell under its column's name, wrapped. */
function blocks({ head, rows, width, blockJoiner = ', ' }: FitTableOptions): string {
  const labelWidth = Math.min(Math.max(...head.slice(1).map(textWidth)), Math.floor(width / 3));
  const indent = ' '.repeat(2 + labelWidth + 2);
  const out: string[] = [];
  for (const row of rows) {
    out.push(...wrapText(row[0] ?? '', width, { rest: '  ' }));
    for (const [i, cell] of row.entries()) {
      if (i === 0 || cell.trim() === '') continue;
      const label = head[i]!;
      const value = cell.split('\n').filter(Boolean).join(blockJoiner);
      // A column name wider than the label column gets its own line.
      const own = textWidth(label) > labelWidth ? wrapText(label, width, { first: '  ', rest: '  ' }) : [];
      const first = own.length > 0 ? indent : `  ${label}${' '.repeat(labelWidth - textWidth(label))}  `;
      out.push(...own, ...wrapText(value, width, { first, rest: indent }));
    }
  }
  return out.join('\n');
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
