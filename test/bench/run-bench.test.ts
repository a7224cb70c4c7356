/**
 * The run loop against fake targets registered for this file: an unavailable
 * one (skipped with its reason), one whose start always fails (failed rows, the
 * run goes on), and a worker whose connections are counted as they open and close (every plugin
 * started is stopped).
 */
import { describe, expect, it } from 'vitest';
import { QUICK_BUDGET } from '../../src/bench/budget.js';
import { runBench } from '../../src/bench/run-bench.js';
import { PluginError } from '../../src/core/errors.js';
import type { Connection } from '../../src/core/connection.js';
import { HANG_BEHAVIOURS, type TargetDescriptor } from '../../src/core/descriptor.js';
import { findTarget, registerTarget } from '../../transports/catalog.js';
import { expectCode } from '../helpers/expect-code.js';

const UNAVAILABLE_REASON = 'needs the frobnicator; install it with `apt-get install frobnicator`';
const inProcess = findTarget('in-process')!.descriptor;
const worker = findTarget('worker')!.descriptor;

const unavailable: TargetDescriptor = {
  ...inProcess,
  name: 'test-unavailable',
  availability: async () => ({ available: false, reason: UNAVAILABLE_REASON }),
  load: () => Promise.reject(new Error('an unavailable target must never be started')),
};

const broken: TargetDescriptor = {
  ...inProcess,
  name: 'test-broken',
  load: async () => ({
    open: () => Promise.reject(new PluginError('START_FAILED', 'test-broken never starts')),
  }),
};

const started = new Set<Connection>();
const stopped = new Set<Connection>();
/** The worker target, its connections counted as they open and close. */
const counted: TargetDescriptor = {
  ...worker,
  name: 'test-counted',
  load: async () => {
    const real = await worker.load();
    return {
      open: async (request) => {
        const connection = await real.open(request);
        started.add(connection);
        const close = connection.close.bind(connection);
        connection.close = () => {
          stopped.add(connection);
          return close();
        };
        return connection;
      },
    };
  },
};

for (const descriptor of [unavailable, broken, counted]) registerTarget(descriptor);

