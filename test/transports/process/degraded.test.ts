/**
 * A Python plugin cannot interrupt a call's thread: calls the host gave up that
 * still run (fault:hang spins) make it degraded, its health answer says so, and
 * the supervisor replaces it, recording why. The fresh plugin runs no stuck call.
 */
import { describe, expect, it } from 'vitest';
import { Supervisor, type SupervisorEvent } from '../../../src/core/supervisor.js';
import { expectCode } from '../../helpers/expect-code.js';
import { waitUntilGone } from '../../helpers/process.js';
import { loadAllTargets, targetNamesWhere } from '../../helpers/targets.js';

const PYTHON_TARGETS = new Set(targetNamesWhere((descriptor) => descriptor.plugin.language === 'python'));
const targets = (await loadAllTargets()).filter(({ name }) => PYTHON_TARGETS.has(name));

for (const { name, target, availability } of targets) {
  describe.skipIf(!availability.available)(`${name} degraded by hung calls`, () => {
    it('is replaced by the supervisor, with the reason recorded, and the fresh plugin has no call running', async () => {
      const events: SupervisorEvent[] = [];
      await using plugin = await Supervisor.start(target, { faultInjection: true }, { restart: { initialDelayMs: 10 }, onEvent: (event) => events.push(event) });
      const firstPid = plugin.pid!;
      for (let hung = 0; hung < 8 && plugin.pid === firstPid; hung++) {
        await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
        // Waits for the health check that follows the timeout, and proves the plugin still answers.
        expect(await plugin.call('revert', ['abc'], { timeoutMs: 30_000 })).toBe('cba');
      }
      expect(plugin.pid).not.toBe(firstPid);
      expect(plugin.recoveries).toMatchObject([{ cause: 'degraded' }]);
      expect(plugin.recoveries[0]!.message).toMatch(/timed out, then its health check says it is degraded: .*plugin is degraded: \d+ calls running, [2-9] of them given up/);
      expect(events).toContainEqual(expect.objectContaining({ type: 'crashed', cause: 'degraded' }));
      const health = await plugin.health({ timeoutMs: 10_000 });
      expect(health).toMatchObject({ ok: true, detail: '0 calls running, 0 of them given up (degraded at 2)' });
      expect(await waitUntilGone(firstPid, 10_000)).toBe(true);
    });
  });
}
