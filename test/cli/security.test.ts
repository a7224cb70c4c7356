/** The security commands through the real binary: keygen, sign, verify, demo --require-signed, audit, list. */
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/signing.js';

const bin = new URL('../../bin/run.js', import.meta.url).pathname;
const plugbench = (...args: string[]) => execa('node', [bin, ...args], { reject: false, timeout: 60_000 });

const PLUGIN = 'export function revert(t) { return Array.from(t).reverse().join(""); }\nexport function exit() {}\n';

describe('plugbench keygen / sign / verify / demo --require-signed', () => {
  it('signs a plugin, runs it signed, and refuses it once a byte changed', async () => {
    await using dir = await tempDir();
    const keys = path.join(dir.path, 'keys');
    const plugin = path.join(dir.path, 'plugin');
    const pub = path.join(keys, 'plugbench-signing.pub');
    const file = path.join(plugin, 'plugin.mjs');
    expect((await plugbench('keygen', '--out', keys)).exitCode).toBe(0);
    expect((await plugbench('keygen', '--out', keys)).stderr).toContain('--force');

    await (await import('node:fs/promises')).mkdir(plugin);
    await writeFile(file, PLUGIN);
    expect((await plugbench('sign', plugin, '--key', path.join(keys, 'plugbench-signing.key'))).exitCode).toBe(0);
    expect((await plugbench('verify', plugin, '--pub', pub)).exitCode).toBe(0);
    const signedRun = await plugbench('demo', 'worker', '--plugin', file, '--require-signed', '--pub', pub, '--input', 'ab');
    expect(signedRun.exitCode, signedRun.stderr).toBe(0);
    expect(signedRun.stdout).toMatch(/verify .*1 files signed by key/);
    expect(signedRun.stdout).toContain('"ba"');

    await appendFile(file, '// one more line\n');
    const verify = await plugbench('verify', plugin, '--pub', pub);
    expect(verify.exitCode).toBe(2);
    expect(verify.stderr).toMatch(/INTEGRITY_FAILED: .*plugin\.mjs/);
    const refused = await plugbench('demo', 'dynamic-import', '--plugin', file, '--require-signed', '--pub', pub);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/INTEGRITY_FAILED: .*plugin\.mjs/);
  });

  it('demo --require-signed without --pub is a usage error', async () => {
    const { exitCode, stderr } = await plugbench('demo', 'worker', '--require-signed');
    expect(exitCode).toBe(2);
    expect(stderr).toContain('--pub');
  });

  it('demo --sandbox on a target without a sandbox refuses instead of running unsandboxed', async () => {
    const { exitCode, stderr } = await plugbench('demo', 'in-process', '--sandbox');
    expect(exitCode).toBe(2);
    expect(stderr).toContain('UNAVAILABLE');
  });
});

describe('plugbench list and audit', () => {
  it('list --json shows each target\'s protections, signature-check on all of them', async () => {
    const { stdout, exitCode } = await plugbench('list', '--json');
    expect(exitCode).toBe(0);
    const rows = JSON.parse(stdout) as { name: string; capabilities: { protections: string[] } | null }[];
    for (const row of rows.filter((candidate) => candidate.capabilities)) expect(row.capabilities!.protections, row.name).toContain('signature-check');
  });

  it('audit --json returns isolation rows measured on the target', async () => {
    const { stdout, exitCode, stderr } = await plugbench('audit', '--targets', 'worker', '--probes', 'change-host-globals', '--variants', 'plain', '--json');
    expect(exitCode, stderr).toBe(0);
    const audit = JSON.parse(stdout) as { results: { target: string; suite: string; metric: string; params: { outcome: string } }[] };
    expect(audit.results).toEqual([expect.objectContaining({ target: 'worker', suite: 'isolation', metric: 'change-host-globals', params: expect.objectContaining({ outcome: 'blocked' }) })]);
  });
});
