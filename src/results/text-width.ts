/**
 * How wide text is on a terminal, and how to wrap it: colour codes take no
 * room, CJK and emoji take two cells, combining marks none. Every table and
 * wrapped line measures with this one function, so what it fits, fits.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** When stdout is not a terminal (a pipe, a file, a CI log) and COLUMNS is not set. */
export const DEFAULT_PIPE_WIDTH = 120;

/**
 * The width output must fit: COLUMNS when it is a positive integer (tests and
 * scripts set it, as for Python's shutil), else the terminal's own width, else
 * 120 for pipes and logs.
 */
export function outputWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout, env: Env = process.env): number {
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  return DEFAULT_PIPE_WIDTH;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1faff],
  [0x20000, 0x3fffd],
];
const ZERO: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0xfe00, 0xfe0f],
];

const within = (ranges: ReadonlyArray<readonly [number, number]>, code: number) => ranges.some(([low, high]) => code >= low && code <= high);

/** Terminal cells taken by `text` (one line). */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) {
    const code = char.codePointAt(0)!;
    width += within(ZERO, code) ? 0 : within(WIDE, code) ? 2 : 1;
  }
  return width;
}

/** The widest line of a multi-line text. */
export function blockWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map(textWidth));
}

/** The widest whitespace-separated word: the narrowest a column can wrap to without cutting a word. */
export function longestWord(text: string): number {
  return Math.max(0, ...text.split(/\s+/).map(textWidth));
}

/** Cuts a word longer than `width` into pieces that fit. */
function cutWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && textWidth(piece + char) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  return piece ? [...pieces, piece] : pieces;
}

/**
 * `text` wrapped at word boundaries to `width` cells: the first line starts
 * with `first` and the others with `rest`, both kept as given and counted in
 * the width. Spaces inside a line are kept (aligned columns stay aligned), a
 * word longer than a line is cut, and a line break in `text` starts a line
 * with neither prefix.
 */
export function wrapText(text: string, width: number, { first = '', rest = '' }: { first?: string; rest?: string } = {}): string[] {
  const lines: string[] = [];
  let line = first;
  // After a wrap the space before the next word is dropped; at a paragraph's start it is its indentation.
  let wrapped = false;
  let words = 0;
  const flush = () => {
    lines.push(line);
    line = rest;
    wrapped = true;
    words = 0;
  };
  for (const [index, paragraph] of text.split('\n').entries()) {
    // A line break in the text starts a line of its own, not a continuation.
    if (index > 0) {
      flush();
      line = '';
    }
    wrapped = false;
    let space = '';
    for (const token of paragraph.split(/(\s+)/)) {
      if (/^\s*$/.test(token)) {
        space = token;
        continue;
      }
      const candidate = line + (wrapped ? '' : space) + token;
      space = '';
      words += 1;
      if (textWidth(candidate) <= width) {
        line = candidate;
        wrapped = false;
        continue;
      }
      if (words > 1) flush();
      const pieces = cutWord(token, Math.max(1, width - textWidth(line)));
      for (const piece of pieces.slice(0, -1)) {
        line += piece;
        flush();
      }
      line += pieces.at(-1)!;
      wrapped = false;
      words = 1;
    }
  }
  lines.push(line);
  return lines;
}
