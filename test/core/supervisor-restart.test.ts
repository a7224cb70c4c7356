/** Supervisor.restart: what a fleet health check calls for a plugin that did not answer its survey. */
import { describe, expect, it } from 'vitest';
import { Supervisor } from '../../src/core/supervisor.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const workerTarget = await loadTarget('worker');

describe('Supervisor.restart', () => {
  it('replaces a running plugin, fails its calls in flight with CRASHED, and records the recovery', async () => {
    await using plugin = await Supervisor.start(workerTarget, { faultInjection: true }, { restart: { initialDelayMs: 10 } });
    const inFlight = plugin.call('fault:stall', []);
    const lost = expectCode(inFlight, 'CRASHED');
    await plugin.restart('survey: no answer within 100 ms');
    await lost;
    expect(plugin.generation).toBe(2);
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
    expect(plugin.recoveries).toMatchObject([{ cause: 'unresponsive', message: 'survey: no answer within 100 ms', attempt: 1 }]);
  });

  it('joins a restart already under way after a crash', async () => {
    await using plugin = await Supervisor.start(workerTarget, { faultInjection: true }, { restart: { initialDelayMs: 10 } });
    await expectCode(plugin.call('fault:crash', []), 'CRASHED');
    await plugin.restart('survey: answered unhealthy');
    expect(plugin.generation).toBe(2);
    expect((await plugin.health()).ok).toBe(true);
  });

  it('rejects with the give-up error once the crash window is full', async () => {
    await using plugin = await Supervisor.start(workerTarget, {}, { restart: { maxCrashes: 1, initialDelayMs: 10 } });
    const error = await expectCode(plugin.restart('survey: silent'), 'CRASHED');
    expect(error.message).toContain('gave up');
  });

  it('refuses on a stopped supervisor with CLOSED', async () => {
    const plugin = await Supervisor.start(workerTarget);
    await plugin.stop();
    await expectCode(plugin.restart('survey: silent'), 'CLOSED');
  });
});
