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
    const { stdout, exitCode, stderr } = await plugbench('health', '--connect', plugin.endpoint, '--deadline', '5000');
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
    const { stdout, exitCode, stderr } = await plugbench('demo', 'mq', '--connect', plugin.endpoint, '--json');
    expect(exitCode, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ output: 'live on time ,emit no eviL' });
    expect(await plugin.call('revert', ['ab'])).toBe('ba');
  });

  it('refuses --connect on a target that cannot use it', async () => {
    const { exitCode, stderr } = await plugbench('demo', 'worker', '--connect', 'tcp://127.0.0.1:1');
    expect(exitCode).toBe(2);
    expect(stderr).toContain('--connect');
  });
});
