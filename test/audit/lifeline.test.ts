/**
 * The audit's probe hosts have the same guarantee as every plugin: SIGKILL the
 * audit while its probe host spins in an endless loop on its own thread, and
 * the probe host is gone (a parent-death signal; its stdin lifeline covers hosts that are not stuck).
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { childrenOf, commandLine, cpuTicks, isRunning, waitUntilGone } from '../helpers/process.js';
import { PLUGBENCH_BIN } from '../helpers/run-cli.js';

/** Clock ticks (1/100 s) of CPU past which the probe host is in the loop, not still starting (which takes well under 1 s of CPU). */
const SPINNING_TICKS = 150;

async function until<T>(what: string, probe: () => T | undefined, boundMs: number): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('plugbench audit, SIGKILLed', () => {
  it('leaves no probe host spinning', async () => {
    // A minute of loop before the probe's deadline: on a loaded machine the probe host may need many seconds to reach the loop.
    const args = ['audit', '--targets', 'in-process', '--probes', 'endless-loop', '--variants', 'plain', '--loop-timeout', '60000'];
    const audit = execa('node', [PLUGBENCH_BIN, ...args], { reject: false });
    let host: number | undefined;
    try {
      host = await until('a probe host', () => childrenOf(audit.pid!).find((child) => commandLine(child).includes('probe-host.js')), 60_000);
      await until('the probe host spinning', () => (cpuTicks(host!) >= SPINNING_TICKS || !isRunning(host!) ? true : undefined), 30_000);
      expect(isRunning(host), 'the probe host ended before the audit was killed').toBe(true);
      audit.kill('SIGKILL');
      await audit;
      expect(await waitUntilGone(host, 10_000)).toBe(true);
    } finally {
      audit.kill('SIGKILL');
      if (host !== undefined && isRunning(host)) process.kill(host, 'SIGKILL');
    }
  });
});
