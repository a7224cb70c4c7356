/** `plugbench keygen`: writes a new key pair, the private half readable only by its owner. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PluginError } from '../errors.js';
import { generateSigningKeys } from './keys.js';

export const PRIVATE_KEY_FILE = 'plugbench-signing.key';
export const PUBLIC_KEY_FILE = 'plugbench-signing.pub';

export interface WrittenKeys {
  privateKeyPath: string;
  publicKeyPath: string;
  keyId: string;
}

/** Writes both keys into `dir`; refuses to replace existing ones unless `force` (a lost key cannot be re-made). */
export async function writeSigningKeys(dir: string, options: { force?: boolean } = {}): Promise<WrittenKeys> {
  const keys = generateSigningKeys();
  const privateKeyPath = path.resolve(dir, PRIVATE_KEY_FILE);
  const publicKeyPath = path.resolve(dir, PUBLIC_KEY_FILE);
  await mkdir(dir, { recursive: true });
  const flag = options.force ? 'w' : 'wx';
  try {
    await writeFile(privateKeyPath, keys.privateKeyPem, { mode: 0o600, flag });
    await writeFile(publicKeyPath, keys.publicKeyPem, { mode: 0o644, flag });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new PluginError('INVALID_INPUT', `${(error as NodeJS.ErrnoException).path ?? dir} already exists; pass --force to replace it, or --out another folder`, { cause: error });
    }
    throw error;
  }
  return { privateKeyPath, publicKeyPath, keyId: keys.keyId };
}
