import { describe, expect, it } from 'vitest';
import { RESULTS_SCHEMA_VERSION, type BenchResults, type ResultRow } from '../../src/results/types.js';
import { significant } from '../../src/results/units.js';
import { renderResultsMarkdown } from '../../src/report/results-markdown.js';
import { renderResultsTable } from '../../src/report/results-table.js';
import { makeResults, withTimeSplits } from '../helpers/bench-results.js';

function row(target: string, suite: string, metric: string, samples: number[], extra: Partial<ResultRow> = {}): ResultRow {
  const sorted = [...samples].sort((a, b) => a - b);
  return { target, suite, metric, unit: 'ms', better: 'lower', status: 'ok', median: sorted[Math.floor(sorted.length / 2)] ?? null, samples, ...extra };
}

const results: BenchResults = {
  schemaVersion: RESULTS_SCHEMA_VERSION,
  createdAt: '2026-11-25T08:00:00.000Z',
  machine: { node: 'v20.20.0', cpuModel: 'Test CPU', cores: 2, os: 'linux', platform: 'linux', release: '6.1.0', arch: 'x64', hostname: 'h', totalMemoryBytes: 1, loadAverage: [0.5, 0.25, 0], gitCommit: null, plugbenchVersion: '0.1.0' },
  options: { quick: true, suites: ['latency', 'hang', 'callback'], targets: ['alpha', 'beta'] },
  harness: { emptyTaskMedianMs: 0.0003, samples: [0.0003] },
  durationMs: 1234,
  skipped: [{ target: 'gamma', reason: 'no gamma here' }],
  warnings: ['unhandled error during beta latency: write EPIPE'],
  results: [
    row('floor:pipe', 'latency', 'round-trip', [0.02, 0.02, 0.02]),
    row('alpha', 'latency', 'round-trip', [0.08, 0.08, 0.08], { floor: 'floor:pipe', ratio: 4 }),
    row('alpha', 'hang', 'time-to-usable', [], { status: 'not-recoverable', median: null, note: 'blocks the host' }),
    row('alpha', 'callback', 'revertWithPrefix', [0.1, 0.1, 0.1], { ratio: 1.25 }),
    row('beta', 'latency', 'round-trip', [], { status: 'failed', median: null, note: 'beta exploded' }),
    row('beta', 'hang', 'time-to-usable', [300, 310, 320]),
    row('beta', 'callback', 'revertWithPrefix', [], { status: 'not-supported', median: null, note: 'no callbacks' }),
  ],
};

describe('results table and Markdown', () => {
  it('puts targets in rows and suites in columns, floors first, with ratios and statuses', () => {
    const lines = renderResultsTable(results).split('\n');
    const header = lines.find((line) => line.includes('target'))!;
    expect(header.indexOf('latency')).toBeLessThan(header.indexOf('hang'));
    expect(header.indexOf('hang')).toBeLessThan(header.indexOf('callback'));
    const text = lines.join('\n');
    expect(text.indexOf('floor:pipe')).toBeLessThan(text.indexOf('alpha'));
    for (const expected of ['20.0 µs', '80.0 µs', '4.0× floor', 'not recoverable', '1.3× revert', '310 ms', 'n/a', 'skipped: no gamma here', 'failed: beta latency: beta exploded', 'warning: unhandled error during beta latency: write EPIPE', 'quick run']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/\x1b\[/); // plain unless asked for colour
  });

  it('renders the same view in Markdown, with every row and its statistics below', () => {
    const markdown = renderResultsMarkdown(results);
    expect(markdown).toContain('| target | latency | µs: floor → library → plugbench | hang to usable | callback |');
    // A file from before bare mechanisms: the run's one floor row, no library.
    expect(markdown).toContain('| alpha | 80.0 µs, 4.0× floor | 20.0 → – → 80.0 | not recoverable | 100 µs, 1.3× revert |');
    expect(markdown).toContain('- `gamma`: no gamma here');
    expect(markdown).toContain('#### hang');
    expect(markdown).toContain('- unhandled error during beta latency: write EPIPE');
    expect(markdown).toMatch(/\| beta \| time-to-usable \| 310 ms \|/);
  });

  it('shows each target as channel floor -> library -> plugbench in its own line, with × bare, and the split in Markdown', () => {
    const split = withTimeSplits(makeResults());
    const worker = split.results.find((r) => r.target === 'worker' && r.role === 'target')!;
    const floor = split.results.find((r) => r.target === 'floor:message-port' && r.params?.beside === 'worker')!;
    const bare = split.results.find((r) => r.target === 'bare:worker-library')!;
    const us = (r: ResultRow) => (r.median! * 1000).toPrecision(3);
    const table = renderResultsTable(split);
    expect(table).toContain(`${us(floor)} → ${us(bare)} → ${us(worker)}`);
    expect(table).toContain(`${significant(worker.overhead!, 2)}× bare`);
    expect(table).not.toContain('bare:worker-library'); // references live in their target's line
    const markdown = renderResultsMarkdown(split);
    expect(markdown).toContain(`| worker | floor:message-port | ${us(floor)} | bare:worker-library | ${us(bare)} | ${us(worker)} | ${significant(worker.ratio!, 2)}× | ${significant(worker.overhead!, 2)}× |`);
    expect(markdown).toContain('| bare:worker-library beside worker | round-trip |');
  });
});
