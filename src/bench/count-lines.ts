/**
 * Lines of code as a plugin author sees them: non-blank lines that are not only
 * comment, with each language's comment syntax taken from a table by extension.
 */
import path from 'node:path';

interface CommentSyntax {
  line: string[];
  block: Array<[open: string, close: string]>;
}

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']] };
const HASH: CommentSyntax = { line: ['#'], block: [] };

const SYNTAX_BY_EXTENSION: Readonly<Record<string, CommentSyntax>> = {
  '.ts': C_LIKE,
  '.mts': C_LIKE,
  '.js': C_LIKE,
  '.mjs': C_LIKE,
  '.cjs': C_LIKE,
  '.c': C_LIKE,
  '.h': C_LIKE,
  '.cc': C_LIKE,
  '.cpp': C_LIKE,
  '.go': C_LIKE,
  '.rs': C_LIKE,
  '.proto': C_LIKE,
  '.zig': C_LIKE,
  '.py': { line: ['#'], block: [['"""', '"""'], ["'''", "'''"]] },
  '.sh': HASH,
  '.toml': HASH,
  '.yaml': HASH,
  '.yml': HASH,
  '.gyp': HASH,
  '.lua': { line: ['--'], block: [['--[[', ']]']] },
  '.wat': { line: [';;'], block: [['(;', ';)']] },
  '.json': { line: [], block: [] },
};

/** Counts code lines of `text`, a file named `file` (its extension picks the comment syntax). */
export function countCodeLines(text: string, file: string): number {
  const syntax = SYNTAX_BY_EXTENSION[path.extname(file).toLowerCase()] ?? C_LIKE;
  let open: string | undefined; // closing marker of the block comment we are in
  let count = 0;
  for (const raw of text.split(/\r?\n/)) {
    let rest = raw.trim();
    let code = false;
    while (rest.length > 0) {
      if (open !== undefined) {
        const end = rest.indexOf(open);
        if (end < 0) break;
        rest = rest.slice(end + open.length).trim();
        open = undefined;
        continue;
      }
      // Block openers are tried before line markers: Lua's "--[[" starts with "--".
      const block = syntax.block.find(([start]) => rest.startsWith(start));
      if (block) {
        open = block[1];
        rest = rest.slice(block[0].length);
        continue;
      }
      if (syntax.line.some((marker) => rest.startsWith(marker))) break;
      code = true;
      const next = firstBlockStart(rest, syntax);
      if (next < 0) break;
      rest = rest.slice(next);
    }
    if (code) count++;
  }
  return count;
}

/** Where the next block comment opens inside a line of code (strings are not parsed: good enough for samples). */
function firstBlockStart(line: string, syntax: CommentSyntax): number {
  const starts = syntax.block.map(([start]) => line.indexOf(start, 1)).filter((index) => index > 0);
  return starts.length > 0 ? Math.min(...starts) : -1;
}
