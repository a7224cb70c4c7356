/**
 * Fault tests for every out-of-process target (the Python ones where an
 * interpreter can run them): crash mid-call, hang, garbage on the channel,
 * host SIGKILL, and the supervisor restarting what died or stopped answering.
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { Supervisor } from '../../../src/core/supervisor.js';
import type { PluginEvent } from '../../../src/core/transport.js';
import { NO_DEATH_SIGNAL_ENV } from '../../../transports/process/death-signal.js';
import { DEFAULT_GRACE_MS } from '../../../transports/process/stop-plugin.js';
import { CRASH_EXIT_CODE } from '../../../transports/process/node-runner.js';
import { expectCode } from '../../helpers/expect-code.js';
import { isRunning, waitUntilGone } from '../../helpers/process.js';
import { loadAllTargets, targetNamesWhere } from '../../helpers/targets.js';

const processTargets = (await loadAllTargets()).filter(({ target }) => target.family === 'process');
/** What garbage from the plugin does, as each descriptor declares it (GarbageBehaviour): the test checks the declared kind. */
const garbageBreaksChannel = new Set(targetNamesWhere((descriptor) => descriptor.capabilities.garbage === 'breaks-channel'));
const garbageLogged = new Set(targetNamesWhere((descriptor) => descriptor.capabilities.garbage === 'logged-as-output'));
const hostThenDie = new URL('../../fixtures/process/host-then-die.mjs', import.meta.url).pathname;

