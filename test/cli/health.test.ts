/** `plugbench health` and `demo --connect`, through the real binary. */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { PluginHandle } from '../../src/core/transport.js';
import { loadTarget } from '../helpers/targets.js';

const mqTarget = await loadTarget('mq');
/** A running mq plugin: its handle says where another host can connect. */
const startMq = async () => (await mqTarget.start()) as PluginHandle & { endpoint: string };

const bin = new URL('../../bin/run.js', import.meta.url).pathname;
const plugbench = (...args: string[]) => execa('node', [bin, ...args], { reject: false, timeout: 120_000 });
/** The CLI reads a running plugin's secret from PLUGBENCH_CONNECT_SECRET, never from its command line. */
const withSecret = (secret: string | undefined, ...args: string[]) =>
  execa('node', [bin, ...args], { reject: false, timeout: 120_000, env: { PLUGBENCH_CONNECT_SECRET: secret } });

describe('plugbench health', () => {
  it('--json reports every out-of-process target answering', async () => {
    const { stdout, exitCode, stderr } = await plugbench('health', '--json');
    expect(exitCode, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.allAnswering).toBe(true);
    expect(report.members.map((m: { name: string }) => m.name)).toContain('mq');
    for (const member of report.members) expect(member.pid).toBeGreaterThan(0);
    for (const answer of report.survey) expect(answer).toMatchObject({ status: 'answered' });
    expect(report.restarts).toEqual([]);
  });

  it('surveys a plugin given by endpoint, and leaves it running', async () => {
    await using plugin = await startMq();
    const { stdout, exitCode, stderr } = await withSecret(plugin.secret, 'health', '--connect', plugin.endpoint, '--deadline', '5000');
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toContain(`mq@${plugin.endpoint}`);
    expect(stdout).toMatch(/answered in/);
    expect(stdout).toContain('all 1 plugin answering');
    expect(await plugin.call('revert', ['still up'])).toBe('pu llits');
  });

  it('refuses an unknown target with the list of valid ones, exit 2', async () => {
    const { stderr, exitCode } = await plugbench('health', '--targets', 'nope');
    expect(exitCode).toBe(2);
    expect(stderr).toContain('mq');
  });
});

describe('plugbench demo mq', () => {
  it('narrates spawn, handshake, connect and the callback, and prints the reversed string', async () => {
    const { stdout, exitCode } = await plugbench('demo', 'mq', '--method', 'revertWithPrefix');
    expect(exitCode).toBe(0);
    for (const step of ['spawn', 'handshake', '|zmq', 'connect', 'getConfig("prefix")']) expect(stdout).toContain(step);
    expect(stdout).toContain('"reverted: live on time ,emit no eviL"');
  });

  it('--connect reaches a running plugin instead of starting one', async () => {
    await using plugin = await startMq();
    const { stdout, exitCode, stderr } = await withSecret(plugin.secret, 'demo', 'mq', '--connect', plugin.endpoint, '--json');
    expect(exitCode, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ output: 'live on time ,emit no eviL' });
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });

  it('--connect without the secret is one line and exit 2; with a wrong one, a typed refusal; the plugin serves on', async () => {
    await using plugin = await startMq();
    const missing = await withSecret(undefined, 'demo', 'mq', '--connect', plugin.endpoint);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('PLUGBENCH_CONNECT_SECRET');
    const wrong = await withSecret('ab'.repeat(32), 'demo', 'mq', '--connect', plugin.endpoint, '--json');
    expect(wrong.exitCode).not.toBe(0);
    expect(JSON.parse(wrong.stdout).error).toMatchObject({ code: 'START_FAILED', message: expect.stringContaining('CURVE handshake') });
    const malformed = await withSecret('not-hex', 'demo', 'mq', '--connect', plugin.endpoint);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toContain('64 hex digits');
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });

  it('refuses --connect on a target that cannot use it', async () => {
    const { exitCode, stderr } = await plugbench('demo', 'worker', '--connect', 'tcp://127.0.0.1:1');
    expect(exitCode).toBe(2);
    expect(stderr).toContain('--connect');
  });
});
