/** Node's permission model, as nodeSandboxArgs sets it up: measured on a real node process running the probe. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { nodePermissionArgs, nodeSandboxArgs, permissionFlag } from '../../../src/core/sandbox/node-permission.js';
import { packagePath } from '../../../src/core/runtime-paths.js';
import { tempDir } from '../../helpers/signing.js';

const probeDir = packagePath('sample-plugins', 'probe');

/** Runs `probe.<method>(...args)` in a node process started with `flags`; it prints the result or the error code. */
function runProbe(flags: string[], method: string, args: unknown[]) {
  const script = `import(${JSON.stringify(path.join(probeDir, 'probe-plugin.mjs'))})
    .then((probe) => probe.${method}(...${JSON.stringify(args)}))
    .then((value) => console.log(JSON.stringify({ ok: value })), (error) => console.log(JSON.stringify({ code: error.code })));`;
  return execa(process.execPath, [...flags, '--input-type=module', '-e', script], { reject: false, timeout: 60_000 });
}

async function probeUnder(flags: string[], method: string, args: unknown[]) {
  const result = await runProbe(flags, method, args);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { ok?: unknown; code?: string };
}

describe('nodePermissionArgs', () => {
  it('picks the flag each Node line understands', () => {
    expect(permissionFlag('20.20.2')).toBe('--experimental-permission');
    expect(permissionFlag('22.12.0')).toBe('--experimental-permission');
    expect(permissionFlag('22.13.0')).toBe('--permission');
    expect(permissionFlag('v24.1.0')).toBe('--permission');
  });

  it('grants reading the plugin folder and what plugbench needs to run, nothing else', () => {
    const args = nodePermissionArgs('/plugins/mine', { readable: ['/opt/plugbench/dist'] });
    expect(args.filter((arg) => arg.startsWith('--allow-'))).toEqual(['--allow-fs-read=/plugins/mine', '--allow-fs-read=/opt/plugbench/dist']);
  });

  it('blocks a file read outside the folder and a child process, while the plugin itself runs', async () => {
    await using dir = await tempDir();
    const secret = path.join(dir.path, 'secret.txt');
    await writeFile(secret, 'the secret');
    const sandbox = nodeSandboxArgs(probeDir);
    // Control: without the flags the same probe gets through.
    expect(await probeUnder([], 'probeReadFile', [secret])).toEqual({ ok: 'the secret' });
    expect(await probeUnder(sandbox, 'revert', ['ab'])).toEqual({ ok: 'ba' });
    expect(await probeUnder(sandbox, 'probeReadFile', [secret])).toEqual({ code: 'ERR_ACCESS_DENIED' });
    expect(await probeUnder(sandbox, 'probeSpawn', [])).toEqual({ code: 'ERR_ACCESS_DENIED' });
  });

  it('ends a process that allocates without bound at the sandbox heap limit', async () => {
    const result = await runProbe(nodeSandboxArgs(probeDir), 'probeAllocate', [1024]);
    expect(result.stdout).toBe('');
    expect(result.failed).toBe(true);
    expect(result.stderr).toMatch(/heap/i);
  });
});
