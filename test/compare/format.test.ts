import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-results.js';
import { formatLevel, formatValue } from '../../src/compare/format-cells.js';
import { formatComparisonMarkdown } from '../../src/compare/format-markdown.js';
import { formatComparisonTable } from '../../src/compare/format-table.js';
import { decideGate } from '../../src/compare/gate.js';
import { makeResults, makeRuns, mapRuns, withSlowerTarget } from '../helpers/bench-results.js';

describe('formatValue', () => {
  it('picks a readable unit with three significant digits', () => {
    expect(formatValue(0.0299, 'ms')).toBe('29.9 µs');
    expect(formatValue(0.000404, 'ms')).toBe('404 ns');
    expect(formatValue(24.51, 'ms')).toBe('24.5 ms');
    expect(formatValue(12_345, 'ms')).toBe('12.3 s');
    expect(formatValue(9_140_000, 'bytes')).toBe('8.72 MiB');
    expect(formatValue(512, 'bytes')).toBe('512 B');
    expect(formatValue(2_570_000, 'calls/s')).toBe('2.57M calls/s');
    expect(formatValue(42, 'lines')).toBe('42 lines');
    expect(formatValue(0, 'count')).toBe('0 count');
  });

  it('names a confidence level as it is, never rounded up', () => {
    expect(formatLevel(0.968)).toBe('96.8%');
    expect(formatLevel(0.5)).toBe('50%');
    expect(formatLevel(0.9999)).toBe('99.9%');
  });
});

describe('comparison reports', () => {
  const base = [{ file: 'base.json', results: makeResults() }];
  const head = [{ file: 'head.json', results: withSlowerTarget(makeResults({ machine: { node: 'v22.0.0' } }), 'worker', 1.3) }];
  const comparison = compareRuns(base, head);

  it('say different machines at the top, before any number', () => {
    for (const gate of [decideGate(comparison, false), decideGate(comparison, true)]) {
      for (const text of [formatComparisonMarkdown(comparison, gate), formatComparisonTable(comparison, gate)]) {
        const warning = text.indexOf('Different machines');
        expect(warning).toBeGreaterThan(-1);
        expect(warning).toBeLessThan(text.indexOf('floor:message-port')); // the first row of every table
        expect(text).toContain('Node: v20.20.2 vs v22.0.0');
      }
    }
  });

  it('Markdown puts the significant changes first, every row in <details> with its interval and level, and the legend last', () => {
    const markdown = formatComparisonMarkdown(comparison, decideGate(comparison, true));
    const significant = markdown.slice(markdown.indexOf('Significant changes'), markdown.indexOf('<details>'));
    expect(significant).toContain('**REGRESSION**');
    expect(significant).not.toContain('`in-process`');
    const all = markdown.indexOf('<details><summary>All ');
    const details = markdown.slice(all, markdown.indexOf('</details>', all));
    expect(details.split('\n').filter((line) => line.startsWith('| `'))).toHaveLength(comparison.rows.length);
    expect(details).toMatch(/\| \+\d+\.\d% … \+\d+\.\d% \(9\d(\.\d)?%\) \|/);
    expect(markdown.trim().split('\n').at(-1)).toMatch(/^_~ = no significant difference: Mann-Whitney U on the samples of one run per side/);
  });

  it('Markdown says which suites were not judged, and why', () => {
    const few = compareRuns(makeRuns(2, { seed: 1 }), mapRuns(makeRuns(2, { seed: 2 }), (r) => r));
    const markdown = formatComparisonMarkdown(few, decideGate(few, false));
    expect(markdown).toMatch(/<details><summary>Not judged \(too few runs, or too noisy, to detect the threshold\) \(\d+\)<\/summary>/);
    expect(markdown).toMatch(/- latency: not judged, none of its \d+ rows could detect a change of 10% \(no change of any size was detectable\)/);
    expect(markdown).toContain('n too small to detect any change (2+2)');
  });

  it('a job summary fits one screen: a one-line verdict, bold only in its first words, and at most 40 lines before anything folded', () => {
    // Every target slower: many significant changes, of which the summary shows the first few.
    let slower = makeResults();
    for (const target of ['in-process', 'worker', 'child-stdio']) slower = withSlowerTarget(slower, target, 1.3);
    const many = compareRuns(base, [{ file: 'head.json', results: slower }]);
    const markdown = formatComparisonMarkdown(many, decideGate(many, true));
    const lines = markdown.split('\n');
    const firstFold = lines.findIndex((line) => line.startsWith('<details>'));
    expect(firstFold).toBeGreaterThan(0);
    expect(firstFold).toBeLessThanOrEqual(40);
    const headline = lines[2]!;
    expect(headline).toMatch(/^❌ \*\*\d+ regressions in 3 targets\*\*: /);
    expect(headline.match(/\*\*/g)).toHaveLength(2);
    expect(markdown).toContain('<details><summary>How the runs were compared');
  });
});
