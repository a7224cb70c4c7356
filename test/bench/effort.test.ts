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

describe('effort of the Python gRPC plugin', () => {
  it('counts protoc output as generated: not lines of anyone, one build step', async () => {
    const results = await runBench({ quick: true, targets: ['tcp-rpc-python'], suites: ['effort'] });
    if (results.skipped.length > 0) return; // no Python with grpcio here: `plugbench list` says why
    const metric = (name: string) => results.results.find((row) => row.metric === name)!;
    expect(metric('files').median).toBe(1);
    expect(metric('schema-files')).toMatchObject({ median: 1, note: 'proto/revert.proto' });
    expect(metric('build-steps')).toMatchObject({ median: 1, note: expect.stringContaining('protoc') });
    expect(metric('lines-of-code').note).toContain('generated, not counted: python/revert_pb2.py, python/health_pb2.py');
    expect(metric('support-lines-of-code').note).not.toContain('_pb2');
  });
});
