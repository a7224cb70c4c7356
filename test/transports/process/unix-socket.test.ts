/**
 * The Unix-socket targets: each plugin's socket lives in a private 0700 folder
 * made for its start, and the folder is gone after a stop, a crash, a host
 * killed outright, and (left by a plugin killed with its host) at the next start.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { PluginHandle } from '../../../src/core/transport.js';
import { findTarget } from '../../../transports/catalog.js';
import { NO_DEATH_SIGNAL_ENV } from '../../../transports/process/death-signal.js';
import { DIR_PREFIX } from '../../../transports/process/unix-socket-dir.js';
import { isRunning, waitUntilGone } from '../../helpers/process.js';

const hostThenDie = new URL('../../fixtures/process/host-then-die.mjs', import.meta.url).pathname;
const BOUND_MS = 10_000;

/** The socket a started plugin announced in its handshake. */
function socketOf(handle: PluginHandle): string {
  const line = handle.startupSteps.find((step) => step.name === 'handshake')?.detail ?? '';
  const [, , network, address] = line.split('|');
  expect(network).toBe('unix');
  return address!;
}

async function goneWithin(file: string, boundMs: number): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  while (existsSync(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return !existsSync(file);
}

describe('socket folders left by a host that is gone', () => {
  // First in this file: a host sweeps once, at its first Unix-socket start.
  it('are removed when this host first starts a Unix-socket plugin', async () => {
    // A pid that no process has: the kernel's pid_max is far below it.
    const leftover = path.join(os.tmpdir(), `${DIR_PREFIX}2147483600-test`);
    mkdirSync(leftover, { mode: 0o700, recursive: true });
    const plugin = await (await findTarget('uds-jsonrpc')!.load()).start();
    await plugin.stop();
    expect(existsSync(leftover)).toBe(false);
  });
});

for (const name of ['uds-jsonrpc', 'uds-rpc']) {
  describe(`${name}: the socket folder`, () => {
    it('is private (0700, ours), holds only the socket, and is removed by stop', async () => {
      const plugin = await (await findTarget(name)!.load()).start();
      const dir = path.dirname(socketOf(plugin));
      try {
        expect(await plugin.call('revert', ['abc'])).toBe('cba');
        const stat = statSync(dir);
        expect(stat.mode & 0o777).toBe(0o700);
        expect(stat.uid).toBe(process.getuid!());
        // The JSON-RPC runner stops listening (which unlinks the socket) once its one host is connected.
        for (const entry of readdirSync(dir)) expect(statSync(path.join(dir, entry)).isSocket()).toBe(true);
      } finally {
        await plugin.stop();
      }
      expect(existsSync(dir)).toBe(false);
    });

    it('is removed when the plugin crashes', async () => {
      const plugin = await (await findTarget(name)!.load()).start({ faultInjection: true });
      const dir = path.dirname(socketOf(plugin));
      try {
        await plugin.call('fault:crash', []).catch(() => {});
        await plugin.exited;
        expect(await goneWithin(dir, BOUND_MS)).toBe(true);
      } finally {
        await plugin.stop();
      }
    });

    it('is removed by the plugin when its host is killed with SIGKILL', async () => {
      const host = execa(process.execPath, [hostThenDie, name, 'idle'], { reject: false, stdin: 'ignore', buffer: false, env: { [NO_DEATH_SIGNAL_ENV]: '1' } });
      let pid: number | undefined;
      try {
        pid = await new Promise<number>((resolve, reject) => {
          host.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
          void host.then((result) => reject(new Error(`host ended early: ${String(result.stderr)}`)));
        });
        const dirs = hostDirs(host.pid!);
        expect(dirs).toHaveLength(1);
        host.kill('SIGKILL');
        await host;
        expect(await waitUntilGone(pid, BOUND_MS)).toBe(true);
        expect(await goneWithin(dirs[0]!, BOUND_MS)).toBe(true);
      } finally {
        host.kill('SIGKILL');
        if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
      }
    });
  });
}

function hostDirs(hostPid: number): string[] {
  return readdirSync(os.tmpdir()).filter((entry) => entry.startsWith(`${DIR_PREFIX}${hostPid}-`)).map((entry) => path.join(os.tmpdir(), entry));
}
