/**
 * The signed manifest: the SHA-256 of every file in a plugin's folder, by path
 * relative to the folder (POSIX separators). The manifest and its signature sit
 * in the folder and are the only files it does not list.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PluginError } from '../errors.js';

export const MANIFEST_FILE = 'plugbench-manifest.json';
export const SIGNATURE_FILE = 'plugbench-manifest.sig';
export const MANIFEST_FORMAT = 'plugbench-manifest/1';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** Digest used for every entry of `files`. */
  algorithm: 'sha256';
  /** Which key signed it (first 16 hex digits of the SHA-256 of the public key), so a mismatch can say so. */
  keyId: string;
  /** Relative path -> lowercase hex SHA-256 of the file's bytes. */
  files: Record<string, string>;
}

const UNLISTED = new Set([MANIFEST_FILE, SIGNATURE_FILE]);

/**
 * Hashes every file under `dir` (following file symlinks; a symlinked folder is
 * refused), sorted by path. A Map, not a plain object: a file may be called
 * `__proto__` or `toString`, and a name from outside is never looked up on a prototype.
 */
export async function hashPluginFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await walk(dir, '', files);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function walk(root: string, relative: string, into: Map<string, string>): Promise<void> {
  const here = path.join(root, relative);
  let entries;
  try {
    entries = await readdir(here, { withFileTypes: true });
  } catch (error) {
    throw new PluginError('INTEGRITY_FAILED', `plugin folder ${here} cannot be read: ${(error as Error).message}`, {
      cause: error,
      data: { dir: root, file: relative || '.' },
    });
  }
  for (const entry of entries) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (!relative && UNLISTED.has(entry.name)) continue;
    const full = path.join(root, name);
    if (entry.isDirectory()) {
      await walk(root, name, into);
    } else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(full)).isFile())) {
      into.set(name, createHash('sha256').update(await readFile(full)).digest('hex'));
    } else {
      throw new PluginError('INTEGRITY_FAILED', `${name} in ${root} is neither a file nor a folder (symlinked folders are not signed)`, {
        data: { dir: root, file: name },
      });
    }
  }
}

export function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    candidate.format === MANIFEST_FORMAT &&
    candidate.algorithm === 'sha256' &&
    typeof candidate.keyId === 'string' &&
    typeof candidate.files === 'object' &&
    candidate.files !== null &&
    Object.values(candidate.files).every((digest) => typeof digest === 'string')
  );
}
