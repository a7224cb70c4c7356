/** Runs the real plugbench binary. */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../bin/run.js', import.meta.url).pathname;
const plugbench = (...args: string[]) => execa('node', [bin, ...args], { reject: false, timeout: 60_000 });

describe('plugbench CLI', () => {
  it('lists every command in --help', async () => {
    const { stdout, exitCode } = await plugbench('--help');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/\blist\b/);
    expect(stdout).toMatch(/\bdemo\b/);
  });

  it('lists the foundation targets as available in --json', async () => {
    const { stdout, exitCode } = await plugbench('list', '--json');
    expect(exitCode).toBe(0);
    const rows = JSON.parse(stdout) as { name: string; family: string; available: boolean; reason: string | null; description: string }[];
    for (const name of ['in-process', 'dynamic-import', 'worker']) {
      const row = rows.find((r) => r.name === name);
      expect(row, name).toMatchObject({ available: true, reason: null });
      expect(row!.description.length).toBeGreaterThan(10);
    }
    for (const row of rows) expect(['in-process', 'thread', 'process', 'embedded']).toContain(row.family);
  });

  it('demo worker narrates the lifecycle and prints the reversed seed', async () => {
    const { stdout, exitCode } = await plugbench('demo', 'worker');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('"live on time ,emit no eviL"');
    for (const step of ['spawn', 'handshake', 'call', 'result', 'stop']) expect(stdout).toContain(step);
  });

  it('demo --json gives the documented shape, with the median of --calls', async () => {
    const { stdout, exitCode } = await plugbench('demo', 'in-process', '--input', 'a😀b', '--calls', '5', '--json');
    expect(exitCode).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ target: 'in-process', input: 'a😀b', output: 'b😀a', calls: 5 });
    for (const key of ['startMs', 'callMs', 'stopMs']) expect(typeof result.timings[key]).toBe('number');
  });

  it('demo --method revertWithPrefix shows the callback', async () => {
    const { stdout, exitCode } = await plugbench('demo', 'worker', '--method', 'revertWithPrefix', '--input', 'abc');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/plugin -> host getConfig\("prefix"\)/);
    expect(stdout).toContain('"reverted: cba"');
  });

  it('refuses an unknown target with one line that lists the valid names', async () => {
    const { stderr, exitCode } = await plugbench('demo', 'nope');
    expect(exitCode).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('valid targets: in-process, dynamic-import, worker');
  });

  it('refuses a bad flag value with one line and a non-zero exit', async () => {
    const { stderr, exitCode } = await plugbench('demo', 'worker', '--calls', '0');
    expect(exitCode).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--calls');
  });
});
