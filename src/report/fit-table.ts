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
/** A column narrower than this reads badly wrapped (unless its longest word is wider). */
const COMFORTABLE = 16;

export function fitTable(options: FitTableOptions): string {
  const { head, rows, width } = options;
  const columns = head.map((_, i) => [head[i]!, ...rows.map((row) => row[i] ?? '')]);
  const natural = columns.map((cells) => Math.max(...cells.map(blockWidth)) + PADDING);
  if (sum(natural) + head.length + 1 <= width) return boxed(head, rows, natural, false);
  const narrowest = columns.map((cells, i) => Math.min(natural[i]!, Math.max(...cells.map(longestWord)) + PADDING));
  const comfortable = natural.map((n, i) => Math.max(narrowest[i]!, Math.min(n, COMFORTABLE)));
  // One table wrapped while every column keeps a comfortable width; else bands that each repeat the
  // first column; else one table squeezed to the longest words; else one block per row.
  if (sum(comfortable) + head.length + 1 <= width) return wrapped(head, rows, comfortable, natural, width)!;
  return banded(options, comfortable, natural) ?? wrapped(head, rows, narrowest, natural, width) ?? blocks(options);
}

/** One table, its columns at least `least` wide and sharing the rest of the width; undefined when `least` does not fit. */
function wrapped(head: readonly string[], rows: Rows, least: readonly number[], natural: readonly number[], width: number): string | undefined {
  const room = width - head.length - 1 - sum(least);
  return room < 0 ? undefined : boxed(head, rows, share(least, natural, room), true);
}

/**
 * The columns after the first in bands, each band a table that fits with the
 * first column repeated, every column at least at its comfortable width.
 * Undefined when that makes one band, or when a single column does not fit.
 */
function banded(options: FitTableOptions, comfortable: readonly number[], natural: readonly number[]): string | undefined {
  const { head, rows, width } = options;
  const bands: number[][] = [];
  let band: number[] = [];
  const fits = (columns: number[]) => comfortable[0]! + sum(columns.map((i) => comfortable[i]!)) + columns.length + 2 <= width;
  for (let i = 1; i < head.length; i++) {
    if (band.length > 0 && !fits([...band, i])) {
      bands.push(band);
      band = [];
    }
    band.push(i);
  }
  bands.push(band);
  if (bands.length < 2) return undefined;
  const tables = bands.map((columns) => {
    const pick = <T>(values: readonly T[]) => [values[0]!, ...columns.map((i) => values[i]!)];
    const part = { head: pick(head), rows: rows.map(pick), width };
    if (sum(pick(natural)) + columns.length + 2 <= width) return boxed(part.head, part.rows, pick(natural), false);
    return wrapped(part.head, part.rows, pick(comfortable), pick(natural), width);
  });
  return tables.every((table) => table !== undefined) ? tables.join('\n') : undefined;
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

function boxed(head: readonly string[], rows: Rows, colWidths: number[], wrap: boolean): string {
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

type Rows = ReadonlyArray<readonly string[]>;

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
