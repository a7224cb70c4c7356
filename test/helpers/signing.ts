/** Throwaway keys and plugin folders for the signing tests; every folder is removed by its disposer. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateSigningKeys, type SigningKeyPair } from '../../src/core/integrity/keys.js';

export interface TempDir extends AsyncDisposable {
  path: string;
}

export async function tempDir(prefix = 'plugbench-test-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { path: dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}

export function keyPair(): SigningKeyPair {
  return generateSigningKeys();
}

/** Writes `files` (relative path -> content) under `dir`. */
export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await import('node:fs/promises').then(({ mkdir }) => mkdir(path.dirname(path.join(dir, name)), { recursive: true }));
    await writeFile(path.join(dir, name), content);
  }
}

/** Flips one bit of the byte at `offset` of `file` (default: the middle). */
export async function flipByte(file: string, offset?: number): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(file);
  const at = offset ?? Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x01;
  await writeFile(file, bytes);
}
