/** keygen and verify refuse what would weaken signing: a half-written key pair, a readable private key, a private key given as the public one. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from '../../src/core/integrity/key-files.js';
import { runPlugbench } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/signing.js';

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe('plugbench keygen', () => {
  it('refusing because the .pub exists writes no private key', async () => {
    await using dir = await tempDir();
    await writeFile(path.join(dir.path, PUBLIC_KEY_FILE), 'an old public key\n');
    const refused = await runPlugbench(['keygen', '--out', dir.path]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`${PUBLIC_KEY_FILE} already exists; pass --force`);
    await expect(stat(path.join(dir.path, PRIVATE_KEY_FILE))).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(dir.path, PUBLIC_KEY_FILE), 'utf8')).toBe('an old public key\n');
  });

  it('--force replaces a private key that was readable by others with one only its owner reads (0600)', async () => {
    await using dir = await tempDir();
    const privateKey = path.join(dir.path, PRIVATE_KEY_FILE);
    await writeFile(privateKey, 'an old private key\n', { mode: 0o644 });
    expect(await mode(privateKey)).toBe(0o644);
    const forced = await runPlugbench(['keygen', '--out', dir.path, '--force']);
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(await mode(privateKey)).toBe(0o600);
    expect(await readFile(privateKey, 'utf8')).toContain('BEGIN PRIVATE KEY');
  });
});

describe('plugbench verify', () => {
  it('refuses a private key given as --pub with one clear line', async () => {
    await using dir = await tempDir();
    expect((await runPlugbench(['keygen', '--out', dir.path])).exitCode).toBe(0);
    await writeFile(path.join(dir.path, 'plugin.mjs'), 'export function revert(t) { return t; }\n');
    expect((await runPlugbench(['sign', dir.path, '--key', path.join(dir.path, PRIVATE_KEY_FILE)])).exitCode).toBe(0);
    const refused = await runPlugbench(['verify', dir.path, '--pub', path.join(dir.path, PRIVATE_KEY_FILE)]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/INVALID_INPUT: .*plugbench-signing\.key is a private key; verifying takes the public key/);
    expect((await runPlugbench(['verify', dir.path, '--pub', path.join(dir.path, PUBLIC_KEY_FILE)])).exitCode).toBe(0);
  });
});
