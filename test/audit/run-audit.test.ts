/**
 * The isolation audit, measured on this machine: sandboxes block what they
 * claim, the unsandboxed control gets through, and a probe that takes an
 * in-process host down is recorded while the audit itself survives.
 */
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/bench/results.js';
import { runIsolationAudit } from '../../src/audit/run-audit.js';

function outcome(rows: ResultRow[], target: string, metric: string): unknown {
  const row = rows.find((candidate) => candidate.target === target && candidate.metric === metric);
  expect(row, `${target} ${metric}`).toBeDefined();
  expect(row!.status, row!.note).toBe('ok');
  return row!.params?.outcome;
}

describe('runIsolationAudit', () => {
  it('worker: the sandbox blocks the memory bomb and the host secret that the plain worker lets through', async () => {
    const { results } = await runIsolationAudit({ targets: ['worker'], probes: ['read-secret-env', 'memory-bomb'] });
    expect(results).toHaveLength(4);
    for (const row of results) expect(row).toMatchObject({ suite: 'isolation', target: 'worker', unit: 'contained' });
    expect(outcome(results, 'worker', 'read-secret-env')).toBe('allowed');
    expect(outcome(results, 'worker', 'memory-bomb')).toBe('allowed');
    expect(outcome(results, 'worker', 'read-secret-env+sandbox')).toBe('blocked');
    expect(outcome(results, 'worker', 'memory-bomb+sandbox')).toBe('blocked');
  });

  it('in-process: globals change, the memory bomb crashes the host and the endless loop hangs it, and the audit survives both', async () => {
    const { results } = await runIsolationAudit({ targets: ['in-process'], probes: ['change-host-globals', 'memory-bomb', 'endless-loop'] });
    expect(outcome(results, 'in-process', 'change-host-globals')).toBe('allowed');
    expect(outcome(results, 'in-process', 'memory-bomb')).toBe('host-crashed');
    expect(outcome(results, 'in-process', 'endless-loop')).toBe('host-hung');
    expect(results.find((row) => row.metric === 'endless-loop')?.samples).toEqual([0]);
  });
});
