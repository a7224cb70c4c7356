/**
 * The isolation audit, measured on this machine. Every target that offers a
 * sandbox is audited plain and sandboxed: each protection it lists must block
 * the probe that protection is about, which the plain variant lets through. And
 * a probe that takes an in-process host down is recorded while the audit survives.
 */
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/results/types.js';
import { runIsolationAudit } from '../../src/audit/run-audit.js';
import { SANDBOX_PROTECTION } from '../../src/core/start-guard.js';
import { loadAllTargets } from '../helpers/targets.js';

/** The probe each sandbox protection is meant to stop. */
const PROBE_FOR: Record<string, string[]> = {
  'permission-model': ['read-secret-file', 'spawn-process'],
  resourceLimits: ['memory-bomb'],
  'heap-limit': ['memory-bomb'],
  'clean-env': ['read-secret-env'],
};

function outcome(rows: ResultRow[], target: string, metric: string): unknown {
  const row = rows.find((candidate) => candidate.target === target && candidate.metric === metric);
  expect(row, `${target} ${metric}`).toBeDefined();
  expect(row!.status, row!.note).toBe('ok');
  return row!.params?.outcome;
}

const sandboxed = (await loadAllTargets()).filter(({ target, availability }) => availability.available && target.capabilities.protections.includes(SANDBOX_PROTECTION));

describe('runIsolationAudit', () => {
  it('finds at least one target with a sandbox', () => {
    expect(sandboxed.map(({ name }) => name)).toContain('worker');
  });

  for (const { name, target } of sandboxed) {
    const probes = [...new Set(target.capabilities.protections.flatMap((protection) => PROBE_FOR[protection] ?? []))];
    it(`${name}: the sandbox blocks ${probes.join(', ')}, which the plain ${name} lets through`, async () => {
      expect(probes.length, `${name} offers a sandbox but lists no protection this test knows`).toBeGreaterThan(0);
      const { results } = await runIsolationAudit({ targets: [name], probes });
      expect(results).toHaveLength(probes.length * 2);
      for (const row of results) expect(row).toMatchObject({ suite: 'isolation', target: name, unit: 'contained' });
      for (const probe of probes) {
        expect(outcome(results, name, probe), `plain ${probe}`).toBe('allowed');
        expect(outcome(results, name, `${probe}+sandbox`), `sandboxed ${probe}`).toBe('blocked');
      }
    });
  }

  it('in-process: globals change, the memory bomb crashes the host and the endless loop hangs it, and the audit survives both', async () => {
    const { results } = await runIsolationAudit({ targets: ['in-process'], probes: ['change-host-globals', 'memory-bomb', 'endless-loop'] });
    expect(outcome(results, 'in-process', 'change-host-globals')).toBe('allowed');
    expect(outcome(results, 'in-process', 'memory-bomb')).toBe('host-crashed');
    expect(outcome(results, 'in-process', 'endless-loop')).toBe('host-hung');
    expect(results.find((row) => row.metric === 'endless-loop')?.samples).toEqual([0]);
  });
});