describe('runBench', () => {
  it('lists an unavailable target as skipped with its reason, and runs the rest', async () => {
    const results = await runBench({ quick: true, targets: ['test-unavailable', 'in-process'], suites: ['latency', 'effort'] });
    expect(results.skipped).toEqual([{ target: 'test-unavailable', reason: UNAVAILABLE_REASON }]);
    expect(results.results.some((row) => row.target === 'test-unavailable')).toBe(false);
    expect(results.options.targets).toEqual(['in-process']);
    const latency = results.results.find((row) => row.target === 'in-process' && row.metric === 'round-trip')!;
    expect(latency).toMatchObject({ status: 'ok', floor: 'floor:function' });
    expect(latency.samples).toHaveLength(QUICK_BUDGET.latencySamples);
    const floor = results.results.find((row) => row.target === 'floor:function')!;
    expect(latency.ratio).toBeCloseTo(latency.median! / floor.median!, 10);
    expect(results.harness!.samples).toHaveLength(QUICK_BUDGET.latencySamples);
  });

  it('records a target that fails to start as failed rows, one per suite, and goes on', async () => {
    const results = await runBench({ quick: true, targets: ['test-broken', 'in-process'], suites: ['latency', 'startup', 'callback'] });
    const failed = results.results.filter((row) => row.target === 'test-broken');
    expect(failed.map((row) => [row.suite, row.status])).toEqual([
      ['latency', 'failed'],
      ['startup', 'failed'],
      ['callback', 'failed'],
    ]);
    for (const row of failed) expect(row.note).toContain('test-broken never starts');
    expect(results.results.filter((row) => row.target === 'in-process' && row.status === 'ok').length).toBeGreaterThan(3);
  });

  it('stops every plugin it started, through every suite (restarts and swaps included)', async () => {
    const results = await runBench({ quick: true, targets: ['test-counted'] });
    const own = results.results.filter((row) => row.target === 'test-counted');
    // A worker is one plugin per handle: the scale suite (instances behind a broker) says why not.
    const measurable = own.filter((row) => !(row.suite === 'scale' && row.status === 'not-supported'));
    expect(measurable.filter((row) => row.status !== 'ok').map((row) => `${row.suite}/${row.metric}: ${row.note}`)).toEqual([]);
    expect(new Set(own.map((row) => row.suite))).toEqual(new Set(results.options.suites));
    expect(started.size).toBeGreaterThan(5);
    expect([...started].filter((handle) => !stopped.has(handle))).toEqual([]);
    // One sample per crash or swap (QUICK_BUDGET.faultTrials), none of them hung or failed.
    expect(own.find((row) => row.suite === 'recovery' && row.metric === 'calls-hung')!.samples).toEqual(Array(QUICK_BUDGET.faultTrials).fill(0));
    expect(own.find((row) => row.suite === 'swap' && row.metric === 'calls-failed')!.samples).toEqual(Array(QUICK_BUDGET.faultTrials).fill(0));
  });

  it('never hangs a target that declares it cannot recover from a hang', async () => {
    const results = await runBench({ quick: true, targets: ['in-process'], suites: ['hang', 'recovery'] });
    expect(results.results.map((row) => [row.suite, row.status])).toEqual([
      ['hang', 'not-recoverable'],
      ['recovery', 'not-supported'],
    ]);
    const { hang } = inProcess.capabilities;
    expect(results.results[0]!.note).toBe(`${hang}: ${HANG_BEHAVIOURS[hang].summary}`);
  });

  it('refuses unknown suites, targets and channels with the valid names', async () => {
    const suite = await expectCode(runBench({ suites: ['latency', 'nope'] }), 'INVALID_INPUT');
    expect(suite.message).toContain('valid suites: latency, throughput, payload, startup, recovery, hang, effort, swap, callback');
    const target = await expectCode(runBench({ targets: ['nope'] }), 'INVALID_INPUT');
    expect(target.message).toContain('valid targets: in-process');
    await expectCode(runBench({ floors: ['carrier-pigeon'] }), 'INVALID_INPUT');
  });

  it('stops and rejects with CANCELLED when its signal aborts', async () => {
    const controller = new AbortController();
    const before = started.size;
    const run = runBench({
      targets: ['test-counted'],
      suites: ['latency', 'throughput'],
      signal: controller.signal,
      // 'detail' comes once the suite has started its plugin and begins measuring.
      onProgress: (event) => event.type === 'detail' && controller.abort(),
    });
    await expectCode(run, 'CANCELLED');
    expect(started.size).toBe(before + 1);
    expect([...started].filter((handle) => !stopped.has(handle))).toEqual([]);
  });
});

describe('runBench deadlines', () => {
  it('records a suite that runs past its deadline as failed, stops its plugin, and goes on', async () => {
    const connections: { closed: boolean }[] = [];
    // A plugin whose revert never answers: only the suite deadline ends the wait.
    const silent: TargetDescriptor = {
      ...inProcess,
      name: 'test-silent',
      load: async () => ({
        open: async (request) => {
          const real = await (await inProcess.load()).open(request);
          const record = { closed: false };
          connections.push(record);
          return {
            send: (method, args, call) => (method === 'revert' ? new Promise(() => {}) : real.send(method, args, call)),
            ping: (ms) => real.ping(ms),
            close: () => {
              record.closed = true;
              return real.close();
            },
          };
        },
      }),
    };
    registerTarget(silent);
    const results = await runBench({ quick: true, targets: ['test-silent', 'in-process'], suites: ['latency'], budget: { suiteTimeoutMs: 300 } });
    const failed = results.results.find((row) => row.target === 'test-silent')!;
    expect(failed).toMatchObject({ suite: 'latency', metric: 'round-trip', status: 'failed' });
    expect(failed.note).toContain('did not finish within 0.3 s');
    expect(results.results.find((row) => row.target === 'in-process' && row.metric === 'round-trip')!.status).toBe('ok');
    expect(connections).toEqual([{ closed: true }]);
  });
});

describe('runBench recovery', () => {
  it('reports a target whose plugin cannot crash on request as not-supported, without waiting for a recovery', async () => {
    // The in-process dispatcher refuses fault:crash ("this container cannot crash on request").
    registerTarget({ ...inProcess, name: 'test-uncrashable', capabilities: { ...inProcess.capabilities, crashIsolated: true } });
    const results = await runBench({ quick: true, targets: ['test-uncrashable'], suites: ['recovery'] });
    expect(results.results).toHaveLength(1);
    expect(results.results[0]).toMatchObject({ suite: 'recovery', status: 'not-supported' });
    expect(results.results[0]!.note).toContain('cannot crash on request');
  });
});
