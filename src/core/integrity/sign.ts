/** Signs a plugin folder: writes its manifest (canonical JSON) and the Ed25519 signature of those bytes. */
import { sign } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from './canonical-json.js';
import { keyIdOf, loadPrivateKey } from './keys.js';
import { hashPluginFiles, MANIFEST_FILE, MANIFEST_FORMAT, SIGNATURE_FILE, type Manifest } from './manifest.js';

export interface SignResult {
  dir: string;
  manifestPath: string;
  signaturePath: string;
  keyId: string;
  files: string[];
}

/** `privateKey` is the path of a PEM file (or PEM text). Re-signing replaces the old manifest. */
export async function signPluginDir(dir: string, privateKey: string): Promise<SignResult> {
  const key = await loadPrivateKey(privateKey);
  const root = path.resolve(dir);
  const manifest: Manifest = { format: MANIFEST_FORMAT, algorithm: 'sha256', keyId: keyIdOf(key), files: Object.fromEntries(await hashPluginFiles(root)) };
  const bytes = Buffer.from(canonicalJson(manifest), 'utf8');
  const signature = sign(null, bytes, key).toString('base64');
  const manifestPath = path.join(root, MANIFEST_FILE);
  const signaturePath = path.join(root, SIGNATURE_FILE);
  await writeFile(manifestPath, bytes);
  await writeFile(signaturePath, `${signature}\n`);
  return { dir: root, manifestPath, signaturePath, keyId: manifest.keyId, files: Object.keys(manifest.files) };
}