for (const { name, target, availability } of processTargets) {
  describe.skipIf(!availability.available)(`${name} faults${availability.available ? '' : ` (skipped: ${availability.reason})`}`, () => {
    it('rejects every pending call with CRASHED and the exit code when the plugin dies mid-call', async () => {
      const plugin = await target.start({ faultInjection: true });
      try {
        const pid = plugin.pid!;
        const pending = [plugin.call('fault:sleep', [10_000]), plugin.call('fault:stall', []), plugin.call('fault:crash', [])];
        for (const call of pending) {
          const error = await expectCode(call, 'CRASHED');
          expect(error.data).toMatchObject({ exitCode: CRASH_EXIT_CODE });
        }
        expect(await plugin.exited).toMatchObject({ reason: 'crashed', exitCode: CRASH_EXIT_CODE });
        await expectCode(plugin.call('revert', ['x']), 'CRASHED');
        expect(isRunning(pid)).toBe(false);
      } finally {
        await plugin.stop();
      }
    });

    it('times a hung call out with TIMEOUT, and stop() still ends the process', async () => {
      const plugin = await target.start({ faultInjection: true });
      const pid = plugin.pid!;
      try {
        await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
      } finally {
        await plugin.stop();
      }
      expect(await waitUntilGone(pid, 10_000)).toBe(true);
      expect(await plugin.exited).toEqual({ reason: 'stopped' });
    });

    it.runIf(target.capabilities.hang === 'killed-and-restarted')('stops a hung plugin whose health check went unanswered without waiting out the grace periods', async () => {
      const plugin = await target.start({ faultInjection: true });
      const pid = plugin.pid!;
      try {
        await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
        expect(await plugin.health({ timeoutMs: 300 })).toMatchObject({ ok: false });
      } finally {
        const began = performance.now();
        await plugin.stop();
        // The graceful path gives a plugin that never answers 1 s for exit and 1 s after stdin closes.
        expect(performance.now() - began).toBeLessThan(DEFAULT_GRACE_MS);
      }
      expect(await waitUntilGone(pid, 10_000)).toBe(true);
    });

    if (garbageBreaksChannel.has(name)) {
      it('fails the connection with PROTOCOL_ERROR when the plugin writes garbage on its channel', async () => {
        const plugin = await target.start({ faultInjection: true });
        try {
          const pid = plugin.pid!;
          const sleeping = plugin.call('fault:sleep', [10_000]);
          const error = await expectCode(plugin.call('fault:garbage', []), 'PROTOCOL_ERROR');
          expect(error.message).toMatch(/not JSON-RPC|not UTF-8 JSON/);
          await expectCode(sleeping, 'PROTOCOL_ERROR');
          expect(await plugin.exited).toMatchObject({ reason: 'crashed' });
          expect(await waitUntilGone(pid, 10_000)).toBe(true);
        } finally {
          await plugin.stop();
        }
      });
    }
    if (garbageLogged.has(name)) {
      it('logs garbage on stdout as plugin output, without breaking its channel', async () => {
        let sawGarbage!: (line: string) => void;
        const garbage = new Promise<string>((resolve) => (sawGarbage = resolve));
        await using plugin = await target.start({
          faultInjection: true,
          onEvent: (event: PluginEvent) => event.type === 'stderr' && event.line.includes('garbage') && sawGarbage(event.line),
        });
        // The garbage call itself never answers; the channel stays usable and the bytes reach the log.
        await expectCode(plugin.call('fault:garbage', [], { timeoutMs: 300 }), 'TIMEOUT');
        expect(await garbage).toMatch(/^stdout: garbage/);
        expect(await plugin.call('revert', ['ab'])).toBe('ba');
      });
    }

    for (const mode of ['idle', 'hang'] as const) {
      it(`leaves no orphan when its host is killed with SIGKILL (plugin ${mode === 'idle' ? 'idle' : 'in a busy loop'})`, async () => {
        // Idle: the stdin lifeline alone (no parent-death signal). Busy loop: the plugin cannot
        // read its stdin, so the parent-death signal (setpriv, on Linux) has to end it.
        const env = mode === 'idle' ? { [NO_DEATH_SIGNAL_ENV]: '1' } : {};
        const host = execa(process.execPath, [hostThenDie, name, mode], { reject: false, stdin: 'ignore', buffer: false, env });
        let pid: number | undefined;
        try {
          pid = await new Promise<number>((resolve, reject) => {
            host.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
            void host.then((result) => reject(new Error(`host ended early: ${String(result.stderr)}`)));
          });
          expect(isRunning(pid)).toBe(true);
          host.kill('SIGKILL');
          await host;
          expect(await waitUntilGone(pid, 10_000), `plugin ${pid} outlived its host`).toBe(true);
        } finally {
          host.kill('SIGKILL');
          if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
        }
      });
    }

    it('is restarted by the supervisor after a crash, with the recovery recorded', async () => {
      await using plugin = await Supervisor.start(target, { faultInjection: true }, { restart: { initialDelayMs: 10 } });
      const firstPid = plugin.pid;
      await expectCode(plugin.call('fault:crash', []), 'CRASHED');
      expect(await plugin.call('revert', ['abc'], { timeoutMs: 30_000 })).toBe('cba');
      expect(plugin.pid).not.toBe(firstPid);
      expect(plugin.recoveries).toMatchObject([{ cause: 'crash', attempt: 1 }]);
      expect(plugin.recoveries[0]!.message).toContain(`exited with code ${CRASH_EXIT_CODE}`);
    });

    // What a hang does is the descriptor's `hang`: each kind a process target declares is checked here.
    it('declares a hang behaviour this file checks', () => {
      expect(['killed-and-restarted', 'thread-left-running']).toContain(target.capabilities.hang);
    });

    if (target.capabilities.hang === 'killed-and-restarted') {
      it('is killed and restarted by the supervisor when it stops answering', async () => {
        await using plugin = await Supervisor.start(target, { faultInjection: true }, { restart: { initialDelayMs: 10 } });
        const hungPid = plugin.pid!;
        const lost = expectCode(plugin.call('fault:stall', []), 'CRASHED');
        await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
        expect(await plugin.call('revert', ['abc'], { timeoutMs: 30_000 })).toBe('cba');
        expect((await lost).message).toContain('stopped answering');
        expect(plugin.recoveries).toMatchObject([{ cause: 'unresponsive' }]);
        expect(await waitUntilGone(hungPid, 10_000)).toBe(true);
      });
    }

    if (target.capabilities.hang === 'thread-left-running') {
      it('keeps answering after a hung call, its busy thread left running, and is not restarted', async () => {
        await using plugin = await Supervisor.start(target, { faultInjection: true }, { restart: { initialDelayMs: 10 } });
        const pid = plugin.pid!;
        await expectCode(plugin.call('fault:hang', [], { timeoutMs: 300 }), 'TIMEOUT');
        expect(await plugin.call('revert', ['abc'], { timeoutMs: 30_000 })).toBe('cba');
        expect(await plugin.health({ timeoutMs: 30_000 })).toMatchObject({ ok: true });
        expect(plugin.pid).toBe(pid);
        expect(plugin.recoveries).toEqual([]);
      });
    }

    it('swaps to a fresh process without failing calls in flight', async () => {
      await using plugin = await Supervisor.start(target, { faultInjection: true });
      const oldPid = plugin.pid!;
      const inFlight = Array.from({ length: 10 }, () => plugin.call('fault:sleep', [200]));
      await plugin.swap();
      const after = await plugin.call('revert', ['ab']);
      expect(await Promise.all(inFlight)).toEqual(inFlight.map(() => 'slept'));
      expect(after).toBe('ba');
      expect(plugin.pid).not.toBe(oldPid);
      expect(await waitUntilGone(oldPid, 10_000)).toBe(true);
    });
  });
}

describe('process targets under test', () => {
  it('includes the out-of-process targets', () => {
    expect(processTargets.map(({ name }) => name).sort()).toEqual([
      'go-netrpc',
      'go-plugin',
      'go-stdio-rpc',
      'mq',
      'mq-python',
      'nats',
      'stdio-rpc',
      'stdio-rpc-python',
      'tcp-jsonrpc',
      'tcp-rpc',
      'tcp-rpc-python',
      'uds-jsonrpc',
      'uds-rpc',
    ]);
  });
});

