/** `plugbench keygen`: writes a new key pair, the private half readable only by its owner. */
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
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

/**
 * Writes both keys into `dir`; refuses to replace existing ones unless `force`
 * (a lost key cannot be re-made). Both files are checked before either is
 * written, so a refusal leaves the folder as it was.
 */
export async function writeSigningKeys(dir: string, options: { force?: boolean } = {}): Promise<WrittenKeys> {
  const privateKeyPath = path.resolve(dir, PRIVATE_KEY_FILE);
  const publicKeyPath = path.resolve(dir, PUBLIC_KEY_FILE);
  if (!options.force) {
    for (const file of [privateKeyPath, publicKeyPath]) {
      if (await exists(file)) throw alreadyExists(file);
    }
  }
  const keys = generateSigningKeys();
  await mkdir(dir, { recursive: true });
  await writeReplacing(privateKeyPath, keys.privateKeyPem, 0o600, options.force ?? false);
  await writeReplacing(publicKeyPath, keys.publicKeyPem, 0o644, options.force ?? false);
  return { privateKeyPath, publicKeyPath, keyId: keys.keyId };
}

function alreadyExists(file: string, cause?: unknown): PluginError {
  return new PluginError('INVALID_INPUT', `${file} already exists; pass --force to replace it, or --out another folder`, cause === undefined ? {} : { cause });
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes a new file with `mode` (a mode applies only when a file is created, so
 * an old 0644 key is never reused: the text goes to a fresh file renamed over it).
 * Without `replace`, an existing file is refused (EEXIST) rather than overwritten.
 */
async function writeReplacing(file: string, text: string, mode: number, replace: boolean): Promise<void> {
  if (!replace) {
    await writeFile(file, text, { mode, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EEXIST' ? alreadyExists(file, error) : error;
    });
    return;
  }
  const temporary = `${file}.${process.pid}.new`;
  try {
    await writeFile(temporary, text, { mode, flag: 'wx' });
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}
