/** The scale suite: a broker target at 1, 2 and 4 instances and with one killed mid-run; other targets say why not. */
import { describe, expect, it } from 'vitest';
import { runBench } from '../../src/bench/run-bench.js';
import { findNatsServer } from '../../transports/nats/find-nats-server.js';

describe.skipIf(!findNatsServer())('scale suite', () => {
  it('measures nats at 1, 2 and 4 instances, and a kill that no revert caller sees; in-process is not-supported', async () => {
    const results = await runBench({ targets: ['nats', 'in-process'], suites: ['scale'], quick: true, budget: { throughputRounds: 2, faultTrials: 1 } });
    const rows = results.results.filter((row) => row.suite === 'scale');
    const nats = new Map(rows.filter((row) => row.target === 'nats').map((row) => [row.metric, row]));
    for (const metric of ['calls-per-second-1-instance', 'calls-per-second-2-instances', 'calls-per-second-4-instances']) {
      expect(nats.get(metric)).toMatchObject({ status: 'ok' });
      expect(nats.get(metric)!.median).toBeGreaterThan(0);
    }
    expect(nats.get('calls-failed-on-kill')).toMatchObject({ status: 'ok', median: 0 });
    expect(nats.get('calls-hung-on-kill')).toMatchObject({ status: 'ok', median: 0 });
    expect(nats.get('calls-retried-on-kill')).toMatchObject({ status: 'ok' });
    expect(rows.find((row) => row.target === 'in-process')).toMatchObject({ status: 'not-supported', metric: 'calls-per-second-1-instance' });
  }, 120_000);
});
