import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../src/results/types.js';
import { compareRuns } from '../../src/compare/compare-results.js';
import { decideGate } from '../../src/compare/gate.js';
import { comparisonNotes, machineDifferences } from '../../src/compare/machine-differences.js';
import { makeResults, makeRuns, withSlowerTarget } from '../helpers/bench-results.js';

const one = (results: BenchResults) => [{ file: 'run.json', results }];

describe('machineDifferences', () => {
  it('ignores the hostname, commit, plugbench version and kernel build; names CPU, cores, OS family, architecture and Node', () => {
    const base = one(makeResults());
    const sameMachine = one(makeResults({ machine: { hostname: 'runner-42', gitCommit: 'ffff', plugbenchVersion: '0.2.0', release: '6.1.0-41-cloud-amd64' } }));
    expect(machineDifferences(base, sameMachine)).toEqual([]);
    const other = one(makeResults({ machine: { cpuModel: 'Other CPU', cores: 4, platform: 'darwin', arch: 'arm64', node: 'v22.1.0' } }));
    expect(machineDifferences(base, other).map((d) => d.what)).toEqual(['CPU', 'cores', 'OS', 'architecture', 'Node']);
  });

  it('also finds two machines among the runs of one side', () => {
    const runs = makeRuns(3);
    runs[2]!.results.machine = { ...runs[2]!.results.machine, cpuModel: 'Other CPU' };
    expect(machineDifferences(runs, makeRuns(3))).toEqual([{ what: 'CPU', base: 'Test CPU @ 2.00GHz / Other CPU', head: 'Test CPU @ 2.00GHz' }]);
  });
});

describe('comparisonNotes', () => {
  it('notes a kernel build, a quick run against a full one and a busy start, without refusing', () => {
    const notes = comparisonNotes(one(makeResults({ quick: true })), one(makeResults({ quick: false, machine: { loadAverage: [3.5, 2, 1], release: '6.1.0-41' } })));
    expect(notes).toEqual([
      'the kernel builds differ (6.1.0, 6.1.0-41): the same machine for compare, said in case it matters',
      'quick and full runs are mixed (base quick, head full): sample counts differ, so p-values do too',
      '1 of 1 head run started with a load average above 1 per core (3.50): noisier samples',
    ]);
    expect(comparisonNotes(one(makeResults()), one(makeResults()))).toEqual([]);
  });
});

describe('the gate', () => {
  it('refuses to gate results from different machines unless allowed, even with a regression', () => {
    const base = one(makeResults());
    const head = one(withSlowerTarget(makeResults({ machine: { cpuModel: 'Other CPU' } }), 'worker', 1.3));
    const comparison = compareRuns(base, head);
    const refused = decideGate(comparison, false);
    expect(refused).toMatchObject({ status: 'refused', exitCode: 2 });
    expect(refused.message).toContain('CPU Test CPU @ 2.00GHz vs Other CPU');
    expect(refused.message).toContain('--allow-different-machines');
    expect(decideGate(comparison, true)).toMatchObject({ status: 'regression', exitCode: 1 });
  });

  it('passes with how many rows it judged over how many runs', () => {
    const comparison = compareRuns(makeRuns(10, { seed: 1 }), makeRuns(10, { seed: 2 }));
    expect(decideGate(comparison, false).message).toMatch(/^no regression \(\d+ rows judged over 10\+10 runs, threshold 10%, alpha 0\.05/);
  });
});
