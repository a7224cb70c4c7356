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
  /** No rule between rows: for tables whose rows are one line each. */
  compact?: boolean;
}

/** cli-table3 pads every cell with one space each side; colWidths include it. */
const PADDING = 2;
/** A column narrower than this reads badly wrapped (unless its longest word is wider). */
const COMFORTABLE = 16;

/** How wide one column can be: all of its cells on one line, at its 90th percentile, comfortably wrapped, or at its longest word. */
interface ColumnSize {
  natural: number;
  typical: number;
  comfortable: number;
  narrowest: number;
}

export function fitTable(options: FitTableOptions): string {
  const { head, rows, width } = options;
  const sizes = head.map((_, i) => measureColumn([head[i]!, ...rows.map((row) => row[i] ?? '')]));
  const all = head.map((_, i) => i);
  const natural = sizes.map((size) => size.natural);
  if (sum(natural) + head.length + 1 <= width) return boxed(options, all, natural, false);
  // One table wrapped while every column keeps a comfortable width; else bands that each repeat the
  // first column; else one table squeezed to the longest words; else one block per row.
  return wrapped(options, all, sizes, 'comfortable') ?? banded(options, sizes) ?? wrapped(options, all, sizes, 'narrowest') ?? blocks(options);
}

function measureColumn(cells: readonly string[]): ColumnSize {
  const widths = cells.map(blockWidth).sort((a, b) => a - b);
  const natural = widths.at(-1)! + PADDING;
  const narrowest = Math.min(natural, Math.max(...cells.map(longestWord)) + PADDING);
  const typical = Math.max(narrowest, widths[Math.floor(0.9 * (widths.length - 1))]! + PADDING);
  // A column a little over COMFORTABLE keeps its width: wrapping it would save a cell or two and cost a line.
  const comfortable = natural <= COMFORTABLE * 1.5 ? natural : Math.max(narrowest, COMFORTABLE);
  return { natural, typical, narrowest, comfortable };
}

/** The table of columns `picked`, each at least its `least` size and sharing the rest of the width; undefined when that does not fit. */
function wrapped(options: FitTableOptions, picked: readonly number[], sizes: readonly ColumnSize[], least: 'comfortable' | 'narrowest'): string | undefined {
  const columns = picked.map((i) => sizes[i]!);
  const room = options.width - picked.length - 1 - sum(columns.map((size) => size[least]));
  if (room < 0) return undefined;
  if (sum(columns.map((size) => size.natural)) + picked.length + 1 <= options.width) return boxed(options, picked, columns.map((size) => size.natural), false);
  return boxed(options, picked, share(columns, least, room), true);
}

/**
 * The columns after the first in bands, each band a table that fits with the
 * first column repeated, every column at least at its comfortable width.
 * Undefined when that makes one band, or when a single column does not fit.
 */
function banded(options: FitTableOptions, sizes: readonly ColumnSize[]): string | undefined {
  const bands: number[][] = [];
  let band: number[] = [];
  const fits = (columns: number[]) => sum([0, ...columns].map((i) => sizes[i]!.comfortable)) + columns.length + 2 <= options.width;
  for (let i = 1; i < sizes.length; i++) {
    if (band.length > 0 && !fits([...band, i])) {
      bands.push(band);
      band = [];
    }
    band.push(i);
  }
  bands.push(band);
  if (bands.length < 2) return undefined;
  const tables = bands.map((columns) => wrapped(options, [0, ...columns], sizes, 'comfortable'));
  return tables.every((table) => table !== undefined) ? tables.join('\n') : undefined;
}

/**
 * Widths from `least` plus `room` cells: first toward each column's typical
 * width (so one long cell does not starve the others), then toward its
 * natural width, in proportion to what each wants.
 */
function share(columns: readonly ColumnSize[], least: 'comfortable' | 'narrowest', room: number): number[] {
  const from = columns.map((size) => size[least]);
  const goal = columns.map((size, i) => Math.max(from[i]!, Math.min(size.natural, size.typical)));
  const toGoal = sum(goal) - sum(from);
  if (room <= toGoal) return grow(from, goal, room);
  return grow(goal, columns.map((size) => size.natural), room - toGoal);
}

/**
 * `from` grown by up to `room` cells toward `to`: the columns that want least
 * get all they want first (so a short column does not wrap for one cell), the
 * rest is shared in proportion to what each still wants.
 */
function grow(from: readonly number[], to: readonly number[], room: number): number[] {
  const widths = [...from];
  let left = room;
  const order = widths.map((_, i) => i).sort((a, b) => to[a]! - from[a]! - (to[b]! - from[b]!));
  for (const i of order) {
    const want = to[i]! - widths[i]!;
    if (want > left) break;
    widths[i] = to[i]!;
    left -= want;
  }
  const wants = widths.map((n, i) => to[i]! - n);
  const wanted = sum(wants);
  if (wanted === 0 || left <= 0) return widths;
  const shared = widths.map((n, i) => n + Math.floor((left * wants[i]!) / wanted));
  // What flooring left over goes to the column that wants most.
  const most = wants.indexOf(Math.max(...wants));
  shared[most] = shared[most]! + left - (sum(shared) - sum(widths));
  return shared;
}

const NO_ROW_RULES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** The columns `picked` of the table, at `colWidths`; without rules between rows when every row is one line (or `compact`). */
function boxed(options: FitTableOptions, picked: readonly number[], colWidths: number[], wrap: boolean): string {
  const pick = (cells: readonly string[]) => picked.map((i) => cells[i] ?? '');
  const rows = options.rows.map(pick);
  const oneLine = !wrap && rows.every((row) => row.every((cell) => !cell.includes('\n')));
  const chars = options.compact || oneLine ? { chars: NO_ROW_RULES } : {};
  const table = new Table({ head: pick(options.head), colWidths, wordWrap: wrap, ...tableStyle(), ...chars });
  table.push(...rows);
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
