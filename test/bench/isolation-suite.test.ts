/**
 * The isolation suite runs the audit the caller passes (the bench does not import
 * src/audit); without one, the suite is a failed row that says what is missing.
 */
import { describe, expect, it } from 'vitest';
import { runIsolationAudit } from '../../src/audit/run-audit.js';
import { runBench } from '../../src/bench/run-bench.js';
import { listTargets } from '../../transports/catalog.js';

const target = listTargets().find((entry) => entry.descriptor.family === 'thread')!.name;

describe('isolation suite', () => {
  it("records the audit's rows for the target, with its progress", async () => {
    const details: string[] = [];
    const results = await runBench({
      quick: true,
      targets: [target],
      suites: ['isolation'],
      isolation: async (name, onProgress) => (await runIsolationAudit({ targets: [name], probes: ['change-host-globals'], variants: 'plain', onProgress })).results,
      onProgress: (event) => {
        if (event.type === 'detail') details.push(event.detail);
      },
    });
    expect(results.results).toEqual([expect.objectContaining({ target, suite: 'isolation', metric: 'change-host-globals', status: 'ok', params: expect.objectContaining({ outcome: 'blocked' }) })]);
    expect(details.some((line) => line.includes('change-host-globals'))).toBe(true);
  });

  it('is a failed row naming the missing audit when the caller passes none', async () => {
    const results = await runBench({ quick: true, targets: [target], suites: ['isolation'] });
    expect(results.results).toEqual([expect.objectContaining({ target, suite: 'isolation', status: 'failed', note: expect.stringMatching(/needs the audit/) })]);
  });
});
