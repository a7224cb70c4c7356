import { describe, expect, it } from 'vitest';
import { runBench } from '../../src/bench/run-bench.js';

describe('effort suite', () => {
  it('counts the sample files of every available target, with no failure', async () => {
    const results = await runBench({ quick: true, suites: ['effort'] });
    expect(results.results.filter((row) => row.status !== 'ok').map((row) => `${row.target}: ${row.note}`)).toEqual([]);
    for (const target of results.options.targets) {
      const metric = (name: string) => results.results.find((row) => row.target === target && row.metric === name);
      expect(metric('lines-of-code')!.median, target).toBeGreaterThan(0);
      expect(metric('files')!.median, target).toBeGreaterThanOrEqual(1);
      expect(metric('schema-files')!.median, target).toBeGreaterThanOrEqual(0);
    }
  });

  it('counts what a TypeScript plugin author writes for the worker target', async () => {
    const results = await runBench({ quick: true, targets: ['worker'], suites: ['effort'] });
    const metric = (name: string) => results.results.find((row) => row.metric === name)!;
    expect(metric('files').median).toBe(1);
    expect(metric('build-steps')).toMatchObject({ median: 1, note: 'tsc' });
    expect(metric('schema-files').median).toBe(0);
    expect(metric('lines-of-code').note).toContain('typescript/revert-plugin.ts');
  });
});
