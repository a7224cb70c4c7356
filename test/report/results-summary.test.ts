import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/results/types.js';
import { renderResultsCsv } from '../../src/report/results-csv.js';
import { renderResultsMarkdown } from '../../src/report/results-markdown.js';
import { makeResults, withTimeSplits } from '../helpers/bench-results.js';

const failed: ResultRow = { target: 'worker', suite: 'recovery', metric: 'time-to-first-success', unit: 'ms', better: 'lower', status: 'failed', median: null, samples: [], note: 'it never came back' };

describe('the bench Markdown as a job summary', () => {
  const results = withTimeSplits(makeResults());
  results.results = results.results.filter((row) => !(row.target === 'worker' && row.suite === 'recovery')).concat(failed);
  // The suites whose key figure the fixture has (its throughput and payload rows are not the ones the table shows).
  results.options.suites = ['latency', 'startup', 'recovery', 'effort', 'hang'];

  it('opens with a one-line verdict, then the table of targets, all on one screen before anything folded', () => {
    const lines = renderResultsMarkdown(results).split('\n');
    expect(lines[0]).toBe('### plugbench results (quick)');
    expect(lines[2]).toMatch(/^\*\*3 targets × 5 suites: 1 failed\*\* \(worker recovery\), 1 skipped; round trip from .+ \(in-process\) to .+ \(child-stdio\)$/);
    expect(lines[4]).toMatch(/^\| target \| latency \|/);
    const firstFold = lines.findIndex((line) => line.startsWith('<details>'));
    expect(firstFold).toBeGreaterThan(4);
    expect(firstFold).toBeLessThanOrEqual(40);
  });

  it('folds where the time goes, the failures, the skipped targets and every row of every suite', () => {
    const markdown = renderResultsMarkdown(results);
    const folds = [...markdown.matchAll(/<details><summary>([^<]+)<\/summary>/g)].map((match) => match[1]);
    expect(folds).toEqual(['Where the time goes', 'Failed (1)', 'Skipped, not available here (1)', `Every row of every suite (${results.results.length}), with its statistics`]);
    expect(markdown.match(/<details>/g)).toHaveLength(markdown.match(/<\/details>/g)!.length);
    const every = markdown.slice(markdown.indexOf('<details><summary>Every row'));
    for (const suite of ['latency', 'startup', 'recovery', 'effort']) expect(every).toContain(`#### ${suite}`);
    expect(markdown).toContain('- worker recovery: it never came back');
  });

  it('names --samples and --warmup when they changed the budget', () => {
    const changed = { ...results, options: { ...results.options, overrides: { samples: 5000, warmup: 50 } } };
    expect(renderResultsMarkdown(changed).split('\n')[0]).toBe('### plugbench results (quick, 5000 samples, 50 warm-up calls)');
  });
});

describe('the CSV export', () => {
  it('has one line per row with its unit, the figures as measured, and RFC 4180 quoting', () => {
    const results = makeResults();
    results.results.push({ ...failed, note: 'said "no", then, quit' });
    const lines = renderResultsCsv(results).split('\r\n');
    expect(lines.at(-1)).toBe('');
    const head = lines[0]!.split(',');
    expect(head.slice(0, 8)).toEqual(['target', 'suite', 'metric', 'params', 'status', 'unit', 'better', 'median']);
    expect(lines).toHaveLength(results.results.length + 2);
    const payload = results.results.find((row) => row.suite === 'payload')!;
    const line = lines.find((text) => text.startsWith(`${payload.target},payload,${payload.metric},`))!.split(',');
    expect(line[head.indexOf('params')]).toBe(`bytes=${payload.params!.bytes}`);
    expect(line[head.indexOf('unit')]).toBe('ms');
    expect(Number(line[head.indexOf('median')])).toBe(payload.median);
    expect(Number(line[head.indexOf('samples')])).toBe(payload.samples.length);
    expect(lines.at(-2)).toMatch(/,failed,ms,lower,,.*,"said ""no"", then, quit"$/);
  });
});
