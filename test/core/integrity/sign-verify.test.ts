/** Signing and verification: every kind of tampering is refused with INTEGRITY_FAILED naming the file. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/integrity/canonical-json.js';
import { MANIFEST_FILE, SIGNATURE_FILE } from '../../../src/core/integrity/manifest.js';
import { signPluginDir } from '../../../src/core/integrity/sign.js';
import { verifyPluginDir } from '../../../src/core/integrity/verify.js';
import { expectCode } from '../../helpers/expect-code.js';
import { flipByte, keyPair, tempDir, writeFiles } from '../../helpers/signing.js';

const PLUGIN = {
  'plugin.mjs': 'export function revert(t) { return Array.from(t).reverse().join(""); }\nexport function exit() {}\n',
  'lib/helper.mjs': 'export const helper = 1;\n',
  'README.md': '# a plugin\n',
};

async function signedPlugin() {
  const dir = await tempDir();
  const keys = keyPair();
  await writeFiles(dir.path, PLUGIN);
  const signed = await signPluginDir(dir.path, keys.privateKeyPem);
  return { dir, keys, signed };
}

describe('sign and verify', () => {
  it('lists every file but the manifest and signature, and verifies untouched', async () => {
    const { dir, keys, signed } = await signedPlugin();
    await using _ = dir;
    expect(signed.files.sort()).toEqual(Object.keys(PLUGIN).sort());
    const verified = await verifyPluginDir(dir.path, keys.publicKeyPem);
    expect(verified.keyId).toBe(keys.keyId);
    expect(verified.files.sort()).toEqual(Object.keys(PLUGIN).sort());
  });

  it('writes the manifest as canonical JSON, so the signed bytes are reproducible', async () => {
    const { dir } = await signedPlugin();
    await using _ = dir;
    const text = await readFile(path.join(dir.path, MANIFEST_FILE), 'utf8');
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('refuses one changed byte, naming the file', async () => {
    const { dir, keys } = await signedPlugin();
    await using _ = dir;
    await flipByte(path.join(dir.path, 'lib/helper.mjs'));
    const error = await expectCode(verifyPluginDir(dir.path, keys.publicKeyPem), 'INTEGRITY_FAILED');
    expect(error.message).toContain('lib/helper.mjs');
    expect(error.data).toMatchObject({ file: 'lib/helper.mjs', problems: [{ file: 'lib/helper.mjs', problem: 'changed' }] });
  });

  it('refuses an added file, naming it', async () => {
    const { dir, keys } = await signedPlugin();
    await using _ = dir;
    await writeFile(path.join(dir.path, 'lib', 'extra.mjs'), 'globalThis.evil = 1;\n');
    const error = await expectCode(verifyPluginDir(dir.path, keys.publicKeyPem), 'INTEGRITY_FAILED');
    expect(error.message).toContain('lib/extra.mjs');
    expect(error.message).toContain('added');
  });

  // Names a plain object answers from its prototype: an `in` check would call them signed.
  const INHERITED_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each(INHERITED_NAMES)('refuses an unsigned added file named %s', async (name) => {
    const { dir, keys } = await signedPlugin();
    await using _ = dir;
    await writeFile(path.join(dir.path, name), 'globalThis.evil = 1;\n');
    const error = await expectCode(verifyPluginDir(dir.path, keys.publicKeyPem), 'INTEGRITY_FAILED');
    expect(error.data).toMatchObject({ file: name, problems: [{ file: name, problem: 'added' }] });
  });

  it('signs files with those names, and sees them changed or missing', async () => {
    await using dir = await tempDir();
    const keys = keyPair();
    await writeFiles(dir.path, Object.fromEntries(INHERITED_NAMES.map((name) => [name, `${name}\n`])));
    const signed = await signPluginDir(dir.path, keys.privateKeyPem);
    expect(signed.files.sort()).toEqual([...INHERITED_NAMES].sort());
    expect((await verifyPluginDir(dir.path, keys.publicKeyPem)).files.sort()).toEqual([...INHERITED_NAMES].sort());
    await flipByte(path.join(dir.path, 'toString'));
    await rm(path.join(dir.path, '__proto__'));
    const error = await expectCode(verifyPluginDir(dir.path, keys.publicKeyPem), 'INTEGRITY_FAILED');
    expect((error.data as { problems: unknown[] }).problems).toEqual(
      expect.arrayContaining([
        { file: 'toString', problem: 'changed' },
        { file: '__proto__', problem: 'missing' },
      ]),
    );
  });

  it('refuses a missing file, naming it', async () => {
    const { dir, keys } = await signedPlugin();
    await using _ = dir;
    await rm(path.join(dir.path, 'README.md'));
    const error = await expectCode(verifyPluginDir(dir.path, keys.publicKeyPem), 'INTEGRITY_FAILED');
    expect(error.message).toContain('README.md');
    expect(error.message).toContain('missing');
  });

  it('refuses a folder signed by another key, saying which key signed it', async () => {
    const { dir, signed } = await signedPlugin();
    await using _ = dir;
    const other = keyPair();
    const error = await expectCode(verifyPluginDir(dir.path, other.publicKeyPem), 'INTEGRITY_FAILED');
    expect(error.message).toContain(SIGNATURE_FILE);
    expect(error.message).toContain(signed.keyId);
    expect(error.message).toContain(other.keyId);
  });

  it('refuses a manifest edited to match a tampered file (the signature covers the manifest)', async () => {
    const { dir, keys } = await signedPlugin();
    await using _ = dir;
    const manifestPath = path.join(dir.path, MANIFEST_FILE);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: Record<string, string> };
    await writeFile(path.join(dir.path, 'plugin.mjs'), 'export function revert() { return "pwned"; }\nexport function exit() {}\n');
    const { createHash } = await import('node:crypto');
    manifest.files['plugin.mjs'] = createHash('sha256').update(await readFile(path.join(dir.path, 'plugin.mjs'))).digest('hex');
    await writeFile(manifestPath, canonicalJson(manifest));
    const error = await expectCode(verifyPluginDir(dir.path, keys.publicKeyPem), 'INTEGRITY_FAILED');
    expect(error.message).toContain('bad signature');
  });

  it('refuses a missing signature and a missing manifest, naming the file', async () => {
    const { dir, keys } = await signedPlugin();
    await using _ = dir;
    await rm(path.join(dir.path, SIGNATURE_FILE));
    expect((await expectCode(verifyPluginDir(dir.path, keys.publicKeyPem), 'INTEGRITY_FAILED')).message).toContain(SIGNATURE_FILE);
    await rm(path.join(dir.path, MANIFEST_FILE));
    expect((await expectCode(verifyPluginDir(dir.path, keys.publicKeyPem), 'INTEGRITY_FAILED')).message).toContain(MANIFEST_FILE);
  });

  it('refuses a key that is not Ed25519 with INVALID_INPUT', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { dir } = await signedPlugin();
    await using _ = dir;
    await expectCode(verifyPluginDir(dir.path, publicKey.export({ type: 'spki', format: 'pem' }).toString()), 'INVALID_INPUT');
  });
});
