import { describe, expect, it } from 'vitest';
import { fitTable } from '../../src/results/fit-table.js';
import { outputWidth, textWidth, wrapText } from '../../src/results/text-width.js';

const widest = (text: string) => Math.max(...text.split('\n').map(textWidth));

const head = ['target', 'latency', 'description'];
const rows = [
  ['in-process', '412 ns\n1.0× floor', 'the plugin module imported into the host: no isolation at all, the floor of every other target'],
  ['python-grpc', '95.1 µs\n3.2× floor', 'a Python child process over gRPC on a Unix socket, with protobuf generated from the .proto file'],
];

describe('fitTable', () => {
  it('keeps a table that fits as it is', () => {
    const text = fitTable({ head, rows, width: 400 });
    expect(text.split('\n')[0]).toMatch(/^┌/);
    expect(text).toContain('the plugin module imported into the host: no isolation at all, the floor of every other target');
  });

  it('wraps columns at word boundaries when that is enough, and no line passes the width', () => {
    const text = fitTable({ head, rows, width: 80 });
    expect(text.split('\n')[0]).toMatch(/^┌/);
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).not.toContain('…'); // nothing truncated
    const words = text.replace(/[│┌┐└┘├┤┬┴┼─]/g, ' ').split(/\s+/);
    expect(words).toContain('.proto');
  });

  it('splits the columns into bands that each repeat the first one when one table does not fit', () => {
    const text = fitTable({ head, rows, width: 36 });
    expect(widest(text)).toBeLessThanOrEqual(36);
    expect(text.match(/in-process/g)).toHaveLength(2);
    expect(text.indexOf('latency')).toBeLessThan(text.indexOf('description'));
  });

  it('turns each row into a block when not even one column fits beside the first', () => {
    const text = fitTable({ head, rows, width: 24 });
    expect(widest(text)).toBeLessThanOrEqual(24);
    const lines = text.split('\n');
    expect(lines[0]).toBe('in-process');
    expect(lines[1]).toMatch(/^ {2}latency +412 ns, 1\.0×/);
    expect(lines).toContain('python-grpc');
  });
});

describe('wrapText and outputWidth', () => {
  it('wraps with a first-line prefix and a hanging indent, cutting only words longer than a line', () => {
    expect(wrapText('one two three four', 12, { first: '- ', rest: '  ' })).toEqual(['- one two', '  three four']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('a\n  b c', 10, { first: '> ', rest: '  ' })).toEqual(['> a', '  b c']);
    expect(wrapText('  worker    did not answer in time', 20, { rest: '    ' })).toEqual(['  worker    did not', '    answer in time']);
  });

  it('counts colour codes as nothing and wide characters as two', () => {
    expect(textWidth('\u001b[31mfailed\u001b[39m')).toBe(6);
    expect(textWidth('héllo 👋')).toBe(8);
  });

  it('takes COLUMNS first, then the terminal width, then 120 for a pipe', () => {
    expect(outputWidth({ isTTY: true, columns: 100 }, { COLUMNS: '80' })).toBe(80);
    expect(outputWidth({ isTTY: true, columns: 100 }, {})).toBe(100);
    expect(outputWidth({ isTTY: false }, {})).toBe(120);
    expect(outputWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBe(120);
  });
});
