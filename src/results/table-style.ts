/**
 * Colour in the terminal tables: only on the cells that carry news (a regression,
 * a probe the target ALLOWED, a failed measurement), never on headers or borders,
 * so the eye goes where it should. Markdown, JSON and pipes get plain text.
 */

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether `stream` gets colour. FORCE_COLOR decides when set (0 or false: off,
 * anything else: on), as in Node itself, where it outranks NO_COLOR; then
 * NO_COLOR (any non-empty value), CI and TERM=dumb turn colour off; else a
 * terminal gets it and a pipe or file does not.
 */
export function colorEnabled(stream: { isTTY?: boolean } = process.stdout, env: Env = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env.NO_COLOR || env.CI || env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

/** cli-table3 colours headers and borders by default; plugbench keeps them plain. */
export function tableStyle(): { style: { head: string[]; border: string[] } } {
  return { style: { head: [], border: [] } };
}

const RED = ['\u001b[31m', '\u001b[39m'] as const;
const GREEN = ['\u001b[32m', '\u001b[39m'] as const;

/** The cell texts that mean something, by the colour they get: bad news red, an improvement green. */
const MEANINGFUL: Readonly<Record<string, readonly [string, string]>> = {
  REGRESSION: RED,
  ALLOWED: RED,
  'HOST CRASHED': RED,
  'HOST HUNG': RED,
  failed: RED,
  improvement: GREEN,
};

/** A table cell, coloured when it is one of the meaningful texts and `color` is on. */
export function paintCell(cell: string, color: boolean): string {
  const codes = color ? MEANINGFUL[cell] : undefined;
  return codes ? `${codes[0]}${cell}${codes[1]}` : cell;
}

/** A row of cells through paintCell. */
export function paintRow(cells: readonly string[], color: boolean): string[] {
  return cells.map((cell) => paintCell(cell, color));
}
