import { describe, expect, it } from 'vitest';
import { countCodeLines } from '../../src/bench/count-lines.js';

describe('countCodeLines', () => {
  it('skips blank lines, line comments and block comments in C-like files', () => {
    const text = ['/**', ' * doc', ' */', 'import x from "y";', '', '// note', 'export const a = 1; // trailing', '/* one */ const b = 2;', 'const c = 3; /* opens', 'still comment */', '}'].join('\n');
    // import, const a, const b, const c, }
    expect(countCodeLines(text, 'plugin.ts')).toBe(5);
  });

  it('knows Python hashes and docstrings', () => {
    const text = ['"""Module doc.', 'More."""', 'import sys', '', '# comment', 'def revert(text):', '    """Reverse it."""', '    return text[::-1]  # by code point'].join('\n');
    expect(countCodeLines(text, 'plugin.py')).toBe(3);
  });

  it('knows Lua line and block comments', () => {
    const text = ['--[[ header', 'more ]]', '-- a comment', 'local M = {}', 'return M'].join('\n');
    expect(countCodeLines(text, 'plugin.lua')).toBe(2);
  });

  it('counts every non-blank line of a file without comments (JSON)', () => {
    expect(countCodeLines('{\n\n  "a": 1\n}\n', 'package.json')).toBe(3);
  });
});
